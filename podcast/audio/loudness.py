"""Loudness in one pass: the mix is leveled, limited and encoded while it is laid out.

All speech clips are first brought to one speech level (podcast/audio/shape.py),
so the loudness of the first seconds of an episode predicts the loudness of
the whole. ``calibrate`` measures those seconds with ffmpeg's EBU R128 meter,
and what the limiter and the MP3 encoder take away from them, and so finds
the one gain that brings the episode to -16 LUFS. A ``Recording`` then takes
the rest of the mix as it comes: it keeps a lossless copy (the raw PCM, written
as it passes: no encoder's time), and one ffmpeg process applies the gain and
a true-peak limiter, encodes the MP3 and measures what it encoded.
``export_mp3`` keeps that MP3 when the measurement is within ``TOLERANCE_LU``
of the target, and otherwise encodes again from the lossless copy with the
corrected gain (a second pass, which the build reports). Everything streams,
so memory does not grow with length.
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

from podcast.audio.encoders import (
    chain,
    edition_loudness,
    heard_levels,
    low_data_graph,
    low_data_outputs,
    mp3_encoder,
    run_encoder,
    settle_low_data,
)
from podcast.config import DEFAULT_AUDIO, Audio
from podcast.errors import AudioError
from podcast.pcm import FFMPEG, WIDTH, samples_at

TARGET_LUFS = -16.0
"""Integrated loudness, stereo-equivalent: a mono file measured as if on two speakers."""
CALIBRATION_S = 10
"""Seconds of the mix measured before the gain is chosen (or all of it, when shorter)."""
MAX_CORRECTION_DB = 3.0
TOLERANCE_LU = 0.5
"""How far from the target the one-pass MP3 may measure before a second pass corrects it."""
SILENT_LUFS = -70.0
"""What the meter reports when nothing is above its absolute gate."""

METER = "ebur128=dualmono=true:framelog=quiet"
_INTEGRATED = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS")


@dataclass(frozen=True)
class Encoded:
    """The MP3 a recording encoded in the same pass, and what its meter read."""

    path: Path
    gain_db: float
    loudness_lufs: float
    """The MP3's integrated loudness: the encoder's input as measured, less the encoder's loss."""
    heard: tuple[float, float] | None = None
    """The low-data edition encoded beside it: its loudness and its peak as decoded."""


@dataclass(frozen=True)
class Mix:
    """The episode: where its lossless PCM is, how loud it is, where its parts are.

    ``loudness_lufs`` is the lossless mix's loudness before any gain;
    ``encoded`` is the MP3 made in the same pass, when one was asked for.
    """

    path: Path
    rate: int
    loudness_lufs: float
    spans: tuple[tuple[int, int], ...]
    """Start and end in milliseconds of each part, in order."""
    duration_ms: int
    encoded: Encoded | None = None
    shifts: tuple[int, ...] = ()
    """For each part, the milliseconds from a moment in its clip to the same moment in the mix."""


@dataclass(frozen=True)
class Calibration:
    """The gain that brings a mix to the target, found on its first seconds."""

    gain_db: float
    measured_lufs: float
    """The loudness of the seconds it was found on, before the gain."""
    encoder_loss_db: float
    """Loudness the MP3 encoder alone takes away (its input measured against its output)."""


class Recording:
    """Stores the mono 16-bit PCM written to it at ``path`` and measures it with ffmpeg.

    Given a ``Calibration`` and an ``mp3`` path, it also applies the gain and
    the limiter and encodes the MP3 in the same process, measuring the
    encoder's input instead of the lossless copy.
    """

    def __init__(
        self,
        path: Path,
        rate: int,
        calibration: Calibration | None = None,
        mp3: Path | None = None,
        low: Path | None = None,
        audio: Audio = DEFAULT_AUDIO,
    ) -> None:
        self.path = path
        self.loudness_lufs = SILENT_LUFS
        self._calibration = calibration if mp3 else None
        self._mp3 = mp3 if calibration else None
        self._low = low if self._mp3 else None
        self._heard: tuple[float, float] | None = None
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed when finished)
        self._copy = path.open("wb")
        command = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", "-y"]
        command += raw_input("pipe:0", rate)
        if self._calibration is None or self._mp3 is None:
            command += ["-af", METER, "-f", "null", "-"]
        else:
            gain_db, rate = self._calibration.gain_db, audio.mp3()[1]
            command += encoding_graph(gain_db, rate, low is not None)
            command += ["-map", "[out]", *mp3_encoder(audio), str(self._mp3)]
            if low is not None:
                command += low_data_outputs(low, 1, audio)
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=self._log)

    def write(self, pcm: bytes) -> None:
        """Append PCM to the recording."""
        assert self._process.stdin is not None
        self._copy.write(pcm)
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:
            self.close()

    def __enter__(self) -> Recording:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.kill()

    def kill(self) -> None:
        """Stop ffmpeg without finishing: what it wrote is left for the caller to discard."""
        self._process.kill()
        self._process.wait()
        self._log.close()
        self._copy.close()

    def encoded(self) -> Encoded | None:
        """The MP3 encoded in this pass, once the recording is finished."""
        if self._calibration is None or self._mp3 is None:
            return None
        loss = self._calibration.encoder_loss_db
        gain_db = self._calibration.gain_db
        return Encoded(self._mp3, gain_db, self.loudness_lufs - loss, self._heard)

    def close(self) -> None:
        """Finish the recording and read what its meter measured."""
        assert self._process.stdin is not None
        self._copy.close()
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
        if self._low is not None:
            self._heard = heard_levels(log, self._low)


