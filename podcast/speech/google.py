"""Google Translate's voice through the gTTS library, optionally at another endpoint.

gTTS builds the requests (its batchexecute body, headers and URL); this module
sends them. ``gTTS.stream`` opens a new connection for every request and
retries nothing, so this module keeps one ``requests.Session`` (one
kept-alive connection) for each request it may have in flight, puts a
timeout on every request, and parses the answer the way ``gTTS.stream``
does. 429s, 5xx, timeouts, dropped connections and audio that is missing,
does not decode, or is too short or too long for its text are tried again
through the engine's ``Circuit`` (``podcast.speech.patience``), which decides
when to give up on Google as a whole: a 429 halves the requests in flight,
and a ``Retry-After`` pauses them all.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

import requests
from gtts import gTTS

from podcast.config import Speech
from podcast.errors import AudioError
from podcast.pcm import Clip
from podcast.speech.chunks import MAX_CHARS, chunk
from podcast.speech.patience import Circuit, Patience, Refused, TryAgain, retry_after

if TYPE_CHECKING:
    from pydub import AudioSegment

LANGUAGE = "id"
AUDIO_LINE = re.compile(r'jQ1olc","\[\\"(.*)\\"]')
MIN_MS_PER_CHAR = 20
MAX_MS_PER_CHAR = 200
SHORT_TEXT_CHARS = 10
ADVICE = "run again later or use --engine espeak"

DEFAULTS = Speech()
"""The [speech] defaults, written once in the settings record."""


class _RedirectedTTS(gTTS):  # type: ignore[misc]
    """gTTS, unchanged but for the URL its requests go to."""

    def __init__(self, text: str, url: str | None, **options: Any) -> None:
        super().__init__(text, **options)
        self.url = url

    def _prepare_requests(self) -> list[requests.PreparedRequest]:
        prepared: list[requests.PreparedRequest] = super()._prepare_requests()
        if self.url:
            for request in prepared:
                request.url = self.url
        return prepared


class Google:
    """The online voice: natural, needs Google to answer."""

    kind = "gtts"

    def __init__(
        self,
        url: str | None = None,
        tld: str = DEFAULTS.tld,
        timeout_s: float = DEFAULTS.timeout_s,
        concurrency: int = DEFAULTS.concurrency,
        patience: Patience | None = None,
    ) -> None:
        self.url = url
        self.tld = tld
        self.timeout_s = timeout_s
        self.concurrency = concurrency
        self.circuit = Circuit(patience or Patience(), concurrency, "Google TTS", ADVICE)
        self._sessions: list[requests.Session] = []

    @property
    def name(self) -> str:
        return f"gtts:{LANGUAGE}:{self.tld}"

    def split(self, text: str) -> list[str]:
        """The chunks Google is asked for, one request each; punctuation alone is not spoken."""
        return [part for part in chunk(text, MAX_CHARS) if any(c.isalnum() for c in part)]

    def speak(self, text: str) -> Clip:
        """Fetch a checked MP3 for ``text``; raise GaveUp once the circuit gives up on Google."""
        return self.circuit.call(lambda: self._attempt(text))

    def _attempt(self, text: str) -> Clip:
        tts = _RedirectedTTS(
            text, self.url, lang=LANGUAGE, tld=self.tld, lang_check=False, pre_processor_funcs=[]
        )
        data = b"".join(self._fetch(request) for request in tts._prepare_requests())
        return Clip(data, "mp3", check(Clip(data, "mp3"), text))

    def _fetch(self, request: requests.PreparedRequest) -> bytes:
        """Send one prepared request on a free kept-alive session; return its MP3 bytes."""
        with self.circuit.slot():
            try:
                session = self._sessions.pop()
            except IndexError:
                session = requests.Session()
            try:
                settings = session.merge_environment_settings(
                    str(request.url), {}, None, None, None
                )
                response = session.send(request, timeout=self.timeout_s, **settings)
                body = response.content
            except requests.Timeout:
                raise TryAgain(f"gave no answer within {self.timeout_s:g} s") from None
            except requests.ConnectionError:
                raise TryAgain("could not be reached") from None
            except requests.RequestException:
                raise TryAgain("broke off its answer") from None
            finally:
                self._sessions.append(session)
        status = response.status_code
        pause = retry_after(response.headers.get("Retry-After"))
        if status == 429:
            raise TryAgain("answered 429 (rate limit)", pause, slow_down=True)
        if status >= 500:
            raise TryAgain(f"answered {status} (server error)", pause, slow_down=pause is not None)
        if status != 200:
            raise Refused(f"answered {status} ({response.reason})")
        return audio_in(body)


def audio_in(body: bytes) -> bytes:
    """The MP3 in a batchexecute answer, found as ``gTTS.stream`` finds it."""
    parts = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        if "jQ1olc" in line:
            found = AUDIO_LINE.search(line)
            if not found:
                raise TryAgain("answered without audio")
            try:
                parts.append(base64.b64decode(found.group(1), validate=True))
            except binascii.Error:
                raise TryAgain("sent cut-off audio") from None
    if not parts or not any(parts):
        raise TryAgain("answered without audio")
    return b"".join(parts)


def check(clip: Clip, text: str) -> AudioSegment:
    """Decode ``clip``; raise unless its duration is plausible for ``text``."""
    from podcast.pcm import decode

    try:
        segment = decode(clip)
    except AudioError:
        raise TryAgain("sent audio that does not decode") from None
    ms = len(segment)
    chars = len(text)
    short = chars <= SHORT_TEXT_CHARS
    if (not short and ms < MIN_MS_PER_CHAR * chars) or ms > MAX_MS_PER_CHAR * max(
        chars, SHORT_TEXT_CHARS
    ):
        raise TryAgain(f"sent {ms / 1000:.2f} s of audio for {chars} characters")
    return segment
