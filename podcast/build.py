"""The whole job in one pass: articles in, tagged episodes and a feed out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast import catalog
from podcast.audio import pauses
from podcast.catalog import Episode
from podcast.config import Edition, Music, Settings, Show, load_settings
from podcast.edition import EDITION_FEED, plan_edition, write_feeds
from podcast.episode import embedded_cover, publish_cover, slugify, summarize, write_companions
from podcast.errors import ConfigError, EditionError, PodcastError
from podcast.feed import FEED_FILE
from podcast.files import discard_leftovers, prepare_folder, project_lock
from podcast.project import Project
from podcast.render import Progress, Run, Script, render, sound, unchanged
from podcast.site import write_site
from podcast.speech import (
    Auto,
    Engine,
    GaveUp,
    Voice,
    accepted_names,
    make_engine,
    make_espeak,
)
from podcast.speech.synthesis import synthesize
from podcast.text import Article, find_articles, language_warning, read_article, speakable


@dataclass(frozen=True)
class Outcome:
    """What a build did: episodes made or kept, articles that failed, the feed."""

    engine_line: str
    built: tuple[Episode, ...] = ()
    unchanged: tuple[Episode, ...] = ()
    failures: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    feed: Path | None = None
    episodes_in_feed: int = 0
    engine_notes: tuple[str, ...] = ()


@dataclass
class _Tally:
    built: list[Episode] = field(default_factory=list)
    unchanged: list[Episode] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    engine_notes: list[str] = field(default_factory=list)


def build(
    project: Project,
    paths: Sequence[Path] = (),
    engine_name: str = "auto",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Build an episode for every article under ``paths`` (default: seeds/) and write the feed."""
    settings = load_settings(project.config)
    show, edition = settings.show, settings.edition
    music = _music(settings.music, project)
    with project_lock(project.state):
        prepare_folder(project.audio)
        discard_leftovers(project.audio)
        sources, missing = find_articles(paths or [project.seeds])
        tally = _Tally(failures=list(missing))
        voice = _voice(settings)
        chosen = Auto(voice) if engine_name == "auto" else make_engine(engine_name, voice)
        engine, fallback = chosen, engine_name == "auto"
        moment = (now or datetime.now(ZoneInfo(show.timezone))).replace(microsecond=0)
        cover = publish_cover(show, project.root, project.audio)
        cover_jpeg = embedded_cover(cover)
        connection = catalog.open_catalog(project.state / "catalog.db")
        run = Run(project, show, connection, moment, cover_jpeg, settings.pacing, music, progress)
        try:
            for source in sources:
                try:
                    article = read_article(source)
                    try:
                        episode, made = build_episode(article, engine, run)
                    except GaveUp as error:
                        if not fallback or engine.name == make_espeak(voice).name:
                            raise
                        # auto: finish this article and the rest with the offline voice.
                        fallback, engine = False, make_espeak(voice)
                        tally.engine_notes.append(
                            f"engine: espeak from {source.name} on ({error.cause})"
                        )
                        episode, made = build_episode(article, engine, run)
                    write_companions(episode, project.audio)
                except PodcastError as error:
                    tally.failures.append(_naming(source, error))
                    continue
                tally.warnings.extend(run.notes)
                run.notes.clear()
                if warning := language_warning(" ".join(article.paragraphs)):
                    tally.warnings.append(f"{source}: {warning}")
                (tally.built if made else tally.unchanged).append(episode)
                if made:
                    write_feeds(
                        show, catalog.episodes(connection), project.audio, cover.name, edition
                    )
            if edition.auto:
                try:
                    today = moment.astimezone(ZoneInfo(show.timezone)).date()
                    seeds = find_articles([project.seeds])[0]
                    episode, made, _ = edition_of(today, seeds, engine, run, edition)
                    (tally.built if made else tally.unchanged).append(episode)
                except EditionError:
                    pass  # no articles today: no edition
                except PodcastError as error:
                    tally.failures.append(f"edition: {error}")
                tally.warnings.extend(run.notes)
            published = catalog.episodes(connection)
        finally:
            connection.close()
        feed = project.audio / FEED_FILE
        in_feed = write_feeds(show, published, project.audio, cover.name, edition)[feed]
        write_site(show, published, project.audio, cover.name)
    engine_line = f"engine: {engine_name} (chosen with --engine)"
    return Outcome(
        chosen.line if isinstance(chosen, Auto) else engine_line,
        tuple(tally.built),
        tuple(tally.unchanged),
        tuple(tally.failures),
        tuple(tally.warnings),
        feed,
        in_feed,
        engine_notes=tuple(tally.engine_notes),
    )


