"""Speech: spoken text in, one clip of audio per text out.

Takes the spoken form of each part; hands on its audio, decoded, in order,
from the clip cache or from an engine.

An engine is any object with a ``name`` (part of every cache key), the number
of requests it may have in flight (``concurrency``), a ``split(text)`` into
the parts it speaks one at a time, and a ``speak(part) -> Clip`` method.
Synthesis calls ``speak`` from more threads than ``concurrency`` (the spare
ones decode clips), so an engine keeps to its own limit: Google's circuit,
eSpeak NG's lock.
``ENGINES`` maps the names a user can pick to the functions that make them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from podcast.pcm import Clip
from podcast.speech.patience import GaveUp as GaveUp
from podcast.speech.patience import Patience as Patience


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
    patience: Patience = field(default_factory=Patience)


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
        patience=voice.patience,
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

    probe = Google(
        voice.google_url, voice.tld, voice.probe_timeout_s, 1, replace(voice.patience, tries=1)
    )
    try:
        probe.speak("Halo.")
    except GaveUp as error:
        return make_espeak(voice), f"engine: espeak ({error.cause})"
    return make_gtts(voice), "engine: gtts (Google TTS answered)"
