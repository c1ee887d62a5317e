"""Google Translate's voice through the gTTS library, optionally at another endpoint."""

from __future__ import annotations

from typing import Any

import requests
from gtts import gTTS, gTTSError

from podcast.errors import SpeechError
from podcast.speech import Clip

LANGUAGE = "id"


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

    def __init__(self, url: str | None = None, tld: str = "com", timeout_s: float = 10.0) -> None:
        self.url = url
        self.tld = tld
        self.timeout_s = timeout_s

    @property
    def name(self) -> str:
        return f"gtts:{LANGUAGE}:{self.tld}"

    def speak(self, text: str) -> Clip:
        """Fetch the MP3 for ``text``; raise SpeechError when Google gives no audio."""
        tts = _RedirectedTTS(
            text, self.url, lang=LANGUAGE, tld=self.tld, lang_check=False, timeout=self.timeout_s
        )
        try:
            data = b"".join(tts.stream())
        except gTTSError as error:
            raise SpeechError(str(error)) from None
        except requests.RequestException as error:
            raise SpeechError(f"no answer ({type(error).__name__})") from None
        if not data:
            raise SpeechError("Google TTS answered without audio")
        return Clip(data, "mp3")
