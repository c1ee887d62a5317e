"""The catalog: every episode ever built, in SQLite (``.podcast/catalog.db``).

Takes each built ``Episode``; keeps its guid, file name and first publication
date stable across rebuilds, and hands on the list the feed is written from.
"""

from podcast.catalog.store import (
    MIGRATIONS,
    Episode,
    LowData,
    Section,
    by_guids,
    delete,
    episodes,
    expire,
    expired_keys,
    find,
    headers,
    lookup,
    migrate,
    open_catalog,
    record,
    remember,
    stamps,
    swept,
    taken_files,
    unswept,
)

__all__ = [
    "MIGRATIONS",
    "Episode",
    "LowData",
    "Section",
    "by_guids",
    "delete",
    "episodes",
    "expire",
    "expired_keys",
    "find",
    "headers",
    "lookup",
    "migrate",
    "open_catalog",
    "record",
    "remember",
    "stamps",
    "swept",
    "taken_files",
    "unswept",
]
