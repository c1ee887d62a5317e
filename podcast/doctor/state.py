"""The doctor's checks of what a project keeps on this computer: disk, clips, catalog, sources."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

from podcast.doctor.finding import Case, Finding
from podcast.sources import read_fetch_statuses

MB = 1_000_000
EPISODE_ROOM = 1_000 * MB
"""Room a build needs: a three-hour episode's MP3 (170 MB) and its lossless copy (520 MB)."""
CACHE_WARN = 5_000 * MB
STALE = timedelta(days=2)
"""A followed feed not fetched for this long: nothing is fetching it."""


def check_disk(case: Case) -> list[Finding]:
    folder = case.project.root
    free = shutil.disk_usage(folder).free
    text = f"{free / MB:,.0f} MB free for {folder.resolve()}"
    if free < EPISODE_ROOM // 4:
        return [
            Finding(
                "fail",
                "disk",
                f"{text}; a build needs about {EPISODE_ROOM // MB:,} MB "
                "for a long episode: free some space",
            )
        ]
    if free < EPISODE_ROOM:
        return [
            Finding(
                "warn",
                "disk",
                f"{text}; a three-hour episode needs about "
                f"{EPISODE_ROOM // MB:,} MB while it is built",
            )
        ]
    return [Finding("ok", "disk", text)]


def check_clip_cache(case: Case) -> list[Finding]:
    folder = case.project.state / "clips"
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    size = sum(path.stat().st_size for path in files)
    text = f"{len(files):,} files, {size / MB:,.1f} MB in .podcast/clips"
    if size > CACHE_WARN:
        return [
            Finding(
                "warn",
                "clips",
                f"{text}; delete the folder to free it (the next build speaks again what it needs)",
            )
        ]
    return [Finding("ok", "clips", text)]


def check_catalog(case: Case) -> list[Finding]:
    path = case.project.catalog
    if not path.exists():
        return [Finding("ok", "catalog", "none yet: the first build makes .podcast/catalog.db")]
    restore = (
        "restore .podcast/catalog.db from a backup; it holds every episode's guid, so do "
        "not delete it"
    )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            (episodes,) = connection.execute("SELECT count(*) FROM episodes").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return [Finding("fail", "catalog", f".podcast/catalog.db: {error}; {restore}")]
    said = [line.strip() for row in rows for line in str(row[0]).splitlines()]
    verdict = "; ".join([line for line in said if not line.startswith("***")][:3])
    if verdict != "ok":
        return [
            Finding("fail", "catalog", f".podcast/catalog.db is damaged ({verdict}); {restore}")
        ]
    return [Finding("ok", "catalog", f".podcast/catalog.db: integrity ok, {episodes} episodes")]


def check_sources(case: Case) -> list[Finding]:
    sources = case.settings.sources
    if not sources:
        return [Finding("ok", "sources", "no [[sources]] followed")]
    statuses = read_fetch_statuses(case.project.catalog)
    now = datetime.now(UTC)
    findings = []
    for source in sources:
        status = statuses.get(source.url)
        if status is None:
            findings.append(
                Finding(
                    "warn",
                    "sources",
                    f"{source.url}: never fetched; run podcast fetch (or podcast serve --watch)",
                )
            )
        elif status.error is not None:
            since = (
                f"last went through {_ago(now, status.last_ok)}"
                if status.last_ok
                else "never went through"
            )
            findings.append(
                Finding(
                    "fail" if status.failures >= 3 else "warn",
                    "sources",
                    f"{source.url}: {status.failures} fetch(es) in a row failed, {since}; last: "
                    f"{status.error}",
                )
            )
        elif now - status.at > STALE:
            findings.append(
                Finding(
                    "warn",
                    "sources",
                    f"{source.url}: last fetched "
                    f"{_ago(now, status.at)}, over {STALE.days} days ago; is the timer or "
                    "podcast serve --watch running?",
                )
            )
        else:
            findings.append(
                Finding("ok", "sources", f"{source.url}: fetched {_ago(now, status.at)}")
            )
    return findings


def _ago(now: datetime, then: datetime) -> str:
    """``then`` as a time ago: 42 s, 5 min, 3 h, 2 days."""
    seconds = max(0, round((now - then).total_seconds()))
    for unit, size in (("days", 86_400), ("h", 3_600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return f"{seconds} s ago"
