"""Building while serving: again on every new article, the followed feeds fetched meanwhile,
and how it all went, for /healthz."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import watchfiles
from starlette.responses import Response

from podcast.errors import PodcastError, WebError
from podcast.project import Project
from podcast.run import Outcome, build
from podcast.serve.apart import run_apart
from podcast.sources import Intake, follow_sources, read_fetch_statuses
from podcast.text import ARTICLE_SUFFIXES

Heard = Callable[[Outcome | Intake | PodcastError], None]
"""Gets each outcome of a rebuild, what each fetch did, and every failure of either."""
FAILING_FETCHES = 3
"""A feed that failed this many fetches in a row makes /healthz answer 503."""


@dataclass
class Health:
    """How the last build and the fetches went, kept for /healthz (updated from the watcher)."""

    project: Project
    watching: bool
    build: dict[str, object] = field(default_factory=lambda: {"state": "not yet"})
    fetch_at: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def heard(self, passed_on: Heard | None) -> Heard:
        """A listener that notes each event, then hands it to ``passed_on``."""

        def note(event: Outcome | Intake | PodcastError) -> None:
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with self.lock:
                if isinstance(event, Outcome):
                    self.build = {
                        "state": "failed" if event.failures else "ok",
                        "at": now,
                        "built": len(event.built),
                        "failures": list(event.failures),
                    }
                elif isinstance(event, Intake):
                    self.fetch_at = now
                elif not isinstance(event, PodcastError) or not _is_fetch_error(event):
                    self.build = {"state": "error", "at": now, "error": str(event)}
            if passed_on is not None:
                passed_on(event)

        return note

    def answer(self) -> Response:
        """The JSON an uptime monitor reads: 200 when all is well, else 503."""
        statuses = read_fetch_statuses(self.project.catalog)
        sources = [
            {
                "url": status.url,
                "state": "ok" if status.error is None else "failing",
                "at": status.at.isoformat(timespec="seconds"),
                "failures": status.failures,
                "error": status.error,
                "last_ok": status.last_ok.isoformat(timespec="seconds") if status.last_ok else None,
            }
            for status in statuses.values()
        ]
        with self.lock:
            build = dict(self.build)
            fetch_at = self.fetch_at
        healthy = build["state"] in ("ok", "not yet") and all(
            status.failures < FAILING_FETCHES for status in statuses.values()
        )
        body = {
            "status": "ok" if healthy else "failing",
            "watching": self.watching,
            "build": build,
            "fetch": {"at": fetch_at, "sources": sources},
        }
        return Response(
            json.dumps(body, ensure_ascii=False, indent=1) + "\n",
            status_code=200 if healthy else 503,
            media_type="application/json",
            headers={"Cache-Control": "no-store"},
        )


def _is_fetch_error(error: PodcastError) -> bool:
    return isinstance(error, WebError)


def rebuild_apart(project: Project, engine_name: str) -> Outcome:
    """``build`` as serve runs it, in a process of its own: the outcome it hands back counts
    the episodes kept as they were instead of listing them, so that what serve receives
    after each build does not grow with the archive."""
    outcome = build(project, engine_name=engine_name)
    return replace(outcome, unchanged=(), also_unchanged=len(outcome.unchanged))


async def watch(project: Project, engine_name: str, stop: asyncio.Event, heard: Heard) -> None:
    """Build once, then again after every change to an article in seeds/, until ``stop``.

    Each build runs in a process of its own (``apart``), so what it allocates, which grows
    with the archive, goes back to the system when it ends.

    The followed feeds ([[sources]]) are fetched into seeds/ meanwhile, every interval,
    each host's round in a process of its own too: what reading feeds and pages
    allocates goes with it, and a parser that crashes takes down that round, not serve.
    """

    def is_article(change: watchfiles.Change, path: str) -> bool:
        name = Path(path).name
        return not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES

    async def rebuild() -> None:
        try:
            outcome: Outcome | PodcastError = await anyio.to_thread.run_sync(
                lambda: run_apart(rebuild_apart, project, engine_name, stopping=stop.is_set)
            )
        except PodcastError as error:
            if stop.is_set():
                return  # interrupted on the way out: the next run takes it up
            outcome = error
        heard(outcome)

    def fetch_apart(work: Callable[..., Any], *args: Any) -> Any:
        return run_apart(work, *args, stopping=stop.is_set)

    changes = watchfiles.awatch(project.seeds, watch_filter=is_article, stop_event=stop)
    # seeds/ is watched from before the first build, so an article saved while it runs is not
    # missed: one step of the task sets the watcher up.
    change = asyncio.ensure_future(anext(changes))
    await asyncio.sleep(0)
    await rebuild()
    # After the first build: its articles are saved while seeds/ is watched, and built then.
    following = asyncio.create_task(follow_sources(project, stop, heard, run=fetch_apart))
    while True:
        try:
            await change
        except StopAsyncIteration:
            break
        await rebuild()
        change = asyncio.ensure_future(anext(changes))
    await following
