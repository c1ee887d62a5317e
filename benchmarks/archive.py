"""How the everyday commands scale with the archive: a project grown to 50, 500 and 5,000 episodes.

At each size it times, through the real CLI (``python -m podcast ...`` as a subprocess)
and as the best of three runs: a rebuild where nothing changed, ``podcast episodes``, a
build that adds one new article (spoken by eSpeak NG), and a publish where nothing
changed to a real S3 server (SeaweedFS on 127.0.0.1, the tests' server); then it prints
the size of ``feed.xml``, ``index.html``, the largest page and of ``audio/``. The ratio
line is each figure over the same command's at the first size, measured in the same run.

How the archive grows, honestly and fast enough for two cores: the first articles are
built by ``podcast build --engine espeak``; every later article is a real seed file in
``seeds/`` (its own title and paragraph), and its episode is registered through the
project's own functions, as a build registers one: ``read_article``, ``article_script``,
``place`` (file name and guid), ``content_hash`` for the eSpeak voice and
``catalog.record``, with a copy of a built MP3 as its audio (same length as recorded).
So the next ``podcast build`` finds each of them up to date exactly as it finds an
episode it made itself, and every other file (companions, pages, feed, bucket) is made
by the CLI. Publication dates are spread over a year, about 14 a day.

    PYTHONPATH=. python benchmarks/archive.py [SIZES...]     (default: 50 500 5000)
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast import catalog
from podcast.catalog import Episode
from podcast.config import Speech, load_settings
from podcast.project import Project
from podcast.run.articles import article_script
from podcast.run.finish import Run, content_hash, place
from podcast.speech import make_engine
from podcast.text import read_article
from tests.servers.s3 import credentials_file, run_s3_server
from tests.support.bucket import BUCKET, settings_toml

ROOT = Path(__file__).resolve().parent.parent
SIZES = (50, 500, 5000)
BUILT = 4
TRIES = 3
"""Articles built by the real voice before the rest are registered as copies."""
START = datetime(2026, 1, 1, 6, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
SPACING = timedelta(days=365) / 5000
WORDS = [
    "banjir",
    "gempa",
    "pasar",
    "harga",
    "beras",
    "cabai",
    "kereta",
    "bandara",
    "sekolah",
    "rumah",
    "sakit",
    "jalan",
    "tol",
    "listrik",
    "air",
    "hujan",
    "panen",
    "nelayan",
    "pelabuhan",
    "pajak",
    "bank",
    "saham",
    "rupiah",
    "ekspor",
]


def article(number: int) -> str:
    """A short article of its own: a title, the outlet line and one paragraph."""
    a, b = WORDS[number % len(WORDS)], WORDS[(number // len(WORDS)) % len(WORDS)]
    return (
        f"Kabar {a} dan {b} nomor {number}\n\nJakarta, Kompas.com\n\n"
        f"Warga kota melaporkan kabar {a} dan {b} pada hari ke-{number}. "
        "Petugas sudah datang ke lokasi.\n"
    )


def cli(project: Path, *arguments: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, its own and its children's) of one ``podcast``
    command, as a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "podcast", *arguments],
        cwd=project,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def best(run: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    """The shortest wall and CPU time of ``TRIES`` runs: on a shared machine the others
    measure its neighbours."""
    runs = [run() for _ in range(TRIES)]
    return min(wall for wall, _ in runs), min(cpu for _, cpu in runs)


def add_one(project: Project) -> tuple[float, float]:
    """Seconds for ``podcast build`` to make one new article's episode, with every other kept."""
    number = 100_000 + len(list(project.seeds.glob("new*.txt")))
    (project.seeds / f"new{number}.txt").write_text(article(number), encoding="utf-8")
    return cli(project.root, "build", "--engine", "espeak", "-q")


