"""The soak: `podcast serve --watch` following two outlets that publish and fail, for a while.

Two news sites on two loopback addresses play two outlets. Each publishes a new article
every few seconds (taking turns) into its feed, and fails at random: article pages and
feeds answer 500, hang past the client's timeout, or cut the page short; and the second
outlet's feed goes down for minutes at a time (500s, then a hang). `podcast serve --watch
espeak` runs as its own process with a short fetch interval. Meanwhile, every few
seconds, the server's memory (RSS), open files and threads are sampled, and the feed,
the show's page and /healthz are fetched and checked: the feed parses in podcastparser and
feedparser, and every enclosure and player they name is whole (HEAD gives the length the
feed says). At the end the publishing stops, the server gets time to catch up, and is
stopped with Ctrl+C; then every published article must be an episode exactly once,
nothing half-written may be left, and every log line must carry a timestamp and a level.

Prints a table of samples, the slope of memory and open files (least squares over the
run after its first fifth), and the time from publication to episode per outlet, inside
and outside the other outlet's outages. Memory is judged by the lowest RSS in each
5-minute window (what the process holds between builds; the highest follows the article
being built). Run it from the repository root:

    python -m benchmarks.soak --minutes 30

``--trace REPORT`` runs the server under ``benchmarks/soak_trace.py``, which writes where
its memory is (malloc, pymalloc, tracemalloc's allocation sites) into REPORT every
``--trace-every-s`` seconds; ``--publish-every-s 3`` builds twice as many articles a minute.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.soak_checks import Poller, Sample, sample, slope
from tests.servers.news_site import Item, NewsSite, news_site

ROOT = Path(__file__).resolve().parent.parent
WINDOW_S = 300
"""The memory is judged by the lowest RSS in each window this long."""
FEED_WINDOW = 100
"""Items a feed lists, newest first, as outlets' feeds list their latest."""
PLACES = (
    "Bogor",
    "Garut",
    "Sleman",
    "Gowa",
    "Jember",
    "Kupang",
    "Banyumas",
    "Sidoarjo",
    "Cianjur",
    "Pidie",
    "Bantul",
    "Maros",
    "Kendal",
    "Lebak",
    "Sambas",
    "Tuban",
)
EVENTS = (("banjir", "air"), ("longsor", "tanah"), ("kebakaran", "api"), ("angin kencang", "angin"))
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (INFO|WARNING|ERROR) ")
BUILT = re.compile(r"(\S+) INFO built audio/(\S+) ")


@dataclass
class Outlet:
    """One news site and what it published: title -> publication time (wall clock)."""

    site: NewsSite
    name: str
    published: dict[str, float] = field(default_factory=dict)
    down: list[tuple[float, float]] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)