def build_edition(
    project: Project,
    day: date | None = None,
    engine_name: str = "auto",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Build the edition of ``day`` (default: today in the show's time zone) and the feeds."""
    settings = load_settings(project.config)
    show, edition = settings.show, settings.edition
    moment = (now or datetime.now(ZoneInfo(show.timezone))).replace(microsecond=0)
    day = day or moment.astimezone(ZoneInfo(show.timezone)).date()
    music = _music(settings.music, project)
    with project_lock(project.state):
        prepare_folder(project.audio)
        discard_leftovers(project.audio)
        voice = _voice(settings)
        chosen = Auto(voice) if engine_name == "auto" else make_engine(engine_name, voice)
        cover = publish_cover(show, project.root, project.audio)
        connection = catalog.open_catalog(project.state / "catalog.db")
        cover_jpeg = embedded_cover(cover)
        run = Run(project, show, connection, moment, cover_jpeg, settings.pacing, music, progress)
        notes, sources = [], find_articles([project.seeds])[0]
        try:
            try:
                episode, made, failures = edition_of(day, sources, chosen, run, edition)
            except GaveUp as error:
                if engine_name != "auto" or chosen.name == make_espeak(voice).name:
                    raise
                notes.append(f"engine: espeak for the edition ({error.cause})")
                espeak = make_espeak(voice)
                episode, made, failures = edition_of(day, sources, espeak, run, edition)
            published = catalog.episodes(connection)
        finally:
            connection.close()
        written = write_feeds(show, published, project.audio, cover.name, edition)
        write_site(show, published, project.audio, cover.name)
    feed = project.audio / (EDITION_FEED if edition.separate_feed else FEED_FILE)
    return Outcome(
        chosen.line
        if isinstance(chosen, Auto)
        else f"engine: {engine_name} (chosen with --engine)",
        built=(episode,) if made else (),
        unchanged=() if made else (episode,),
        failures=tuple(failures),
        warnings=tuple(run.notes),
        feed=feed,
        episodes_in_feed=written[feed],
        engine_notes=tuple(notes),
    )


def edition_of(
    day: date, sources: Sequence[Path], engine: Engine, run: Run, edition: Edition
) -> tuple[Episode, bool, list[str]]:
    """Build (or keep) the edition of ``day``; also return the day's articles left unread."""
    script, failures = plan_edition(day, sources, run, edition, sound(run))
    episode, made = produce(script, engine, run, f"edition {day.isoformat()}")
    write_companions(episode, run.project.audio)
    return episode, made, failures


def _naming(source: Path, error: PodcastError) -> str:
    """The error's message, starting with the article it happened to."""
    message = str(error)
    return message if message.startswith(f"{source}: ") else f"{source}: {message}"


def _voice(settings: Settings) -> Voice:
    speech = settings.speech
    return Voice(
        speech.google_url or None,
        speech.tld,
        speech.timeout_s,
        concurrency=speech.concurrency,
        tries=speech.tries,
        backoff_s=speech.backoff_s,
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


def build_episode(article: Article, engine: Engine, run: Run) -> tuple[Episode, bool]:
    """Speak, master, encode, tag and record one article; skip it when nothing changed.

    Returns the episode and whether a new MP3 was written.
    """
    intro, outro = bookends(run.show, article)
    texts = tuple(speakable(t) for t in (intro, article.title, *article.paragraphs, outro))
    summary = summarize(article)
    show = run.show
    facts = [list(texts), show.title, show.author, article.title, article.outlet, summary]
    script = Script(
        key=article.source.name,
        title=article.title,
        outlet=article.outlet,
        summary=summary,
        source_url=article.url,
        day=article.date,
        slug=slugify(article.title),
        spoken=texts,
        shown=(None, article.title, *article.paragraphs, None),
        pauses=pauses(article.paragraphs, run.pacing, run.music),
        facts=(*facts, list(article.paragraphs), *sound(run)),
    )
    return produce(script, engine, run, str(article.source))


def produce(script: Script, engine: Engine, run: Run, source: str) -> tuple[Episode, bool]:
    """Speak and render ``script``, or keep its episode when nothing changed.

    Returns the episode and whether a new MP3 was written; ``source`` names it in messages.
    """
    if known := unchanged(script, run, accepted_names(engine)):
        return known, False
    name, progress = engine.name, run.progress
    report = (lambda done: progress(source, done, len(script.spoken))) if progress else None
    clips = synthesize(script.spoken, engine, run.project.state / "clips", report)
    return render(script, clips, run, name, source), True


def bookends(show: Show, article: Article) -> tuple[str, str]:
    """What the voice says before the title and after the last paragraph."""
    if article.outlet:
        return (
            f"Anda mendengarkan {show.title}, berita dari {article.outlet}.",
            f"Sumber: {article.outlet}. Anda baru saja mendengarkan {show.title}. Terima kasih.",
        )
    return (
        f"Anda mendengarkan {show.title}.",
        f"Anda baru saja mendengarkan {show.title}. Terima kasih.",
    )
