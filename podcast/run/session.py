"""The whole job in one pass: articles in, tagged episodes and a feed out.

A ``session`` is one build run from start to end: ``build`` and ``build_edition`` are
the steps taken inside it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast import catalog
from podcast.catalog import Episode
from podcast.config import Edition, Music, Settings, load_settings
from podcast.edition import EDITION_FEED, plan_edition
from podcast.episode import embedded_cover, write_companions, write_cover
from podcast.errors import ConfigError, EditionError, PodcastError
from podcast.feed import FEED_FILE
from podcast.files import discard_leftovers, prepare_folder, project_lock
from podcast.project import Project
from podcast.run.articles import Made as MadeArticle
from podcast.run.articles import build_articles, current, produce, remember
from podcast.run.episodes import expire_in, sweep
from podcast.run.finish import Progress, Run, sound
from podcast.run.outputs import write_outputs
from podcast.speech import ENGINES, Choice, Engine
from podcast.text import Lexicon, find_articles, project_pronunciations
from podcast.video import Made, render_videos


@dataclass(frozen=True)
class Outcome:
    """What a build did: episodes made or kept, articles that failed, the feed."""

    engine_line: str
    built: tuple[Episode, ...] = ()
    unchanged: tuple[Episode, ...] = ()
    """Episodes kept as they were; those whose article was not read again are the catalog's
    headers (``catalog.headers``: without timeline, parts, sections and cues)."""
    failures: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    feed: Path | None = None
    episodes_in_feed: int = 0
    engine_notes: tuple[str, ...] = ()
    videos: tuple[Made, ...] = ()
    expired: tuple[Episode, ...] = ()
    """Episodes the show's retention settings took down in this build."""
    also_unchanged: int = 0
    """Episodes kept as they were besides those ``unchanged`` lists: counted, not listed
    (serve's builds hand over only their number, not the archive: ``serve/watch.py``)."""


@dataclass
class _Tally:
    built: list[Episode] = field(default_factory=list)
    unchanged: list[Episode] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, results: Sequence[MadeArticle]) -> None:
        """Add each article's episode, made or kept, or its failure, and its warnings."""
        for result in results:
            self.warnings.extend(result.warnings)
            if result.episode is None:
                self.failures.append(str(result.failure))
            else:
                (self.built if result.made else self.unchanged).append(result.episode)


@dataclass
class Session:
    """One build run, open while the project is locked: what every step of it shares."""

    settings: Settings
    run: Run
    choice: Choice
    cover: str
    """The show's cover, as published in audio/."""
    written: dict[Path, int] = field(default_factory=dict)
    """Each feed written on leaving the session, with how many episodes it lists."""
    read: tuple[int, list[Episode]] | None = None
    """The catalog's headers as last read, and the connection's count of changes then."""

    def headers(self) -> list[Episode]:
        """The catalog's headers (catalog.headers), read again only once this build has
        changed the catalog: under the project's lock nothing else changes it."""
        changes = self.run.connection.total_changes
        if self.read is None or self.read[0] != changes:
            self.read = (changes, catalog.headers(self.run.connection))
        return self.read[1]

    def write(self, *, pages: bool = True) -> dict[Path, int]:
        """Write the feeds (and with ``pages`` every other output) from the catalog."""
        run = self.run
        return write_outputs(
            run.project,
            self.settings,
            run.connection,
            self.cover,
            pages=pages,
            headers=self.headers(),
        )


@contextmanager
def session(
    project: Project, engine_name: str, progress: Progress | None, now: datetime | None
) -> Iterator[Session]:
    """A build run: settings loaded and checked, the project locked, audio/ and the cover
    ready, the catalog open. Leaving it without an error writes every output, then deletes
    the files of expired episodes that no feed names any more."""
    settings = load_settings(project.config)
    show = settings.show
    moment = (now or datetime.now(ZoneInfo(show.timezone))).replace(microsecond=0)
    music = _music(settings.music, project)
    lexicon = pronunciations(project, settings)
    with project_lock(project.state):
        prepare_folder(project.audio)
        discard_leftovers(project.audio)
        choice = Choice(engine_name, settings.speech)
        cover = write_cover(show, project.root, project.audio)
        cover_jpeg = embedded_cover(cover)
        connection = catalog.open_catalog(project.catalog)
        try:
            run = Run(project, show, connection, moment, cover_jpeg, settings.pacing, music)
            run = replace(run, progress=progress, pronunciations=lexicon, audio=settings.audio)
            opened = Session(settings, run, choice, cover.name)
            yield opened
            opened.written = opened.write()
            sweep(project.audio, connection)
        finally:
            connection.close()


