"""The editor's queue: pages sent to ``podcast serve``, built one at a time in the background.

Each submission is a row of the catalog's ``queue`` table, moving through the states
below; the worker takes the oldest waiting one, fetches it (public addresses only, unless
``[fetch] private_addresses``), builds its episode under the same build lock as the
command line, and records the one-line reason ``podcast add`` would print when it fails.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from podcast.catalog import open_catalog
from podcast.config import load_settings
from podcast.errors import PodcastError
from podcast.project import Project
from podcast.run import build
from podcast.serve.apart import run_apart
from podcast.sources import Intake, add_urls, client_for

WAITING, FETCHING, BUILDING, DONE, FAILED = (
    "waiting",
    "fetching",
    "building",
    "in the feed",
    "failed",
)
PENDING = (WAITING, FETCHING, BUILDING)
MAX_PENDING = 20
"""Submissions waiting or under way at most; more are refused until some are done."""
SHOWN = 20
LOCK_WAIT_S = 0.5
"""How often a build waits for the lock a command-line build holds."""


@dataclass(frozen=True)
class Entry:
    """A page sent from the editor's page, and how far it got."""

    id: int
    url: str
    state: str
    reason: str
    added: str
    took_s: float | None


def _connect(project: Project) -> sqlite3.Connection:
    return open_catalog(project.catalog)


def enqueue(project: Project, url: str, now: datetime | None = None) -> Entry | None:
    """Add ``url`` to the queue as waiting; None when the queue is full."""
    connection = _connect(project)
    try:
        with connection:
            pending = connection.execute(
                "SELECT COUNT(*) FROM queue WHERE state IN (?, ?, ?)", PENDING
            ).fetchone()[0]
            if pending >= MAX_PENDING:
                return None
            added = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
            cursor = connection.execute(
                "INSERT INTO queue (url, state, added) VALUES (?, ?, ?)", (url, WAITING, added)
            )
        return Entry(int(cursor.lastrowid or 0), url, WAITING, "", added, None)
    finally:
        connection.close()


def queued(project: Project, most: int = SHOWN) -> list[Entry]:
    """The newest ``most`` submissions, newest first."""
    connection = _connect(project)
    try:
        rows = connection.execute(
            "SELECT id, url, state, reason, added, took_s FROM queue ORDER BY id DESC LIMIT ?",
            (most,),
        ).fetchall()
    finally:
        connection.close()
    return [Entry(*row) for row in rows]


def _set(
    project: Project, entry: int, state: str, reason: str = "", took: float | None = None
) -> None:
    connection = _connect(project)
    try:
        with connection:
            connection.execute(
                "UPDATE queue SET state = ?, reason = ?, took_s = ? WHERE id = ?",
                (state, reason, took, entry),
            )
    finally:
        connection.close()


def _next(project: Project) -> Entry | None:
    connection = _connect(project)
    try:
        with connection:
            # A row left fetching or building by a stopped server is taken up again.
            row = connection.execute(
                "SELECT id, url, state, reason, added, took_s FROM queue "
                "WHERE state IN (?, ?, ?) ORDER BY id LIMIT 1",
                PENDING,
            ).fetchone()
    finally:
        connection.close()
    return Entry(*row) if row else None


def fetch_submitted(project: Project, url: str) -> Intake:
    """The submitted page into seeds/, fetched only from a public address (unless
    ``[fetch] private_addresses`` allows every one)."""
    settings = load_settings(project.config)
    return add_urls(project, [url], client_for(settings.fetch, public_only=True))


def work_one(project: Project, engine: str, stop: threading.Event) -> bool:
    """Fetch and build the oldest waiting submission; False when none waits."""
    entry = _next(project)
    if entry is None:
        return False
    started = time.monotonic()
    try:
        _work(project, entry, engine, stop, started)
    except PodcastError as error:  # the catalog or the settings: said, and the next one goes on
        _set(project, entry.id, FAILED, str(error), time.monotonic() - started)
    return True


def _work(
    project: Project, entry: Entry, engine: str, stop: threading.Event, started: float
) -> None:
    _set(project, entry.id, FETCHING)
    try:  # in a process of its own, as serve --watch fetches and builds (apart.py)
        intake = run_apart(fetch_submitted, project, entry.url, stopping=stop.is_set)
    except PodcastError:
        if stop.is_set():
            return  # the server stops: the next one takes this submission up again
        raise
    if intake.failures:
        _set(project, entry.id, FAILED, intake.failures[0], time.monotonic() - started)
        return
    _set(project, entry.id, BUILDING)
    seed = intake.added[0].seed
    while True:
        try:
            outcome = run_apart(build, project, [seed], engine_name=engine, stopping=stop.is_set)
            break
        except PodcastError as error:
            if stop.is_set():
                return  # the server stops: the next one takes this submission up again
            if "another build is running" not in str(error):
                _set(project, entry.id, FAILED, str(error), time.monotonic() - started)
                return
            stop.wait(LOCK_WAIT_S)
    took = time.monotonic() - started
    _set(
        project, entry.id, FAILED if outcome.failures else DONE, "".join(outcome.failures[:1]), took
    )


def run_queue(project: Project, engine: str, stop: threading.Event, wake: threading.Event) -> None:
    """Work the queue until ``stop``: one submission at a time, woken by ``wake``."""
    while not stop.is_set():
        try:
            busy = work_one(project, engine, stop)
        except PodcastError:  # the catalog cannot be opened: try again in a moment
            busy = False
        if not busy:
            wake.wait(1.0)
            wake.clear()


def start_queue(
    project: Project, engine: str | None, stop: threading.Event, wake: threading.Event
) -> threading.Thread | None:
    """Start working the queue in a thread of its own, when there is an ``engine``."""
    if engine is None:
        return None
    stop.clear()
    worker = threading.Thread(target=run_queue, args=(project, engine, stop, wake), daemon=True)
    worker.start()
    return worker
