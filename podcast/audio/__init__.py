"""Audio: decoded clips mastered into one MP3 episode.

Takes each part's decoded speech (title, paragraphs, intro, outro) and the
show's pacing and music; levels, trims and fades every clip, lays them out with
their pauses, and encodes one MP3 at -16 LUFS with true peaks under -1 dBTP,
and in the same pass its low-data edition (Opus). Hands on the MP3 and the
timeline of where each part starts.
"""

from podcast.audio.encoders import (
    ENCODER,
    LOW_DATA_TYPES,
    encode_low_data,
    low_data_settings,
    low_data_suffix,
)
from podcast.audio.layout import master
from podcast.audio.loudness import export_mp3
from podcast.audio.shape import Pauses, pauses

__all__ = [
    "ENCODER",
    "LOW_DATA_TYPES",
    "Pauses",
    "encode_low_data",
    "export_mp3",
    "low_data_settings",
    "low_data_suffix",
    "master",
    "pauses",
]
