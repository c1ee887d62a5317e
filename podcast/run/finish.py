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
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mutagen import MutagenError

from podcast import catalog
from podcast.audio import LOW_DATA_TYPES, export_mp3, master
from podcast.catalog import Episode
from podcast.config import DEFAULT_AUDIO, DEFAULT_PACING, NO_MUSIC, Audio, Music, Pacing, Show
from podcast.episode import Script, episode_file, shifted, tag, timed_parts
from podcast.errors import OutputError
from podcast.files import replace_atomic, temporary_for
from podcast.pcm import Word
from podcast.project import Project
from podcast.run.rendition import current_low_data, finish_low_data, low_data_target
from podcast.speech import Engine
from podcast.text import NO_PRONUNCIATIONS, Lexicon

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
    pronunciations: Lexicon = NO_PRONUNCIATIONS
    """The pronunciation list every script's spoken parts go through."""
    audio: Audio = DEFAULT_AUDIO


def content_hash(script: Script, engine: Engine) -> str:
    """A hash of everything that goes into the MP3 of ``script`` spoken by ``engine``.

    The spoken parts are among the facts; an engine's own spoken parts are
    added only where they differ, so only a change in what is said rebuilds.
    """
    own = script.spoken_by(engine.kind)
    extra = [list(own)] if own != script.spoken else []
    facts = json.dumps([engine.name, *script.facts, *extra], ensure_ascii=False)
    return hashlib.sha256(facts.encode()).hexdigest()


def unchanged(script: Script, run: Run, engines: Sequence[Engine]) -> Episode | None:
    """The published episode of ``script`` when nothing changed since, for any of ``engines``.

    Its low-data edition is brought in step with the settings on the way (from the MP3).
    """
    known = catalog.lookup(run.connection, script.key)
    hashes = {content_hash(script, engine) for engine in engines}
    if known and known.content_hash in hashes and _intact(run.project.audio / known.file, known):
        current = current_low_data(known, run.project.audio, run.show, run.audio)
        if current != known:
            catalog.record(run.connection, current)
        return current
    return None


@dataclass(frozen=True)
class Slot:
    """Where an episode is published: kept from its first build, else new."""

    file: str
    guid: str
    pub_date: datetime


def place(script: Script, run: Run, reserved: set[str] | None = None) -> Slot:
    """The slot of ``script``: its episode's when it was published before, else a free one.

    ``reserved`` holds file names given to other new episodes of this build;
    the new name is added to it.
    """
    known = catalog.lookup(run.connection, script.key)
    if known:
        return Slot(known.file, known.guid, known.pub_date)
    taken = catalog.taken_files(run.connection) | (reserved or set())
    file = episode_file(script.day or run.now.date(), script.slug, taken)
    if reserved is not None:
        reserved.add(file)
    guid = str(uuid.uuid5(uuid.NAMESPACE_URL, run.show.url(script.key)))
    return Slot(file, guid, run.now)


@dataclass(frozen=True)
class Studio:
    """What making any episode's MP3 needs besides its script: no catalog, so any process can."""

    audio: Path
    show: Show
    cover_jpeg: bytes | None
    pacing: Pacing
    music: Music
    audio_settings: Audio = DEFAULT_AUDIO

    @classmethod
    def of(cls, run: Run) -> Studio:
        return cls(run.project.audio, run.show, run.cover_jpeg, run.pacing, run.music, run.audio)


def render(
    script: Script,
    clips: Iterable[AudioSegment],
    run: Run,
    engine: Engine,
    source: str,
    words: Sequence[tuple[Word, ...]] = (),
) -> tuple[Episode, list[str]]:
    """Master the ``clips`` that ``engine`` spoke for ``script``; encode, tag, publish, record.

    A script published before keeps its guid, file name and publication date;
    ``source`` names it in the notes; ``words`` are the word timings of each
    clip, when the engine gives them. Returns the episode and what there is to say about it.
    """
    slot, studio = place(script, run), Studio.of(run)
    episode, notes = make(script, clips, slot, studio, engine, source, words)
    catalog.record(run.connection, episode)
    return episode, notes


