"""How an episode is rendered: the MP3 and its low-data edition ([audio]), and its video
([video]) for YouTube."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Audio:
    """How episodes are encoded: the MP3 every app plays, and its low-data edition.

    ``preset`` names a row of ``AUDIO_PRESETS`` (the MP3's bitrate and sample
    rate); ``mp3_kbps`` and ``sample_rate`` override it when not 0.
    """

    preset: str = "speech"
    """The MP3's bitrate and sample rate: ``speech`` (64 kbit/s, 44.1 kHz), ``compact``
    (48 kbit/s, 24 kHz) or ``music`` (128 kbit/s, 44.1 kHz)."""
    mp3_kbps: int = 0
    """The MP3's bitrate in kbit/s instead of the preset's; 0: the preset's."""
    sample_rate: int = 0
    """The MP3's sample rate in Hz instead of the preset's; 0: the preset's."""
    low_data: str = "opus"
    """The low-data edition's format: ``opus`` (Opus in Ogg), or ``none``."""
    low_data_kbps: int = 16
    """The low-data edition's target bitrate (variable: speech pauses cost less)."""

    def mp3(self) -> tuple[int, int]:
        """The MP3's bitrate in kbit/s and sample rate in Hz."""
        kbps, rate = AUDIO_PRESETS[self.preset]
        return self.mp3_kbps or kbps, self.sample_rate or rate


AUDIO_PRESETS = {"speech": (64, 44100), "compact": (48, 24000), "music": (128, 44100)}
"""Each preset's MP3 bitrate (kbit/s) and sample rate (Hz); the README says how they sound."""
LOW_DATA_FORMATS = ("opus", "none")


@dataclass(frozen=True)
class Video:
    """Episodes as videos for YouTube: the cover, the words on screen, chapters."""

    auto: bool = False
    """Whether ``podcast build`` also makes (or brings up to date) every episode's video."""
    size: str = "1280x720"
    """One of ``VIDEO_SIZES``; ``1080x1920`` is upright, for Shorts, Reels and Status."""
    font: str = ""
    """A font file, relative to the project, for the scripts Noto Sans lacks."""


VIDEO_SIZES = ("1280x720", "1920x1080", "1080x1920")


DEFAULT_AUDIO = Audio()
DEFAULT_VIDEO = Video()
