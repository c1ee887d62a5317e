"""Which feed lists which episode: editions in feed.xml with the rest, or in edition.xml."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from podcast.catalog import Episode
from podcast.config import Edition, Show
from podcast.feed import FEED_FILE, write_feed

EDITION_FEED = "edition.xml"
EDITION_FEED_TITLE = "{show}: Edisi Harian"
EDITION_KEY = "edition:"
"""Catalog keys of editions start with this, then the day: ``edition:2026-11-30``."""


def is_edition(episode: Episode) -> bool:
    """Whether the episode is a daily edition."""
    return episode.key.startswith(EDITION_KEY)


def feed_of(episode: Episode, edition: Edition) -> str:
    """The file name of the feed that lists ``episode``."""
    return EDITION_FEED if edition.separate_feed and is_edition(episode) else FEED_FILE


def episodes_by_feed(episodes: Sequence[Episode], edition: Edition) -> dict[str, list[Episode]]:
    """The episodes of each feed, by file name: editions apart when so configured."""
    if not edition.separate_feed:
        return {FEED_FILE: list(episodes)}
    return {
        FEED_FILE: [episode for episode in episodes if not is_edition(episode)],
        EDITION_FEED: [episode for episode in episodes if is_edition(episode)],
    }


def sort_into_feeds(
    show: Show, episodes: Sequence[Episode], edition: Edition
) -> dict[str, tuple[Show, list[Episode]]]:
    """Each feed by file name: the show as it presents itself there, and the episodes it lists."""
    return {
        name: (show if name == FEED_FILE else edition_show(show), listed)
        for name, listed in episodes_by_feed(episodes, edition).items()
    }


def write_feeds(
    show: Show, episodes: Sequence[Episode], folder: Path, cover_file: str, edition: Edition
) -> dict[Path, int]:
    """Write every feed into ``folder``; return each path with the number of episodes it lists."""
    written = {}
    for name, (titled, listed) in sort_into_feeds(show, episodes, edition).items():
        written[write_feed(titled, listed, folder, cover_file, name)] = len(listed)
    return written


def edition_show(show: Show) -> Show:
    """The show as the editions' own feed presents it."""
    return replace(show, title=EDITION_FEED_TITLE.format(show=show.title))
