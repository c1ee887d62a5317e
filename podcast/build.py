"""The whole job in one pass: articles in, tagged episodes and a feed out."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mutagen import MutagenError

from podcast import catalog
from podcast.audio import export_mp3, master, pauses
from podcast.catalog import Episode
from podcast.config import DEFAULT_PACING, NO_MUSIC, Music, Pacing, Settings, Show, load_settings
from podcast.episode import (
    embedded_cover,
    episode_file,
    publish_cover,
    summarize,
    tag,
    write_companions,
)
from podcast.episode.timing import shifted, timed
from podcast.errors import ConfigError, PodcastError, PublishError
from podcast.feed import write_feed
from podcast.files import discard_leftovers, prepare_folder, project_lock, publish, temporary_for
from podcast.pcm import Word
from podcast.project import Project
from podcast.site import write_site
from podcast.speech import (
    Auto,
    Engine,
    GaveUp,
    Patience,
    Voice,
    accepted_names,
    make_engine,
    next_engine,
)
from podcast.speech.synthesis import synthesize
from podcast.text import Article, find_articles, language_warning, read_article, speakable

Progress = Callable[[str, int, int], None]


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


@dataclass(frozen=True)
class Run:
    """What every episode of one build shares."""

    project: Project
    show: Show
    connection: sqlite3.Connection
    now: datetime
    cover_jpeg: bytes | None = None
    pacing: Pacing = DEFAULT_PACING
    music: Music = NO_MUSIC
    progress: Progress | None = None
    notes: list[str] = field(default_factory=list)
    """What the build has to say about episodes it made (kept in order as they come)."""


def build(
    project: Project,
    paths: Sequence[Path] = (),
    engine_name: str = "auto",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Build an episode for every article under ``paths`` (default: seeds/) and write the feed."""
    settings = load_settings(project.config)
    show = settings.show
    music = _music(settings.music, project)
    with project_lock(project.state):
        prepare_folder(project.audio)
        discard_leftovers(project.audio)
        sources, missing = find_articles(paths or [project.seeds])
        tally = _Tally(failures=list(missing))
        voice = _voice(settings)
        chosen = Auto(voice) if engine_name == "auto" else make_engine(engine_name, voice)
        engine: Engine = chosen
        moment = (now or datetime.now(ZoneInfo(show.timezone))).replace(microsecond=0)
        cover = publish_cover(show, project.root, project.audio)
        cover_jpeg = embedded_cover(cover)
        connection = catalog.open_catalog(project.state / "catalog.db")
        run = Run(project, show, connection, moment, cover_jpeg, settings.pacing, music, progress)
        try:
            for source in sources:
                try:
                    article = read_article(source)
                    while True:
                        try:
                            episode, made = build_episode(article, engine, run)
                            break
                        except GaveUp as error:
                            auto = engine_name == "auto"
                            following = next_engine(engine, voice) if auto else None
                            if following is None:
                                raise
                            # auto: finish this article and the rest with the next engine.
                            engine = following
                            kind = engine.name.split(":", 1)[0]
                            tally.engine_notes.append(
                                f"engine: {kind} from {source.name} on ({error.cause})"
                            )
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
                    write_feed(show, catalog.episodes(connection), project.audio, cover.name)
            published = catalog.episodes(connection)
        finally:
            connection.close()
        feed = write_feed(show, published, project.audio, cover.name)
        write_site(show, published, project.audio, cover.name)
    engine_line = f"engine: {engine_name} (chosen with --engine)"
    return Outcome(
        chosen.line if isinstance(chosen, Auto) else engine_line,
        tuple(tally.built),
        tuple(tally.unchanged),
        tuple(tally.failures),
        tuple(tally.warnings),
        feed,
        len(published),
        engine_notes=tuple(tally.engine_notes),
    )


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
        patience=Patience(**{key.name: getattr(speech, key.name) for key in fields(Patience)}),
        order=speech.order,
        edge_voice=speech.edge_voice,
        edge_rate=speech.edge_rate,
        edge_pitch=speech.edge_pitch,
        espeak_variant=speech.espeak_variant,
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
    project, show, connection = run.project, run.show, run.connection
    pacing, music, progress = run.pacing, run.music, run.progress
    key = article.source.name
    known = catalog.lookup(connection, key)
    intro, outro = bookends(show, article)
    texts = [speakable(t) for t in (intro, article.title, *article.paragraphs, outro)]
    summary = summarize(article)
    sound = [repr(pacing), repr(music), *(_file_hash(p) for p in (music.intro, music.outro) if p)]
    hashes = [
        fingerprint(name, texts, show, article, summary, sound) for name in accepted_names(engine)
    ]
    if known and known.content_hash in hashes and _intact(project.audio / known.file, known):
        return known, False
    content_hash = fingerprint(engine.name, texts, show, article, summary, sound)
    pub_date = known.pub_date if known else run.now
    file = known.file if known else episode_file(article, pub_date, catalog.taken_files(connection))
    report = (lambda done: progress(str(article.source), done, len(texts))) if progress else None
    timings: list[tuple[Word, ...]] = []
    clips = synthesize(texts, engine, project.state / "clips", report, timings)
    path = project.audio / file
    temporary = temporary_for(path)
    scratch = temporary_for(path.with_suffix(".flac"))
    layout = pauses(article.paragraphs, pacing, music)
    try:
        mix = master(clips, layout, pacing.edge_silence_ms, scratch, music, mp3=temporary)
        if export_mp3(mix, temporary) and mix.encoded:
            run.notes.append(
                f"{article.source}: the one-pass MP3 measured"
                f" {mix.encoded.loudness_lufs:.1f} LUFS; corrected to -16 LUFS in a second pass"
            )
        heard = [shifted(words, shift) for words, shift in zip(timings, mix.shifts, strict=True)]
        parts = (article.title, *article.paragraphs)
        timeline, cues = timed(mix.spans[1:-1], parts, texts[1:-1], heard[1:-1])
        episode = Episode(
            key=key,
            guid=known.guid if known else str(uuid.uuid5(uuid.NAMESPACE_URL, show.url(key))),
            file=file,
            title=article.title,
            outlet=article.outlet,
            summary=summary,
            source_url=article.url,
            pub_date=pub_date,
            content_hash=content_hash,
            length=0,
            duration_ms=mix.duration_ms,
            timeline=timeline,
            parts=parts,
            cues=cues,
        )
        tag(temporary, episode, show, run.cover_jpeg)
        episode = replace(episode, length=temporary.stat().st_size)
        publish(temporary, path)
    except (OSError, MutagenError) as error:
        raise PublishError(f"{path}: cannot be written ({error})") from None
    finally:
        scratch.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
    catalog.record(connection, episode)
    return episode, True


def _intact(path: Path, episode: Episode) -> bool:
    """Whether the published file is the one the catalog describes."""
    try:
        return path.stat().st_size == episode.length
    except OSError:
        return False


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


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def fingerprint(
    engine: str,
    texts: Sequence[str],
    show: Show,
    article: Article,
    summary: str,
    sound: Sequence[str] = (),
) -> str:
    """A hash of everything that goes into an episode's MP3."""
    facts = [engine, list(texts), show.title, show.author, article.title, article.outlet, summary]
    facts += [list(article.paragraphs), *sound]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()
