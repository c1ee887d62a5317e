"""Ctrl+C stops a build of many articles at once: promptly, keeping what it made."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from tests.run.test_crash import variant
from tests.support.project import SEED, check_published, make_project, podcast_process
from tests.support.web import wait_for

ARTICLES = 12
STOP_WITHIN_S = 15.0
"""An interrupted build ends within this: the episodes being made when it was stopped, no more."""


def _articles(folder: Path) -> list[Path]:
    folder.mkdir()
    return [SEED] + [
        variant(folder, f"kabar-{number:02d}.txt", f"Kabar Nomor {number} dari Kyiv")
        for number in range(1, ARTICLES)
    ]


def _when_built(audio: Path, count: int) -> None:
    wait_for(lambda: len(list(audio.glob("*.mp3"))) >= count, seconds=120)


def test_ctrl_c_at_a_terminal_stops_the_workers_and_keeps_what_was_made(tmp_path: Path) -> None:
    project = make_project(tmp_path / "podcast", *_articles(tmp_path / "sources"))
    process = podcast_process(
        project, "build", "--engine", "espeak", "--jobs", "2", "-q", start_new_session=True
    )
    _when_built(project.audio, 2)
    stopped_at = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl+C reaches the workers too
    output, errors = process.communicate(timeout=60)
    took = time.monotonic() - stopped_at
    assert (process.returncode, output) == (130, "")
    assert errors == "stopped: the episodes made so far are kept; build again to make the rest\n"
    assert took < STOP_WITHIN_S
    made = sorted(path.name for path in project.audio.glob("*.mp3"))
    assert 2 <= len(made) < ARTICLES
    assert [path.name for path in project.audio.iterdir() if path.name.startswith(".")] == []
    again = podcast_process(project, "build", "--engine", "espeak", "--jobs", "2", "-q")
    _, errors = again.communicate(timeout=300)
    assert (again.returncode, errors) == (0, "")
    assert check_published(project.audio) == ARTICLES
    assert set(made) <= {path.name for path in project.audio.glob("*.mp3")}


def test_an_interrupt_to_the_build_alone_starts_no_further_episode(tmp_path: Path) -> None:
    project = make_project(tmp_path / "podcast", *_articles(tmp_path / "sources"))
    process = podcast_process(project, "build", "--engine", "espeak", "--jobs", "2", "-q")
    _when_built(project.audio, 1)
    process.send_signal(signal.SIGINT)  # as `kill -INT`: the workers finish what they make
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert errors.endswith("build again to make the rest\n")
    made = len(list(project.audio.glob("*.mp3")))
    assert made <= 1 + 2 + 2  # the first, the two being made, two handed over but not begun
    assert made < ARTICLES
