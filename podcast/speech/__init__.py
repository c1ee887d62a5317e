"""Speech engines: each turns one text into one clip of audio.

An engine is any object with a ``name`` (part of every cache key) and a
``speak(text) -> Clip`` method. ``ENGINES`` maps the names a user can pick to
the functions that make them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from podcast.errors import SpeechError


@dataclass(frozen=True)
class Clip:
    """Encoded audio as an engine produced it: ``format`` is ``wav`` or ``mp3``."""

    data: bytes
    format: str


class Engine(Protocol):
    """What every speech engine offers."""

    @property
    def name(self) -> str: ...

    def speak(self, text: str) -> Clip: ...


@dataclass(frozen=True)
class Voice:
    """How to reach the voices: the Google endpoint and how long to wait for it."""

    google_url: str | None = None
    tld: str = "com"
    timeout_s: float = 10.0
    probe_timeout_s: float = 2.0


def make_espeak(voice: Voice) -> Engine:
    """The offline eSpeak NG Indonesian voice."""
    from podcast.speech.espeak import Espeak

    return Espeak()


def make_gtts(voice: Voice) -> Engine:
    """Google Translate's Indonesian voice through gTTS."""
    from podcast.speech.google import Google

    return Google(url=voice.google_url, tld=voice.tld, timeout_s=voice.timeout_s)


ENGINES: dict[str, Callable[[Voice], Engine]] = {"espeak": make_espeak, "gtts": make_gtts}
ENGINE_CHOICES = ("auto", *ENGINES)


def choose_engine(name: str, voice: Voice) -> tuple[Engine, str]:
    """Make the engine called ``name``; for ``auto``, probe Google and fall back to eSpeak.

    Returns the engine and one line saying which engine is used and why.
    """
    if name != "auto":
        return ENGINES[name](voice), f"engine: {name} (chosen with --engine)"
    google = make_gtts(Voice(voice.google_url, voice.tld, voice.probe_timeout_s))
    try:
        google.speak("Halo.")
    except SpeechError as error:
        return make_espeak(voice), f"engine: espeak (Google TTS unavailable: {error})"
    return make_gtts(voice), "engine: gtts (Google TTS answered)"


def synthesize(
    texts: Sequence[str], engine: Engine, progress: Callable[[int], None] | None = None
) -> list[Clip]:
    """Speak each text with ``engine``, one clip per text, in order."""
    clips = []
    for done, text in enumerate(texts, start=1):
        clips.append(engine.speak(text))
        if progress:
            progress(done)
    return clips
