"""Loudness in two passes: record the mix while measuring it, then encode it at the target.

Pass one stores the mix losslessly (FLAC) and measures its integrated
loudness with ffmpeg's EBU R128 meter, in the same ffmpeg process. Pass two
applies the one gain that brings it to -16 LUFS and a true-peak limiter, and
encodes the MP3. Both passes stream, so memory does not grow with length.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from podcast.audio.shape import BITRATE
from podcast.errors import AudioError
from podcast.pcm import FFMPEG, SAMPLE_RATE

TARGET_LUFS = -16.0
"""Integrated loudness, stereo-equivalent: a mono file measured as if on two speakers."""
CEILING_DBTP = -1.5
"""The limiter's ceiling: 0.5 dB under the -1 dBTP podcast apps allow, for the MP3 encoder."""
OVERSAMPLING = 2
"""The limiter works at twice the output rate: enough to hold the true peak (measured at four
times) under -1 dBTP, at half the cost of four times."""
CALIBRATION_S = 20
MAX_CORRECTION_DB = 3.0
SILENT_LUFS = -70.0
"""What the meter reports when nothing is above its absolute gate."""

LAME_QUALITY = 7
"""LAME's fast mode (no noise shaping): for mono speech at 128 kbps its coding error is no
larger than at the default quality (3), and it encodes about 1.6 times faster."""

ENCODER = ["-codec:a", "libmp3lame", "-b:a", BITRATE, "-ar", str(SAMPLE_RATE), "-ac", "1"]
ENCODER += ["-compression_level", str(LAME_QUALITY), "-f", "mp3"]
METER = "ebur128=dualmono=true:framelog=quiet"
_INTEGRATED = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS")


@dataclass(frozen=True)
class Mix:
    """The episode before its final gain: where its PCM is, how loud it is, where its parts are."""

    path: Path
    rate: int
    loudness_lufs: float
    spans: tuple[tuple[int, int], ...]
    """Start and end in milliseconds of each part, in order."""
    duration_ms: int
    shifts: tuple[int, ...] = ()
    """For each part, the milliseconds from a moment in its clip to the same moment in the mix."""


class Recording:
    """An ffmpeg process that stores the mono 16-bit PCM written to it and measures it."""

    def __init__(self, path: Path, rate: int) -> None:
        self.path = path
        self.loudness_lufs = SILENT_LUFS
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed when finished)
        command = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", "-y"]
        command += ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
        command += ["-af", METER, "-c:a", "flac", "-compression_level", "0", "-f", "flac"]
        self._process = subprocess.Popen(
            [*command, str(path)], stdin=subprocess.PIPE, stderr=self._log
        )

    def write(self, pcm: bytes) -> None:
        """Append PCM to the recording."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:
            self._finish()

    def __enter__(self) -> Recording:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self._finish()
        else:
            self._process.kill()
            self._process.wait()
            self._log.close()

    def _finish(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.close()
        code = self._process.wait()
        self._log.seek(0)
        log = self._log.read().decode(errors="replace")
        self._log.close()
        loudness = _integrated(log)
        if code != 0 or loudness is None:
            last = log.strip().splitlines()[-1:] or [f"exit status {code}"]
            raise AudioError(f"ffmpeg could not record the episode ({last[0].strip()})")
        self.loudness_lufs = loudness


def export_mp3(mix: Mix, path: Path) -> None:
    """Encode the mix at the target loudness as mono 44.1 kHz constant-bitrate MP3 at ``path``.

    One gain brings the measured loudness to the target; a limiter working at
    twice the output rate keeps the true peak (the peak between samples,
    which is what overshoots in a player's converter) under the ceiling. This
    was chosen over ffmpeg's loudnorm: its linear mode silently falls back to
    its dynamic mode, which rides the gain, whenever the gain would push the
    true peak over the target, and that is the usual case for speech brought
    up to -16 LUFS. The limiter compensates its own look-ahead delay, so the
    timeline stays exact; it only touches the peaks over the ceiling.
    """
    if mix.loudness_lufs <= SILENT_LUFS:
        raise AudioError(f"the episode for {path.name} is silent: nothing to bring to loudness")
    gain_db = TARGET_LUFS - mix.loudness_lufs
    gain_db += _encoding_loss_db(mix, gain_db)
    command = [FFMPEG, "-hide_banner", "-loglevel", "error", "-y", "-i", str(mix.path)]
    command += ["-af", _chain(gain_db), *ENCODER, str(path)]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        raise AudioError(
            f"ffmpeg could not encode {path}: {result.stderr.decode(errors='replace')}"
        )


def _chain(gain_db: float) -> str:
    """The ffmpeg filters that apply the gain and the oversampled true-peak limiter."""
    ceiling = 10 ** (CEILING_DBTP / 20)
    return ",".join(
        [
            "aformat=sample_fmts=flt",
            f"volume={gain_db:.2f}dB",
            f"aresample={SAMPLE_RATE * OVERSAMPLING}:resampler=soxr",
            f"alimiter=limit={ceiling:.4f}:attack=2:release=60:level=false:latency=true",
            f"aresample={SAMPLE_RATE}:resampler=soxr",
        ]
    )


def _encoding_loss_db(mix: Mix, gain_db: float) -> float:
    """How much loudness the limiter and the MP3 encoder take away, measured on an excerpt.

    At 128 kbps the encoder drops part of a voice's highest band, which the
    meter weights up: about half a decibel for eSpeak NG. Encoding a
    ``CALIBRATION_S`` excerpt from the middle and measuring it before and
    after tells how much, at a cost that does not grow with the episode.
    """
    start_s = max(0.0, mix.duration_ms / 2000 - CALIBRATION_S / 2)
    excerpt = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info"]
    excerpt += ["-ss", f"{start_s:.3f}", "-t", str(CALIBRATION_S), "-i", str(mix.path)]
    graph = f"[0:a]asplit[a][b];[a]{METER},anullsink;[b]{_chain(gain_db)}[out]"
    excerpt += ["-filter_complex", graph, "-map", "[out]", *ENCODER, "pipe:1"]
    before = subprocess.run(excerpt, capture_output=True, check=False)
    measure = [FFMPEG, "-hide_banner", "-nostats", "-f", "mp3", "-i", "pipe:0"]
    measure += ["-af", METER, "-f", "null", "-"]
    after = subprocess.run(measure, input=before.stdout, capture_output=True, check=False)
    levels = [_integrated(run.stderr.decode(errors="replace")) for run in (before, after)]
    if None in levels or SILENT_LUFS in levels:
        return 0.0
    loss = levels[0] + gain_db - levels[1]  # type: ignore[operator]
    return min(max(loss, 0.0), MAX_CORRECTION_DB)


def _integrated(log: str) -> float | None:
    """The integrated loudness in an ffmpeg EBU R128 summary, or None when there is none."""
    found = _INTEGRATED.findall(log)
    return max(SILENT_LUFS, float(found[-1])) if found else None
