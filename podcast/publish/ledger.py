"""What this project last put in the bucket: each object's size, time and content hash.

A file of audio/ whose size and modification time are the ones its row holds is known to
be in the bucket with that hash, so a publish neither reads it nor asks the bucket about
it. A row is written (without a hash) before its upload starts, so an object a killed
publish may have left is still known and deleted when its file is gone. The ledger lives
in the project's state folder, one per target; the bucket's feed must hold the hash the
ledger gives it, else the publish compares everything with the bucket as on the first day.

Beside the rows, each target keeps how far its last publish read audio/'s journal of
changes (podcast/journal.py): the next one looks only at the files named after that mark.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from podcast.errors import OutputError
from podcast.journal import Mark

LEDGER_FILE = "published.db"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sent (target TEXT NOT NULL, name TEXT NOT NULL, "
    "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT, "
    "PRIMARY KEY (target, name))",
    "CREATE TABLE IF NOT EXISTS marks (target TEXT PRIMARY KEY, journal TEXT NOT NULL, "
    "offset INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS unsure ON sent (target) WHERE sha256 IS NULL",
)


@dataclass(frozen=True)
class Sent:
    """What the object ``name`` holds, as far as this project knows: None while uploading."""

    name: str
    size: int
    mtime_ns: int
    sha256: str | None


@dataclass
class Ledger:
    """The rows of one target in the project's ledger."""

    connection: sqlite3.Connection
    target: str

    def rows(self) -> dict[str, Sent]:
        found = self.connection.execute(
            "SELECT name, size, mtime_ns, sha256 FROM sent WHERE target = ?", (self.target,)
        )
        return {row[0]: Sent(*row) for row in found}

    def rows_of(self, names: set[str]) -> dict[str, Sent]:
        """The rows of ``names`` (those known), and every row still without a hash: an
        upload a killed publish began, or an object found in the bucket to delete."""
        query = "SELECT name, size, mtime_ns, sha256 FROM sent WHERE target = ? AND "
        found = self.connection.execute(query + "sha256 IS NULL", (self.target,)).fetchall()
        listed = sorted(names)
        for start in range(0, len(listed), 500):
            batch = listed[start : start + 500]
            where = f"name IN ({', '.join('?' * len(batch))})"
            found += self.connection.execute(query + where, (self.target, *batch)).fetchall()
        return {row[0]: Sent(*row) for row in found}

    def row(self, name: str) -> Sent | None:
        found = self.connection.execute(
            "SELECT name, size, mtime_ns, sha256 FROM sent WHERE target = ? AND name = ?",
            (self.target, name),
        ).fetchone()
        return Sent(*found) if found else None

    def hashed(self) -> int:
        """How many objects are known whole (with their hash)."""
        query = "SELECT COUNT(*) FROM sent WHERE target = ? AND sha256 IS NOT NULL"
        return int(self.connection.execute(query, (self.target,)).fetchone()[0])

    def mark(self) -> Mark | None:
        """How far the last publish read the journal of audio/ (None: not at all)."""
        found = self.connection.execute(
            "SELECT journal, offset FROM marks WHERE target = ?", (self.target,)
        ).fetchone()
        return Mark(*found) if found else None

    def keep_mark(self, mark: Mark) -> None:
        with self.connection:
            self.connection.execute(
                "INSERT OR REPLACE INTO marks VALUES (?, ?, ?)",
                (self.target, mark.journal, mark.offset),
            )

    def note(self, rows: list[Sent]) -> None:
        """Keep ``rows`` (replacing what was known of the same names), in one transaction."""
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO sent VALUES (?, ?, ?, ?, ?)",
                [(self.target, r.name, r.size, r.mtime_ns, r.sha256) for r in rows],
            )

    def forget(self, names: list[str]) -> None:
        with self.connection:
            self.connection.executemany(
                "DELETE FROM sent WHERE target = ? AND name = ?",
                [(self.target, name) for name in names],
            )

    def clear(self) -> None:
        with self.connection:
            self.connection.execute("DELETE FROM sent WHERE target = ?", (self.target,))
            self.connection.execute("DELETE FROM marks WHERE target = ?", (self.target,))


def open_ledger(state: Path, target: str) -> Ledger:
    """The ledger of ``target`` (an endpoint and ``s3://`` address) in ``state``."""
    path = state / LEDGER_FILE
    try:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode = WAL")  # a commit survives a killed process
        connection.execute("PRAGMA synchronous = NORMAL")  # without waiting for the disk
        for step in SCHEMA:
            connection.execute(step)
    except sqlite3.Error as error:
        raise OutputError(f"{path}: cannot open the record of uploads ({error})") from None
    return Ledger(connection, target)
