"""The low-data edition beside each MP3: its name, its tags and chapters, what the feed says.

The edition is Opus in Ogg, whose tags are Vorbis comments: the same title,
artist, show, date and summary as the MP3's ID3 tags, and its chapters as the
Vorbis chapter extension (``CHAPTER000=00:00:00.000``, ``CHAPTER000NAME=...``),
which ffmpeg and the players built on it read. No cover: apps show the feed's,
and the cover alone would weigh a third of a short episode's edition.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from mutagen.oggopus import OggOpus

from podcast.catalog import Episode, LowData
from podcast.config import Show
from podcast.episode.transcript import chapters


def low_data_name(mp3: str, suffix: str) -> str:
    """The low-data edition's file name beside the MP3 ``mp3``.

    >>> low_data_name("2026-11-30-banjir.mp3", ".opus")
    '2026-11-30-banjir.opus'
    """
    return Path(mp3).stem + suffix


def _clock(ms: int) -> str:
    """A chapter's start as the Vorbis chapter extension writes it.

    >>> _clock(3_725_042)
    '01:02:05.042'
    """
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def tag_low_data(path: Path, episode: Episode, show: Show) -> None:
    """Replace the Vorbis comments of the Opus file at ``path`` with the episode's."""
    opus = OggOpus(str(path))
    assert opus.tags is not None
    opus.tags.clear()
    fields = {
        "TITLE": episode.title,
        "ARTIST": episode.outlet or show.author,
        "ALBUM": show.title,
        "GENRE": "Podcast",
        "DATE": episode.pub_date.strftime("%Y-%m-%d"),
        "LANGUAGE": show.language,
        "DESCRIPTION": episode.summary,
    }
    if episode.source_url:
        fields["CONTACT"] = episode.source_url
    for number, chapter in enumerate(chapters(episode)):
        fields[f"CHAPTER{number:03d}"] = _clock(chapter.start_ms)
        fields[f"CHAPTER{number:03d}NAME"] = chapter.title
        if chapter.url:
            fields[f"CHAPTER{number:03d}URL"] = chapter.url
    for key, value in fields.items():
        opus.tags[key] = [value]
    opus.save()


def describe_low_data(
    path: Path, name: str, kind: tuple[str, str], episode: Episode, settings: str
) -> LowData:
    """The feed's facts about the finished edition at ``path``, published as ``name``."""
    data = path.read_bytes()
    digest = base64.b64encode(hashlib.sha384(data).digest()).decode()
    bitrate = round(len(data) * 8 * 1000 / max(1, episode.duration_ms))
    return LowData(name, kind[0], kind[1], len(data), bitrate, f"sha384-{digest}", settings)
