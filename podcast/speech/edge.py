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
import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import edge_tts
from edge_tts import exceptions

from podcast.errors import AudioError
from podcast.pcm import Clip, Word, decode
from podcast.speech.chunks import chunk
from podcast.speech.patience import Circuit, Patience, Refused, TryAgain

DEFAULT_VOICE = "id-ID-GadisNeural"
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
RETRIED_STATUSES = (403, 429, 503)
ADVICE = "run again later or use --engine gtts or --engine espeak"
RATE = re.compile(r"^[+-]\d+%$")
PITCH = re.compile(r"^[+-]\d+Hz$")


class Edge:
    """The neural voice: natural, needs Microsoft's service to answer."""

    def __init__(
        self,
        voice: str = DEFAULT_VOICE,
        rate: str = "+0%",
        pitch: str = "+0Hz",
        timeout_s: float = 10.0,
        concurrency: int = 4,
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

    Cut audio is found three ways: too short for its characters, a word timed
    past its end, or words of the text left without a boundary.
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
    if words and words[-1].end_ms > ms + END_SLACK_MS:
        raise TryAgain(f"cut the audio off at {ms / 1000:.2f} s, before its last word")
    if words and any(c.isalnum() for c in text[covered(text, words) :]):
        raise TryAgain(f"cut the audio off at {ms / 1000:.2f} s, before the end of its text")
    return Clip(audio, "mp3", segment, words)


def covered(text: str, words: tuple[Word, ...]) -> int:
    """How far into ``text`` the words reach, finding each after the one before.

    >>> covered("Halo, dunia ini.", (Word("Halo", 0, 1), Word("dunia", 1, 2)))
    11
    """
    at = 0
    for word in words:
        found = text.find(word.text, at)
        if found >= 0:
            at = found + len(word.text)
    return at


def valid_rate(rate: str) -> bool:
    """Whether ``rate`` is a speed change the service takes, such as ``+10%``."""
    return bool(RATE.match(rate))


def valid_pitch(pitch: str) -> bool:
    """Whether ``pitch`` is a pitch change the service takes, such as ``-5Hz``."""
    return bool(PITCH.match(pitch))