def make(
    script: Script,
    clips: Iterable[AudioSegment],
    slot: Slot,
    studio: Studio,
    engine: Engine,
    source: str,
    words: Sequence[tuple[Word, ...]] = (),
    *,
    in_place: bool = True,
) -> tuple[Episode, list[str]]:
    """Master, encode, tag and publish the episode of ``script`` in ``slot``.

    With ``in_place`` false the finished MP3 is left under its hidden
    temporary name, for ``put_in_place`` to put in place just before the
    catalog records it: a build killed in between leaves the old episode whole.

    ``words`` (filled while the clips are spoken) times the transcript's
    sentences and the chapters to the word. Returns the episode, for the
    catalog, and what there is to say about it.
    """
    path = studio.audio / slot.file
    temporary = temporary_for(path)
    scratch = temporary_for(path.with_suffix(".pcm"))
    settings, low = studio.audio_settings, low_data_target(studio.audio_settings, slot.file)
    low_temporary = temporary_for(studio.audio / low[0]) if low else None
    timed = [index for index, shown in enumerate(script.shown) if shown is not None]
    notes, kept = [], False
    try:
        edge_ms, music = studio.pacing.edge_silence_ms, studio.music
        mix = master(
            clips, script.pauses, edge_ms, scratch, music, temporary, low_temporary, settings
        )
        if export_mp3(mix, temporary, low_temporary, settings) and mix.encoded:
            notes.append(
                f"{source}: the one-pass MP3 measured"
                f" {mix.encoded.loudness_lufs:.1f} LUFS; corrected to -16 LUFS in a second pass"
            )
        heard = [shifted(said, shift) for said, shift in zip(words, mix.shifts, strict=False)]
        heard += [()] * (len(script.spoken) - len(heard))
        parts = tuple(str(script.shown[index]) for index in timed)
        timeline, cues = timed_parts(
            [mix.spans[index] for index in timed],
            parts,
            [script.spoken_by(engine.kind)[index] for index in timed],
            [heard[index] for index in timed],
        )
        episode = Episode(
            key=script.key,
            guid=slot.guid,
            file=slot.file,
            title=script.title,
            outlet=script.outlet,
            summary=script.summary,
            source_url=script.source_url,
            pub_date=slot.pub_date,
            content_hash=content_hash(script, engine),
            length=0,
            duration_ms=mix.duration_ms,
            timeline=timeline,
            parts=parts,
            cues=cues,
            sections=script.sections,
        )
        tag(temporary, episode, studio.show, studio.cover_jpeg)
        episode = replace(episode, length=temporary.stat().st_size)
        if low and low_temporary:
            episode = finish_low_data(low_temporary, *low, episode, studio.show, settings)
        if in_place:
            put_in_place(studio.audio, episode)
        kept = not in_place
    except (OSError, MutagenError) as error:
        raise OutputError(f"{path}: cannot be written ({error})") from None
    finally:
        scratch.unlink(missing_ok=True)
        if not kept:
            temporary.unlink(missing_ok=True)
            if low_temporary:
                low_temporary.unlink(missing_ok=True)
    return episode, notes


def put_in_place(audio: Path, episode: Episode) -> None:
    """Put in place the MP3 (and its low-data edition) that ``make`` left under temporary names."""
    path = audio / episode.file
    try:
        if episode.low_data:
            low = audio / episode.low_data.file
            replace_atomic(temporary_for(low), low)
        for _, _, suffix in LOW_DATA_TYPES.values():
            stale = path.with_suffix(suffix)
            if not episode.low_data or stale.name != episode.low_data.file:
                stale.unlink(missing_ok=True)
        replace_atomic(temporary_for(path), path)
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error})") from None


def _intact(path: Path, episode: Episode) -> bool:
    """Whether the published file is the one the catalog describes."""
    try:
        return path.stat().st_size == episode.length
    except OSError:
        return False


def sound(run: Run) -> list[str]:
    """What besides the words goes into every episode's audio: pacing, music, the MP3's format.

    (The low-data edition's settings are not in it: changing them remakes only that edition.)
    """
    music = run.music
    files = [_file_hash(path) for path in (music.intro, music.outro) if path]
    return [repr(run.pacing), repr(music), *files, "mp3:{}k:{}".format(*run.audio.mp3())]


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
