"""What the pronunciation list costs and what it saves: timings and request counts.

Prints, in one run:

(a) reading and checking the built-in list, and the seed's spoken form with
    and without it (the spoken-form rules alone are the baseline);
(b) how the built-in list reads with eSpeak NG: for each entry, the distance
    (letters changed per letter, stress and length marks left out) from
    eSpeak NG's American English phonemes of the written form to its
    Indonesian phonemes of the written form, and of the respelling; and how
    many of the real articles beside the repository (../shared/real-pages,
    or the folder given) and the seed hold an entry;
(c) ``python -m podcast say`` as a whole process (median of five runs, each
    with an empty clip cache), with eSpeak NG and with a loopback Google
    (tests/servers/google.py, 150 ms a request), against
    ``python -m podcast --version`` (starting Python and the package);
(d) the seed and two short articles built against that Google with a project
    list of five entries, then rebuilt after each of three edits of the list
    (an entry for every voice, an entry for eSpeak NG only, an entry that
    replaces a built-in one): the requests of each build and the episodes
    made again.

Usage: python benchmarks/pronunciations.py [REAL_PAGES_FOLDER]
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.project import Project  # noqa: E402
from podcast.run import build  # noqa: E402
from podcast.speech.espeak import _load  # noqa: E402
from podcast.text import read_article, respell, speakable  # noqa: E402
from podcast.text.pronounce import check_settles, pronounced  # noqa: E402
from podcast.text.pronunciations import builtin_pronunciations  # noqa: E402
from tests.servers import google as google_server  # noqa: E402
from tests.support.project import SEED  # noqa: E402
from tests.text.test_pronunciations import BALL, TECH  # noqa: E402

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
    """Median wall time of ``python -m podcast ARGUMENTS`` in ``folder`` over five runs, each
    with an empty clip cache."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(5):
        shutil.rmtree(folder / ".podcast", ignore_errors=True)  # a cold clip cache each time
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


def phonemes(text: str, voice: bytes) -> str:
    """eSpeak NG's phonemes of ``text`` in ``voice``, without stress and length marks."""
    library = _load()[0]
    library.espeak_TextToPhonemes.restype = ctypes.c_char_p
    library.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
    library.espeak_TextToPhonemes.argtypes += [ctypes.c_int]
    library.espeak_SetVoiceByName(voice)
    buffer = ctypes.create_string_buffer(text.encode())
    pointer = ctypes.c_void_p(ctypes.addressof(buffer))
    said = []
    while pointer.value:
        said.append((library.espeak_TextToPhonemes(ctypes.byref(pointer), 1, 2) or b"").decode())
    flat = unicodedata.normalize("NFD", "".join(said))
    return "".join(c for c in flat if c not in "ˈˌː_‿ -" and not unicodedata.combining(c))


def distance(one: str, other: str) -> float:
    """Letters changed, added or dropped to turn ``one`` into ``other``, per letter."""
    row = list(range(len(other) + 1))
    for i, first in enumerate(one, 1):
        corner, row[0] = row[0], i
        for j, second in enumerate(other, 1):
            corner, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, corner + (first != second))
    return row[-1] / max(len(one), len(other), 1)


def list_quality(real_pages: Path) -> None:
    entries = builtin_pronunciations().entries
    closer = further = 0
    written_total = said_total = 0.0
    for entry in entries:
        english = phonemes(entry.written, b"en-us")
        written = distance(phonemes(entry.written, b"id"), english)
        said = distance(phonemes(entry.said, b"id"), english)
        written_total, said_total = written_total + written, said_total + said
        closer, further = closer + (said < written), further + (said > written)
    _load()[0].espeak_SetVoiceByName(b"id")
    count = len(entries)
    print(
        f"eSpeak NG, Indonesian against American English phonemes: written forms"
        f" {written_total / count:.2f}, respellings {said_total / count:.2f} apart on average;"
        f" {closer} entries closer, {count - closer - further} as close, {further} further"
    )
    cases = real_pages / "cases"
    texts = [SEED.read_text(encoding="utf-8")]
    for case in sorted(cases.glob("*.expected.json")) if cases.is_dir() else []:
        expected = json.loads(case.read_text(encoding="utf-8"))
        texts.append("\n".join([expected.get("title") or "", *(expected.get("paragraphs") or [])]))
    found = set()
    holding = 0
    for text in texts:
        spoken = [speakable(line) for line in text.splitlines() if line.strip()]
        listed = pronounced(spoken, builtin_pronunciations())[0]
        changed = [entry.written for entry in entries if _holds(" ".join(spoken), entry.written)]
        holding += listed != tuple(spoken)
        found.update(changed)
    print(f"articles holding an entry: {holding} of {len(texts)}; entries met: {len(found)}")


def _holds(text: str, written: str) -> bool:
    """Whether ``text`` holds ``written`` as whole words (in any case when it is lower case)."""
    flags = re.IGNORECASE if written == written.lower() else 0
    return re.search(rf"(?<!\w){re.escape(written)}(?!\w)", text, flags) is not None


def say_timing(folder: Path) -> None:
    (folder / "pronunciations.tsv").write_text(PROJECT_LIST, encoding="utf-8")
    start_s = process_s(folder, "--version")
    espeak_s = process_s(folder, "say", LINE, "--engine", "espeak", "-o", "say.mp3")
    faults = google_server.Faults(latency_s=LATENCY_S)
    with google_server.serve(google_server.tone, faults) as google:
        (folder / "podcast.toml").write_text(f'[speech]\ngoogle_url = "{google.url}"\n')
        gtts_s = process_s(folder, "say", LINE, "--engine", "gtts", "-o", "say.mp3")
        asked = len(google.requests)
    print(f"podcast --version: {start_s:.2f} s (starting Python and the package)")
    print(f"podcast say --engine espeak: {espeak_s:.2f} s ({espeak_s - start_s:.2f} s past start)")
    print(
        f"podcast say --engine gtts (loopback, {LATENCY_S * 1000:.0f} ms a request):"
        f" {gtts_s:.2f} s ({gtts_s - start_s:.2f} s past start), {asked} requests in 5 runs"
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
    list_quality(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "real-pages")
    with tempfile.TemporaryDirectory() as temporary:
        say_timing(Path(temporary))
    with tempfile.TemporaryDirectory() as temporary:
        rebuild_counts(Path(temporary))


if __name__ == "__main__":
    main()
