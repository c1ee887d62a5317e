"""Both voices for real: eSpeak NG in-process, gTTS against a loopback Google server."""

from __future__ import annotations

import io
import socket
import wave

import pytest

from podcast.config import Speech
from podcast.errors import AudioError
from podcast.pcm import Clip, decode, to_pcm
from podcast.speech import choose_engine
from podcast.speech.espeak import Espeak
from podcast.speech.google import Google
from tests.servers.google import Google as Server
from tests.support.voices import google_voice


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
    engine, line = choose_engine("auto", Speech(google_url=google.url))
    assert (engine.name, line) == ("gtts:id:com", "engine: gtts (Google TTS answered)")
    assert google.requests == ["Halo."]


def test_auto_falls_back_to_espeak_when_google_is_unreachable() -> None:
    url = f"http://127.0.0.1:{free_port()}/_/TranslateWebserverUi/data/batchexecute"
    engine, line = choose_engine("auto", Speech(google_url=url))
    assert engine.name == "espeak:id"
    assert line == "engine: espeak (Google TTS could not be reached)"


def test_mp3_clips_decode_in_process_to_the_samples_ffmpeg_gives() -> None:
    for text in ("Halo.", "Selamat pagi, Indonesia.", "Harga cabai naik " * 12):
        data = google_voice(text)
        clip = decode(Clip(data, "mp3"))
        assert (clip.frame_rate, clip.channels, clip.sample_width) == (24000, 1, 2)
        assert clip.raw_data == to_pcm(data, "mp3", 24000, "a clip")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "invalid data found when processing input"),
        (b"<html>rate limited</html>" * 40, "invalid data found when processing input"),
    ],
)
def test_a_clip_that_does_not_decode_says_so(data: bytes, reason: str) -> None:
    with pytest.raises(AudioError) as raised:
        decode(Clip(data, "mp3"))
    assert str(raised.value) == f"a mp3 clip does not decode: {reason}"


def test_a_cut_clip_decodes_to_the_frames_it_holds() -> None:
    data = google_voice("Selamat pagi, Indonesia.")
    whole, cut = decode(Clip(data, "mp3")), decode(Clip(data[: len(data) // 2], "mp3"))
    assert 0 < len(cut.raw_data) < len(whole.raw_data)
    assert cut.raw_data == to_pcm(data[: len(data) // 2], "mp3", 24000, "a clip")
