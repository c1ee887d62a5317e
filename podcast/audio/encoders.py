"""The encoders an episode goes through: its MP3, and its low-data edition in Opus.

Both take the same mastered audio (after the gain and the true-peak limiter),
so they are made in one ffmpeg process from one filter graph: the low-data
edition costs its own encoder and nothing else.
"""

from __future__ import annotations

import re
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

from mutagen.ogg import OggPage

from podcast.config import DEFAULT_AUDIO, Audio
from podcast.errors import AudioError
from podcast.pcm import FFMPEG

LAME_QUALITY = 7
"""LAME's fast mode (no noise shaping): for mono speech its coding error is no larger than at
the default quality (3), and it encodes about 1.6 times faster."""
CEILING_DBTP = -1.5
"""The limiter's ceiling: 0.5 dB under the -1 dBTP podcast apps allow, for the MP3 encoder."""
OVERSAMPLING = 2
"""The limiter works at twice the output rate: enough to hold the true peak (measured at four
times) under -1 dBTP, at half the cost of four times."""

LOW_DATA_RATE = 16000
"""What the Opus encoder is given: wideband speech (up to 8 kHz), all that Opus codes at the
low-data bitrates anyway, so it has a third of the samples of 48 kHz to look at."""
LOW_DATA_CEILING_DBTP = -4.5
"""Opus at speech bitrates overshoots the peaks it is given by 2 to 2.6 dB (measured on the
seed), so the low-data edition is limited again, lower, before it is encoded..."""
LOW_DATA_GAIN_DB = 0.5
"""...and brought up by what that lower ceiling and the encoder take from its loudness."""
OPUS = ["-application", "voip", "-frame_duration", "60"]
"""Opus tuned for speech (its SILK layer), in 60 ms frames (less overhead per second than 20)."""
COMPLEXITY = 1
"""Opus's complexity: 1 encodes as fast as 0 (measured on 29 minutes of speech), whose coding
noise overshot the peaks more often, and twice as fast as 2; at 16 kbit/s the files measure
the same size as at 10."""
LOUDNESS_LUFS = -16.0
PEAK_DBTP = -1.0
"""The most the low-data edition's decoded peak may reach..."""
PEAK_MARGIN_DB = 0.1
"""...less this margin."""
MAX_GAIN_DB = 6.0
"""The most the output gain raises the edition (it comes out of the encoder within 2 dB)."""
LOW_DATA_SHORT_LU = 0.9
"""How far under -16 LUFS the edition may stay for its peak before it is encoded again."""
RETRY_COMPLEXITIES = (4, 10)
"""The Opus complexities of the encodes tried again, in turn, when one peaked too high."""

LOW_DATA_TYPES = {"opus": ("audio/ogg", "opus", ".opus")}
"""Each low-data format's media type, codec and file suffix."""


def mp3_encoder(audio: Audio = DEFAULT_AUDIO) -> list[str]:
    """ffmpeg's options that encode mono constant-bitrate MP3 as ``audio`` says."""
    kbps, rate = audio.mp3()
    command = ["-codec:a", "libmp3lame", "-b:a", f"{kbps}k", "-ar", str(rate), "-ac", "1"]
    return [*command, "-compression_level", str(LAME_QUALITY), "-f", "mp3"]


ENCODER = mp3_encoder()
"""The default MP3 encoder (the benchmarks' reference)."""


def low_data_encoder(audio: Audio = DEFAULT_AUDIO, complexity: int = COMPLEXITY) -> list[str]:
    """ffmpeg's options that encode the low-data edition: Opus in Ogg."""
    command = ["-codec:a", "libopus", "-b:a", f"{audio.low_data_kbps}k", *OPUS]
    return [*command, "-compression_level", str(complexity), "-f", "ogg"]


def low_data_suffix(audio: Audio) -> str | None:
    """The low-data edition's file suffix, or None when the show makes none."""
    found = LOW_DATA_TYPES.get(audio.low_data)
    return found[2] if found else None


def low_data_settings(audio: Audio) -> str:
    """What the low-data edition is made with: when it changes, only that edition is remade."""
    return f"{audio.low_data}:{audio.low_data_kbps}k:{LOW_DATA_CEILING_DBTP}:{LOW_DATA_GAIN_DB}"


def limiter(ceiling_dbtp: float) -> str:
    """ffmpeg's look-ahead limiter at ``ceiling_dbtp``, its delay compensated."""
    ceiling = 10 ** (ceiling_dbtp / 20)
    return f"alimiter=limit={ceiling:.4f}:attack=2:release=60:level=false:latency=true"


def chain(gain_db: float, rate: int = DEFAULT_AUDIO.mp3()[1]) -> str:
    """The ffmpeg filters that apply the gain and the oversampled true-peak limiter."""
    return ",".join(
        [
            "aformat=sample_fmts=flt",
            f"volume={gain_db:.2f}dB",
            f"aresample={rate * OVERSAMPLING}:resampler=soxr",
            limiter(CEILING_DBTP),
            f"aresample={rate}:resampler=soxr",
        ]
    )


