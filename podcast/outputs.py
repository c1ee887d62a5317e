"""The feeds and pages written from the catalog: bounded, and only what changed.

Each feed lists its newest ``feed_items`` episodes, so its size does not grow with the
archive; the pages are paged (podcast/site/paging.py) and only those whose fingerprint
changed are rendered. Only the episodes a feed or a stale page shows are read whole from
the catalog; everything else works on its headers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from podcast import catalog
from podcast.config import Edition, Show
from podcast.edition import sort_into_feeds
from podcast.feed import write_feed
from podcast.project import Project
from podcast.site import write_site

PAGES_LEDGER = "pages.json"
"""In the project's state folder: the fingerprint of each page as last written."""


def write_feeds(
    show: Show, connection: sqlite3.Connection, audio: Path, cover_file: str, edition: Edition
) -> dict[Path, int]:
    """Write every feed with its newest ``feed_items`` episodes; return each with its count."""
    headers = catalog.headers(connection)
    written = {}
    for name, (titled, listed) in sort_into_feeds(show, headers, edition).items():
        newest = [episode.guid for episode in listed[: show.feed_items]]
        whole = catalog.by_guids(connection, newest)
        written[write_feed(titled, whole, audio, cover_file, name)] = len(whole)
    return written


def write_outputs(
    project: Project,
    show: Show,
    connection: sqlite3.Connection,
    cover_file: str,
    edition: Edition,
) -> dict[Path, int]:
    """Write the feeds, then the show's pages; return each feed with how many it lists."""
    written = write_feeds(show, connection, project.audio, cover_file, edition)
    write_site(
        show,
        catalog.headers(connection),
        project.audio,
        cover_file,
        load=lambda guids: catalog.by_guids(connection, guids),
        ledger=project.state / PAGES_LEDGER,
    )
    return written
