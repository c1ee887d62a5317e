"""What the web input remembers, in the catalog's SQLite database: pages added, feeds read."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from podcast.catalog import open_catalog

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_pages (url TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS web_feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS web_feed_items (
    feed TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (feed, item)
);
CREATE TABLE IF NOT EXISTS web_fetches (
    url TEXT PRIMARY KEY, at TEXT NOT NULL, error TEXT, failures INTEGER NOT NULL,
    last_ok TEXT
);
"""
"""Tables of their own beside the catalog's: every URL that led to a seed, feed validators,
the items of each feed already taken, and how each feed's last fetch went."""


@dataclass(frozen=True)
class Validators:
    """A feed's ETag and Last-Modified from its last full answer."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchStatus:
    """How a followed feed's last fetch went: when, its error (None when it went through),
    how many fetches in a row failed, and when one last went through."""

    url: str
    at: datetime
    error: str | None
    failures: int
    last_ok: datetime | None


def open_state(path: Path) -> sqlite3.Connection:
    """The catalog database at ``path`` with the web input's tables."""
    connection = open_catalog(path)
    connection.executescript(SCHEMA)
    return connection


def known_page(connection: sqlite3.Connection, *urls: str | None) -> str | None:
    """The seed file name an already added page was saved under, by any of its URLs."""
    for url in urls:
        if url:
            row = connection.execute("SELECT key FROM web_pages WHERE url = ?", (url,)).fetchone()
            if row:
                return str(row[0])
    return None


def remember_page(connection: sqlite3.Connection, key: str, *urls: str | None) -> None:
    """Record that each of ``urls`` leads to the seed ``key``."""
    with connection:
        connection.executemany(
            "INSERT OR REPLACE INTO web_pages (url, key) VALUES (?, ?)",
            [(url, key) for url in dict.fromkeys(urls) if url],
        )


def validators(connection: sqlite3.Connection, feed: str) -> Validators:
    """The validators kept for ``feed``."""
    row = connection.execute(
        "SELECT etag, last_modified FROM web_feeds WHERE url = ?", (feed,)
    ).fetchone()
    return Validators(*row) if row else Validators()


def keep_validators(connection: sqlite3.Connection, feed: str, kept: Validators) -> None:
    """Keep ``feed``'s validators for the next conditional request."""
    with connection:
        connection.execute(
            "INSERT OR REPLACE INTO web_feeds (url, etag, last_modified) VALUES (?, ?, ?)",
            (feed, kept.etag, kept.last_modified),
        )


def seen(connection: sqlite3.Connection, feed: str, item: str) -> bool:
    """Whether ``item`` of ``feed`` was taken before."""
    query = "SELECT 1 FROM web_feed_items WHERE feed = ? AND item = ?"
    return connection.execute(query, (feed, item)).fetchone() is not None


def mark_seen(connection: sqlite3.Connection, feed: str, item: str) -> None:
    """Remember that ``item`` of ``feed`` was taken."""
    with connection:
        connection.execute(
            "INSERT OR IGNORE INTO web_feed_items (feed, item) VALUES (?, ?)", (feed, item)
        )


def record_fetch(
    connection: sqlite3.Connection, feed: str, error: str | None, at: datetime
) -> FetchStatus:
    """Record how fetching ``feed`` went at ``at``; return its status, failures counted."""
    before = fetch_statuses(connection).get(feed)
    failures = 0 if error is None else (before.failures if before else 0) + 1
    last_ok = at if error is None else (before.last_ok if before else None)
    with connection:
        connection.execute(
            "INSERT OR REPLACE INTO web_fetches (url, at, error, failures, last_ok) "
            "VALUES (?, ?, ?, ?, ?)",
            (feed, at.isoformat(), error, failures, last_ok.isoformat() if last_ok else None),
        )
    return FetchStatus(feed, at, error, failures, last_ok)


def fetch_statuses(connection: sqlite3.Connection) -> dict[str, FetchStatus]:
    """Every followed feed's last fetch, by URL; empty before the first fetch."""
    try:
        rows = connection.execute(
            "SELECT url, at, error, failures, last_ok FROM web_fetches"
        ).fetchall()
    except sqlite3.OperationalError:  # read-only, and no fetch ever made the table
        return {}
    return {
        url: FetchStatus(
            url,
            datetime.fromisoformat(at),
            error,
            failures,
            datetime.fromisoformat(last_ok) if last_ok else None,
        )
        for url, at, error, failures, last_ok in rows
    }


def read_fetch_statuses(path: Path) -> dict[str, FetchStatus]:
    """``fetch_statuses`` of the catalog at ``path``, opened read-only (nothing is created)."""
    if not path.is_file():
        return {}
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return fetch_statuses(connection)
    except sqlite3.DatabaseError:
        return {}
    finally:
        connection.close()
