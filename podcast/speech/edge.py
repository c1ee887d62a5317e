"""Microsoft Edge's neural voices through the edge-tts library, with word timings.

edge-tts speaks Edge's read-aloud protocol: one WebSocket per text, MP3 at
24 kHz and 48 kbit/s, and (with ``boundary="WordBoundary"``) the time of
every word in 100 ns ticks. It retries once on a 403, after correcting its
clock skew from the server's ``Date``, and nothing else; a socket that dies
mid-audio ends its stream early without an error, and a server that stalls
with the socket open is never given up on. So this module runs every turn
under its own deadlines (for every message, and for the whole turn), checks
that the audio is as long as its text and reaches its last word, and retries
refused handshakes (403, 429, 503), answers without audio, cut and stalled
turns through the same circuit as Google's voice: backoff with jitter, a 429
halving the connections allowed at once, and one give-up policy for the
service as a whole.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import edge_tts
from edge_tts import exceptions

from podcast.config import Speech
from podcast.errors import AudioError
from podcast.pcm import Clip, Word, decode
from podcast.speech.chunks import chunk
from podcast.speech.patience import Circuit, Patience, Refused, TryAgain

DEFAULTS = Speech()
"""The [speech] defaults, written once in the settings record."""
MAX_CHARS = 2000
"""Characters per connection: a paragraph at once (the service takes 4,096 bytes)."""
TICKS_PER_MS = 10_000
TURN_S_PER_CHAR = 0.02
"""Time a turn may take per character on top of the timeout: the service speaks far faster."""
MIN_MS_PER_CHAR = 20
MAX_MS_PER_CHAR = 200
SHORT_TEXT_CHARS = 10
END_SLACK_MS = 100
"""How far the last word may run past the end of the audio (an MP3 frame or so)."""
WORD = re.compile(r"[^\W_]+")
LOOK_AHEAD = 8
"""Tokens of the text a reported word may be ahead of the last one found: skipped, spelled out."""
TAIL_MS = 250
"""Silence the service always ends a turn with, after its last word (0.3 to 1.1 s seen)."""
DIGIT_WEIGHT = 4
"""Letters a digit counts for in the text still unsaid: numbers are said as words."""
LOW_COVERAGE = 0.7
"""Below this share of the text's words found, the clip is kept but the mismatch is logged."""
RETRIED_STATUSES = (403, 429, 503)
log = logging.getLogger(__name__)
ADVICE = "run again later or use --engine gtts or --engine espeak"
RATE = re.compile(r"^[+-]\d+%$")
PITCH = re.compile(r"^[+-]\d+Hz$")


