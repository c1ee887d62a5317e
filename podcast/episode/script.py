"""What one episode says and shows, before any voice speaks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from podcast.audio import Pauses
from podcast.catalog import Section
from podcast.text import Voiced


@dataclass(frozen=True)
class Script:
    """What one episode says and shows, part by part, before it is spoken.

    ``spoken`` holds the words the voice says for each part; ``shown`` the
    words a transcript shows for it, or None for a part left out of the
    timeline (an article's intro and outro). ``facts`` is everything besides
    the voice that goes into the MP3, hashed with the voice's name.
    ``voiced`` holds the parts as an engine says them where the pronunciation
    list has entries of its own for it that change them.
    """

    key: str
    title: str
    outlet: str | None
    summary: str
    source_url: str | None
    day: date | None
    slug: str
    spoken: tuple[str, ...]
    shown: tuple[str | None, ...]
    pauses: Pauses
    facts: tuple[object, ...]
    sections: tuple[Section, ...] = ()
    voiced: Voiced = ()

    def spoken_by(self, kind: str) -> tuple[str, ...]:
        """The words an engine of ``kind`` (``espeak``, ``gtts``, …) says, part by part."""
        return dict(self.voiced).get(kind, self.spoken)
