"""Following outlets while serving: a hanging outlet holds up only itself, failing feeds back
off, and /healthz says how the builds and the fetches went.

Two news sites on two loopback addresses (127.0.0.1 and 127.0.0.2) play two outlets.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from podcast.config import Fetch, Settings, Source
from podcast.errors import WebError
from podcast.project import Project
from podcast.run import Outcome
from podcast.serve import serve_app
from podcast.serve.apart import run_apart
from podcast.sources import Intake, fetch_sources, follow_sources
from podcast.sources.follow import Runner, backoff_s, here
from tests.servers.news_site import NewsSite, news_site
from tests.support.project import make_project
from tests.support.web import fetcher, running, wait_for

INTERVAL_MIN = 0.005  # 0.3 s
Event = Intake | WebError


def configure(folder: Path, *feeds: str, timeout_s: float = 2.0) -> None:
    sources = "".join(f"[[sources]]\nurl = '{feed}'\nlimit = 3\n" for feed in feeds)
    (folder / "podcast.toml").write_text(
        f"[fetch]\ninterval_min = {INTERVAL_MIN}\ndelay_s = 0\ntimeout_s = {timeout_s}\n"
        f"deadline_s = {2 * timeout_s}\n{sources}",
        encoding="utf-8",
    )


def follow_for(project: Project, seconds: float, run: Runner = here) -> list[tuple[float, Event]]:
    """Follow the project's sources for ``seconds``, each host's rounds done by ``run``;
    every event heard, timed from the start."""
    heard: list[tuple[float, Event]] = []
    started = time.monotonic()

    async def follow() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(
            follow_sources(
                project,
                stop,
                lambda e: heard.append((time.monotonic() - started, e)),  # type: ignore[arg-type]
                run,
            )
        )
        await asyncio.sleep(seconds)
        stop.set()
        await asyncio.wait_for(task, 10)

    asyncio.run(follow())
    return heard


def request_times(site: NewsSite, path: str, started: float) -> list[float]:
    return [round(request.at - started, 2) for request in site.requests_to(path)]


def test_a_hanging_outlet_holds_up_only_itself(tmp_path: Path) -> None:
    with (
        news_site("127.0.0.1", slow_s=5.0, faults={"/rss.xml": "hang"}) as hanging,
        news_site("127.0.0.2") as fine,
    ):
        project = make_project(tmp_path)
        configure(tmp_path, hanging.url("/rss.xml"), fine.url("/rss.xml"))
        started = time.monotonic()
        heard = follow_for(project, 3.5)
    failed_at = [
        at for at, event in heard if isinstance(event, WebError) and hanging.base in str(event)
    ]
    taken_at = [at for at, event in heard if isinstance(event, Intake) and event.added]
    # The fine outlet's three articles were in before the hanging one's timeout (2 s) ran out.
    assert taken_at and taken_at[0] < 2.0 <= failed_at[0], heard
    saved = sorted(p.name for p in project.seeds.iterdir() if p.suffix == ".html")
    assert len(saved) == 3
    # It was fetched again every round (0.3 s) meanwhile: a 304 each time.
    fine_feed = fine.requests_to("/rss.xml")
    assert [r.status for r in fine_feed[:4]] == [200, 304, 304, 304]
    # The hanging outlet was not asked again while its first request hung; the second came
    # only after the first timed out.
    hung = request_times(hanging, "/rss.xml", started)
    assert len(hung) <= 2, hung
    failures = [
        str(event)
        for _, event in heard
        if isinstance(event, WebError) and hanging.base in str(event)
    ]
    assert failures[:2] == [
        f"{hanging.url('/rss.xml')}: no answer within 2 s (timed out)",
        f"{hanging.url('/rss.xml')}: 1 fetch(es) in a row failed; next try in 0 s",
    ]


def test_a_failing_feed_backs_off_and_each_failure_is_reported(tmp_path: Path) -> None:
    with news_site("127.0.0.2") as site:
        project = make_project(tmp_path)
        configure(tmp_path, site.url("/error"))
        heard = follow_for(project, 4.5)
    times = [request.at for request in site.requests_to("/error")]
    gaps = [round(later - earlier, 1) for earlier, later in itertools.pairwise(times)]
    # Every 0.3 s without backing off would be 15 requests. After n failures in a row the
    # feed waits backoff_s(n): 0.3, 0.6, 1.2 s, then 1.2 s again (four intervals at most);
    # counted from the end of its last fetch, and the rounds come every 0.3 s, so a gap
    # between two requests may be an interval shorter, or come a round or two late.
    interval_s = INTERVAL_MIN * 60
    assert 4 <= len(times) <= 7, gaps
    for failures, gap in enumerate(gaps, start=1):
        wait = backoff_s(failures, interval_s)
        assert wait - interval_s - 0.15 <= gap <= wait + 1.0, (failures, gaps)
    counts = [
        str(event).removeprefix(site.url("/error") + ": ").split(";")[0]
        for _, event in heard
        if isinstance(event, WebError) and "in a row" in str(event)
    ]
    # Each failure is reported with its count (the last one may end after the stop).
    assert counts == [f"{n} fetch(es) in a row failed" for n in range(1, len(counts) + 1)]
    assert len(counts) >= len(times) - 1


def test_healthz_gives_the_last_build_and_every_feed_with_its_state(tmp_path: Path) -> None:
    with news_site("127.0.0.2") as site:
        project = make_project(tmp_path)
        broken, fine = site.url("/error"), site.url("/atom.xml")
        settings = Settings(fetch=Fetch(delay_s=0), sources=(Source(broken),))
        for _ in range(3):
            fetch_sources(project, settings)
        (tmp_path / "podcast.toml").write_text(
            f"[fetch]\ndelay_s = 0\n[[sources]]\nurl = '{broken}'\n"
            f"[[sources]]\nurl = '{fine}'\nlimit = 1\n",
            encoding="utf-8",
        )
        heard: list[object] = []
        app = serve_app(project, watch_engine="espeak", rebuilt=heard.append)
        with running(app) as port:
            fetch = fetcher(port)
            wait_for(lambda: sum(isinstance(e, Outcome) and bool(e.built) for e in heard) >= 2)
            status, headers, body = fetch("/healthz")
    health = json.loads(body)
    assert (status, headers["content-type"], headers["cache-control"]) == (
        503, "application/json", "no-store")  # fmt: skip
    assert health["status"] == "failing"
    assert health["watching"] is True
    assert health["build"]["state"] == "ok"
    assert health["build"]["failures"] == []
    assert health["fetch"]["at"] is not None
    by_url = {source["url"]: source for source in health["fetch"]["sources"]}
    assert by_url[broken]["state"] == "failing"
    assert by_url[broken]["failures"] == 3
    assert by_url[broken]["error"] == f"{broken}: server error (500)"
    assert by_url[broken]["last_ok"] is None
    assert (by_url[fine]["state"], by_url[fine]["failures"], by_url[fine]["error"]) == (
        "ok", 0, None)  # fmt: skip
    assert by_url[fine]["last_ok"] == by_url[fine]["at"]


def test_rounds_fetched_apart_keep_each_hosts_robots_txt_and_leave_nothing_here(
    tmp_path: Path,
) -> None:
    from trafilatura.meta import reset_caches
    from trafilatura.utils import line_processing, trim

    reset_caches()
    with news_site("127.0.0.1") as site:
        project = make_project(tmp_path)
        configure(project.root, site.url("/rss.xml"))
        heard = follow_for(project, 1.5, run=run_apart)
        feed = site.requests_to("/rss.xml")
        robots = site.requests_to("/robots.txt")
    assert sum(len(e.added) for _, e in heard if isinstance(e, Intake)) == 3
    assert len(list(project.seeds.glob("*.html"))) == 3
    # Every round was a process of its own; robots.txt was read in the first only.
    assert len(feed) >= 3 and [r.status for r in feed[:3]] == [200, 304, 304]
    assert len(robots) == 1
    # What reading the articles left in trafilatura's caches stayed in those processes.
    assert (line_processing.cache_info().currsize, trim.cache_info().currsize) == (0, 0)


def segfaults(*args: object) -> None:
    """Die as a parser that crashes on a page would (in the child)."""
    os.kill(os.getpid(), signal.SIGSEGV)


def test_a_round_that_dies_is_reported_and_the_next_round_goes_on(tmp_path: Path) -> None:
    with news_site("127.0.0.1") as site:
        project = make_project(tmp_path)
        configure(project.root, site.url("/rss.xml"))
        rounds: list[int] = []

        def dies_once(work: Callable[..., Any], *args: Any) -> Any:
            rounds.append(len(rounds))
            return run_apart(segfaults if len(rounds) == 1 else work, *args)

        heard = follow_for(project, 1.5, run=dies_once)
    crashes = [str(e) for _, e in heard if isinstance(e, WebError) and "unexpectedly" in str(e)]
    assert crashes == [
        f"{site.base.split('://')[1]}: fetching failed unexpectedly "
        "(the work in its own process was killed (SIGSEGV))"
    ]
    assert len(rounds) >= 3
    assert len(list(project.seeds.glob("*.html"))) == 3
