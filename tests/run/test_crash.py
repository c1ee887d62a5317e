"""Kill builds with SIGKILL at random moments: the feed stays valid and the next build finishes."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

from tests.support.project import SEED, check_published, make_project, podcast_process

KILLS = 8


def variant(folder: Path, name: str, title: str) -> Path:
    """The seed under another title, so that it becomes another episode."""
    path = folder / name
    lines = SEED.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([title, *lines[1:]]), encoding="utf-8")
    return path


def test_kill_9_at_random_moments_never_breaks_the_feed(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    articles = [
        SEED,
        variant(sources, "kedua.txt", "Rusia dan Ukraina Bertukar Tawanan Perang"),
        variant(sources, "ketiga.txt", "Eropa Terpecah Soal Dukungan untuk Kyiv"),
    ]
    project = make_project(tmp_path / "podcast", *articles)
    chance = random.Random(20251221)
    kills = rounds = 0
    seen = []
    while kills < KILLS and rounds < 4 * KILLS:
        rounds += 1
        # Edit one article each round, so kills also land while published files are replaced.
        edited = project.seeds / "kedua.txt"
        edited.write_text(edited.read_text(encoding="utf-8") + f"\n\nTambahan {rounds}.\n")
        process = podcast_process(project, "build", "--engine", "espeak", "-q")
        time.sleep(chance.uniform(0.3, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate()
        seen.append(check_published(project.audio))
    assert kills == KILLS, f"only {kills} of {rounds} builds were still running when killed"
    print(f"{kills} kills in {rounds} builds; episodes in the feed after each: {seen}")
    finished = podcast_process(project, "build", "--engine", "espeak", "-q")
    _, errors = finished.communicate(timeout=120)
    assert (finished.returncode, errors) == (0, "")
    assert check_published(project.audio) == 3
    assert sorted(p.name for p in project.audio.iterdir() if p.name.startswith(".")) == []
    assert seen == sorted(seen), "an episode left the feed after a crash"
