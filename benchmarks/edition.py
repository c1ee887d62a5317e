"""A daily edition of five articles that are already episodes, then the same day with a sixth.

Runs a loopback Google (tests/servers/google.py) that waits 150 ms per request
and speaks a cheap tone (or, with ``espeak``, the offline voice), builds the
five articles of 30 November in tests/data/edition/ with ``podcast build``,
then times ``podcast edition --date 2026-11-30`` and prints what a podcast app
would read back: duration, chapters from the MP3 (ID3 CHAP/CTOC) and from the
JSON, loudness and true peak, and the speech requests the edition sent. The
baseline is one MP3 encode of the same length with the build's own encoder
settings, timed in the same run, and the same command run again with nothing to
do (the fixed cost: starting Python, the catalog). Then a sixth article is
added and built, and the edition rebuilt: same guid and file, one more chapter.

Usage: python benchmarks/edition.py [gtts|espeak]
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mutagen.id3 import ID3  # noqa: E402
from mutagen.mp3 import MP3  # noqa: E402

from podcast.audio import ENCODER  # noqa: E402
from podcast.pcm import FFMPEG  # noqa: E402
from tests.servers import google as google_server  # noqa: E402
from tests.support.audio import meter  # noqa: E402

DATA = ROOT / "tests" / "data" / "edition"
FIVE = sorted(DATA.glob("0[1-5]_*.html"))
SIXTH = DATA / "06_republika_hutan.html"
DAY = "2026-11-30"
LATENCY_S = 0.15
RAW = ["-f", "s16le", "-ar", "24000", "-ac", "1"]
"""Google's rate: the edition is mixed at its voice's rate and encoded from there."""

for name in list(os.environ):
    if name.lower().endswith("_proxy"):
        del os.environ[name]


def podcast(folder: Path, *arguments: str) -> tuple[float, str]:
    """Run ``podcast`` in ``folder``; return the wall time and what it printed."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "podcast", *arguments],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.monotonic() - started, result.stdout + result.stderr


def encode_seconds(mp3: Path, folder: Path) -> float:
    """How long one MP3 encode of the edition's length takes, with the build's encoder."""
    pcm = folder / "edition.pcm"
    subprocess.run(
        [FFMPEG, "-v", "error", "-i", str(mp3), *RAW, "-y", str(pcm)],
        check=True,
    )
    started = time.monotonic()
    subprocess.run(
        [FFMPEG, "-v", "error", *RAW, "-i", str(pcm), *ENCODER, "-y", str(folder / "encoded.mp3")],
        check=True,
    )
    return time.monotonic() - started


def show_chapters(mp3: Path) -> int:
    """Print the chapters as read back from the MP3 and from its JSON; return how many."""
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    print(f"  CTOC {toc.element_id!r}: {str(toc.sub_frames['TIT2'])!r}, ordered, top-level")
    for element_id in toc.child_element_ids:
        chap = chaps[element_id]
        url = chap.sub_frames["WXXX:"].url if "WXXX:" in chap.sub_frames else "-"
        title = str(chap.sub_frames["TIT2"])
        print(f"  MP3  {chap.start_time / 1000:7.2f}-{chap.end_time / 1000:7.2f} s  {title}  {url}")
    document = json.loads(mp3.with_suffix("").with_suffix(".chapters.json").read_text("utf-8"))
    for chapter in document["chapters"]:
        print(
            f"  JSON {chapter['startTime']:7.2f}-{chapter['endTime']:7.2f} s  "
            f"{chapter['title']}  {chapter.get('url', '-')}"
        )
    return len(toc.child_element_ids)


def edition(folder: Path, engine: str, asked: list[str]) -> tuple[Path, str, int]:
    """Build the edition of DAY; print and return its MP3, guid and the requests it sent."""

    def count() -> int:
        return len(asked) if engine == "gtts" else clip_count(folder)

    before = count()
    seconds, output = podcast(folder, "edition", "--date", DAY, "--engine", engine)
    sent = count() - before
    print("  " + "\n  ".join(output.strip().splitlines()))
    (mp3,) = (folder / "audio").glob(f"{DAY}-edisi-harian*.mp3")
    integrated, peak = meter(mp3)
    guid = catalog_guid(folder)
    chapters = show_chapters(mp3)
    encode_s = encode_seconds(mp3, folder)
    length = MP3(mp3).info.length
    print(
        f"  duration {int(length // 60)}:{length % 60:04.1f}, {chapters} chapters, "
        f"{integrated:.1f} LUFS, true peak {peak:.1f} dBTP, guid {guid}"
    )
    what = "requests" if engine == "gtts" else "clips spoken (cache misses)"
    print(f"  speech {what}: {sent}")
    again_s, _ = podcast(folder, "edition", "--date", DAY, "--engine", engine)
    print(
        f"  wall time {seconds:.2f} s; one MP3 encode of that length {encode_s:.2f} s; "
        f"ratio {seconds / encode_s:.1f}x; the same command with nothing to do {again_s:.2f} s"
    )
    return mp3, guid, sent


def clip_count(folder: Path) -> int:
    return sum(1 for _ in (folder / ".podcast" / "clips").rglob("*.*"))


def catalog_guid(folder: Path) -> str:
    connection = sqlite3.connect(folder / ".podcast" / "catalog.db")
    try:
        (guid,) = connection.execute(
            "SELECT guid FROM episodes WHERE key = ?", (f"edition:{DAY}",)
        ).fetchone()
    finally:
        connection.close()
    return str(guid)


def main() -> None:
    engine = sys.argv[1] if len(sys.argv) > 1 else "gtts"
    faults = google_server.Faults(latency_s=LATENCY_S)
    with (
        tempfile.TemporaryDirectory() as scratch,
        google_server.serve(google_server.tone, faults) as google,
    ):
        folder = Path(scratch)
        (folder / "seeds").mkdir()
        for article in FIVE:
            shutil.copy(article, folder / "seeds" / article.name)
        (folder / "podcast.toml").write_text(
            f'[speech]\ngoogle_url = "{google.url}"\n', encoding="utf-8"
        )
        counted = google.requests
        build_s, _ = podcast(folder, "build", "--engine", engine, "-q")
        print(f"engine {engine}; 5 articles built as episodes in {build_s:.2f} s")
        print(f"edition of {DAY}, 5 articles already built:")
        _, first, _ = edition(folder, engine, counted)
        shutil.copy(SIXTH, folder / "seeds" / SIXTH.name)
        podcast(folder, "build", "--engine", engine, "-q")
        print(f"edition of {DAY} again, after a sixth article was added and built:")
        _, again, _ = edition(folder, engine, counted)
        print(f"  guid kept: {first == again}")


if __name__ == "__main__":
    main()