class Edge:
    """The neural voice: natural, needs Microsoft's service to answer."""

    kind = "edge"

    def __init__(
        self,
        voice: str = DEFAULTS.edge_voice,
        rate: str = DEFAULTS.edge_rate,
        pitch: str = DEFAULTS.edge_pitch,
        timeout_s: float = DEFAULTS.timeout_s,
        concurrency: int = DEFAULTS.concurrency,
        patience: Patience | None = None,
    ) -> None:
        self.voice = voice
        self.rate = rate
        self.pitch = pitch
        self.timeout_s = timeout_s
        self.concurrency = concurrency
        self.circuit = Circuit(patience or Patience(), concurrency, "Edge TTS", ADVICE)

    @property
    def name(self) -> str:
        return f"edge:{self.voice}:{self.rate}:{self.pitch}"

    def split(self, text: str) -> list[str]:
        """The texts the service is asked for, one connection each: a paragraph at once."""
        return [part for part in chunk(text, MAX_CHARS) if any(c.isalnum() for c in part)]

    def speak(self, text: str) -> Clip:
        """A checked MP3 of ``text`` with its word timings; GaveUp once the circuit gives up."""
        return self.circuit.call(lambda: self._attempt(text))

    def _attempt(self, text: str) -> Clip:
        with self.circuit.slot():
            audio, boundaries = asyncio.run(self._turn(text))
        return checked(audio, boundaries, text)

    async def _turn(self, text: str) -> tuple[bytes, list[dict[str, Any]]]:
        """One connection: the audio and word boundaries, within the deadlines."""
        communicate = edge_tts.Communicate(
            text,
            self.voice,
            rate=self.rate,
            pitch=self.pitch,
            boundary="WordBoundary",
            connect_timeout=max(1, round(self.timeout_s)),
            receive_timeout=max(1, round(self.timeout_s)),
        )
        audio, boundaries = bytearray(), []
        stream = communicate.stream()
        turn_s = self.timeout_s + TURN_S_PER_CHAR * len(text)
        try:
            async with asyncio.timeout(turn_s):
                async for message in _each_within(stream, self.timeout_s):
                    if message["type"] == "audio":
                        audio += message["data"]
                    elif message["type"] == "WordBoundary":
                        boundaries.append(dict(message))
        except TimeoutError:
            raise TryAgain(_silence_cause(audio, self.timeout_s, turn_s)) from None
        except aiohttp.WSServerHandshakeError as error:
            raise self._refusal(error.status) from None
        except exceptions.NoAudioReceived:
            raise TryAgain("answered without audio") from None
        except (exceptions.UnexpectedResponse, exceptions.UnknownResponse) as error:
            raise TryAgain(f"sent what this edge-tts does not understand ({error})") from None
        except exceptions.SkewAdjustmentError:
            raise TryAgain("refused the connection (403) without saying its time") from None
        except (aiohttp.ClientError, exceptions.WebSocketError, OSError):
            raise TryAgain("could not be reached or dropped the connection") from None
        finally:
            await stream.aclose()
        return bytes(audio), boundaries

    def _refusal(self, status: int) -> Exception:
        if status == 429:
            return TryAgain("refused the connection with 429 (rate limit)", slow_down=True)
        if status in RETRIED_STATUSES or status >= 500:
            return TryAgain(f"refused the connection with {status}")
        return Refused(f"refused the connection with {status}")


async def _each_within(stream: AsyncIterator[Any], timeout_s: float) -> AsyncIterator[Any]:
    """The stream's messages, each within ``timeout_s`` of the one before."""
    while True:
        try:
            message = await asyncio.wait_for(anext(stream), timeout_s)
        except StopAsyncIteration:
            return
        yield message


def _silence_cause(audio: bytearray, timeout_s: float, turn_s: float) -> str:
    if not audio:
        return f"gave no audio within {timeout_s:g} s"
    return f"stopped sending audio mid-turn (waited {timeout_s:g} s, turn limit {turn_s:g} s)"


def checked(audio: bytes, boundaries: list[dict[str, Any]], text: str) -> Clip:
    """The clip for ``text`` with its words; raise TryAgain unless the audio is whole.

    The service reports words its own way (numbers and abbreviations as said,
    tokens split or merged, some without a boundary, and edge-tts keeps one
    boundary per message), so cut audio is told mainly by timing: audio too
    short for its characters, a word timed past its end, word timings running
    backwards, or too little audio after the last word found in the text for
    the text still unsaid (at the pace of the words before) and the silence
    the service ends with.
    """
    clip = Clip(audio, "mp3")
    try:
        segment = decode(clip)
    except AudioError:
        raise TryAgain("sent audio that does not decode") from None
    ms, chars = len(segment), len(text)
    short = chars <= SHORT_TEXT_CHARS
    if (not short and ms < MIN_MS_PER_CHAR * chars) or ms > MAX_MS_PER_CHAR * max(
        chars, SHORT_TEXT_CHARS
    ):
        raise TryAgain(f"sent {ms / 1000:.2f} s of audio for {chars} characters")
    words = tuple(
        Word(
            str(b["text"]),
            round(b["offset"] / TICKS_PER_MS),
            round((b["offset"] + b["duration"]) / TICKS_PER_MS),
        )
        for b in boundaries
    )
    if not words:
        return Clip(audio, "mp3", segment, words)
    if words[-1].end_ms > ms + END_SLACK_MS:
        raise TryAgain(f"cut the audio off at {ms / 1000:.2f} s, before its last word")
    for before, word in itertools.pairwise(words):
        if word.start_ms < before.start_ms - END_SLACK_MS:
            raise TryAgain(f"sent word timings that run backwards at {word.start_ms / 1000:.2f} s")
    found = aligned(text, words)
    if not found.whole(ms, words):
        raise TryAgain(f"cut the audio off at {ms / 1000:.2f} s, before the end of its text")
    if found.matched < LOW_COVERAGE * found.tokens:
        log.warning(
            "Edge TTS timed %d of the %d words of %r in its own words",
            found.matched,
            found.tokens,
            text[:60],
        )
    return Clip(audio, "mp3", segment, words)


