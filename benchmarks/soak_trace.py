"""The podcast command with its memory watched: what the soak runs with ``--trace REPORT``.

    python -m benchmarks.soak_trace REPORT EVERY_S serve --watch espeak ...

runs ``podcast serve ...`` in this process and, before a build of ``serve --watch`` (each
in a process of its own, ``podcast/serve/apart.py``: what is reported is the server's) when
``EVERY_S`` seconds have passed since the last report (so between builds: nothing of a
build is counted but what outlives it), appends to ``REPORT`` a line of: the episodes
built so far; the process's RSS; what glibc's malloc holds in use, free in its heaps and
mapped on its own (``mallinfo2``); pymalloc's arenas and the bytes in their blocks; then
the live objects by type that grew since the first report, and, under tracemalloc, the
allocation sites (by traceback) that grew most since then. Set by the environment:

- ``SOAK_TRACEMALLOC``: frames per traceback (12), 0 for no tracemalloc (it slows the
  process several times and its own tables swell the RSS; the other figures stay true);
- ``SOAK_TRIM=1``: ``malloc_trim(0)`` before each report, the RSS after it noted too
  (what malloc held and could give back);
- ``SOAK_TRIM_EACH=1``: ``malloc_trim(0)`` after every build;
- ``SOAK_PLAIN_MALLOC=1``: glibc's malloc as it comes, without ``keep_heap_flat``
  (``podcast/serve/heap.py``), to see what it changes.

pymalloc's figures come from ``sys._debugmallocstats``, which writes to file descriptor 2:
for that moment, what other threads log goes into the report's scratch file.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOP = 20


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2``: what malloc holds, in bytes."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def pymalloc_arenas() -> str:
    """pymalloc's arenas in use and the bytes its blocks hold (sys._debugmallocstats)."""
    with tempfile.TemporaryFile() as out:
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode()
    fields = {}
    for line in text.splitlines():
        name, _, value = line.rpartition("=")
        if name.strip() and value.strip().replace(",", "").isdigit():
            fields[name.strip()] = int(value.strip().replace(",", ""))
    return (
        f"pymalloc arenas {fields.get('# arenas allocated current', 0)}, "
        f"in blocks {fields.get('# bytes in allocated blocks', 0) / 2**20:.1f} MB"
    )


def kinds() -> Counter[str]:
    """Live objects the garbage collector tracks, by type."""
    return Counter(type(thing).__qualname__ for thing in gc.get_objects())


class Watcher:
    """Reports to a file, at most every ``every_s`` seconds, what memory holds."""

    def __init__(self, report: Path, every_s: float, trim: bool) -> None:
        self.report, self.every_s, self.trim = report, every_s, trim
        self.libc = ctypes.CDLL("libc.so.6")
        self.started = self.last = time.monotonic()
        self.first: tracemalloc.Snapshot | None = None
        self.first_kinds: Counter[str] | None = None

    def between_builds(self) -> None:
        if time.monotonic() - self.last < self.every_s:
            return
        self.last = time.monotonic()
        gc.collect()
        self.libc.mallinfo2.restype = MallInfo2
        info = self.libc.mallinfo2()
        line = (
            f"== {self.last - self.started:.0f} s: episodes {_episodes()}, RSS {rss_mb():.1f} MB, "
            f"malloc in use {info.uordblks / 2**20:.1f} MB, free {info.fordblks / 2**20:.1f} MB, "
            f"mmapped {info.hblkhd / 2**20:.1f} MB; {pymalloc_arenas()}; "
            f"Python blocks {sys.getallocatedblocks()}"
        )
        if self.trim:
            self.libc.malloc_trim(0)
            line += f", after malloc_trim {rss_mb():.1f} MB"
        lines = [line]
        now_kinds = kinds()
        if self.first_kinds is None:
            self.first_kinds = now_kinds
        else:
            change = now_kinds.copy()
            change.subtract(self.first_kinds)
            lines.append("-- objects by type since the first report:")
            lines.extend(f"{n:+8d} {kind}" for kind, n in change.most_common(12) if n > 0)
        if tracemalloc.is_tracing():
            lines += self.growth()
        with self.report.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")

    def growth(self) -> list[str]:
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [
                tracemalloc.Filter(False, tracemalloc.__file__),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
                tracemalloc.Filter(False, __file__),
            ]
        )
        total = sum(stat.size for stat in snapshot.statistics("filename"))
        lines = [f"-- traced {total / 2**20:.2f} MB"]
        if self.first is None:
            self.first = snapshot
            return lines
        stats = snapshot.compare_to(self.first, "traceback")
        lines.append(f"-- since the first: {sum(s.size_diff for s in stats) / 1024:+.1f} kB; top:")
        for stat in sorted(stats, key=lambda s: -s.size_diff)[:TOP]:
            lines.append(
                f"{stat.size_diff / 1024:+9.1f} kB {stat.count_diff:+7d} blocks "
                f"(now {stat.size / 1024:.1f} kB)"
            )
            lines.extend(f"      {frame}" for frame in reversed(stat.traceback))
        return lines


def _episodes() -> int:
    from benchmarks.soak_checks import episodes

    return episodes(Path.cwd())


def main() -> None:
    report, every_s, *arguments = sys.argv[1:]
    frames = int(os.environ.get("SOAK_TRACEMALLOC", "12"))
    if frames:
        tracemalloc.start(frames)
    watcher = Watcher(Path(report), float(every_s), os.environ.get("SOAK_TRIM") == "1")
    import podcast.serve.app as app_module
    import podcast.serve.watch as watch_module

    if os.environ.get("SOAK_PLAIN_MALLOC") == "1":
        app_module.keep_heap_flat = lambda: False

    run_apart: Callable[..., Any] = watch_module.run_apart

    def report_and_build(*args: Any, **kwargs: Any) -> Any:
        watcher.between_builds()
        try:
            return run_apart(*args, **kwargs)  # the build, in a process of its own
        finally:
            if os.environ.get("SOAK_TRIM_EACH") == "1":
                watcher.libc.malloc_trim(0)

    watch_module.run_apart = report_and_build
    sys.argv = ["podcast", *arguments]
    from podcast.cli import main as podcast

    podcast()


if __name__ == "__main__":
    main()
