"""How building an episode scales with its length: the seed repeated 1, 5, 20 and 50 times.

Each article is built by ``python -m podcast build --engine espeak`` in a fresh
project, as a subprocess, and compared with a limit measured in the same run:
eSpeak NG speaking the same texts plus one ffmpeg MP3 encode of audio as long
as the episode. Run it from the repository root:

    python -m benchmarks.scaling
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mutagen.mp3 import MP3

from podcast.audio.encoders import ENCODER
from podcast.config import Show
from podcast.pcm import FFMPEG, decode
from podcast.run.articles import bookends
from podcast.speech.espeak import Espeak
from podcast.text.article import read_article
from podcast.text.spoken import speakable

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
REPEATS = (1, 5, 20, 50)
TARGET_RATIO = 1.5

# Runs the build and prints its peak RSS in kB: the largest of it and the processes it ran.
MEASURED = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def article_text(repeats: int) -> str:
    """The seed's title and outlet, then its paragraphs ``repeats`` times."""
    seed = read_article(SEED)
    paragraphs = "\n\n".join(list(seed.paragraphs) * repeats)
    return f"{seed.title}\n\nJakarta, {seed.outlet}\n\n{paragraphs}\n"


def build_once(folder: Path, repeats: int) -> tuple[float, float, float]:
    """Wall seconds, audio seconds and peak RSS in MB of one ``podcast build``."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "seeds" / "article.txt").write_text(article_text(repeats), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "podcast", "build", "--engine", "espeak", "-q"]
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
    (mp3,) = (folder / "audio").glob("*.mp3")
    return wall, MP3(str(mp3)).info.length, int(result.stdout.split()[-1]) / 1024


def limit(folder: Path, repeats: int, audio_s: float) -> float:
    """Seconds for eSpeak NG to speak the texts plus one MP3 encode of ``audio_s`` of audio."""
    article = read_article(folder / "seeds" / "article.txt")
    intro, outro = bookends(Show(), article)
    texts = [speakable(t) for t in (intro, article.title, *article.paragraphs, outro)]
    voice = Espeak()
    raw = folder / "speech.raw"
    started = time.perf_counter()
    with raw.open("wb") as out:
        for text in texts:
            out.write(voice.speak(text).data[44:])
    spoken = time.perf_counter() - started
    rate = decode(voice.speak("Halo.")).frame_rate
    with raw.open("ab") as out:  # pad with silence to the episode's length
        out.write(bytes(max(0, int(audio_s * rate) * 2 - raw.stat().st_size)))
    command = [FFMPEG, "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1"]
    command += ["-i", str(raw), *ENCODER, str(folder / "limit.mp3")]  # the build's own encoder
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return spoken + time.perf_counter() - started


def main() -> None:
    print(
        f"{'repeats':>7} {'audio min':>9} {'wall s':>7} {'s/audio min':>11} "
        f"{'peak MB':>7} {'limit s':>7} {'ratio':>5}"
    )
    for repeats in REPEATS:
        with tempfile.TemporaryDirectory() as folder:
            wall, audio_s, peak_mb = build_once(Path(folder), repeats)
            bound = limit(Path(folder), repeats, audio_s)
        minutes = audio_s / 60
        print(
            f"{repeats:>7} {minutes:>9.1f} {wall:>7.1f} {wall / minutes:>11.3f} "
            f"{peak_mb:>7.0f} {bound:>7.1f} {wall / bound:>5.2f}",
            flush=True,
        )
    print(f"target: ratio <= {TARGET_RATIO}, peak <= 250 MB at 3 hours")


if __name__ == "__main__":
    main()