def encoding_graph(gain_db: float, rate: int, low: bool) -> list[str]:
    """The filter graphs of one pass: gain and limiter, then the MP3 (``[out]``) and its meter;
    and when ``low``, the low-data edition's own graph (``[low]``) at the same gain."""
    graph = f"[0:a]{chain(gain_db, rate)},asplit[out][m];[m]{METER},anullsink"
    return ["-filter_complex", graph, *(low_data_graph(gain_db) if low else [])]


def calibrate(pcm: bytes, rate: int, audio: Audio = DEFAULT_AUDIO) -> Calibration | None:
    """The gain for a mix whose first seconds are ``pcm``; None when they are silent.

    Measures them, brings them to the target through the limiter and the MP3
    encoder, and measures again: the gain makes up for what the limiter and
    the encoder take away (at 128 kbps the encoder drops part of a voice's
    highest band, which the meter weights up: about half a decibel for
    eSpeak NG).
    """
    source = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", *raw_input("pipe:0", rate)]
    measured = subprocess.run(
        [*source, "-af", METER, "-f", "null", "-"], input=pcm, capture_output=True, check=False
    )
    before = _integrated(measured.stderr.decode(errors="replace"))
    if before is None or before <= SILENT_LUFS:
        return None
    gain_db = TARGET_LUFS - before
    graph = encoding_graph(gain_db, audio.mp3()[1], low=False)
    encoded = subprocess.run(
        [*source, *graph, "-map", "[out]", *mp3_encoder(audio), "pipe:1"],
        input=pcm,
        capture_output=True,
        check=False,
    )
    limited = _integrated(encoded.stderr.decode(errors="replace"))
    measure = [FFMPEG, "-hide_banner", "-nostats", "-f", "mp3", "-i", "pipe:0"]
    heard = subprocess.run(
        [*measure, "-af", METER, "-f", "null", "-"],
        input=encoded.stdout,
        capture_output=True,
        check=False,
    )
    after = _integrated(heard.stderr.decode(errors="replace"))
    if limited is None or after is None or after <= SILENT_LUFS:
        return Calibration(gain_db, before, 0.0)
    loss = min(max(TARGET_LUFS - after, 0.0), MAX_CORRECTION_DB)
    encoder_loss = min(max(limited - after, 0.0), MAX_CORRECTION_DB)
    return Calibration(gain_db + loss, before, encoder_loss)


def export_mp3(mix: Mix, path: Path, low: Path | None = None, audio: Audio = DEFAULT_AUDIO) -> bool:
    """Make ``path`` the mix at the target loudness: mono constant-bitrate MP3 (and ``low``
    its low-data edition, from the same limited audio).

    Keeps the MP3 encoded in the mix's own pass when its loudness is within
    ``TOLERANCE_LU`` of the target; otherwise encodes the lossless mix again
    with the corrected gain, and returns True for that second pass.

    One gain brings the episode to the target; a limiter working at twice
    the output rate keeps the true peak (the peak between samples, which is
    what overshoots in a player's converter) under the ceiling. This was
    chosen over ffmpeg's loudnorm: its linear mode silently falls back to its
    dynamic mode, which rides the gain, whenever the gain would push the true
    peak over the target, and that is the usual case for speech brought up to
    -16 LUFS. The limiter compensates its own look-ahead delay, so the
    timeline stays exact; it only touches the peaks over the ceiling.
    """
    encoded, rate = mix.encoded, audio.mp3()[1]
    if encoded and encoded.path == path:
        if abs(encoded.loudness_lufs - TARGET_LUFS) <= TOLERANCE_LU:
            if low is not None:
                copy = raw_input(mix.path, mix.rate)
                settle_low_data(low, encoded.heard, copy, encoded.gain_db, audio)
            return False
        gain_db = encoded.gain_db + TARGET_LUFS - encoded.loudness_lufs
    else:
        start = max(0, samples_at(mix.duration_ms // 2, mix.rate) - CALIBRATION_S * mix.rate // 2)
        with mix.path.open("rb") as lossless:
            lossless.seek(start * WIDTH)
            excerpt = lossless.read(CALIBRATION_S * mix.rate * WIDTH)
        found = calibrate(excerpt, mix.rate, audio) if mix.loudness_lufs > SILENT_LUFS else None
        if found is None:
            raise AudioError(f"the episode for {path.name} is silent: nothing to bring to loudness")
        gain_db = found.gain_db + found.measured_lufs - mix.loudness_lufs
    command = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", "-y"]
    command += [*raw_input(mix.path, mix.rate), *encoding_graph(gain_db, rate, low is not None)]
    command += ["-map", "[out]", *mp3_encoder(audio), str(path)]
    if low is not None:
        command += low_data_outputs(low, 1, audio)
    log = run_encoder(command, path)
    if low is not None:
        copy = raw_input(mix.path, mix.rate)
        settle_low_data(low, heard_levels(log, low), copy, gain_db, audio)
    return True


def raw_input(source: str | Path, rate: int) -> list[str]:
    """ffmpeg's options that read mono 16-bit PCM at ``rate`` from ``source``."""
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(source)]


def _integrated(log: str) -> float | None:
    """The integrated loudness ``METER`` wrote in ``log``, or None when it wrote none.

    A pass that made the low-data edition has its meter's summary too, before, after or inside
    this one (ffmpeg's log keeps no order between threads): the one nearer its own reading.
    """
    found = [float(value) for value in _INTEGRATED.findall(log)]
    edition = edition_loudness(log)
    if edition is not None and len(found) > 1:
        found.remove(min(found, key=lambda value: abs(value - edition)))
    return max(SILENT_LUFS, found[-1]) if found else None
