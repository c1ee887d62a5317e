"""What the screen shows when: caption pages cut from the cues, chapters and progress, in time.

The picture changes only when the caption, the chapter or the progress bar's
filled width changes, so an episode is a few frames, each held until the next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from podcast.speech import sentences

Cue = tuple[int, int, str]

TICK_MS = 5000
"""The progress bar moves with every caption, and at least this often between."""


@dataclass(frozen=True)
class Page:
    """Up to two caption lines, on screen from ``start_ms`` until ``end_ms``."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Screen:
    """One picture: from ``start_ms``, the chapter, the caption lines and the progress width."""

    start_ms: int
    chapter: int
    lines: tuple[str, ...]
    progress_px: int


def pages(cues: Sequence[Cue], wrap: Callable[[str], list[str]], lines: int = 2) -> list[Page]:
    """Each cue's sentences wrapped and cut into pages of ``lines`` lines.

    A page starts at its cue's start or within it; the pages of a cue share
    its time in proportion to their characters (the cue is timed, the words
    inside it are not). No page holds the end of one sentence and the start of
    the next.
    """
    found = []
    for start, end, text in cues:
        chunks = []
        for a, b in sentences(text):
            wrapped = wrap(" ".join(text[a:b].split()))
            chunks += [tuple(wrapped[i : i + lines]) for i in range(0, len(wrapped), lines)]
        sizes = [sum(len(line) for line in chunk) for chunk in chunks]
        total, done = sum(sizes) or 1, 0
        for chunk, size in zip(chunks, sizes, strict=True):
            first = start + (end - start) * done // total
            done += size
            found.append(Page(first, start + (end - start) * done // total, chunk))
    return found


def screens(
    duration_ms: int,
    chapter_starts: Sequence[int],
    found: Sequence[Page],
    bar_px: int,
) -> list[Screen]:
    """Every picture of the episode in order, each different from the one before."""
    moments = {0, *chapter_starts, *range(0, duration_ms, TICK_MS)}
    moments |= {page.start_ms for page in found} | {page.end_ms for page in found}
    shown, at, previous = [], 0, None
    for moment in sorted(m for m in moments if 0 <= m < duration_ms):
        while at < len(found) and found[at].end_ms <= moment:
            at += 1
        page = found[at] if at < len(found) and found[at].start_ms <= moment else None
        chapter = sum(1 for start in chapter_starts[1:] if start <= moment)
        screen = Screen(
            moment, chapter, page.lines if page else (), bar_px * moment // max(duration_ms, 1)
        )
        if previous is None or (screen.chapter, screen.lines, screen.progress_px) != previous:
            shown.append(screen)
            previous = (screen.chapter, screen.lines, screen.progress_px)
    return shown