def article_page(title: str, rng: random.Random, number: int) -> bytes:
    """An Indonesian article page of three paragraphs, its own words and numbers."""
    place, (event, thing), day = rng.choice(PLACES), rng.choice(EVENTS), rng.choice(DAYS)
    people, houses, hours = rng.randint(12, 900), rng.randint(3, 250), rng.randint(2, 30)
    paragraphs = (
        f"Pemerintah Kabupaten {place} mencatat {people} warga terdampak {event} yang terjadi "
        f"sejak hari {day} pagi. Sebanyak {houses} rumah dilaporkan rusak dan sebagian warga "
        "terpaksa mengungsi ke balai desa terdekat.",
        f"Kepala badan penanggulangan bencana setempat mengatakan {thing} mulai surut setelah "
        f"{hours} jam. Petugas gabungan masih membersihkan jalan dan saluran yang tertutup "
        "lumpur agar kendaraan bantuan bisa lewat.",
        f"Bantuan berupa makanan, air bersih dan obat-obatan sudah dikirim ke {place}. Warga "
        f"diminta tetap waspada karena hujan diperkirakan turun lagi dalam beberapa hari ke "
        f"depan, kata petugas dalam laporan nomor {number}.",
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="id"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{datetime.now(UTC).isoformat()}">'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def publish(outlet: Outlet, rng: random.Random, number: int, atom: bool) -> None:
    """Put a new article on the outlet's site and at the top of its feed."""
    place, (event, _) = rng.choice(PLACES), rng.choice(EVENTS)
    title = f"Laporan {number}: {event.capitalize()} Landa {place}, Warga Mengungsi"
    path = f"/{outlet.name}/berita/{number}/laporan-{number}"
    outlet.site.extra[path] = article_page(title, rng, number)
    item = Item(path, title, f"{outlet.name}-{number}", datetime.now(UTC).replace(microsecond=0))
    if atom:
        outlet.site.atom = [item, *outlet.site.atom[: FEED_WINDOW - 1]]
    else:
        outlet.site.rss = [item, *outlet.site.rss[: FEED_WINDOW - 1]]
    outlet.site.feed_time = item.published
    outlet.published[title] = time.time()


def faults(outlet: Outlet, rng: random.Random, lock: threading.Lock, feed: str):  # type: ignore[no-untyped-def]
    """The outlet's random faults: what each request's path suffers (None: nothing)."""

    def draw(path: str) -> str | None:
        with lock:
            outlet.requests[path.split("/")[1] if path != feed else "feed"] += 1
            roll = rng.random()
            now = time.time()
        if path == feed:
            for start, end in outlet.down:
                if start <= now < end:
                    return "500" if now < (start + end) / 2 else "hang"
            return "500" if roll < 0.03 else "hang" if roll < 0.04 else None
        if path.startswith(f"/{outlet.name}/"):
            return (
                "500" if roll < 0.04 else "hang" if roll < 0.06 else "cut" if roll < 0.09 else None
            )
        return None

    return draw


def start_server(
    project: Path, log: Path, trace: tuple[Path, float] | None = None
) -> tuple[subprocess.Popen[str], int]:
    """`podcast serve --watch espeak` on a free port, its log lines into ``log``; with
    ``trace`` (a report and seconds), under tracemalloc (benchmarks/soak_trace.py)."""
    command = ["-m", "podcast"]
    if trace is not None:
        command = ["-m", "benchmarks.soak_trace", str(trace[0].resolve()), str(trace[1])]
    process = subprocess.Popen(
        [sys.executable, *command, "serve", "--watch", "espeak", "--port", "0", "--no-qr"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("subscribe: "):
            port = int(line.split(":")[-1].split("/")[0])
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, port
    raise RuntimeError(f"the server did not start; see {log}")


def built_titles(project: Path) -> Counter[str]:
    connection = sqlite3.connect(f"file:{project / '.podcast' / 'catalog.db'}?mode=ro", uri=True)
    try:
        return Counter(title for (title,) in connection.execute("SELECT title FROM episodes"))
    finally:
        connection.close()


@dataclass(frozen=True)
class Report:
    """What the soak found."""

    samples: list[Sample]
    published: int
    built: int
    lost: list[str]
    duplicated: list[str]
    polls: int
    valid_polls: int
    invalid: list[str]
    half_written: list[str]
    bad_log_lines: list[str]
    built_twice_in_log: list[str]
    latencies: dict[str, list[float]]
    exit_code: int | None


def soak(
    minutes: float,
    folder: Path,
    *,
    publish_every_s: float = 6.0,
    interval_s: float = 5.0,
    sample_every_s: float = 5.0,
    outage_every_s: float = 600.0,
    outage_s: float = 120.0,
    settle_s: float = 240.0,
    seed: int = 1,
    say: object = print,
    trace: tuple[Path, float] | None = None,
    keep_episodes: int = 0,
) -> Report:
    """Run the soak for ``minutes`` of publishing in ``folder``; return what it found."""
    rng, lock = random.Random(seed), threading.Lock()
    project = folder / "show"
    (project / "seeds").mkdir(parents=True)
    log = folder / "serve.log"
    with (
        news_site("127.0.0.1", slow_s=8.0, keep_log=False, rss=[], atom=[]) as first,
        news_site("127.0.0.2", slow_s=8.0, keep_log=False, rss=[], atom=[]) as second,
    ):
        outlets = (Outlet(first, "kabar"), Outlet(second, "warta"))
        outlets[0].site.fault_for = faults(outlets[0], random.Random(seed + 1), lock, "/rss.xml")
        outlets[1].site.fault_for = faults(outlets[1], random.Random(seed + 2), lock, "/atom.xml")
        (project / "podcast.toml").write_text(
            (f"[show]\nkeep_episodes = {keep_episodes}\n" if keep_episodes else "")
            + f"[fetch]\ninterval_min = {interval_s / 60}\ndelay_s = 0.2\ntimeout_s = 2.0\n"
            "deadline_s = 5.0\n"
            f"[[sources]]\nurl = '{first.url('/rss.xml')}'\nlimit = {FEED_WINDOW}\n"
            f"[[sources]]\nurl = '{second.url('/atom.xml')}'\nlimit = {FEED_WINDOW}\n",
            encoding="utf-8",
        )
        started = time.time()
        outlets[1].down = [
            (started + at, started + at + outage_s)
            for at in itertools.takewhile(
                lambda at: at < minutes * 60,
                itertools.count(min(outage_every_s / 2, minutes * 30), outage_every_s),
            )
        ]
        process, port = start_server(project, log, trace)
        poller, samples = Poller(port), []
        number, next_publish, next_sample = 0, time.time(), time.time()
        try:
            while time.time() < started + minutes * 60 + settle_s:
                now = time.time()
                if now >= next_publish and now < started + minutes * 60:
                    number += 1
                    publish(outlets[number % 2], rng, number, atom=number % 2 == 1)
                    next_publish += publish_every_s
                if now >= next_sample:
                    seen = sum(len(o.published) for o in outlets)
                    samples.append(sample(process.pid, now - started, seen, project, poller))
                    say(samples[-1].row())
                    next_sample += sample_every_s
                    if now > started + minutes * 60 and samples[-1].built >= seen:
                        break
                time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                exit_code: int | None = process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                exit_code = None
    return judge(project, log, outlets, samples, poller, exit_code)


def judge(
    project: Path,
    log: Path,
    outlets: tuple[Outlet, ...],
    samples: list[Sample],
    poller: Poller,
    exit_code: int | None,
) -> Report:
    """Count what was lost, duplicated or half-written, and how long articles took."""
    published = {title: at for outlet in outlets for title, at in outlet.published.items()}
    built = built_titles(project)
    lines = log.read_text(encoding="utf-8").splitlines()
    bad_lines = [line for line in lines if not LOG_LINE.match(line)]
    built_lines = [BUILT.match(line) for line in lines]
    files = Counter(match[2] for match in built_lines if match)
    built_at = {match[2]: match[1] for match in built_lines if match}
    connection = sqlite3.connect(f"file:{project / '.podcast' / 'catalog.db'}?mode=ro", uri=True)
    rows = connection.execute("SELECT title, file, length FROM episodes").fetchall()
    connection.close()
    half = [
        str(path.relative_to(project))
        for folder in (project / "audio", project / "seeds")
        for path in folder.iterdir()
        if path.name.startswith(".")
    ]
    half += [f for _, f, length in rows if (project / "audio" / f).stat().st_size != length]
    latencies: dict[str, list[float]] = {}
    for outlet in outlets:
        for title, file in ((t, f) for t, f, _ in rows if t in outlet.published):
            if file in built_at:
                done = datetime.strptime(built_at[file], "%Y-%m-%dT%H:%M:%SZ")
                delay = done.replace(tzinfo=UTC).timestamp() - outlet.published[title]
                inside = any(s <= outlet.published[title] < e for o in outlets for s, e in o.down)
                latencies.setdefault(
                    f"{outlet.name} {'during' if inside else 'outside'} an outage", []
                ).append(delay)
    return Report(
        samples,
        len(published),
        sum(built.values()),
        sorted(set(published) - set(built)),
        sorted(title for title, count in built.items() if count > 1),
        poller.polls,
        poller.valid,
        poller.invalid[:10],
        half,
        bad_lines[:10],
        sorted(file for file, count in files.items() if count > 1),
        latencies,
        exit_code,
    )


def lowest_per_window(samples: list[Sample]) -> list[tuple[float, float]]:
    """The lowest RSS of each window of ``WINDOW_S`` (at the window's middle): what a
    process holds between builds, where the highest follows the article being built."""
    windows: dict[int, float] = {}
    for s in samples:
        window = int(s.at_s // WINDOW_S)
        windows[window] = min(windows.get(window, s.rss_mb), s.rss_mb)
    return [((window + 0.5) * WINDOW_S, rss) for window, rss in sorted(windows.items())]


def print_report(report: Report, say: object = print) -> None:
    assert callable(say)
    kept = report.samples[len(report.samples) // 5 :]
    rss = slope([(s.at_s, s.rss_mb) for s in kept])
    files = slope([(s.at_s, float(s.open_files)) for s in kept])
    threads = slope([(s.at_s, float(s.threads)) for s in kept])
    helpers = slope([(s.at_s, s.helpers_mb) for s in kept])
    say("")
    say(
        f"slope after the first fifth: RSS {rss * 3600:+.2f} MB/hour, open files "
        f"{files * 3600:+.2f}/hour, threads {threads * 3600:+.2f}/hour, helpers' RSS "
        f"{helpers * 3600:+.2f} MB/hour"
    )
    lows = lowest_per_window(report.samples)
    low = slope(lows[1:])
    say(
        f"lowest RSS per {WINDOW_S // 60:.0f} minutes: "
        + ", ".join(f"{rss:.1f}" for _, rss in lows)
        + f" MB; their slope after the first: {low * 3600:+.2f} MB/hour"
    )
    halves = [kept[: len(kept) // 2], kept[len(kept) // 2 :]]
    say(
        "lowest and highest RSS in each half after the first fifth: "
        + ", ".join(
            f"{min(s.rss_mb for s in half):.1f} to {max(s.rss_mb for s in half):.1f} MB"
            for half in halves
            if half
        )
    )
    say(
        f"RSS {min(s.rss_mb for s in kept):.1f} to {max(s.rss_mb for s in kept):.1f} MB, "
        f"open files {min(s.open_files for s in kept)} to {max(s.open_files for s in kept)}; "
        f"helpers {min(s.helpers_mb for s in kept):.1f} to "
        f"{max(s.helpers_mb for s in kept):.1f} MB; a build at work, highest "
        f"{max(s.builds_mb for s in kept):.1f} MB, first fifth "
        f"{max(s.builds_mb for s in report.samples[: len(report.samples) // 5 + 1]):.1f} MB"
    )
    say(
        f"articles published {report.published}, episodes {report.built}, lost "
        f"{len(report.lost)}, duplicated {len(report.duplicated)}, built twice in the log "
        f"{len(report.built_twice_in_log)}"
    )
    say(
        f"polls valid {report.valid_polls} of {report.polls}; half-written files "
        f"{len(report.half_written)}; log lines without a timestamp and level "
        f"{len(report.bad_log_lines)}; server exit code {report.exit_code}"
    )
    for name, delays in sorted(report.latencies.items()):
        delays.sort()
        say(
            f"publication to episode, {name}: {len(delays)} articles, median "
            f"{delays[len(delays) // 2]:.0f} s, max {delays[-1]:.0f} s"
        )
    for problem in [*report.lost, *report.duplicated, *report.invalid, *report.half_written]:
        say(f"  problem: {problem}")
    for line in report.bad_log_lines:
        say(f"  log line without a timestamp and level: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--publish-every-s", type=float, default=6.0)
    parser.add_argument(
        "--trace", type=Path, help="run the server under tracemalloc, its report into this file"
    )
    parser.add_argument("--trace-every-s", type=float, default=120.0)
    parser.add_argument(
        "--keep-episodes",
        type=int,
        default=0,
        help="expire all but this many episodes, so the archive stops growing (then the "
        "expired ones count as lost)",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="podcast-soak-") as folder:
        print(Sample.HEADER, flush=True)
        report = soak(
            arguments.minutes,
            Path(folder),
            publish_every_s=arguments.publish_every_s,
            seed=arguments.seed,
            say=lambda line: print(line, flush=True),
            trace=(arguments.trace, arguments.trace_every_s) if arguments.trace else None,
            keep_episodes=arguments.keep_episodes,
        )
        print_report(report, lambda line: print(line, flush=True))


if __name__ == "__main__":
    main()
