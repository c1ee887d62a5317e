"""Episode files: what goes into and beside each MP3.

Takes a mastered MP3 and its ``Episode`` record; writes the ID3v2.3 tags
(with cover and chapters) and the low-data edition's Vorbis comments, and
publishes the show's cover art; hands on the companion files the feed links
to: WebVTT and SRT transcripts and Podcasting 2.0 chapters JSON.
"""

from podcast.episode.artwork import cover_name, embedded_cover, write_cover
from podcast.episode.low_data import describe_low_data, low_data_name, tag_low_data
from podcast.episode.naming import (
    DESCRIPTION,
    EXTRAS,
    episode_file,
    episode_page,
    extra_names,
    slugify,
    summarize,
)
from podcast.episode.script import Script
from podcast.episode.tags import tag
from podcast.episode.timing import shifted, timed_parts
from podcast.episode.transcript import (
    CHAPTERS,
    COMPANIONS,
    SRT,
    VTT,
    chapters,
    companion_names,
    cues,
    has_parts,
    write_companions,
    xml_safe,
)

__all__ = [
    "CHAPTERS",
    "COMPANIONS",
    "DESCRIPTION",
    "EXTRAS",
    "SRT",
    "VTT",
    "Script",
    "chapters",
    "companion_names",
    "cover_name",
    "cues",
    "describe_low_data",
    "embedded_cover",
    "episode_file",
    "episode_page",
    "extra_names",
    "has_parts",
    "low_data_name",
    "shifted",
    "slugify",
    "summarize",
    "tag",
    "tag_low_data",
    "timed_parts",
    "write_companions",
    "write_cover",
    "xml_safe",
]
