"""Both voices for real: eSpeak NG in-process, gTTS against a loopback Google server."""

from __future__ import annotations

import io
import socket
import wave

from podcast.pcm import decode
from podcast.speech import Voice, choose_engine
from podcast.speech.espeak import Espeak
from podcast.speech.google import Google
from tests.google_server import Google as Server


def test_espeak_speaks_indonesian_as_wav() -> None:
    clip = Espeak().speak("Selamat pagi, Indonesia.")
    assert clip.format == "wav"
    with wave.open(io.BytesIO(clip.data)) as audio:
        assert (audio.getnchannels(), audio.getsampwidth(), audio.getframerate()) == (1, 2, 22050)
        assert 1.0 < audio.getnframes() / 22050 < 3.0


def test_gtts_fetches_mp3_from_the_configured_url(google: Server) -> None:
    clip = Google(url=google.url).speak("Selamat pagi, Indonesia.")
    assert clip.format == "mp3"
    assert google.requests == ["Selamat pagi, Indonesia."]
    assert 1000 < len(decode(clip)) < 3000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_auto_uses_google_when_it_answers(google: Server) -> None:
    engine, line = choose_engine("auto", Voice(google_url=google.url))
    assert (engine.name, line) == ("gtts:id:com", "engine: gtts (Google TTS answered)")
    assert google.requests == ["Halo."]


def test_auto_falls_back_to_espeak_when_google_is_unreachable() -> None:
    url = f"http://127.0.0.1:{free_port()}/_/TranslateWebserverUi/data/batchexecute"
    engine, line = choose_engine("auto", Voice(google_url=url))
    assert engine.name == "espeak:id"
    assert line == "engine: espeak (Google TTS could not be reached)"
