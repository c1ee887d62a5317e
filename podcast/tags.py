"""Write ID3v2.3 tags into an episode's MP3 with mutagen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, Frame

from podcast.catalog import Episode
from podcast.config import Show

FRAMES: tuple[tuple[Callable[..., Frame], Callable[[Episode, Show], str]], ...] = (
    (TIT2, lambda episode, show: episode.title),
    (TPE1, lambda episode, show: episode.outlet or show.author),
    (TALB, lambda episode, show: show.title),
    (TCON, lambda episode, show: "Podcast"),
    (TDRC, lambda episode, show: episode.pub_date.strftime("%Y-%m-%d")),
)


def tag(path: Path, episode: Episode, show: Show) -> None:
    """Replace the tags of the MP3 at ``path`` with the episode's."""
    tags = ID3()
    for frame, value in FRAMES:
        tags.add(frame(encoding=3, text=[value(episode, show)]))
    tags.add(COMM(encoding=3, lang="ind", desc="", text=[episode.summary]))
    tags.save(str(path), v2_version=3)


def read_tags(path: Path) -> dict[str, Any]:
    """The text of every frame, keyed by frame id (used by tests and `podcast show`)."""
    return {key: str(frame) for key, frame in ID3(str(path)).items()}
