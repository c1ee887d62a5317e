"""The episode catalog in SQLite: a guid and first pubDate per article, kept forever."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from podcast.errors import OutputError

MIGRATIONS = (
    """
CREATE TABLE IF NOT EXISTS episodes (
    key TEXT PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    outlet TEXT,
    summary TEXT NOT NULL,
    source_url TEXT,
    pub_date TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    length INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    timeline TEXT NOT NULL
)
""",
    "ALTER TABLE episodes ADD COLUMN parts TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE episodes ADD COLUMN sections TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE episodes ADD COLUMN cues TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE episodes ADD COLUMN low_data TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE IF NOT EXISTS expired (key TEXT PRIMARY KEY, guid TEXT NOT NULL, "
    "file TEXT NOT NULL, swept INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, stamp TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, "
    "state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', added TEXT NOT NULL, "
    "took_s REAL)",
)
"""Schema steps in order; PRAGMA user_version counts the steps a database has taken."""


@dataclass(frozen=True)
class Section:
    """A run of an episode's parts told as one story: its first part, title and source URL."""

    first_part: int
    title: str
    url: str | None = None


@dataclass(frozen=True)
class LowData:
    """An episode's low-data edition: the same audio in a far smaller file beside the MP3."""

    file: str
    type: str
    """Its media type, as the feed and the server give it (``audio/ogg``)."""
    codecs: str
    length: int
    bitrate: int
    """Average bits per second, from its length and the episode's duration."""
    integrity: str
    """Its Subresource Integrity hash (``sha384-<base64>``)."""
    settings: str
    """What it was made with; when the show's settings differ, it is made again."""


@dataclass(frozen=True)
class Episode:
    """One published episode, as the feed lists it."""

    key: str
    guid: str
    file: str
    title: str
    outlet: str | None
    summary: str
    source_url: str | None
    pub_date: datetime
    content_hash: str
    length: int
    duration_ms: int
    timeline: tuple[tuple[int, int], ...] = ()
    """Start and end in milliseconds of each spoken part: the title, then each paragraph."""
    parts: tuple[str, ...] = ()
    """The displayed text of each spoken part (the article's own words, not the spoken form)."""
    sections: tuple[Section, ...] = ()
    """The stories of an episode made of several (an edition), each a chapter; else none."""
    cues: tuple[tuple[int, int, str], ...] = ()
    """Start, end in milliseconds and text of each sentence, from word timings (when the voice
    gave them); empty: the transcripts have one cue per part."""
    low_data: LowData | None = None
    """The low-data edition, when the show makes one."""


COLUMNS = tuple(field.name for field in fields(Episode))
HEAVY = ("timeline", "parts", "sections", "cues")
"""Columns a listing leaves out: what only an episode's own files and page need."""
HEADER_COLUMNS = tuple(name for name in COLUMNS if name not in HEAVY)


def open_catalog(path: Path) -> sqlite3.Connection:
    """Open (creating when needed) the catalog database at ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        migrate(connection)
    except (OSError, sqlite3.Error) as error:
        raise OutputError(f"{path}: cannot open the catalog ({error})") from None
    return connection


def migrate(connection: sqlite3.Connection) -> None:
    """Take the schema steps this database has not taken yet, each in its own transaction."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > len(MIGRATIONS):
        raise OutputError(
            f"the catalog has schema version {version}, newer than this podcast "
            f"understands ({len(MIGRATIONS)}); upgrade podcast"
        )
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with connection:
            connection.execute("BEGIN")
            if number == 1 or not _has_column(connection, step):
                connection.execute(step)
            connection.execute(f"PRAGMA user_version = {number}")


def _has_column(connection: sqlite3.Connection, step: str) -> bool:
    """Whether an ``ADD COLUMN`` step was already applied (catalogs made before versioning)."""
    column = step.split("ADD COLUMN ", 1)[-1].split()[0]
    return any(row[1] == column for row in connection.execute("PRAGMA table_info(episodes)"))


def _episode(row: tuple[object, ...]) -> Episode:
    values = dict(zip(COLUMNS, row, strict=True))
    values["pub_date"] = datetime.fromisoformat(str(values["pub_date"]))
    values["timeline"] = tuple(tuple(span) for span in json.loads(str(values["timeline"])))
    values["parts"] = tuple(json.loads(str(values["parts"])))
    values["sections"] = tuple(Section(*section) for section in json.loads(str(values["sections"])))
    values["cues"] = tuple(tuple(cue) for cue in json.loads(str(values["cues"])))
    return _finish(values)


def _finish(values: dict[str, object]) -> Episode:
    low = str(values["low_data"])
    values["low_data"] = LowData(**json.loads(low)) if low else None
    return Episode(**values)  # type: ignore[arg-type]


def _header(row: tuple[object, ...]) -> Episode:
    values = dict(zip(HEADER_COLUMNS, row, strict=True))
    values["pub_date"] = datetime.fromisoformat(str(values["pub_date"]))
    return _finish(values)