@dataclass(frozen=True)
class Alignment:
    """How the reported words line up with the text: how far they reach, and how many match."""

    reach: int
    """Letters of the text up to the end of the last word found (a digit counts four)."""
    rest: int
    """Letters of the text after it (a digit counts four)."""
    last: int
    """The index of the last reported word found in the text (-1: none)."""
    matched: int
    tokens: int

    def whole(self, ms: int, words: tuple[Word, ...]) -> bool:
        """Whether ``ms`` of audio leaves time enough after the last word found for the rest."""
        if not self.rest:
            return True
        if self.last < 0:
            return ms - words[0].start_ms >= MIN_MS_PER_CHAR * self.rest + TAIL_MS
        spoken_ms = words[self.last].end_ms - words[0].start_ms
        pace = max(MIN_MS_PER_CHAR, spoken_ms / max(1, self.reach))
        return ms - words[self.last].end_ms >= pace * self.rest + TAIL_MS


def tokens(text: str) -> list[tuple[str, int]]:
    """The words of ``text`` compared with the service's: lower case, split at any non-letter.

    >>> tokens("Rp 10.000, kata DPR.")
    [('rp', 2), ('10', 5), ('000', 9), ('kata', 15), ('dpr', 19)]
    """
    return [(found[0].casefold(), found.end()) for found in WORD.finditer(text)]


def aligned(text: str, words: tuple[Word, ...]) -> Alignment:
    """Line ``words`` up with ``text`` in order, each token looked for a few tokens ahead.

    >>> aligned("Harga naik 5 persen.", (Word("Harga", 0, 1), Word("lima", 2, 3))).rest
    14
    >>> aligned("Rusia-Ukraina, kata AS.", (Word("Rusia", 0, 1), Word("Ukraina", 1, 2),
    ...     Word("kata", 2, 3), Word("a", 3, 4), Word("es", 4, 5))).rest
    2
    """
    wanted = tokens(text)
    alnum = [0]
    for char in text:
        alnum.append(alnum[-1] + (DIGIT_WEIGHT if char.isdigit() else char.isalnum()))
    at, end, last, matched = 0, 0, -1, 0
    for index, word in enumerate(words):
        for said, _ in tokens(word.text):
            for k in range(at, min(at + LOOK_AHEAD, len(wanted))):
                if wanted[k][0] == said:
                    at, end, last, matched = k + 1, wanted[k][1], index, matched + 1
                    break
    return Alignment(alnum[end], alnum[-1] - alnum[end], last, matched, len(wanted))


def valid_rate(rate: str) -> bool:
    """Whether ``rate`` is a speed change the service takes, such as ``+10%``."""
    return bool(RATE.match(rate))


def valid_pitch(pitch: str) -> bool:
    """Whether ``pitch`` is a pitch change the service takes, such as ``-5Hz``."""
    return bool(PITCH.match(pitch))
