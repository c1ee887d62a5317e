"""The catalog: every episode ever built, in SQLite (``.podcast/catalog.db``).

Takes each built ``Episode``; keeps its guid, file name and first publication
date stable across rebuilds, and hands on the list the feed is written from.
"""

from podcast.catalog.store import (
    MIGRATIONS,
    Episode,
    LowData,
    Section,
    delete,
    episodes,
    find,
    lookup,
    migrate,
    open_catalog,
    record,
    taken_files,
)

__all__ = [
    "MIGRATIONS",
    "Episode",
    "LowData",
    "Section",
    "delete",
    "episodes",
    "find",
    "lookup",
    "migrate",
    "open_catalog",
    "record",
    "taken_files",
]
