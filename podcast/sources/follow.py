"""Following the outlets while serving: every host on its own, every interval, failures backing off.

Each host's feeds are fetched on a thread of their own, so an outlet that hangs holds up
only itself (for as long as its timeouts allow): the others are fetched on time, and
the hanging one is not started again while it is still at it. A feed that fails is tried
again after a wait that doubles with each failure in a row (one interval, then two,
then four: at most ``BACKOFF_INTERVALS`` intervals and ``MAX_BACKOFF_S``), and each failure
is reported with its count. The wait is bounded by the interval, not only by the clock: an
outlet that publishes fast lists its latest items only for a while, so a feed that comes
back must be read again soon or what it listed meanwhile is gone.

Each round of a host is one call of ``run(fetch_round, …)``: here, or (as ``serve`` does)
in a process of its own, so that what reading feeds and pages allocates, and a parser
that crashes on a hostile page, stay there. What the client learned of each host that
must outlive a round (its robots.txt, when it was last asked) is handed in and back as
``Manners``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio

import podcast.sources.state as state
from podcast.config import Settings, load_settings
from podcast.errors import PodcastError, WebError
from podcast.project import Project
from podcast.sources.http import Client
from podcast.sources.intake import Intake, by_host, fetch_sources

BACKOFF_INTERVALS = 4
"""A failing feed is tried again at least every this many intervals: it costs a quarter of
the requests of one that works, and is read again within four intervals of coming back."""
MAX_BACKOFF_S = 6 * 3600.0
"""The longest wait before a failing feed is tried again (for an interval over 1.5 h)."""
MANNERS_LIFE_S = 24 * 3600.0
"""What is known of each host (its robots.txt above all) is forgotten after this long."""

Heard = Callable[[Intake | PodcastError], None]
Runner = Callable[..., Any]
"""Calls ``work(*args)`` and gives back its value (or raises its error): here or elsewhere."""


@dataclass
class Manners:
    """What a client learned of each host that the next round keeps: its robots.txt, and
    when it was last asked (``time.monotonic``, one clock for every process)."""

    robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    last_request: dict[str, float] = field(default_factory=dict)

    def copy(self) -> Manners:
        """What is known now, for a round to take along (the rounds of other hosts may
        teach this one more meanwhile)."""
        return Manners(dict(self.robots), dict(self.last_request))

    def learn(self, later: Manners) -> None:
        """Take in what a round learned (rounds of several hosts end in any order)."""
        self.robots.update(later.robots)
        for host, at in later.last_request.items():
            self.last_request[host] = max(at, self.last_request.get(host, at))


def fetch_round(project: Project, settings: Settings, manners: Manners) -> tuple[Intake, Manners]:
    """``fetch_sources`` with a client that knows what ``manners`` say; what it learned
    (the robots.txt of hosts it did not know, and when it last asked each)."""
    known = set(manners.robots)
    client = Client(settings.fetch, robots=manners.robots, last_request=manners.last_request)
    intake = fetch_sources(project, settings, client)
    learned = {host: robots for host, robots in client.robots.items() if host not in known}
    return intake, Manners(learned, client.last_request)


def here(work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args)`` in this process."""
    return work(*args)


async def follow_sources(
    project: Project, stop: asyncio.Event, heard: Heard, run: Runner = here
) -> None:
    """Fetch the [[sources]] into seeds/ every [fetch] interval_min until ``stop`` is set.

    Only saves: whatever watches seeds/ builds the new articles. What each host's fetch
    did goes to ``heard`` (its ``Intake``), and every failure as a ``WebError``. Each
    host's round is done by ``run`` on a thread.
    """
    running: dict[str, asyncio.Task[None]] = {}
    manners, made = Manners(), time.monotonic()
    try:
        while not stop.is_set():
            try:
                settings = load_settings(project.config)
            except PodcastError as error:
                heard(error)
                return
            if not settings.sources:
                return
            if time.monotonic() - made > MANNERS_LIFE_S:
                manners, made = Manners(), time.monotonic()
            statuses = _statuses(project)
            interval_s = settings.fetch.interval_min * 60
            for host, sources in by_host(settings.sources).items():
                if host in running and not running[host].done():
                    continue  # still at it: bounded by its own timeouts
                if host in running and (crash := running[host].exception()) is not None:
                    # A round that died, or a fault of the tool's own: said, and the host
                    # tried again next round.
                    cause = str(crash) if isinstance(crash, PodcastError) else repr(crash)
                    heard(WebError(f"{host}: fetching failed unexpectedly ({cause})"))
                due = [s for s in sources if is_due(statuses.get(s.url), interval_s)]
                if due:
                    chosen = replace(settings, sources=tuple(due))
                    running[host] = asyncio.create_task(
                        _fetch_host(project, chosen, manners, heard, interval_s, run)
                    )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval_s)
    finally:
        for task in running.values():
            task.cancel()
        await asyncio.gather(*running.values(), return_exceptions=True)


async def _fetch_host(
    project: Project,
    settings: Settings,
    manners: Manners,
    heard: Heard,
    interval_s: float,
    run: Runner,
) -> None:
    """Fetch one host's due feeds on a thread; report what it did and each failure."""
    intake, learned = await anyio.to_thread.run_sync(
        run, fetch_round, project, settings, manners.copy(), abandon_on_cancel=True
    )
    manners.learn(learned)
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
