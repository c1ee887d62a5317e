"""Speak many texts at once: split, cache, run in parallel, and decode, in order, streaming."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from podcast.errors import AudioError
from podcast.pcm import Word, decode, silence
from podcast.speech.cache import clip_key, drop_clip, is_cached, read_clip, write_clip
from podcast.speech.engine import Engine
from podcast.speech.patience import GaveUp

if TYPE_CHECKING:
    from pydub import AudioSegment

LOOK_AHEAD_CHARS = 6000
"""How far past the text being handed out synthesis runs: about seven minutes of speech."""
Heard = tuple["AudioSegment", tuple[Word, ...]]
"""A part's decoded audio and its word timings (none from engines that give none)."""
WORKERS_PER_REQUEST = 2
"""Workers per request an engine allows in flight: while some decode, the others keep asking."""


def synthesize(
    texts: Sequence[str],
    engine: Engine,
    cache: Path | None = None,
    progress: Callable[[int], None] | None = None,
    timings: list[tuple[Word, ...]] | None = None,
) -> Iterator[AudioSegment]:
    """Speak each text with ``engine``: one decoded segment per text, in order, as they are ready.

    Every text is split into the parts the engine speaks at once; each distinct
    part is taken from the clip cache in ``cache`` or spoken (``concurrency``
    at a time) and then cached. The parts of the texts up to
    ``LOOK_AHEAD_CHARS`` ahead are spoken while earlier texts are handed out,
    and a part's audio is kept only while a text in that window needs it, so
    a long article never holds all its clips. When the engine gives up on a
    part, nothing more is asked of it and GaveUp says how much audio is
    missing and cached. ``progress`` gets the number of texts handed out.
    ``timings``, when given, gets each text's word timings (from engines that
    give them) just before its segment is handed out.
    """
    failures: list[GaveUp] = []
    spoken: set[str] = set()

    def speak(part: str) -> Heard | None:
        if failures:
            return None
        try:
            segment = _speak(part, engine, cache)
        except GaveUp as error:
            failures.append(error)
            raise
        spoken.add(part)
        return segment

    def heard(part: str) -> Heard:
        segment = None
        if not failures:
            with contextlib.suppress(GaveUp):
                segment = futures[part].result()
        if segment is None:
            pool.shutdown(wait=True, cancel_futures=True)  # what is in flight lands in the cache
            raise _gave_up(failures[0], parts, spoken, engine, cache)
        return segment

    parts = [engine.split(text) for text in texts]
    futures: dict[str, Future[Heard | None]] = {}
    needed: Counter[str] = Counter()
    ahead, ahead_chars = 0, 0
    pool = ThreadPoolExecutor(max_workers=WORKERS_PER_REQUEST * max(1, engine.concurrency))
    try:
        for index, text_parts in enumerate(parts):
            while ahead < len(parts) and (ahead <= index or ahead_chars < LOOK_AHEAD_CHARS):
                for part in dict.fromkeys(parts[ahead]):
                    needed[part] += 1
                    if part not in futures and not failures:
                        futures[part] = pool.submit(speak, part)
                ahead, ahead_chars = ahead + 1, ahead_chars + len(texts[ahead])
            pieces = [heard(part) for part in text_parts]
            for part in dict.fromkeys(text_parts):
                needed[part] -= 1
                if not needed[part]:
                    del needed[part], futures[part]
            ahead_chars -= len(texts[index])
            if progress:
                progress(index + 1)
            if timings is not None:
                timings.append(_words_of(pieces))
            yield _join([segment for segment, _ in pieces]) if pieces else silence(0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _speak(part: str, engine: Engine, cache: Path | None) -> Heard:
    """One part's audio and word timings: from the cache when it decodes, else spoken and cached."""
    key = clip_key(engine.name, part)
    clip = read_clip(cache, key) if cache else None
    if cache and clip:
        try:
            return decode(clip), clip.words
        except AudioError:
            drop_clip(cache, key)
    clip = engine.speak(part)
    if cache:
        write_clip(cache, key, clip)
    return (clip.decoded if clip.decoded is not None else decode(clip)), clip.words


def _words_of(pieces: Sequence[Heard]) -> tuple[Word, ...]:
    """The words of parts joined end to end, timed from the start of the first."""
    words: list[Word] = []
    at_ms = 0.0
    for segment, timed in pieces:
        shift = round(at_ms)
        words += [Word(w.text, w.start_ms + shift, w.end_ms + shift) for w in timed]
        at_ms += segment.frame_count() * 1000 / segment.frame_rate
    return tuple(words)


def _gave_up(
    failure: GaveUp,
    parts: Sequence[Sequence[str]],
    spoken: set[str],
    engine: Engine,
    cache: Path | None,
) -> GaveUp:
    """The engine's failure, saying how many texts have no audio and how many clips are kept."""
    distinct = dict.fromkeys(part for text_parts in parts for part in text_parts)
    kept = {part for part in distinct if cache and is_cached(cache, clip_key(engine.name, part))}
    missing = sum(1 for text_parts in parts if not set(text_parts) <= spoken | kept)
    clips = "1 clip is" if len(kept) == 1 else f"{len(kept)} clips are"
    detail = f"no audio for {missing} of {len(parts)} paragraphs; {clips} cached"
    return GaveUp(failure.cause, failure.advice, detail)


def _join(segments: list[AudioSegment]) -> AudioSegment:
    """Segments of one format end to end, joined once."""
    first = segments[0]
    if len(segments) == 1:
        return first
    return first._spawn(b"".join(segment.raw_data for segment in segments))