def build(
    project: Project,
    paths: Sequence[Path] = (),
    engine_name: str = "auto",
    progress: Progress | None = None,
    now: datetime | None = None,
    jobs: int | None = None,
) -> Outcome:
    """Build an episode for every article under ``paths`` (default: seeds/) and write the feed.

    ``jobs`` articles are made at once (default: one per core).
    """
    with session(project, engine_name, progress, now) as opened:
        run, choice, settings = opened.run, opened.choice, opened.settings
        sources, missing = find_articles(paths or [project.seeds])
        tally = _Tally(failures=list(missing))
        expired = catalog.expired_keys(run.connection)
        sources = [source for source in sources if source.name not in expired]
        kept, sources, stamps = current(sources, run, choice.first, opened.headers())
        tally.unchanged.extend(kept.values())
        each_episode = partial(opened.write, pages=False)  # the feed follows every episode
        results = build_articles(sources, choice, run, jobs=jobs, after_each=each_episode)
        tally.count(results)
        remember(results, stamps, run)
        if settings.edition.auto:
            _daily_edition(opened, tally)
        gone = expire_in(run.show, run.connection, run.now)
        every = catalog.episodes(run.connection) if settings.video.auto else []  # read only then
        videos, failed = _videos(opened, every)
        tally.failures.extend(failed)
        tally.warnings.extend(video.note for video in videos if video.note)
    feed = project.audio / FEED_FILE
    return Outcome(
        choice.line,
        tuple(tally.built),
        tuple(tally.unchanged),
        tuple(tally.failures),
        tuple(tally.warnings),
        feed,
        opened.written[feed],
        engine_notes=tuple(choice.notes),
        videos=tuple(videos),
        expired=tuple(gone),
    )


def build_edition(
    project: Project,
    day: date | None = None,
    engine_name: str = "auto",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Build the edition of ``day`` (default: today in the show's time zone) and the feeds."""
    with session(project, engine_name, progress, now) as opened:
        run, choice, edition = opened.run, opened.choice, opened.settings.edition
        today = day or run.now.astimezone(ZoneInfo(run.show.timezone)).date()
        sources = find_articles([project.seeds])[0]
        episode, made, failures, notes = choice.speak(
            lambda engine: edition_of(today, sources, engine, run, edition), "for the edition"
        )
        videos, failed = _videos(opened, [episode])
    feed = project.audio / (EDITION_FEED if edition.separate_feed else FEED_FILE)
    return Outcome(
        choice.line,
        built=(episode,) if made else (),
        unchanged=() if made else (episode,),
        failures=(*failures, *failed),
        warnings=tuple(notes),
        feed=feed,
        episodes_in_feed=opened.written[feed],
        engine_notes=tuple(choice.notes),
        videos=tuple(videos),
    )


def edition_of(
    day: date, sources: Sequence[Path], engine: Engine, run: Run, edition: Edition
) -> tuple[Episode, bool, list[str], list[str]]:
    """Build (or keep) the edition of ``day``: the episode, whether it was made now, the
    day's articles left unread and the notes on making it."""
    script, failures = plan_edition(
        day,
        sources,
        edition,
        show=run.show,
        episodes=catalog.headers(run.connection),
        audio=run.project.audio,
        pacing=run.pacing,
        music=run.music,
        lexicon=run.pronunciations,
        sound=sound(run),
        load=lambda guid: next(iter(catalog.by_guids(run.connection, [guid])), None),
    )
    episode, made, notes = produce(script, engine, run, f"edition {day.isoformat()}")
    write_companions(episode, run.project.audio)
    return episode, made, failures, notes


def _daily_edition(opened: Session, tally: _Tally) -> None:
    """Today's edition, as ``[edition] auto`` asks, with the voice the articles ended with."""
    run = opened.run
    try:
        today = run.now.astimezone(ZoneInfo(run.show.timezone)).date()
        seeds = find_articles([run.project.seeds])[0]
        edition = opened.settings.edition
        episode, made, _, notes = edition_of(today, seeds, opened.choice.engine, run, edition)
    except EditionError:
        return  # no articles today: no edition
    except PodcastError as error:
        tally.failures.append(f"edition: {error}")
        return
    (tally.built if made else tally.unchanged).append(episode)
    tally.warnings.extend(notes)


def _videos(opened: Session, episodes: Sequence[Episode]) -> tuple[list[Made], list[str]]:
    """The videos of ``episodes`` when ``[video] auto`` asks for them, and the failures."""
    if not opened.settings.video.auto:
        return [], []
    return render_videos(opened.run.project, episodes, opened.settings)


def pronunciations(project: Project, settings: Settings) -> Lexicon:
    """The project's pronunciation list, read whole and checked before anything is built."""
    speech = settings.speech
    return project_pronunciations(
        project.root,
        speech.pronunciations,
        speech.default_pronunciations,
        tuple(ENGINES),
        str(project.config),
    )


def _music(music: Music, project: Project) -> Music:
    """The music settings with their files found from the project folder."""
    paths = []
    for part, name in (("intro", music.intro), ("outro", music.outro)):
        path = project.root / name
        if name and not path.is_file():
            raise ConfigError(f"{project.config}: [music] {part} {name!r}: no such file")
        paths.append(str(path) if name else "")
    return replace(music, intro=paths[0], outro=paths[1])
