"""One-pass mastering: the MP3 is encoded while the episode is laid out, and proven by its meter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podcast.audio import loudness
from podcast.audio.encoders import (
    HEARD_PEAK,
    chain,
    edition_loudness,
    heard_levels,
    low_data_graph,
    low_data_outputs,
    mp3_encoder,
    run_encoder,
)
from podcast.audio.layout import master
from podcast.audio.loudness import METER, TARGET_LUFS, export_mp3, raw_input
from podcast.audio.shape import pauses
from podcast.config import Pacing
from podcast.pcm import FFMPEG
from podcast.run import build
from podcast.speech.espeak import Espeak
from podcast.speech.synthesis import synthesize
from podcast.text import read_article, speakable
from tests.support.audio import BYTES_PER_MS, SHORT, meter, pcm
from tests.support.project import NOW, make_project

PACING = Pacing()


def mastered(tmp_path: Path, repeat: int = 1) -> tuple[loudness.Mix, Path]:
    """The short article (its paragraphs ``repeat`` times) laid out and encoded in one pass."""
    article = read_article(SHORT)
    paragraphs = [*article.paragraphs] * repeat
    texts = [speakable(text) for text in ("Pembuka.", article.title, *paragraphs, "Penutup.")]
    layout = pauses(paragraphs, PACING)
    mp3 = tmp_path / "episode.mp3"
    clips = synthesize(texts, Espeak())
    mix = master(clips, layout, PACING.edge_silence_ms, tmp_path / "mix.pcm", mp3=mp3)
    return mix, mp3


@pytest.mark.parametrize("repeat", [1, 4])
def test_the_one_pass_mp3_is_kept_and_its_meter_tells_the_truth(
    tmp_path: Path, repeat: int
) -> None:
    mix, mp3 = mastered(tmp_path, repeat)
    assert mix.encoded is not None
    written = mp3.read_bytes()
    assert export_mp3(mix, mp3) is False
    assert mp3.read_bytes() == written
    integrated, peak = meter(mp3)
    assert abs(integrated - TARGET_LUFS) <= loudness.TOLERANCE_LU
    assert abs(integrated - mix.encoded.loudness_lufs) <= 0.3
    assert peak <= -1.0


def test_the_lossless_copy_and_the_mp3_hold_the_same_timeline(tmp_path: Path) -> None:
    mix, mp3 = mastered(tmp_path)
    lossless, encoded = pcm(mix.path, mix.rate), pcm(mp3)  # both decoded at 44.1 kHz
    assert round(len(lossless) / BYTES_PER_MS) == mix.duration_ms
    assert round(len(encoded) / BYTES_PER_MS) == mix.duration_ms


def test_outside_the_tolerance_a_second_pass_corrects_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mix, mp3 = mastered(tmp_path)
    assert mix.encoded is not None
    monkeypatch.setattr(loudness, "TOLERANCE_LU", 0.0)
    assert export_mp3(mix, mp3) is True
    integrated, peak = meter(mp3)
    assert abs(integrated - TARGET_LUFS) <= 0.3
    assert peak <= -1.0


def test_the_passs_readings_are_each_meters_own_however_its_threads_end(tmp_path: Path) -> None:
    """The MP3's meter and the low-data edition's run on threads of their own and end at the
    same moment; in pass after pass each reading is the one its meter gives when run alone
    (the two meters' summaries once ran together in ffmpeg's log, one build in ten)."""
    mix, _ = mastered(tmp_path)
    source = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", "-y"]
    source += raw_input(mix.path, mix.rate)
    alone = run_encoder([*source, "-af", f"{chain(-1.0)},{METER}", "-f", "null", "-"], mix.path)
    mix_alone = loudness._integrated(alone)
    graph = low_data_graph(-1.0)
    low_alone = run_encoder([*source, *graph, "-map", "[low]", "-f", "null", "-"], mix.path)
    loudness_alone = edition_loudness(low_alone)
    readings = set()
    for number in range(30):
        mp3, opus = tmp_path / f"{number}.mp3", tmp_path / f"{number}.opus"
        command = [*source, *loudness.encoding_graph(-1.0, 44100, low=True)]
        command += ["-map", "[out]", *mp3_encoder(), str(mp3), *low_data_outputs(opus, 1)]
        log = run_encoder(command, mp3)
        decoded = [FFMPEG, "-hide_banner", "-nostats", "-codec:a", "opus", "-i", str(opus)]
        peak_log = run_encoder([*decoded, "-af", HEARD_PEAK, "-f", "null", "-"], opus)
        (peak_alone,) = re.findall(r"Peak level dB: (-[\d.]+)", peak_log)
        assert loudness._integrated(log) == mix_alone
        assert heard_levels(log, opus) == (loudness_alone, float(peak_alone))
        readings.add((loudness._integrated(log), heard_levels(log, opus)))
    assert len(readings) == 1


def test_a_build_says_when_it_needed_a_second_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, SHORT)
    first = build(project, engine_name="espeak", now=NOW)
    assert first.warnings == ()
    monkeypatch.setattr(loudness, "TOLERANCE_LU", -1.0)
    (project.seeds / SHORT.name).write_text(
        SHORT.read_text(encoding="utf-8") + "\nSatu paragraf lagi di akhir.\n", encoding="utf-8"
    )
    second = build(project, engine_name="espeak", now=NOW)
    (warning,) = second.warnings
    assert warning.startswith(f"{project.seeds / SHORT.name}: the one-pass MP3 measured ")
    assert warning.endswith(" LUFS; corrected to -16 LUFS in a second pass")


def test_a_silent_episode_is_refused(tmp_path: Path) -> None:
    from pydub import AudioSegment

    from podcast.audio.shape import Pauses
    from podcast.errors import AudioError

    quiet = AudioSegment.silent(duration=500, frame_rate=22050).set_channels(1)
    with pytest.raises(AudioError, match="a clip is silent"):
        master([quiet], Pauses((0,), 0), 0, tmp_path / "m.pcm", mp3=tmp_path / "e.mp3")
