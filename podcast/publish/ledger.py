"""What this project last put in the bucket: each object's size, time and content hash.

A file of audio/ whose size and modification time are the ones its row holds is known to
be in the bucket with that hash, so a publish neither reads it nor asks the bucket about
it. A row is written (without a hash) before its upload starts, so an object a killed
publish may have left is still known and deleted when its file is gone. The ledger lives
in the project's state folder, one per target; the bucket's feed must hold the hash the
ledger gives it, else the publish compares everything with the bucket as on the first day.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from podcast.errors import OutputError

LEDGER_FILE = "published.db"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sent (target TEXT NOT NULL, name TEXT NOT NULL, "
    "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT, "
    "PRIMARY KEY (target, name))"
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


def open_ledger(state: Path, target: str) -> Ledger:
    """The ledger of ``target`` (an endpoint and ``s3://`` address) in ``state``."""
    path = state / LEDGER_FILE
    try:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode = WAL")  # a commit survives a killed process
        connection.execute("PRAGMA synchronous = NORMAL")  # without waiting for the disk
        connection.execute(SCHEMA)
    except sqlite3.Error as error:
        raise OutputError(f"{path}: cannot open the record of uploads ({error})") from None
    return Ledger(connection, target)