def low_data_chain() -> str:
    """From the mastered audio to what the Opus encoder takes: resampled, limited lower."""
    resampled = f"volume={LOW_DATA_GAIN_DB}dB,aresample={LOW_DATA_RATE}:resampler=soxr"
    return f"{resampled},{limiter(LOW_DATA_CEILING_DBTP)}"


def encode_low_data(mp3: Path, path: Path, audio: Audio) -> None:
    """Make the low-data edition at ``path`` from the published ``mp3``: no speech, no mix.

    For when only the low-data settings changed: the MP3 holds the mastered
    episode at its loudness, so it is decoded, limited and encoded again.
    """
    source = ["-f", "mp3", "-i", str(mp3), "-vn", "-map_metadata", "-1"]

    def encode(complexity: int) -> None:
        command = [FFMPEG, "-hide_banner", "-loglevel", "error", "-y", *source]
        command += ["-af", low_data_chain(), *low_data_encoder(audio, complexity), str(path)]
        run_encoder(command, path)

    encode(COMPLEXITY)
    normalize_low_data(path, encode)


def normalize_low_data(path: Path, encode: Callable[[int], None]) -> None:
    """Bring the low-data edition at ``path`` to -16 LUFS with its peak at ``PEAK_DBTP`` at most.

    Opus at speech bitrates takes more of the loudness the lower the bitrate
    (its coding drops the top band, which the meter weights up) and adds
    noise over the peaks, so the edition is measured as players decode it, at
    48 kHz: six times the highest frequency it carries, where the sample
    peak is the true peak. The Opus header's output gain, which every decoder
    applies (RFC 7845), then brings it to the target, or as near as its peak
    allows. When its peak keeps it more than ``LOW_DATA_SHORT_LU`` under the
    target (a burst of coding noise: now and then in a short episode, most
    times in a half-hour one, measured), it is encoded again with ``encode`` at
    each of ``RETRY_COMPLEXITIES`` in turn, each taking another path through
    the encoder, until one is near enough, and the best is kept.
    """
    gain, reached = _output_gain(path)
    best = path.read_bytes() if reached < LOUDNESS_LUFS - LOW_DATA_SHORT_LU else b""
    for complexity in RETRY_COMPLEXITIES:
        if reached >= LOUDNESS_LUFS - LOW_DATA_SHORT_LU:
            break
        encode(complexity)
        gain_again, reached_again = _output_gain(path)
        if reached_again > reached:
            gain, reached, best = gain_again, reached_again, path.read_bytes()
    if best:
        path.write_bytes(best)
    set_output_gain(path, gain)


def _output_gain(path: Path) -> tuple[float, float]:
    """The output gain the Opus file at ``path`` needs, and the loudness it then reaches."""
    loudness, peak = decoded_levels(path)
    gain = min(LOUDNESS_LUFS - loudness, PEAK_DBTP - PEAK_MARGIN_DB - peak, MAX_GAIN_DB)
    return gain, loudness + gain


def decoded_levels(path: Path) -> tuple[float, float]:
    """The integrated loudness (LUFS) and the peak (dBFS) of the Opus file at ``path`` as
    players decode it: at 48 kHz, with libopus, the reference decoder browsers use (FFmpeg's
    own decoder reads its peaks up to 0.3 dB lower)."""
    meter = "ebur128=dualmono=true:peak=sample:framelog=quiet"
    command = [FFMPEG, "-hide_banner", "-nostats", "-codec:a", "libopus", "-i", str(path)]
    command += ["-af", meter]
    result = subprocess.run([*command, "-f", "null", "-"], capture_output=True, check=False)
    summary = result.stderr.split(b"Summary:")[-1]
    loudness = re.search(rb"I:\s+(-?[\d.]+) LUFS", summary)
    peak = re.search(rb"Peak:\s+(-?[\d.]+) dBFS", summary)
    if result.returncode != 0 or not loudness or not peak:
        raise AudioError(f"ffmpeg could not measure {path}")
    return float(loudness[1]), float(peak[1])


def set_output_gain(path: Path, gain_db: float) -> None:
    """Set the output gain of the Opus file at ``path`` (RFC 7845: decoders apply it)."""
    with path.open("r+b") as file:
        page = OggPage(file)
        head = bytearray(page.packets[0])
        struct.pack_into("<h", head, 16, round(gain_db * 256))
        page.packets = [bytes(head)]
        file.seek(0)
        file.write(page.write())


def run_encoder(command: list[str], path: Path) -> None:
    """Run ffmpeg's ``command``, which writes ``path``; a failure is an AudioError."""
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace")
        raise AudioError(f"ffmpeg could not encode {path}: {error}")
