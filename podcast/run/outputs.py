"""The feeds and pages written from the catalog: bounded, and only what changed.

Each feed lists its newest ``feed_items`` episodes, so its size does not grow with the
archive; the pages are paged (podcast/site/paging.py) and only those whose fingerprint
changed are rendered. Only the episodes a feed or a stale page shows are read whole from
the catalog; everything else works on its headers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from podcast import catalog
from podcast.catalog import Episode
from podcast.config import Edition, Settings, Show, Topic
from podcast.edition import is_edition, sort_into_feeds
from podcast.episode import write_cover
from podcast.feed import write_feed
from podcast.files import write_atomic
from podcast.project import Project
from podcast.site import topic_page, write_site

PAGES_LEDGER = "pages.json"
"""In the project's state folder: the fingerprint of each page as last written."""


def write_feeds(
    show: Show,
    connection: sqlite3.Connection,
    audio: Path,
    cover_file: str,
    edition: Edition,
    headers: Sequence[Episode] | None = None,
) -> dict[Path, int]:
    """Write every feed with its newest ``feed_items`` episodes; return each with its count.

    ``headers`` are the catalog's (read from it when not given).
    """
    headers = catalog.headers(connection) if headers is None else headers
    written = {}
    for name, (titled, listed) in sort_into_feeds(show, headers, edition).items():
        newest = [episode.guid for episode in listed[: show.feed_items]]
        whole = catalog.by_guids(connection, newest)
        written[write_feed(titled, whole, audio, cover_file, name)] = len(whole)
    return written


def selects(topic: Topic, episode: Episode) -> bool:
    """Whether the ``[[feeds]]`` table ``topic`` takes ``episode``: by outlet, site or words.

    >>> from datetime import UTC, datetime
    >>> sport = Topic("olahraga", "Olahraga", sites=("detik.com",), words=("liga 1",))
    >>> article = Episode("a", "g", "a.mp3", "Persib Juara Liga 1", None, "", None,
    ...                   datetime(2026, 3, 1, tzinfo=UTC), "", 1, 1)
    >>> selects(sport, article), selects(sport, replace(article, title="Liga 10 Dimulai"))
    (True, False)
    >>> selects(sport, replace(article, title="Banjir", source_url="https://sport.detik.com/x"))
    True
    """
    if is_edition(episode):
        return False
    if (episode.outlet or "").strip().lower() in topic.outlets:
        return True
    host = (urlsplit(episode.source_url or "").hostname or "").lower()
    if any(host == site or host.endswith("." + site) for site in topic.sites):
        return True
    text = f"{episode.title} {episode.summary}".lower()
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) for word in topic.words)


def write_topics(
    project: Project,
    show: Show,
    connection: sqlite3.Connection,
    topics: Sequence[Topic],
    headers: Sequence[Episode],
) -> dict[Path, int]:
    """Write each ``[[feeds]]`` table's feed and page; return each feed with its count."""
    written = {}
    for topic in topics:
        titled = replace(
            show,
            title=topic.title,
            description=topic.description or show.description,
            image=topic.image,
        )
        cover = write_cover(titled, project.root, project.audio, stem=topic.name)
        chosen = [episode.guid for episode in headers if selects(topic, episode)]
        whole = catalog.by_guids(connection, chosen[: show.feed_items])
        feed = write_feed(titled, whole, project.audio, cover.name, f"{topic.name}.xml")
        page = topic_page(
            titled, whole[: show.page_episodes], cover.name, f"{topic.name}.html", feed.name
        )
        write_atomic(project.audio / f"{topic.name}.html", page)
        written[feed] = len(whole)
    return written


def write_outputs(
    project: Project,
    settings: Settings,
    connection: sqlite3.Connection,
    cover_file: str,
    *,
    pages: bool = True,
) -> dict[Path, int]:
    """Write the feeds, then the ``[[feeds]]`` tables' feeds and pages and the show's pages
    (not without ``pages``: while a build goes on); return each feed with how many it lists."""
    show = settings.show
    headers = catalog.headers(connection)
    written = write_feeds(show, connection, project.audio, cover_file, settings.edition, headers)
    if not pages:
        return written
    written.update(write_topics(project, show, connection, settings.feeds, headers))
    write_site(
        show,
        headers,
        project.audio,
        cover_file,
        load=lambda guids: catalog.by_guids(connection, guids),
        ledger=project.state / PAGES_LEDGER,
    )
    return written
