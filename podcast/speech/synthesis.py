"""Speak many texts at once: split, cache, run in parallel, and decode, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from podcast.audio import decode, silence
from podcast.errors import AudioError
from podcast.speech import Engine, GaveUp
from podcast.speech.cache import clip_key, drop_clip, is_cached, read_clip, write_clip

if TYPE_CHECKING:
    from pydub import AudioSegment


def synthesize(
    texts: Sequence[str],
    engine: Engine,
    cache: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[AudioSegment]:
    """Speak each text with ``engine``: one decoded segment per text, in order.

    Every text is split into the parts the engine speaks at once; each distinct
    part is taken from the clip cache in ``cache`` or spoken (``concurrency``
    at a time) and then cached. When the engine gives up on a part, nothing
    more is asked of it and GaveUp says how much audio is missing and cached.
    """

    def speak(part: str) -> AudioSegment:
        key = clip_key(engine.name, part)
        clip = read_clip(cache, key) if cache else None
        if cache and clip:
            try:
                return decode(clip)
            except AudioError:
                drop_clip(cache, key)
        clip = engine.speak(part)
        if cache:
            write_clip(cache, key, clip)
        return clip.decoded if clip.decoded is not None else decode(clip)

    parts = [engine.split(text) for text in texts]
    waiting = [len(set(text_parts)) for text_parts in parts]
    users: dict[str, list[int]] = {}
    for index, text_parts in enumerate(parts):
        for part in dict.fromkeys(text_parts):
            users.setdefault(part, []).append(index)
    done = sum(1 for count in waiting if count == 0)
    if progress and done:
        progress(done)
    spoken: dict[str, AudioSegment] = {}
    failure: GaveUp | None = None
    pool = ThreadPoolExecutor(max_workers=max(1, engine.concurrency))
    try:
        futures: dict[Future[AudioSegment], str] = {
            pool.submit(speak, part): part for part in users
        }
        for future in as_completed(futures):
            part = futures[future]
            try:
                spoken[part] = future.result()
            except CancelledError:
                continue
            except GaveUp as error:
                failure = failure or error
                for other in futures:
                    other.cancel()
                continue
            finished = 0
            for index in users[part]:
                waiting[index] -= 1
                finished += waiting[index] == 0
            if progress and finished:
                done += finished
                progress(done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if failure:
        missing = sum(1 for text_parts in parts if not set(text_parts) <= set(spoken))
        cached = sum(1 for part in users if cache and is_cached(cache, clip_key(engine.name, part)))
        kept = "1 clip is" if cached == 1 else f"{cached} clips are"
        detail = f"no audio for {missing} of {len(texts)} paragraphs; {kept} cached"
        raise GaveUp(failure.cause, failure.advice, detail)
    return [
        _join([spoken[part] for part in text_parts]) if text_parts else silence(0)
        for text_parts in parts
    ]


def _join(segments: list[AudioSegment]) -> AudioSegment:
    """Segments of one format end to end, joined once."""
    first = segments[0]
    if len(segments) == 1:
        return first
    return first._spawn(b"".join(segment.raw_data for segment in segments))
