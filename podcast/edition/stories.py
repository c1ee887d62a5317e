"""Choose the day's stories: the articles of that day, in the configured order, within limits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast.catalog import Episode
from podcast.config import Edition
from podcast.errors import PodcastError
from podcast.text import Article, read_article

CHARS_PER_SECOND = 14.0
"""About how fast the voices read Indonesian news: the length of an article not yet built."""


@dataclass(frozen=True)
class Story:
    """One article in an edition, with when it came in and about how long it is spoken."""

    article: Article
    added: datetime
    seconds: float


def added_at(path: Path, known: Episode | None, zone: ZoneInfo) -> datetime:
    """When an article came in: its episode's first build, else its file's last change."""
    if known:
        return known.pub_date.astimezone(zone)
    return datetime.fromtimestamp(path.stat().st_mtime, zone)


def choose_stories(
    paths: Iterable[Path],
    day: date,
    edition: Edition,
    zone: ZoneInfo,
    known: Mapping[str, Episode],
    published: Path | None = None,
    load: Callable[[str], Episode | None] | None = None,
) -> tuple[list[Story], list[str]]:
    """The stories of ``day`` and the failures of that day's articles that cannot be read.

    An article belongs to the day it states, else to the day it came in.
    ``known`` maps article file names to their episodes, published in the
    folder ``published``: an article whose episode was made since its file last
    changed is taken from the catalog instead of being read and cleaned again.
    ``known`` may hold the catalog's headers (catalog.headers) and ``load`` give the
    whole episode of a guid: only the day's are then read whole.
    """
    found: list[Story] = []
    failures: list[str] = []
    for path in paths:
        episode = known.get(path.name)
        added = added_at(path, episode, zone)
        recorded_on = recorded_day(path, episode, published)
        if recorded_on is not None and recorded_on != day:
            continue  # another day's, as its episode says: not read
        if episode and recorded_on and not episode.parts and load:
            episode = load(episode.guid) or episode
        recorded = recorded_article(path, episode, published) if recorded_on else None
        if recorded:
            article, its_day = recorded
        else:
            try:
                article = read_article(path)
            except PodcastError as error:
                if added.date() == day:
                    message = str(error)
                    failures.append(
                        message if message.startswith(f"{path}: ") else f"{path}: {message}"
                    )
                continue
            its_day = article.date or added.date()
        if its_day != day:
            continue
        characters = len(article.title) + sum(map(len, article.paragraphs))
        seconds = episode.duration_ms / 1000 if episode else characters / CHARS_PER_SECOND
        found.append(Story(article, added, seconds))
    found.sort(key=lambda story: (story.added, story.article.source.name))
    if edition.order == "newest":
        found.reverse()
    return within_limits(found, edition), failures


def recorded_day(path: Path, episode: Episode | None, published: Path | None) -> date | None:
    """The day of the article at ``path`` as its episode recorded it (its file name starts
    with it), when that episode was made since the file last changed; else None."""
    if not (episode and published and not episode.sections):
        return None
    try:
        fresh = (published / episode.file).stat().st_mtime >= path.stat().st_mtime
        return date.fromisoformat(episode.file[:10]) if fresh else None
    except (OSError, ValueError):
        return None


def recorded_article(
    path: Path, episode: Episode | None, published: Path | None
) -> tuple[Article, date] | None:
    """The article at ``path`` and its day as its episode recorded them, when that episode was
    made since the file last changed; else None.

    The episode's file name starts with the article's day (its own date, else the
    day it came in); its parts are the title and the paragraphs.
    """
    its_day = recorded_day(path, episode, published)
    if episode is None or its_day is None or not episode.parts:
        return None
    title, *paragraphs = episode.parts
    article = Article(title, tuple(paragraphs), path, outlet=episode.outlet, url=episode.source_url)
    return article, its_day


def within_limits(stories: Iterable[Story], edition: Edition) -> list[Story]:
    """The first stories up to ``max_stories`` and about ``max_minutes``; at least one."""
    chosen: list[Story] = []
    seconds = 0.0
    for story in stories:
        too_long = edition.max_minutes and seconds + story.seconds > edition.max_minutes * 60
        if len(chosen) == edition.max_stories or (chosen and too_long):
            break
        chosen.append(story)
        seconds += story.seconds
    return chosen