def register(project: Project, numbers: range, template: Episode) -> None:
    """Write the seeds ``numbers`` and record their episodes as a build records one."""
    settings = load_settings(project.config)
    engine = make_engine("espeak", Speech())
    audio = (project.audio / template.file).read_bytes()
    connection = catalog.open_catalog(project.catalog)
    try:
        for number in numbers:
            seed = project.seeds / f"a{number:05d}.txt"
            seed.write_text(article(number), encoding="utf-8")
            moment = START + SPACING * number
            run = Run(project, settings.show, connection, moment)
            script = article_script(read_article(seed), run)
            slot = place(script, run)
            (project.audio / slot.file).write_bytes(audio)
            parts = tuple(text for text in script.shown if text is not None)
            catalog.record(
                connection,
                Episode(
                    key=script.key,
                    guid=slot.guid,
                    file=slot.file,
                    title=script.title,
                    outlet=script.outlet,
                    summary=script.summary,
                    source_url=script.source_url,
                    pub_date=slot.pub_date,
                    content_hash=content_hash(script, engine),
                    length=len(audio),
                    duration_ms=template.duration_ms,
                    timeline=template.timeline[: len(parts)],
                    parts=parts,
                ),
            )
    finally:
        connection.close()


def size_kb(path: Path) -> float:
    return path.stat().st_size / 1000


def main() -> None:
    sizes = tuple(int(size) for size in sys.argv[1:]) or SIZES
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the S3 server on the way out
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with run_s3_server(root / "s3") as server:
            os.environ.update(credentials_file(root))
            server.client().create_bucket(Bucket=BUCKET)
            project = Project(root / "project")
            project.seeds.mkdir(parents=True)
            project.config.write_text(settings_toml(server), encoding="utf-8")
            for number in range(BUILT):
                (project.seeds / f"a{number:05d}.txt").write_text(article(number), "utf-8")
            cli(project.root, "build", "--engine", "espeak", "-q")
            connection = catalog.open_catalog(project.catalog)
            template = catalog.episodes(connection)[0]
            connection.close()
            count, first = BUILT, {}
            head = (
                f"{'episodes':>8} {'rebuild s':>13} {'episodes s':>13} {'add one s':>13} "
                f"{'publish s':>13} {'feed kB':>8} {'index kB':>8} {'page kB':>8} "
                f"{'audio MB':>8}\n{'':>8}{'  wall /  CPU' * 4}"
            )
            print(head, flush=True)
            for size in sizes:
                register(project, range(count, size), template)
                count = size
                cli(project.root, "build", "--engine", "espeak", "-q")  # companions, pages
                cli(project.root, "publish", "-q")  # the bucket up to date
                times = {
                    "rebuild": best(lambda: cli(project.root, "build", "--engine", "espeak", "-q")),
                    "episodes": best(lambda: cli(project.root, "episodes")),
                    "add": best(lambda: add_one(project)),
                }
                cli(project.root, "publish", "-q")
                times["publish"] = best(lambda: cli(project.root, "publish", "-q"))
                pages = list(project.audio.glob("*.html"))
                largest = max(size_kb(path) for path in pages)
                total = sum(path.stat().st_size for path in project.audio.iterdir())
                first = first or times
                episodes = len(list(project.audio.glob("*.mp3")))
                columns = " ".join(f"{wall:>5.2f} / {cpu:>5.2f}" for wall, cpu in times.values())
                print(
                    f"{episodes:>8} {columns} "
                    f"{size_kb(project.audio / 'feed.xml'):>8.0f} "
                    f"{size_kb(project.audio / 'index.html'):>8.0f} {largest:>8.0f} "
                    f"{total / 1e6:>8.0f}",
                    flush=True,
                )
                ratios = " ".join(
                    f"{name} {times[name][0] / first[name][0]:.2f}x/"
                    f"{times[name][1] / first[name][1]:.2f}x"
                    for name in times
                )
                print(f"{'':>8} against {sizes[0]}: {ratios}", flush=True)
            shutil.rmtree(project.root)
    print("target: at 5,000 each command <= 1.5x its time at 50; feed and every page < 500 kB")
    print("(ratios: wall/CPU; CPU is user + system time, the work itself whatever the load)")


if __name__ == "__main__":
    main()
