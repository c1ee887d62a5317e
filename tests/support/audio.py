"""Audio read back from the files the tool writes: PCM and measured loudness."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from podcast.pcm import FFMPEG, SAMPLE_RATE
from tests.support import DATA


def pcm(path: Path, rate: int | None = None) -> bytes:
    """Decode any audio file to mono 16-bit PCM at the episode's rate with ffmpeg.

    ``rate`` says that the file is raw mono 16-bit PCM at that rate (a mix's lossless copy).
    """
    given = ["-f", "s16le", "-ar", str(rate), "-ac", "1"] if rate else []
    command = [FFMPEG, "-v", "error", *given, "-i", str(path), "-f", "s16le", "-ac", "1"]
    command += ["-ar", str(SAMPLE_RATE), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout


BYTES_PER_MS = SAMPLE_RATE * 2 / 1000


SHORT = DATA / "short_article.txt"


def meter(audio: Path | bytes) -> tuple[float, float]:
    """Integrated loudness (LUFS, dual mono) and true peak (dBTP) from ffmpeg's summary."""
    source = ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0"]
    if isinstance(audio, Path):
        source = ["-i", str(audio)]
    meter = ["-af", "ebur128=dualmono=true:peak=true:framelog=quiet", "-f", "null", "-"]
    result = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostats", *source, *meter],
        input=None if isinstance(audio, Path) else audio,
        capture_output=True,
        check=True,
    )
    summary = result.stderr.decode().split("Summary:")[-1]
    integrated = re.search(r"I:\s+(-?[\d.]+) LUFS", summary)
    peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert integrated and peak, summary
    return float(integrated[1]), float(peak[1])
