"""The soak's measures: a process's memory, open files and threads, and polls of what it serves."""

from __future__ import annotations

import http.client
import io
import json
import os
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import podcastparser
from lxml import html

SPOT_CHECKS = 3
"""Enclosures checked again at every poll besides the new ones, drawn at random."""


@dataclass(frozen=True)
class Sample:
    """The server process at one moment, and how far the soak had got."""

    HEADER = (
        "  time    RSS MB  helpers MB  builds MB  open files  threads  articles seen/built"
        "  polls valid"
    )

    at_s: float
    rss_mb: float
    helpers_mb: float
    """The server's own children, which live as long as it does (the fork server)."""
    builds_mb: float
    """Their children at that moment: a build or a render at work, 0 between them."""
    open_files: int
    threads: int
    seen: int
    built: int
    polls: int
    valid: int

    def row(self) -> str:
        minutes, seconds = divmod(round(self.at_s), 60)
        return (
            f"{minutes:3d}:{seconds:02d}  {self.rss_mb:8.1f}  {self.helpers_mb:10.1f}  "
            f"{self.builds_mb:9.1f}  {self.open_files:10d}  "
            f"{self.threads:7d}  {self.seen:9d}/{self.built:<9d}  {self.valid:5d}/{self.polls}"
        )


def sample(pid: int, at_s: float, seen: int, project: Path, poller: Poller) -> Sample:
    """Measure the process ``pid`` and poll what it serves."""
    fields = status(pid)
    rss_mb = int(fields["VmRSS"].split()[0]) / 1024
    threads = int(fields["Threads"])
    open_files = len(os.listdir(f"/proc/{pid}/fd"))
    parents = parent_ids()
    helpers = [child for child, parent in parents.items() if parent == pid]
    builds = [child for child, parent in parents.items() if parent in helpers]
    builds += [child for child, parent in parents.items() if parent in builds]  # their ffmpeg
    poller.poll()
    return Sample(
        at_s,
        rss_mb,
        rss_of(helpers),
        rss_of(builds),
        open_files,
        threads,
        seen,
        episodes(project),
        poller.polls,
        poller.valid,
    )


def status(pid: int) -> dict[str, str]:
    """The fields of /proc/<pid>/status."""
    text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def parent_ids() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = status(int(name))
            except OSError:  # gone meanwhile
                continue
            parents[int(name)] = int(fields["PPid"])
    return parents


def rss_of(pids: list[int]) -> float:
    """The RSS of ``pids`` together, in MB (those gone meanwhile count nothing)."""
    total = 0
    for pid in pids:
        try:
            total += int(status(pid).get("VmRSS", "0 kB").split()[0])
        except OSError:
            continue
    return total / 1024


def episodes(project: Path) -> int:
    """Episodes in the catalog (read-only; 0 before the first build)."""
    path = project / ".podcast" / "catalog.db"
    if not path.is_file():
        return 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM episodes").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of ``points`` (y per x); 0 for fewer than two.

    >>> round(slope([(0, 1.0), (1, 3.0), (2, 5.0)]), 6)
    2.0
    """
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


@dataclass
class Poller:
    """Fetches the feed, the show's page and /healthz as an app and a browser would."""

    port: int
    polls: int = 0
    valid: int = 0
    invalid: list[str] = field(default_factory=list)
    whole: dict[str, int] = field(default_factory=dict)
    """URL path -> length already found whole."""
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    def poll(self) -> None:
        self.polls += 1
        try:
            self.check()
        except (AssertionError, OSError, ValueError, KeyError) as error:
            self.invalid.append(f"poll {self.polls}: {type(error).__name__}: {error}")
        else:
            self.valid += 1

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path)
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def check(self) -> None:
        status, _, body = self.get("/healthz")
        assert status in (200, 503), f"/healthz answered {status}"
        json.loads(body)
        status, _, feed = self.get("/feed.xml")
        if status == 404:  # nothing built yet
            return
        assert status == 200, f"/feed.xml answered {status}"
        parsed = podcastparser.parse(f"http://127.0.0.1:{self.port}/feed.xml", io.BytesIO(feed))
        other = feedparser.parse(feed)
        assert not other.bozo, f"feedparser: {other.bozo_exception}"
        assert len(other.entries) == len(parsed["episodes"])
        wanted = {}
        for episode in parsed["episodes"]:
            (enclosure,) = episode["enclosures"]
            wanted[urlsplit(enclosure["url"]).path] = int(enclosure["file_size"])
        status, _, page = self.get("/")
        assert status == 200, f"/ answered {status}"
        players = html.fromstring(page).xpath("//audio/@src | //audio/source/@src")
        for src in players:
            path = urlsplit(str(src)).path
            wanted.setdefault(path if path.startswith("/") else "/" + path, -1)
        new = [path for path in wanted if path not in self.whole]
        old = [path for path in wanted if path in self.whole]
        for path in new + self.rng.sample(old, min(SPOT_CHECKS, len(old))):
            status, headers, _ = self.get(path, "HEAD")
            assert status == 200, f"HEAD {path} answered {status}"
            length = int(headers["content-length"])
            assert wanted[path] in (-1, length), (
                f"{path}: {length} bytes, the feed says {wanted[path]}"
            )
            self.whole[path] = length
