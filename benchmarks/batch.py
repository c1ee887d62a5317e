"""How a batch of articles builds: one at a time against the default (one process per core).

Ten seed-sized articles (the seed's paragraphs, each article's own words so no
clip is shared) are built offline by ``python -m podcast build --engine
espeak`` in a fresh project, first with ``--jobs 1``, then with the default,
in the same run. Prints wall time, CPU share (user + system over wall, out of
100 % per core) and peak memory (the largest single process), and the ratio.
Run it from the repository root:

    python -m benchmarks.batch
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from podcast.text.article import read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
ARTICLES = 10
TARGET_SPEED_UP = 1.7

# Runs the build and prints the children's user and system seconds and peak RSS in kB.
MEASURED = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(usage.ru_utime, usage.ru_stime, usage.ru_maxrss); sys.exit(code)"
)


def articles(folder: Path) -> None:
    """Ten articles with the seed's shape, each in its own words."""
    seed = read_article(SEED)
    (folder / "seeds").mkdir(parents=True)
    for number in range(1, ARTICLES + 1):
        paragraphs = [f"Laporan {number}, bagian {i}. {p}" for i, p in enumerate(seed.paragraphs)]
        text = f"{seed.title} ({number})\n\nJakarta, {seed.outlet}\n\n" + "\n\n".join(paragraphs)
        (folder / "seeds" / f"article-{number:02}.txt").write_text(text + "\n", encoding="utf-8")


def build_once(folder: Path, jobs: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS in MB of one ``podcast build``."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "podcast", "build", "--engine", "espeak", "-q", *jobs]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, *command],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    user, system, peak_kb = result.stdout.split()[-3:]
    built = len(list((folder / "audio").glob("*.mp3")))
    assert built == ARTICLES, f"built {built} episodes, not {ARTICLES}"
    return wall, float(user) + float(system), int(peak_kb) / 1024


def main() -> None:
    cores = len(os.sched_getaffinity(0))
    print(f"{ARTICLES} seed-sized articles, eSpeak NG, {cores} cores")
    print(f"{'build':<12} {'wall s':>7} {'cpu %':>6} {'peak MB':>8}")
    walls = {}
    for label, jobs in (("--jobs 1", ["--jobs", "1"]), ("default", [])):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            articles(folder)
            wall, cpu, peak = build_once(folder, jobs)
        walls[label] = wall
        print(f"{label:<12} {wall:>7.1f} {100 * cpu / wall:>5.0f}% {peak:>8.0f}", flush=True)
    speed_up = walls["--jobs 1"] / walls["default"]
    print(f"speed-up: {speed_up:.2f}x (target >= {TARGET_SPEED_UP}x on 2 cores)")


if __name__ == "__main__":
    main()
