"""The checks of the [audio] settings: presets, MP3 sample rates and bitrates, Opus bitrates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from podcast.config.renditions import AUDIO_PRESETS, LOW_DATA_FORMATS

MP3_RATES = {
    44100: (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    48000: (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    22050: (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    24000: (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
"""The MP3 sample rates an episode may have, each with the bitrates MPEG audio allows at it."""


def _preset(value: str, given: Any) -> str:
    if value not in AUDIO_PRESETS:
        raise ValueError(f"{value!r} is not a preset; known: {', '.join(AUDIO_PRESETS)}")
    return value


def _sample_rate(value: int, given: Any) -> int:
    if value and value not in MP3_RATES:
        known = ", ".join(str(rate) for rate in MP3_RATES)
        raise ValueError(f"{value} Hz is not an MP3 sample rate for speech; known: {known}")
    return value


def _mp3_kbps(value: int, given: Any) -> int:
    preset = AUDIO_PRESETS.get(given.values.get("preset", "speech"), AUDIO_PRESETS["speech"])
    rate = given.values.get("sample_rate") or preset[1]
    allowed = MP3_RATES.get(rate, ())
    if value and value not in allowed:
        known = ", ".join(str(kbps) for kbps in allowed)
        raise ValueError(f"an MP3 at {rate} Hz cannot be {value} kbit/s; it can be {known}")
    return value


def _low_data(value: str, given: Any) -> str:
    if value not in LOW_DATA_FORMATS:
        raise ValueError(f"{value!r} is not a low-data format; known: opus, none")
    return value


def _low_data_kbps(value: int, given: Any) -> int:
    if not 6 <= value <= 64:
        raise ValueError(f"must be from 6 to 64 kbit/s (Opus for speech), not {value}")
    return value


AUDIO_CHECKS: dict[tuple[str, str], Callable[[Any, Any], Any]] = {
    ("audio", "preset"): _preset,
    ("audio", "sample_rate"): _sample_rate,
    ("audio", "mp3_kbps"): _mp3_kbps,
    ("audio", "low_data"): _low_data,
    ("audio", "low_data_kbps"): _low_data_kbps,
}
"""Each [audio] setting's check, as ``CHECKS`` in load.py keys them."""
