"""The text for YouTube's description box: show notes, the source, chapters YouTube accepts.

YouTube turns ``00:00 Title`` lines into chapters only when the first is at
00:00, there are at least three, and each lasts at least ten seconds; it refuses
a description holding ``<`` or ``>`` or longer than 5,000 characters.
"""

from __future__ import annotations

from collections.abc import Sequence

from podcast.catalog import Episode
from podcast.config import Show

MIN_CHAPTER_MS = 10_000
MIN_CHAPTERS = 3
MAX_CHARACTERS = 5000
ANGLES = str.maketrans({"<": "‹", ">": "›"})


def clock(ms: int) -> str:
    """A chapter time as YouTube reads it: ``MM:SS``, or ``H:MM:SS`` from an hour.

    >>> clock(0), clock(75_900), clock(3_725_000)
    ('00:00', '01:15', '1:02:05')
    """
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def youtube_chapters(
    chapters: Sequence[tuple[int, str]], duration_ms: int
) -> list[tuple[int, str]]:
    """The chapters YouTube keeps: each at least ten seconds, a short one joined to the one
    before; none when fewer than three are left.

    >>> youtube_chapters([(0, "A"), (4_000, "B"), (30_000, "C"), (45_000, "D"), (60_000, "E")],
    ...                  65_000)
    [(0, 'A'), (30000, 'C'), (45000, 'D')]
    """
    kept: list[tuple[int, str]] = []
    for start, title in chapters:
        if not kept or start - kept[-1][0] >= MIN_CHAPTER_MS:
            kept.append((0 if not kept else start, title))
    if kept and duration_ms - kept[-1][0] < MIN_CHAPTER_MS:
        kept.pop()
    return kept if len(kept) >= MIN_CHAPTERS else []


def description(
    episode: Episode, show: Show, chapters: Sequence[tuple[int, str]], feed_url: str
) -> str:
    """The description of an episode's video: notes, sources, chapter lines, the show.

    When it would be longer than YouTube takes, the later chapter lines are left out.
    """
    head = [episode.summary.strip()]
    if episode.source_url:
        head.append(f"{episode.outlet or episode.source_url}: {episode.source_url}")
    stories = [f"{story.title}: {story.url}" for story in episode.sections if story.url]
    if stories:  # an edition: each story's source
        head.append("\n".join(stories))
    tail = f"{show.title}: {show.link}\nRSS: {feed_url}"
    lines = [
        f"{clock(start)} {' '.join(title.split())}"
        for start, title in youtube_chapters(chapters, episode.duration_ms)
    ]
    while True:
        text = "\n\n".join([*head, "\n".join(lines), tail] if lines else [*head, tail])
        text = text.translate(ANGLES).strip() + "\n"
        if len(text) <= MAX_CHARACTERS or len(lines) <= MIN_CHAPTERS:
            return text
        lines.pop()
