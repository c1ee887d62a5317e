"""Google Translate's voice through the gTTS library, optionally at another endpoint.

gTTS builds the requests (its batchexecute body, headers and URL); this module
sends them. ``gTTS.stream`` opens a new connection for every request and
retries nothing, so this module keeps one ``requests.Session`` (one
kept-alive connection) for each request it may have in flight, puts a
timeout on every request, parses the answer the way ``gTTS.stream`` does,
and retries with exponential backoff and jitter on 429, 5xx, timeouts,
dropped connections and audio that is missing, does not decode, or is too
short or too long for its text. All threads share one limiter: a 429 halves
the requests allowed in flight, and every success grows the allowance back
by one request per full round.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import requests
from gtts import gTTS
from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from podcast.errors import AudioError
from podcast.pcm import Clip
from podcast.speech import GaveUp
from podcast.speech.chunks import MAX_CHARS, chunk

if TYPE_CHECKING:
    from pydub import AudioSegment

LANGUAGE = "id"
AUDIO_LINE = re.compile(r'jQ1olc","\[\\"(.*)\\"]')
MIN_MS_PER_CHAR = 20
MAX_MS_PER_CHAR = 200
SHORT_TEXT_CHARS = 10
ADVICE = "run again later or use --engine espeak"


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


class _Again(Exception):
    """One attempt failed in a way that a later attempt may not."""


class _Refused(Exception):
    """Google refused the request in a way that trying again will not change."""


class Limiter:
    """Requests allowed in flight at once, halved on a 429 and regrown on success."""

    def __init__(self, most: int) -> None:
        self.most = max(1, most)
        self.allowed = float(self.most)
        self.active = 0
        self._condition = threading.Condition()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Wait for room, then hold one place in flight while the block runs."""
        with self._condition:
            self._condition.wait_for(lambda: self.active < int(self.allowed))
            self.active += 1
        try:
            yield
        finally:
            with self._condition:
                self.active -= 1
                self._condition.notify_all()

    def slow_down(self) -> None:
        """Halve the allowance (never below one request)."""
        with self._condition:
            self.allowed = max(1.0, self.allowed / 2)

    def speed_up(self) -> None:
        """Grow the allowance by one request for every ``allowed`` successes."""
        with self._condition:
            self.allowed = min(float(self.most), self.allowed + 1 / int(self.allowed))
            self._condition.notify_all()


class Google:
    """The online voice: natural, needs Google to answer."""

    def __init__(
        self,
        url: str | None = None,
        tld: str = "com",
        timeout_s: float = 10.0,
        concurrency: int = 4,
        tries: int = 5,
        backoff_s: float = 1.0,
    ) -> None:
        self.url = url
        self.tld = tld
        self.timeout_s = timeout_s
        self.concurrency = concurrency
        self.tries = max(1, tries)
        self.backoff_s = backoff_s
        self.limiter = Limiter(concurrency)
        self._sessions: list[requests.Session] = []

    @property
    def name(self) -> str:
        return f"gtts:{LANGUAGE}:{self.tld}"

    def split(self, text: str) -> list[str]:
        """The chunks Google is asked for, one request each; punctuation alone is not spoken."""
        return [part for part in chunk(text, MAX_CHARS) if any(c.isalnum() for c in part)]

    def speak(self, text: str) -> Clip:
        """Fetch a checked MP3 for ``text``; raise GaveUp when Google keeps failing."""
        retrying = Retrying(
            stop=stop_after_attempt(self.tries),
            wait=wait_exponential(multiplier=self.backoff_s, max=self.backoff_s * 16)
            + wait_random(0, self.backoff_s),
            retry=retry_if_exception_type(_Again),
            reraise=True,
        )
        try:
            return retrying(self._attempt, text)
        except _Again as error:
            tries = f" after {self.tries} tries" if self.tries > 1 else ""
            raise GaveUp(f"Google TTS {error}{tries}", ADVICE) from None
        except _Refused as error:
            raise GaveUp(f"Google TTS {error}", ADVICE) from None

    def _attempt(self, text: str) -> Clip:
        tts = _RedirectedTTS(
            text, self.url, lang=LANGUAGE, tld=self.tld, lang_check=False, pre_processor_funcs=[]
        )
        data = b"".join(self._fetch(request) for request in tts._prepare_requests())
        return Clip(data, "mp3", check(Clip(data, "mp3"), text))

    def _fetch(self, request: requests.PreparedRequest) -> bytes:
        """Send one prepared request on a free kept-alive session; return its MP3 bytes."""
        with self.limiter.slot():
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
                raise _Again(f"gave no answer within {self.timeout_s:g} s") from None
            except requests.ConnectionError:
                raise _Again("could not be reached") from None
            except requests.RequestException:
                raise _Again("broke off its answer") from None
            finally:
                self._sessions.append(session)
        status = response.status_code
        if status == 429:
            self.limiter.slow_down()
            raise _Again("answered 429 (rate limit)")
        if status >= 500:
            raise _Again(f"answered {status} (server error)")
        if status != 200:
            raise _Refused(f"answered {status} ({response.reason})")
        self.limiter.speed_up()
        return audio_in(body)


def audio_in(body: bytes) -> bytes:
    """The MP3 in a batchexecute answer, found as ``gTTS.stream`` finds it."""
    parts = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        if "jQ1olc" in line:
            found = AUDIO_LINE.search(line)
            if not found:
                raise _Again("answered without audio")
            try:
                parts.append(base64.b64decode(found.group(1), validate=True))
            except binascii.Error:
                raise _Again("sent cut-off audio") from None
    if not parts or not any(parts):
        raise _Again("answered without audio")
    return b"".join(parts)


def check(clip: Clip, text: str) -> AudioSegment:
    """Decode ``clip``; raise unless its duration is plausible for ``text``."""
    from podcast.pcm import decode

    try:
        segment = decode(clip)
    except AudioError:
        raise _Again("sent audio that does not decode") from None
    ms = len(segment)
    chars = len(text)
    short = chars <= SHORT_TEXT_CHARS
    if (not short and ms < MIN_MS_PER_CHAR * chars) or ms > MAX_MS_PER_CHAR * max(
        chars, SHORT_TEXT_CHARS
    ):
        raise _Again(f"sent {ms / 1000:.2f} s of audio for {chars} characters")
    return segment
