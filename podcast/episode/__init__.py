"""Episode files: what goes into and beside each MP3.

Takes a mastered MP3 and its ``Episode`` record; writes the ID3v2.3 tags
(with cover and chapters) and publishes the show's cover art; hands on the
companion files the feed links to: WebVTT and SRT transcripts and Podcasting
2.0 chapters JSON.
"""

from podcast.episode.artwork import cover_name, embedded_cover, publish_cover
from podcast.episode.naming import (
    DESCRIPTION,
    EXTRAS,
    episode_file,
    episode_page,
    extra_names,
    slugify,
    summarize,
)
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
    "chapters",
    "companion_names",
    "cover_name",
    "cues",
    "embedded_cover",
    "episode_file",
    "episode_page",
    "extra_names",
    "has_parts",
    "publish_cover",
    "shifted",
    "slugify",
    "summarize",
    "tag",
    "timed_parts",
    "write_companions",
    "xml_safe",
]
