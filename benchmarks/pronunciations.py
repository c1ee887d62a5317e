"""What the pronunciation list costs and what it saves: timings and request counts.

Prints, in one run:

(a) reading and checking the built-in list, and the seed's spoken form with
    and without it (the spoken-form rules alone are the baseline);
(b) ``python -m podcast say`` as a whole process, with eSpeak NG and with a
    loopback Google (tests/google_server.py, 150 ms a request), against
    ``python -m podcast --version`` (starting Python and the package);
(c) the seed and two short articles built against that Google with a project
    list of five entries, then rebuilt after one entry changed: the requests
    of each build and the episodes made again.

Usage: python benchmarks/pronunciations.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.build import build  # noqa: E402
from podcast.project import Project  # noqa: E402
from podcast.text import read_article, respell, speakable  # noqa: E402
from podcast.text.pronounce import check_settles  # noqa: E402
from podcast.text.pronunciations import builtin_pronunciations  # noqa: E402
from tests import google_server  # noqa: E402
from tests.conftest import SEED  # noqa: E402

LATENCY_S = 0.15
LINE = "Zelensky membuka startup online di Kyiv bersama Elon Musk."
PROJECT_LIST = (
    "# the newsroom's list\n"
    "Volodymyr\tWolodimir\n"
    "Kirill\tKiril\n"
    "Dmitriev\tDmitriyef\n"
    "/Marco (Rubio)/\tMarko \\1\n"
    "Kyiv\tKiyef\tespeak\n"
)
NOW = datetime(2025, 12, 21, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
TECH = """Ponsel Baru Diluncurkan

Sebuah startup asal Bandung meluncurkan smartphone murah untuk pelajar.

Penjualan online dimulai pekan depan di beberapa toko.
"""
BALL = """Chelsea Menang Tipis

Chelsea mengalahkan tim tamu di kandang sendiri pada Sabtu malam.

Pelatih memuji para pemain muda yang tampil berani.
"""

for name in list(os.environ):
    if name.lower().endswith("_proxy"):
        del os.environ[name]


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest of ``runs`` timings of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def process_s(folder: Path, *arguments: str) -> float:
    """Median wall time of ``python -m podcast ARGUMENTS`` in ``folder``, over three runs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "podcast", *arguments],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def list_costs() -> None:
    builtin_pronunciations.cache_clear()
    read = best_of(1, builtin_pronunciations)
    lexicon = builtin_pronunciations()
    check = best_of(5, lambda: check_settles(lexicon))
    article = read_article(SEED)
    parts = [article.title, *article.paragraphs]
    rules = best_of(20, lambda: [speakable(part) for part in parts])
    spoken = [speakable(part) for part in parts]
    listed = best_of(20, lambda: [respell(part, lexicon) for part in spoken])
    print(
        f"built-in list: {len(lexicon.entries)} entries; read {read * 1000:.1f} ms,"
        f" checked {check * 1000:.1f} ms"
    )
    print(
        f"seed spoken form: rules {rules * 1000:.1f} ms, list {listed * 1000:.1f} ms"
        f" ({listed / rules:.2f} x the rules)"
    )


def say_timing(folder: Path) -> None:
    (folder / "pronunciations.tsv").write_text(PROJECT_LIST, encoding="utf-8")
    start_s = process_s(folder, "--version")
    espeak_s = process_s(folder, "say", LINE, "--engine", "espeak", "-o", "say.mp3")
    faults = google_server.Faults(latency_s=LATENCY_S)
    with google_server.serve(google_server.tone, faults) as google:
        (folder / "podcast.toml").write_text(f'[speech]\ngoogle_url = "{google.url}"\n')
        shutil.rmtree(folder / ".podcast", ignore_errors=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "podcast", "say", LINE, "--engine", "gtts"],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
        )
        gtts_s = time.perf_counter() - start
        asked = len(google.requests)
    print(f"podcast --version: {start_s:.2f} s (starting Python and the package)")
    print(f"podcast say --engine espeak: {espeak_s:.2f} s ({espeak_s - start_s:.2f} s past start)")
    print(
        f"podcast say --engine gtts (loopback, {LATENCY_S * 1000:.0f} ms a request, cold cache):"
        f" {gtts_s:.2f} s, {asked} request(s)"
    )


def rebuild_counts(folder: Path) -> None:
    project = Project(folder)
    project.seeds.mkdir(parents=True)
    shutil.copy(SEED, project.seeds / SEED.name)
    (project.seeds / "tekno.txt").write_text(TECH, encoding="utf-8")
    (project.seeds / "bola.txt").write_text(BALL, encoding="utf-8")
    listing = folder / "pronunciations.tsv"
    listing.write_text(PROJECT_LIST, encoding="utf-8")
    with google_server.serve(google_server.tone) as google:
        project.config.write_text(f'[speech]\ngoogle_url = "{google.url}"\n', encoding="utf-8")
        first = build(project, engine_name="gtts", now=NOW)
        print(f"first build: {len(google.requests)} requests, {len(first.built)} episodes made")
        changes = (
            ("Dmitriev\tDmitriyef", "Dmitriev\tDmitriyev"),
            ("Kyiv\tKiyef\tespeak", "Kyiv\tKiyif\tespeak"),
            ("Kirill\tKiril", "Kirill\tKiril\nChelsea\tCelsea"),
        )
        for old, new in changes:
            google.requests.clear()
            listing.write_text(listing.read_text().replace(old, new), encoding="utf-8")
            again = build(project, engine_name="gtts", now=NOW)
            made = ", ".join(e.key for e in again.built) or "none"
            print(
                f"after {old!r} -> {new!r}: {len(google.requests)} requests"
                f" ({'; '.join(google.requests) or '-'}); made again: {made};"
                f" kept: {len(again.unchanged)}"
            )


def main() -> None:
    list_costs()
    with tempfile.TemporaryDirectory() as temporary:
        say_timing(Path(temporary))
    with tempfile.TemporaryDirectory() as temporary:
        rebuild_counts(Path(temporary))


if __name__ == "__main__":
    main()
