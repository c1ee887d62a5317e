"""The encoders an episode goes through: its MP3, and its low-data edition in Opus.

Both take the same mastered audio (after the gain and the true-peak limiter),
so they are made in one ffmpeg process from one filter graph: the low-data
edition costs its own encoder and nothing else.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

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
OPUS = ["-application", "voip", "-frame_duration", "60", "-compression_level", "0"]
"""Opus tuned for speech (its SILK layer), in 60 ms frames (less overhead per second than 20),
at its fastest complexity: at 16 kbit/s its files measure the same size as at 10."""

LOW_DATA_TYPES = {"opus": ("audio/ogg", "opus", ".opus")}
"""Each low-data format's media type, codec and file suffix."""


def mp3_encoder(audio: Audio = DEFAULT_AUDIO) -> list[str]:
    """ffmpeg's options that encode mono constant-bitrate MP3 as ``audio`` says."""
    kbps, rate = audio.mp3()
    command = ["-codec:a", "libmp3lame", "-b:a", f"{kbps}k", "-ar", str(rate), "-ac", "1"]
    return [*command, "-compression_level", str(LAME_QUALITY), "-f", "mp3"]


ENCODER = mp3_encoder()
"""The default MP3 encoder (the benchmarks' reference)."""


def low_data_encoder(audio: Audio = DEFAULT_AUDIO) -> list[str]:
    """ffmpeg's options that encode the low-data edition: Opus in Ogg."""
    return ["-codec:a", "libopus", "-b:a", f"{audio.low_data_kbps}k", *OPUS, "-f", "ogg"]


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
    command = [FFMPEG, "-hide_banner", "-loglevel", "error", "-y", "-f", "mp3", "-i", str(mp3)]
    command += ["-vn", "-map_metadata", "-1", "-af", low_data_chain(), *low_data_encoder(audio)]
    result = subprocess.run([*command, str(path)], capture_output=True, check=False)
    if result.returncode != 0:
        raise AudioError(
            f"ffmpeg could not encode {path}: {result.stderr.decode(errors='replace')}"
        )
