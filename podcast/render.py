"""One script and its clips in, one published episode out: master, encode, tag, record.

Every episode goes through here: an article's and a day's edition's. A
``Script`` says what the episode says and shows, part by part; ``unchanged``
finds it already published; ``render`` masters its clips into the published
episode.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mutagen import MutagenError

from podcast import catalog
from podcast.audio import Pauses, export_mp3, master
from podcast.catalog import Episode, Section
from podcast.config import DEFAULT_PACING, NO_MUSIC, Music, Pacing, Show
from podcast.episode import episode_file, tag
from podcast.errors import PublishError
from podcast.files import publish, temporary_for
from podcast.project import Project

if TYPE_CHECKING:
    from pydub import AudioSegment

Progress = Callable[[str, int, int], None]


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


@dataclass(frozen=True)
class Script:
    """What one episode says and shows, part by part, before it is spoken.

    ``spoken`` holds the words the voice says for each part; ``shown`` the
    words a transcript shows for it, or None for a part left out of the
    timeline (an article's intro and outro). ``facts`` is everything besides
    the voice that goes into the MP3, hashed with the voice's name.
    """

    key: str
    title: str
    outlet: str | None
    summary: str
    source_url: str | None
    day: date | None
    slug: str
    spoken: tuple[str, ...]
    shown: tuple[str | None, ...]
    pauses: Pauses
    facts: tuple[object, ...]
    sections: tuple[Section, ...] = ()


def content_hash(script: Script, engine: str) -> str:
    """A hash of everything that goes into the MP3 of ``script`` spoken by ``engine``."""
    facts = json.dumps([engine, *script.facts], ensure_ascii=False)
    return hashlib.sha256(facts.encode()).hexdigest()


def unchanged(script: Script, run: Run, engines: Sequence[str]) -> Episode | None:
    """The published episode of ``script`` when nothing changed since, for any of ``engines``."""
    known = catalog.lookup(run.connection, script.key)
    hashes = {content_hash(script, engine) for engine in engines}
    if known and known.content_hash in hashes and _intact(run.project.audio / known.file, known):
        return known
    return None


def render(
    script: Script, clips: Iterable[AudioSegment], run: Run, engine: str, source: str
) -> Episode:
    """Master the ``clips`` that ``engine`` spoke for ``script``; encode, tag, publish, record.

    A script published before keeps its guid, file name and publication date;
    ``source`` names it in the notes.
    """
    project, show, connection = run.project, run.show, run.connection
    pacing, music, key = run.pacing, run.music, script.key
    known = catalog.lookup(connection, key)
    pub_date = known.pub_date if known else run.now
    day = script.day or pub_date.date()
    file = known.file if known else episode_file(day, script.slug, catalog.taken_files(connection))
    path = project.audio / file
    temporary = temporary_for(path)
    scratch = temporary_for(path.with_suffix(".flac"))
    timed = [index for index, shown in enumerate(script.shown) if shown is not None]
    try:
        mix = master(clips, script.pauses, pacing.edge_silence_ms, scratch, music, mp3=temporary)
        if export_mp3(mix, temporary) and mix.encoded:
            run.notes.append(
                f"{source}: the one-pass MP3 measured"
                f" {mix.encoded.loudness_lufs:.1f} LUFS; corrected to -16 LUFS in a second pass"
            )
        episode = Episode(
            key=key,
            guid=known.guid if known else str(uuid.uuid5(uuid.NAMESPACE_URL, show.url(key))),
            file=file,
            title=script.title,
            outlet=script.outlet,
            summary=script.summary,
            source_url=script.source_url,
            pub_date=pub_date,
            content_hash=content_hash(script, engine),
            length=0,
            duration_ms=mix.duration_ms,
            timeline=tuple(mix.spans[index] for index in timed),
            parts=tuple(str(script.shown[index]) for index in timed),
            sections=script.sections,
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
    return episode


def _intact(path: Path, episode: Episode) -> bool:
    """Whether the published file is the one the catalog describes."""
    try:
        return path.stat().st_size == episode.length
    except OSError:
        return False


def sound(run: Run) -> list[str]:
    """What besides the words goes into every episode's audio: pacing and music."""
    music = run.music
    files = [_file_hash(path) for path in (music.intro, music.outro) if path]
    return [repr(run.pacing), repr(music), *files]


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
