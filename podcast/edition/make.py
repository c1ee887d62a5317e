"""Plan a day's edition: choose its stories and lay them out as one script."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast.catalog import Episode
from podcast.config import Edition, Music, Pacing, Show
from podcast.edition.script import edition_script
from podcast.edition.stories import choose_stories
from podcast.episode import Script
from podcast.errors import EditionError
from podcast.text import Lexicon


def plan_edition(
    day: date,
    sources: Sequence[Path],
    edition: Edition,
    *,
    show: Show,
    episodes: Sequence[Episode],
    audio: Path,
    pacing: Pacing,
    music: Music,
    lexicon: Lexicon,
    sound: Sequence[str] = (),
    load: Callable[[str], Episode | None] | None = None,
) -> tuple[Script, list[str]]:
    """The script of the edition of ``day`` from the articles in ``sources``.

    ``episodes`` are the catalog's, whole or its headers with ``load`` giving the whole
    episode of a guid; ``audio`` the folder they are published in.
    Also returns the day's articles that could not be read (left out). Raises
    EditionError when the day has no articles.
    """
    known = {episode.key: episode for episode in episodes}
    zone = ZoneInfo(show.timezone)
    stories, failures = choose_stories(sources, day, edition, zone, known, audio, load)
    if not stories:
        unread = f"; {len(failures)} could not be read: {'; '.join(failures)}" if failures else ""
        raise EditionError(f"no articles for {day.isoformat()}{unread}")
    script = edition_script(
        stories, day, show, edition, pacing=pacing, music=music, lexicon=lexicon, sound=sound
    )
    return script, failures
