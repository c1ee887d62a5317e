"""An episode's words and parts in time: WebVTT and SRT transcripts, JSON chapters."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from podcast.catalog import Episode
from podcast.files import write_atomic

CHAPTER_WORDS = 8
MAX_CHAPTERS = 255
"""ID3's table of contents counts its entries in one byte."""
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 forbids (and DEL), which no text we publish should hold."""

VTT = ".vtt"
SRT = ".srt"
CHAPTERS = ".chapters.json"
COMPANIONS = {
    VTT: "text/vtt",
    SRT: "application/x-subrip",
    CHAPTERS: "application/json+chapters",
}
"""The files written beside each MP3, by suffix, with their MIME types."""


@dataclass(frozen=True)
class Chapter:
    """One part of an episode: where it starts and ends, in milliseconds, and its title."""

    start_ms: int
    end_ms: int
    title: str
    url: str | None = None


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 forbids.

    >>> xml_safe("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return CONTROL.sub("", text)


def has_parts(episode: Episode) -> bool:
    """Whether the episode knows the text of each timed part (episodes built before did not)."""
    return bool(episode.parts) and len(episode.parts) == len(episode.timeline)


def chapter_title(text: str, words: int = CHAPTER_WORDS) -> str:
    """The first words of a paragraph, as a chapter title.

    >>> chapter_title("Satu dua tiga empat lima enam tujuh delapan sembilan", 4)
    'Satu dua tiga empat …'
    >>> chapter_title("Pendek saja.")
    'Pendek saja.'
    """
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def chapters(episode: Episode) -> list[Chapter]:
    """The opening (the title) and one chapter per paragraph, covering the whole episode.

    An article of more than ``MAX_CHAPTERS - 1`` paragraphs gets one chapter
    per run of consecutive paragraphs instead, each titled by its first.
    """
    if not has_parts(episode):
        return []
    if episode.sections:
        return story_chapters(episode)
    starts = [0, *(start for start, _ in episode.timeline[1:])]
    ends = [*starts[1:], episode.duration_ms]
    titles = [xml_safe(episode.parts[0]), *(xml_safe(chapter_title(p)) for p in episode.parts[1:])]
    opening, *paragraphs = (Chapter(*chapter) for chapter in zip(starts, ends, titles, strict=True))
    size = max(1, math.ceil(len(paragraphs) / (MAX_CHAPTERS - 1)))
    runs = [paragraphs[first : first + size] for first in range(0, len(paragraphs), size)]
    return [opening, *(Chapter(run[0].start_ms, run[-1].end_ms, run[0].title) for run in runs)]


def story_chapters(episode: Episode) -> list[Chapter]:
    """One chapter per story of an edition, from its first part; before it, the opening."""
    sections = episode.sections
    starts = [episode.timeline[section.first_part][0] for section in sections]
    ends = [*starts[1:], episode.duration_ms]
    stories = [
        Chapter(start, end, xml_safe(section.title), section.url)
        for start, end, section in zip(starts, ends, sections, strict=True)
    ]
    if sections[0].first_part == 0:
        return [replace(stories[0], start_ms=0), *stories]
    return [Chapter(0, starts[0], xml_safe(episode.title)), *stories]


def plain_text(episode: Episode) -> str:
    """The transcript as plain text: the title, a blank line, then paragraphs."""
    return "\n\n".join(xml_safe(part) for part in episode.parts) + "\n"


def timestamp(ms: int, separator: str = ".") -> str:
    """``HH:MM:SS.mmm`` (WebVTT) or, with ``separator=","``, ``HH:MM:SS,mmm`` (SRT).

    >>> timestamp(3_723_004)
    '01:02:03.004'
    >>> timestamp(500, ",")
    '00:00:00,500'
    """
    seconds, milliseconds = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{milliseconds:03d}"


def _cue_text(text: str) -> str:
    escaped = xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.split())


def webvtt(episode: Episode) -> str:
    """A WebVTT transcript: one cue per part, timed as spoken."""
    cues = [
        f"{number}\n{timestamp(start)} --> {timestamp(end)}\n{_cue_text(text)}\n"
        for number, ((start, end), text) in enumerate(
            zip(episode.timeline, episode.parts, strict=True), start=1
        )
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def subrip(episode: Episode) -> str:
    """An SRT transcript: one cue per part, timed as spoken."""
    cues = [
        f"{number}\n{timestamp(start, ',')} --> {timestamp(end, ',')}\n"
        f"{' '.join(xml_safe(text).split())}\n"
        for number, ((start, end), text) in enumerate(
            zip(episode.timeline, episode.parts, strict=True), start=1
        )
    ]
    return "\n".join(cues)


def chapters_json(episode: Episode) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0), times in seconds."""
    document = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            | ({"url": c.url} if c.url else {})
            for c in chapters(episode)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def companion_names(episode: Episode) -> dict[str, str]:
    """The file name of each companion of the episode's MP3, by suffix."""
    stem = Path(episode.file).stem
    return {suffix: stem + suffix for suffix in COMPANIONS}


WRITERS = {VTT: webvtt, SRT: subrip, CHAPTERS: chapters_json}


def write_companions(episode: Episode, folder: Path) -> list[Path]:
    """Write the transcripts and chapters of ``episode`` beside its MP3 in ``folder``."""
    if not has_parts(episode):
        return []
    written = []
    for suffix, name in companion_names(episode).items():
        path = folder / name
        write_atomic(path, WRITERS[suffix](episode).encode("utf-8"))
        written.append(path)
    return written
