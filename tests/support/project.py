"""Projects made, run and checked the way the tests need them."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import podcastparser

from podcast.catalog import Episode
from podcast.pcm import SAMPLE_RATE
from podcast.project import Project
from tests.support import ROOT
from tests.support.audio import pcm


def podcast_process(project: Project, *arguments: str, **options: Any) -> subprocess.Popen[str]:
    """Start ``podcast`` from this checkout as a separate process in ``project``."""
    return subprocess.Popen(
        [sys.executable, "-m", "podcast", *arguments],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def make_project(folder: Path, *articles: Path) -> Project:
    """A project folder whose seeds/ holds ``articles`` (the seed when none are given)."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    for article in articles or (SEED,):
        shutil.copy(article, seeds / article.name)
    return Project(folder)


def as_listed(episodes: Iterable[Episode]) -> tuple[Episode, ...]:
    """Episodes as a build reports those it kept: the catalog's headers, without their parts."""
    return tuple(replace(e, timeline=(), parts=(), sections=(), cues=()) for e in episodes)


NOW = datetime(2025, 12, 21, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"


def check_published(audio: Path) -> int:
    """Assert that the feed parses and names only complete files; return its episode count."""
    feed = audio / "feed.xml"
    if not feed.exists():
        return 0
    parsed = podcastparser.parse("http://127.0.0.1:8000/feed.xml", io.BytesIO(feed.read_bytes()))
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        path = audio / enclosure["url"].rsplit("/", 1)[1]
        assert path.stat().st_size == enclosure["file_size"], path.name
        seconds = len(pcm(path)) / 2 / SAMPLE_RATE
        assert abs(seconds - episode["total_time"]) <= 1, path.name
    return len(parsed["episodes"])


def terminal_output(project: Path, *arguments: str) -> str:
    """What ``podcast`` writes to a terminal (a pseudo-terminal on stderr) while it runs."""
    reader, writer = pty.openpty()
    subprocess.run(
        [sys.executable, "-m", "podcast", *arguments],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=writer,
        check=True,
    )
    os.close(writer)
    output = b""
    while select.select([reader], [], [], 0.5)[0]:
        try:
            chunk = os.read(reader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(reader)
    return output.decode()
