"""Following the outlets while serving: every host on its own, every interval, failures backing off.

Each host's feeds are fetched on a thread of their own, so an outlet that hangs holds up
only itself (for as long as its timeouts allow): the others are fetched on time, and
the hanging one is not started again while it is still at it. A feed that fails is tried
again after a wait that doubles with each failure in a row (one interval, then two,
then four: at most ``BACKOFF_INTERVALS`` intervals and ``MAX_BACKOFF_S``), and each failure
is reported with its count. The wait is bounded by the interval, not only by the clock: an
outlet that publishes fast lists its latest items only for a while, so a feed that comes
back must be read again soon or what it listed meanwhile is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import anyio

import podcast.sources.state as state
from podcast.config import Settings, load_settings
from podcast.errors import PodcastError, WebError
from podcast.project import Project
from podcast.sources.http import Client
from podcast.sources.intake import Intake, by_host, client_for, fetch_sources

BACKOFF_INTERVALS = 4
"""A failing feed is tried again at least every this many intervals: it costs a quarter of
the requests of one that works, and is read again within four intervals of coming back."""
MAX_BACKOFF_S = 6 * 3600.0
"""The longest wait before a failing feed is tried again (for an interval over 1.5 h)."""
CLIENT_LIFE_S = 24 * 3600.0
"""A client (and the robots.txt it keeps) is replaced after this long."""

Heard = Callable[[Intake | PodcastError], None]


async def follow_sources(project: Project, stop: asyncio.Event, heard: Heard) -> None:
    """Fetch the [[sources]] into seeds/ every [fetch] interval_min until ``stop`` is set.

    Only saves: whatever watches seeds/ builds the new articles. What each host's fetch
    did goes to ``heard`` (its ``Intake``), and every failure as a ``WebError``.
    """
    running: dict[str, asyncio.Task[None]] = {}
    client, made = None, 0.0
    try:
        while not stop.is_set():
            try:
                settings = load_settings(project.config)
            except PodcastError as error:
                heard(error)
                return
            if not settings.sources:
                return
            if client is None or time.monotonic() - made > CLIENT_LIFE_S:
                client, made = client_for(settings.fetch), time.monotonic()
            statuses = _statuses(project)
            interval_s = settings.fetch.interval_min * 60
            for host, sources in by_host(settings.sources).items():
                if host in running and not running[host].done():
                    continue  # still at it: bounded by its own timeouts
                if host in running and (crash := running[host].exception()) is not None:
                    # A fault of the tool's own: said, and the host tried again next round.
                    heard(WebError(f"{host}: fetching failed unexpectedly ({crash!r})"))
                due = [s for s in sources if is_due(statuses.get(s.url), interval_s)]
                if due:
                    chosen = replace(settings, sources=tuple(due))
                    running[host] = asyncio.create_task(
                        _fetch_host(project, chosen, client, heard, interval_s)
                    )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval_s)
    finally:
        for task in running.values():
            task.cancel()
        await asyncio.gather(*running.values(), return_exceptions=True)


async def _fetch_host(
    project: Project, settings: Settings, client: Client, heard: Heard, interval_s: float
) -> None:
    """Fetch one host's due feeds on a thread; report what it did and each failure."""
    intake = await anyio.to_thread.run_sync(
        fetch_and_forget, project, settings, client, abandon_on_cancel=True
    )
    heard(intake)
    statuses = _statuses(project)
    for failure in intake.failures:
        heard(WebError(failure))
    for source in settings.sources:
        status = statuses.get(source.url)
        if status is not None and status.error is not None:
            wait = backoff_s(status.failures, interval_s)
            heard(
                WebError(
                    f"{source.url}: {status.failures} fetch(es) in a row failed; "
                    f"next try in {_duration(wait)}"
                )
            )


def fetch_and_forget(project: Project, settings: Settings, client: Client) -> Intake:
    """``fetch_sources``, then trafilatura's caches emptied when it read any article.

    They keep what each page read leaves (up to 16,384 words' hashes for its fingerprints,
    lines, dates, links): bounded, but a server reading articles for months fills them to
    some 13 MB (12 MB of it the hashes). Emptied after each round, they hold only what one
    round read.
    """
    intake = fetch_sources(project, settings, client)
    if intake.added:
        from trafilatura.meta import reset_caches  # loaded already: an article was read

        reset_caches()
    return intake


def _statuses(project: Project) -> dict[str, state.FetchStatus]:
    return state.read_fetch_statuses(project.catalog)


def backoff_s(failures: int, interval_s: float) -> float:
    """How long after its last fetch a feed that failed ``failures`` times in a row waits.

    >>> [backoff_s(n, 60) / 60 for n in range(6)]
    [1.0, 1.0, 2.0, 4.0, 4.0, 4.0]
    >>> backoff_s(30, 7200) == MAX_BACKOFF_S, backoff_s(30, 8 * 3600) / 3600
    (True, 8.0)
    """
    longest = max(interval_s, min(BACKOFF_INTERVALS * interval_s, MAX_BACKOFF_S))
    return min(interval_s * float(2 ** min(max(0, failures - 1), 62)), longest)


def is_due(
    status: state.FetchStatus | None, interval_s: float, now: datetime | None = None
) -> bool:
    """Whether a feed is fetched at this round: always, unless it is failing and its wait
    (less the round it waits anyway) has not passed."""
    if status is None or status.error is None:
        return True
    now = now or datetime.now(UTC)
    extra = backoff_s(status.failures, interval_s) - interval_s
    return now >= status.at + timedelta(seconds=extra)


def _duration(seconds: float) -> str:
    """A wait for people: 36 s, 4 min, 2 h.

    >>> [_duration(s) for s in (36, 240, 7200)]
    ['36 s', '4 min', '2 h']
    """
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 3600 else f"{seconds / 3600:.0f} h"
