"""The show's settings: podcast.toml read, checked and handed on as frozen records.

Takes the path of podcast.toml (missing means every default); hands on
``Settings`` (``Show``, ``Speech``, ``Pacing``, ``Music``) to every later stage.
"""

from podcast.config.described import field_notes, sections, toml_value, undocumented
from podcast.config.images import COVER_FORMATS, image_problem
from podcast.config.load import load_settings
from podcast.config.problems import config_problems
from podcast.config.records import (
    DEFAULT_PACING,
    NO_MUSIC,
    Edition,
    Fetch,
    Music,
    Pacing,
    Publish,
    Settings,
    Show,
    Source,
    Speech,
    Topic,
)
from podcast.config.renditions import AUDIO_PRESETS, DEFAULT_AUDIO, VIDEO_SIZES, Audio, Video
from podcast.config.template import write_config

__all__ = [
    "AUDIO_PRESETS",
    "COVER_FORMATS",
    "DEFAULT_AUDIO",
    "DEFAULT_PACING",
    "NO_MUSIC",
    "VIDEO_SIZES",
    "Audio",
    "Edition",
    "Fetch",
    "Music",
    "Pacing",
    "Publish",
    "Settings",
    "Show",
    "Source",
    "Speech",
    "Topic",
    "Video",
    "config_problems",
    "field_notes",
    "image_problem",
    "load_settings",
    "sections",
    "toml_value",
    "undocumented",
    "write_config",
]
