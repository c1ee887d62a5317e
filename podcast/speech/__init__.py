"""Speech engines: each turns one text into one clip of audio.

An engine is any object with a ``name`` (part of every cache key), the number
of requests it may have in flight (``concurrency``), a ``split(text)`` into
the parts it speaks one at a time, and a ``speak(part) -> Clip`` method.
``ENGINES`` maps the names a user can pick to the functions that make them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from podcast.errors import AudioError, SpeechError

if TYPE_CHECKING:
    from pydub import AudioSegment


@dataclass(frozen=True)
class Clip:
    """Encoded audio as an engine produced it: ``format`` is ``wav`` or ``mp3``.

    ``decoded`` holds the clip already decoded when an engine had to decode it
    to check it, so it is not decoded twice.
    """

    data: bytes
    format: str
    decoded: AudioSegment | None = field(default=None, compare=False, repr=False)


class GaveUp(SpeechError):
    """An engine stopped trying: ``cause`` says what happened, ``advice`` what to do next."""

    def __init__(self, cause: str, advice: str = "", detail: str = "") -> None:
        super().__init__("; ".join(part for part in (cause, detail, advice) if part))
        self.cause = cause
        self.advice = advice
        self.detail = detail


class Engine(Protocol):
    """What every speech engine offers."""

    @property
    def name(self) -> str: ...

    @property
    def concurrency(self) -> int: ...

    def split(self, text: str) -> list[str]: ...

    def speak(self, text: str) -> Clip: ...


@dataclass(frozen=True)
class Voice:
    """How to reach the voices: the Google endpoint, how long to wait, how hard to try."""

    google_url: str | None = None
    tld: str = "com"
    timeout_s: float = 10.0
    probe_timeout_s: float = 2.0
    concurrency: int = 4
    tries: int = 5
    backoff_s: float = 1.0


def make_espeak(voice: Voice) -> Engine:
    """The offline eSpeak NG Indonesian voice."""
    from podcast.speech.espeak import Espeak

    return Espeak()


def make_gtts(voice: Voice) -> Engine:
    """Google Translate's Indonesian voice through gTTS."""
    from podcast.speech.google import Google

    return Google(
        url=voice.google_url,
        tld=voice.tld,
        timeout_s=voice.timeout_s,
        concurrency=voice.concurrency,
        tries=voice.tries,
        backoff_s=voice.backoff_s,
    )


ENGINES: dict[str, Callable[[Voice], Engine]] = {"espeak": make_espeak, "gtts": make_gtts}
ENGINE_CHOICES = ("auto", *ENGINES)


def choose_engine(name: str, voice: Voice) -> tuple[Engine, str]:
    """Make the engine called ``name``; for ``auto``, probe Google and fall back to eSpeak.

    Returns the engine and one line saying which engine is used and why.
    """
    if name != "auto":
        return ENGINES[name](voice), f"engine: {name} (chosen with --engine)"
    from podcast.speech.google import Google

    probe = Google(voice.google_url, voice.tld, voice.probe_timeout_s, concurrency=1, tries=1)
    try:
        probe.speak("Halo.")
    except GaveUp as error:
        return make_espeak(voice), f"engine: espeak ({error.cause})"
    return make_gtts(voice), "engine: gtts (Google TTS answered)"


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
    from podcast.audio import decode, silence  # podcast.audio imports Clip from here
    from podcast.speech.cache import clip_key, drop_clip, is_cached, read_clip, write_clip

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
