"""Plan a day's edition: choose its stories and lay them out as one script."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast import catalog
from podcast.config import Edition
from podcast.edition.script import edition_script
from podcast.edition.stories import choose_stories
from podcast.errors import EditionError
from podcast.render import Run, Script


def plan_edition(
    day: date,
    sources: Sequence[Path],
    run: Run,
    edition: Edition,
    sound: Sequence[str] = (),
) -> tuple[Script, list[str]]:
    """The script of the edition of ``day`` from the articles in ``sources``.

    Also returns the day's articles that could not be read (left out). Raises
    EditionError when the day has no articles.
    """
    known = {episode.key: episode for episode in catalog.episodes(run.connection)}
    zone = ZoneInfo(run.show.timezone)
    published = run.project.audio
    stories, failures = choose_stories(sources, day, edition, zone, known, published)
    if not stories:
        unread = f"; {len(failures)} could not be read: {'; '.join(failures)}" if failures else ""
        raise EditionError(f"no articles for {day.isoformat()}{unread}")
    return edition_script(stories, day, run, edition, sound), failures
