"""Speech: spoken text in, one clip of audio per text out.

Takes the spoken form of each part; hands on its audio, decoded, in order,
from the clip cache or from an engine.

An engine is any object with a ``kind`` (one of ``ENGINES``), a ``name`` (the
voice with its settings, part of every cache key), the number
of requests it may have in flight (``concurrency``), a ``split(text)`` into
the parts it speaks one at a time, and a ``speak(part) -> Clip`` method.
Synthesis calls ``speak`` from more threads than ``concurrency`` (the spare
ones decode clips), so an engine keeps to its own limit: Google's circuit,
eSpeak NG's lock.
``ENGINES`` maps the names a user can pick to the functions that make them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import fields, replace
from typing import TypeVar

from podcast.config import Speech
from podcast.pcm import Clip
from podcast.speech.chunks import sentences as sentences
from podcast.speech.engine import Engine as Engine
from podcast.speech.patience import GaveUp as GaveUp
from podcast.speech.patience import Patience as Patience
from podcast.speech.synthesis import synthesize as synthesize

PROBE_TIMEOUT_S = 2.0
"""Seconds ``auto`` waits for a voice's answer to its probe before it moves on."""


def patience_of(speech: Speech) -> Patience:
    """When to retry and when to give up on a voice on the network, from [speech]."""
    return Patience(**{key.name: getattr(speech, key.name) for key in fields(Patience)})


def make_espeak(speech: Speech) -> Engine:
    """The offline eSpeak NG Indonesian voice."""
    from podcast.speech.espeak import Espeak

    return Espeak(speech.espeak_variant)


def make_gtts(speech: Speech) -> Engine:
    """Google Translate's Indonesian voice through gTTS."""
    from podcast.speech.google import Google

    return Google(
        url=speech.google_url or None,
        tld=speech.tld,
        timeout_s=speech.timeout_s,
        concurrency=speech.concurrency,
        patience=patience_of(speech),
    )


def make_edge(speech: Speech) -> Engine:
    """Microsoft Edge's neural voice through edge-tts."""
    from podcast.speech.edge import Edge

    return Edge(
        speech.edge_voice,
        speech.edge_rate,
        speech.edge_pitch,
        timeout_s=speech.timeout_s,
        concurrency=speech.concurrency,
        patience=patience_of(speech),
    )


def make_piper(speech: Speech) -> Engine:
    """A Piper voice model file, run on the CPU with ONNX Runtime."""
    from podcast.speech.piper import Piper

    return Piper(speech.piper_model, speech.piper_speed)


ENGINES: dict[str, Callable[[Speech], Engine]] = {
    "espeak": make_espeak,
    "gtts": make_gtts,
    "edge": make_edge,
    "piper": make_piper,
}
ENGINE_CHOICES = ("auto", *ENGINES)
AUTO_ORDER = ("gtts", "espeak")
PROBE_TEXT = "Halo."
T = TypeVar("T")
SERVICES = {"gtts": "Google TTS", "edge": "Edge TTS", "piper": "the Piper voice model"}


def make_engine(name: str, speech: Speech) -> Engine:
    """The engine a user picked by ``name`` (one of ``ENGINES``)."""
    return ENGINES[name](speech)


def auto_order(speech: Speech) -> tuple[str, ...]:
    """The engines ``auto`` tries, best first, always ending with the offline voice."""
    order = speech.order or AUTO_ORDER
    return order if order[-1] == "espeak" else (*order, "espeak")


def next_engine(engine: Engine, speech: Speech) -> Engine | None:
    """The engine ``auto`` turns to when ``engine`` gives up, or None after the last."""
    order = list(auto_order(speech))
    kind = engine.kind
    following = order[order.index(kind) + 1 :] if kind in order else []
    return ENGINES[following[0]](speech) if following else None


def choose_engine(name: str, speech: Speech) -> tuple[Engine, str]:
    """Make the engine called ``name``; for ``auto``, the first in its order that answers a probe.

    Returns the engine and one line saying which engine is used and why.
    """
    if name != "auto":
        return ENGINES[name](speech), f"engine: {name} (chosen with --engine)"
    causes = []
    for candidate in auto_order(speech):
        if candidate == "espeak":
            break
        probe = ENGINES[candidate](
            replace(speech, timeout_s=PROBE_TIMEOUT_S, concurrency=1, tries=1)
        )
        try:
            probe.speak(PROBE_TEXT)
        except GaveUp as error:
            causes.append(error.cause)
            continue
        return ENGINES[candidate](speech), f"engine: {candidate} ({SERVICES[candidate]} answered)"
    return make_espeak(speech), f"engine: espeak ({'; '.join(causes) or 'first in the order'})"


class Auto:
    """``auto``: the first engine of its order that answers, decided when first needed.

    Nothing is asked of any service until a text must really be spoken: a
    rebuild whose episodes are all up to date sends no request at all. Until
    then, an episode made by any engine of the order counts as up to date
    (``candidates``).
    """

    def __init__(self, speech: Speech) -> None:
        self.speech = speech
        order = auto_order(speech)
        self.candidates = tuple(ENGINES[name](speech) for name in order)
        first = SERVICES.get(order[0], "eSpeak NG")
        self.line = f"engine: auto (nothing needed speaking, so {first} was not asked)"
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def chosen(self) -> Engine:
        """The engine to speak with: the order probed once, on first use."""
        with self._lock:
            if self._engine is None:
                self._engine, self.line = choose_engine("auto", self.speech)
            return self._engine

    @property
    def kind(self) -> str:
        return self.chosen().kind

    @property
    def name(self) -> str:
        return self.chosen().name

    @property
    def concurrency(self) -> int:
        return self.chosen().concurrency

    def split(self, text: str) -> list[str]:
        return self.chosen().split(text)

    def speak(self, text: str) -> Clip:
        return self.chosen().speak(text)


def accepted(engine: Engine) -> tuple[Engine, ...]:
    """The voices whose episodes ``engine`` accepts as up to date, without choosing one."""
    return engine.candidates if isinstance(engine, Auto) else (engine,)


class Choice:
    """The voice of one build: the engine picked by name, or ``auto``'s order, and its notes.

    ``engine`` is the one speaking now. When it gives up, ``auto`` turns to
    the next engine of its order (``turn``) and notes it; an engine picked by
    name has no next one. ``speak`` is the one loop that does this.
    """

    def __init__(self, name: str, speech: Speech) -> None:
        self.speech = speech
        self.auto = name == "auto"
        self.first: Engine = Auto(speech) if self.auto else make_engine(name, speech)
        self.engine = self.first
        self.notes: list[str] = []
        """What the build says about the voices, in order: each turn to the next engine."""
        self._picked = f"engine: {name} (chosen with --engine)"

    @property
    def line(self) -> str:
        """Which engine speaks and why, in one line."""
        return self.first.line if isinstance(self.first, Auto) else self._picked

    def turn(self, where: str, cause: str) -> bool:
        """Turn to the next engine after the one speaking gave up for ``cause``; False at the
        last. The note names the new engine's kind and ``where`` it takes over."""
        following = next_engine(self.engine, self.speech) if self.auto else None
        if following is None:
            return False
        self.engine = following
        self.notes.append(f"engine: {following.kind} {where} ({cause})")
        return True

    def speak(self, make: Callable[[Engine], T], where: str) -> T:
        """``make`` with the engine speaking now, and with each next one while they give up."""
        while True:
            try:
                return make(self.engine)
            except GaveUp as error:
                if not self.turn(where, error.cause):
                    raise
