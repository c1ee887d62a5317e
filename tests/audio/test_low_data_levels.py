"""The low-data edition's loudness and true peak hold on articles and voices they were not
chosen on: random articles made of the seed's paragraphs, spoken by random eSpeak NG voices, at
lengths from a minute to twenty, each Opus edition decoded whole and measured twice.

The two meters: ffmpeg's EBU R128 meter (loudness, and true peak at four times 48 kHz) over
FFmpeg's floating-point Opus decoder, and a true peak computed here from the decoded samples
(upsampled four times through the FFT), so a peak the build did not measure fails the test.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from podcast.audio.encoders import encode_low_data, settle_low_data
from podcast.config import DEFAULT_AUDIO
from podcast.pcm import FFMPEG
from podcast.project import Project
from podcast.run import Outcome, build
from podcast.text.article import read_article
from tests.audio.test_low_data import milliseconds, only
from tests.support.audio import meter
from tests.support.project import NOW, SEED, make_project

VOICES = ("", "adam", "klatt", "f2", "m3", "Andy", "Annie", "croak", "whisper", "max", "f4")
"""eSpeak NG variants, from plain to buzzy (``adam`` and ``klatt`` overshoot most in Opus)."""
OVERSAMPLING = 4
CHUNK = 1 << 16
OVERLAP = 2048


def article(rng: random.Random, paragraphs: int) -> str:
    """An article of ``paragraphs`` of the seed's paragraphs, drawn at random."""
    seed = read_article(SEED)
    drawn = rng.choices(seed.paragraphs, k=paragraphs)
    return f"{seed.title}\n\nJakarta, {seed.outlet}\n\n" + "\n\n".join(drawn) + "\n"


def true_peak(path: Path) -> float:
    """The true peak (dBTP) of ``path`` decoded whole at 48 kHz in floating point, upsampled
    ``OVERSAMPLING`` times through the FFT, in overlapping chunks."""
    command = [FFMPEG, "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1", "-ar", "48000"]
    decoded = subprocess.run([*command, "-"], capture_output=True, check=True).stdout
    samples = np.frombuffer(decoded, dtype=np.float32).astype(np.float64)
    highest = 0.0
    for start in range(0, len(samples), CHUNK):
        begin = max(0, start - OVERLAP)
        chunk = samples[begin : start + CHUNK + OVERLAP]
        up = np.fft.irfft(np.fft.rfft(chunk), n=len(chunk) * OVERSAMPLING) * OVERSAMPLING
        inner = up[(start - begin) * OVERSAMPLING : (start - begin + CHUNK) * OVERSAMPLING]
        highest = max(highest, float(np.abs(inner).max()))
    return 20 * float(np.log10(highest))


def check(tmp_path: Path, text: str, voice: str, case: str) -> None:
    """Build ``text`` in ``voice``; its Opus edition meets every target of the low-data edition."""
    project = make_project(tmp_path)
    for old in (tmp_path / "seeds").iterdir():
        old.unlink()
    (tmp_path / "seeds" / "article.txt").write_text(text, encoding="utf-8")
    project.config.write_text(f'[speech]\nespeak_variant = "{voice}"\n', encoding="utf-8")
    episode = only(build(project, engine_name="espeak", now=NOW))
    assert episode.low_data is not None
    opus = project.audio / episode.low_data.file
    integrated, peak = meter(opus)
    computed = true_peak(opus)
    minutes = episode.duration_ms / 60000
    print(f"{case} ({voice or 'plain'}, {minutes:.1f} min): {integrated} LUFS, {peak} dBTP,")
    print(f"  {computed:.2f} dBTP computed, {episode.low_data.length} B of {episode.length} B")
    assert -17.0 <= integrated <= -15.0, (case, voice, integrated)
    assert peak <= -1.0, (case, voice, peak)
    assert computed <= -1.0, (case, voice, computed)
    assert abs(milliseconds(opus) - episode.duration_ms) < 1, (case, voice)
    assert episode.low_data.length * 4 <= episode.length, (case, voice)


@pytest.mark.parametrize("number", range(6))
def test_random_articles_in_random_voices_hold_the_low_data_levels(
    tmp_path: Path, number: int
) -> None:
    rng = random.Random(3100 + number)
    text, voice = article(rng, rng.randint(3, 14)), rng.choice(VOICES)
    check(tmp_path, text, voice, f"article {number}")


def test_a_twenty_minute_article_holds_the_low_data_levels(tmp_path: Path) -> None:
    rng = random.Random(3199)
    seed = read_article(SEED)
    text, voice = article(rng, len(seed.paragraphs) * 6), rng.choice(VOICES)
    check(tmp_path, text, voice, "long article")


def test_an_edition_its_peak_keeps_short_is_encoded_again_and_the_nearer_kept(
    tmp_path: Path, seed_build: tuple[Project, Outcome]
) -> None:
    """A first reading 2 dB over the ceiling (a burst of coding noise) would leave the edition
    at -18.2 LUFS: it is encoded again at the next complexity, measured, and that one kept."""
    project, outcome = seed_build
    mp3 = project.audio / only(outcome).file
    opus = tmp_path / "edition.opus"
    encode_low_data(mp3, opus, DEFAULT_AUDIO)
    source = ["-f", "mp3", "-i", str(mp3), "-vn", "-map_metadata", "-1"]
    settle_low_data(opus, (-16.0, 1.0), source, 0.0, DEFAULT_AUDIO)
    integrated, peak = meter(opus)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0 and true_peak(opus) <= -1.0
    assert abs(milliseconds(opus) - only(outcome).duration_ms) < 1