def headers(connection: sqlite3.Connection) -> list[Episode]:
    """Every episode newest first, without its timeline, parts, sections and cues (empty).

    What listings, retention and page fingerprints need, at a small cost per episode.
    """
    rows = connection.execute(
        f"SELECT {', '.join(HEADER_COLUMNS)} FROM episodes ORDER BY pub_date DESC, key"
    ).fetchall()
    return [_header(row) for row in rows]


def by_guids(connection: sqlite3.Connection, guids: Sequence[str]) -> list[Episode]:
    """The whole episodes with ``guids``, in the order given (unknown guids left out)."""
    found: dict[str, Episode] = {}
    for start in range(0, len(guids), 500):
        batch = guids[start : start + 500]
        rows = connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM episodes "
            f"WHERE guid IN ({', '.join('?' * len(batch))})",
            tuple(batch),
        ).fetchall()
        found.update((episode.guid, episode) for episode in map(_episode, rows))
    return [found[guid] for guid in guids if guid in found]


def expire(connection: sqlite3.Connection, gone: Sequence[Episode]) -> None:
    """Forget the episodes ``gone`` and remember them as expired, in one transaction.

    An expired article is never built again; its files are swept later (``unswept``).
    """
    with connection:
        connection.executemany(
            "INSERT OR REPLACE INTO expired (key, guid, file, swept) VALUES (?, ?, ?, 0)",
            [(episode.key, episode.guid, episode.file) for episode in gone],
        )
        connection.executemany(
            "DELETE FROM episodes WHERE guid = ?", [(episode.guid,) for episode in gone]
        )


def expired_keys(connection: sqlite3.Connection) -> set[str]:
    """The keys of every article whose episode expired."""
    return {row[0] for row in connection.execute("SELECT key FROM expired")}


def unswept(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(guid, file) of each expired episode whose files may still be in audio/."""
    return list(connection.execute("SELECT guid, file FROM expired WHERE swept = 0"))


def swept(connection: sqlite3.Connection, guids: Sequence[str]) -> None:
    """Note that the files of the expired episodes ``guids`` are gone."""
    with connection:
        connection.executemany(
            "UPDATE expired SET swept = 1 WHERE guid = ?", [(guid,) for guid in guids]
        )


def stamps(connection: sqlite3.Connection) -> dict[str, str]:
    """What the last build saw of each article file, by key (see ``remember``)."""
    return dict(connection.execute("SELECT key, stamp FROM seen"))


def remember(connection: sqlite3.Connection, seen: dict[str, str]) -> None:
    """Keep what this build saw of each article file whose episode is published and current."""
    with connection:
        connection.executemany(
            "INSERT OR REPLACE INTO seen (key, stamp) VALUES (?, ?)", list(seen.items())
        )


def lookup(connection: sqlite3.Connection, key: str) -> Episode | None:
    """The episode recorded for the article ``key``, if any."""
    row = connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM episodes WHERE key = ?", (key,)
    ).fetchone()
    return _episode(row) if row else None


def taken_files(connection: sqlite3.Connection) -> set[str]:
    """Every file name some episode already owns."""
    return {row[0] for row in connection.execute("SELECT file FROM episodes")}


def record(connection: sqlite3.Connection, episode: Episode) -> None:
    """Insert or update an episode; guid, file and pub_date of a known key never change."""
    values = {name: getattr(episode, name) for name in COLUMNS}
    values["pub_date"] = episode.pub_date.isoformat()
    values["timeline"] = json.dumps(episode.timeline)
    values["parts"] = json.dumps(episode.parts, ensure_ascii=False)
    values["sections"] = json.dumps(
        [[s.first_part, s.title, s.url] for s in episode.sections], ensure_ascii=False
    )
    values["cues"] = json.dumps(episode.cues, ensure_ascii=False)
    low = episode.low_data
    values["low_data"] = json.dumps(asdict(low)) if low else ""
    with connection:
        connection.execute(
            f"INSERT INTO episodes ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join(':' + name for name in COLUMNS)}) "
            "ON CONFLICT(key) DO UPDATE SET title = excluded.title, outlet = excluded.outlet, "
            "summary = excluded.summary, source_url = excluded.source_url, "
            "content_hash = excluded.content_hash, length = excluded.length, "
            "duration_ms = excluded.duration_ms, timeline = excluded.timeline, "
            "parts = excluded.parts, sections = excluded.sections, cues = excluded.cues, "
            "low_data = excluded.low_data",
            values,
        )


def episodes(connection: sqlite3.Connection) -> list[Episode]:
    """Every episode, newest first."""
    rows = connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM episodes ORDER BY pub_date DESC, key"
    ).fetchall()
    return [_episode(row) for row in rows]


def find(connection: sqlite3.Connection, name: str) -> Episode | None:
    """The episode whose article file name, MP3 file name or guid is ``name``."""
    row = connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM episodes WHERE key = ? OR file = ? OR guid = ?",
        (name, name, name),
    ).fetchone()
    return _episode(row) if row else None


def delete(connection: sqlite3.Connection, guid: str) -> None:
    """Forget the episode with ``guid``."""
    with connection:
        connection.execute("DELETE FROM episodes WHERE guid = ?", (guid,))
        connection.execute("DELETE FROM seen WHERE key NOT IN (SELECT key FROM episodes)")
