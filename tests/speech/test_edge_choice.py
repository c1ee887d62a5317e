"""Choosing Edge's voice: auto's order of preference, falling back, failing, settings, voices."""

from __future__ import annotations

import array
import io
import itertools
import socket
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.config import load_settings
from podcast.errors import ConfigError
from podcast.project import Project
from podcast.run import build
from podcast.speech.espeak import Espeak
from tests.servers import edge as edge_server
from tests.support import DATA
from tests.support.project import NOW, SEED, make_project

QUICK = "timeout_s = 1.0\nbackoff_s = 0.02\ngive_up_s = 1.0\nfailure_window = 1000\n"


def closed_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def edge_project(folder: Path, speech: str = "") -> Project:
    project = make_project(folder)
    project.config.write_text(f"[speech]\n{QUICK}{speech}", encoding="utf-8")
    return project


@pytest.fixture
def down() -> Iterator[edge_server.Edge]:
    """A loopback Edge that answers its first connection and refuses every later one (503)."""
    faults = edge_server.Faults(rates={"503": 1.0}, first=("ok",))
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        yield server


def test_auto_takes_edge_first_when_the_order_says_so(tmp_path: Path) -> None:
    project = edge_project(tmp_path, 'order = ["edge", "espeak"]\n')
    with edge_server.serve() as server, edge_server.redirected(server):
        outcome = build(project, engine_name="auto", now=NOW)
    assert outcome.engine_line == "engine: edge (Edge TTS answered)"
    assert outcome.engine_notes == ()
    assert server.log[0].text == "Halo."
    assert outcome.built[0].cues  # timed from Edge's words


def test_auto_without_an_order_never_asks_edge(tmp_path: Path) -> None:
    project = edge_project(tmp_path, f'google_url = "{closed_url()}"\n')
    with edge_server.serve() as server, edge_server.redirected(server):
        outcome = build(project, engine_name="auto", now=NOW)
    assert server.log == []
    assert outcome.engine_line == "engine: espeak (Google TTS could not be reached)"
    assert outcome.built[0].cues == ()


def test_auto_finishes_with_the_next_engine_when_edge_goes_down(
    tmp_path: Path, down: edge_server.Edge
) -> None:
    project = edge_project(tmp_path, 'order = ["edge", "espeak"]\n')
    outcome = build(project, engine_name="auto", now=NOW)
    assert outcome.engine_line == "engine: edge (Edge TTS answered)"
    assert outcome.engine_notes == (
        f"engine: espeak from {SEED.name} on (Edge TTS gave no good answer in 1 s; "
        "last it refused the connection with 503)",
    )
    assert outcome.failures == ()
    (episode,) = outcome.built
    assert episode.cues == ()  # eSpeak NG gives no word timings: one cue per part


def test_auto_skips_an_engine_that_fails_its_probe(tmp_path: Path) -> None:
    project = edge_project(tmp_path, 'order = ["edge", "espeak"]\n')
    faults = edge_server.Faults(rates={"503": 1.0})
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        outcome = build(project, engine_name="auto", now=NOW)
    assert outcome.engine_line == "engine: espeak (Edge TTS refused the connection with 503)"
    assert len(server.log) == 1


def test_engine_edge_fails_the_article_and_says_what_is_cached(
    tmp_path: Path, down: edge_server.Edge
) -> None:
    project = edge_project(tmp_path)
    outcome = build(project, engine_name="edge", now=NOW)
    (failure,) = outcome.failures
    assert failure.startswith(
        f"{project.seeds / SEED.name}: Edge TTS gave no good answer in 1 s; "
        "last it refused the connection with 503; no audio for "
    )
    assert failure.endswith(
        "paragraphs; 1 clip is cached; run again later or use --engine gtts or --engine espeak"
    )
    assert list(project.audio.glob("*.mp3")) == []


def test_podcast_voices_lists_every_engines_voices_for_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with edge_server.serve() as server, edge_server.redirected(server):
        result = CliRunner().invoke(main, ["voices"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:6] == [
        'edge    edge_voice = "id-ID-ArdiNeural"   '
        "Male, Microsoft Ardi Online (Natural) - Indonesian (Indonesia)",
        'edge    edge_voice = "id-ID-GadisNeural"  '
        "Female, Microsoft Gadis Online (Natural) - Indonesian (Indonesia)",
        'gtts    tld = "com"                       Indonesian',
        'gtts    tld = "co.id"                     Indonesian, from Indonesia\'s Google',
        'espeak  espeak_variant = ""               Indonesian, as it comes',
        'espeak  espeak_variant = "adam"           Adam',
    ]
    assert 'espeak  espeak_variant = "f1"             female1, female' in lines
    assert len(lines) == 5 + 104 + 1
    assert lines[-1] == "warning: piper: no voice model file set ([speech] piper_model)"
    assert server.voice_requests == 1


def test_podcast_voices_says_when_edge_cannot_be_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "podcast.toml").write_text('[show]\nlanguage = "en-US"\n', encoding="utf-8")
    with edge_server.serve() as server:
        server.voices_url = closed_url() + "voices?trustedclienttoken=x"
        with edge_server.redirected(server):
            result = CliRunner(mix_stderr=False).invoke(main, ["voices", "--engine", "edge"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "warning: edge: Edge's voice list could not be reached\n"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'order = ["edge", "polly"]',
            "[speech] order: 'polly' is not an engine; each one of: edge, gtts, espeak, piper",
        ),
        ('order = ["edge", "edge"]', "[speech] order: names an engine twice"),
        ('edge_rate = "fast"', "[speech] edge_rate: 'fast' is not like +10% or -5%"),
        ('edge_pitch = "+5%"', "[speech] edge_pitch: '+5%' is not like +0Hz or -10Hz"),
        (
            'edge_voice = "Gadis"',
            "[speech] edge_voice: 'Gadis' is not like id-ID-GadisNeural",
        ),
        (
            'espeak_variant = "../f1"',
            "[speech] espeak_variant: '../f1' is not one of eSpeak NG's variants; "
            "see podcast voices",
        ),
    ],
)
def test_bad_voice_settings_are_refused(tmp_path: Path, setting: str, message: str) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(f"[speech]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: {message}"


def test_voice_settings_are_read() -> None:
    path = DATA / "edge.toml"
    speech = load_settings(path).speech
    assert (speech.order, speech.edge_voice, speech.edge_rate, speech.edge_pitch) == (
        ("edge", "gtts", "espeak"),
        "id-ID-ArdiNeural",
        "+10%",
        "-2Hz",
    )
    assert speech.espeak_variant == "f1"


def test_an_espeak_variant_is_its_own_voice() -> None:
    plain, variant = Espeak(), Espeak("f1")
    assert (plain.name, variant.name) == ("espeak:id", "espeak:id+f1")
    text = "Halo dunia, apa kabar hari ini."
    first, female, again = (voice.speak(text).data for voice in (plain, variant, plain))
    # the female variant speaks higher: its waveform crosses zero a third more often
    assert crossings_per_s(female) > 1.25 * crossings_per_s(first)
    assert crossings_per_s(again) == pytest.approx(crossings_per_s(first), rel=0.03)


def crossings_per_s(wav: bytes) -> float:
    """How often a mono 16-bit WAV's waveform changes sign, per second."""
    with wave.open(io.BytesIO(wav)) as reader:
        samples = array.array("h", reader.readframes(reader.getnframes()))
        rate = reader.getframerate()
    changes = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return changes * rate / len(samples)
