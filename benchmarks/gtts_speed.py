"""How long Google's voice takes: plain sequential gTTS against ``podcast build --engine gtts``.

Runs a loopback Google (tests/servers/google.py) that waits 150 ms per request
and speaks a cheap tone, then times, on the seed and on one article holding
the seed's paragraphs five times:

(a) the plain way: gTTS per paragraph with its defaults (its own tokenizer,
    one request at a time, a new connection each), ``write_to_fp``, decoding
    each clip at 44.1 kHz and joining with pydub ``+`` one clip at a time, MP3 export;
(b) ``python -m podcast build --engine gtts`` in a fresh project;
(c) the floor: one encode of the finished episode's audio, decoded beforehand,
    with the build's own gain, limiter and MP3 encoder settings. A build
    that encodes while Google speaks finishes shortly after the last clip,
    so its time approaches this floor plus the wait for the voice.

Two more cases run the build alone (the plain way would take minutes): the
seed twenty times (about 70 minutes), where the build's fixed costs
(starting Python, the first answers, the calibration) are spread over a long
episode; and the seed five times with a voice that answers at once
(``@0ms``), which leaves the build nothing to wait for. At 150 ms the voice
itself bounds the build: the distinct requests, four at a time, take the
time printed under the table, and the encoder cannot run ahead of the audio.

Usage: python benchmarks/gtts_speed.py
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.audio.encoders import ENCODER, chain  # noqa: E402
from podcast.config import Speech  # noqa: E402
from podcast.pcm import FFMPEG, SAMPLE_RATE, AudioSegment, silence, to_pcm  # noqa: E402
from podcast.speech.google import _RedirectedTTS  # noqa: E402
from podcast.text.article import read_article  # noqa: E402
from podcast.text.spoken import speakable  # noqa: E402
from tests.servers import google as google_server  # noqa: E402
from tests.support.project import SEED  # noqa: E402

LATENCY_S = 0.15
CONCURRENCY = Speech().concurrency
"""The requests in flight by default ([speech] concurrency)."""

for name in list(os.environ):
    if name.lower().endswith("_proxy"):
        del os.environ[name]


def baseline(texts: list[str], url: str, out: Path) -> None:
    """Sequential gTTS per paragraph, pydub ``+`` one clip at a time, MP3 export."""
    episode = silence(0)
    for text in texts:
        tts = _RedirectedTTS(text, url, lang="id")
        buffer = io.BytesIO()
        tts.write_to_fp(buffer)
        pcm = to_pcm(buffer.getvalue(), "mp3", SAMPLE_RATE, "a clip")
        episode = episode + AudioSegment(pcm, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    episode.export(str(out), format="mp3", bitrate="128k")


def ours(article: str, url: str, folder: Path) -> None:
    """``podcast build --engine gtts`` in a fresh project holding ``article``."""
    (folder / "seeds").mkdir(parents=True)
    (folder / "seeds" / "article.txt").write_text(article, encoding="utf-8")
    (folder / "podcast.toml").write_text(f'[speech]\ngoogle_url = "{url}"\n', encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "podcast", "build", "--engine", "gtts", "-q"],
        cwd=folder,
        env=environment,
        check=True,
    )


def floor_s(mp3: Path, rate: int = 24000) -> float:
    """Seconds one encode of ``mp3``'s audio takes with the build's gain, limiter and encoder."""
    pcm = to_pcm(mp3, "mp3", rate, "the episode")
    command = [FFMPEG, "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    command += ["-af", chain(0.0), *ENCODER, "-y", os.devnull]
    started = time.monotonic()
    subprocess.run(command, input=pcm, check=True)
    return time.monotonic() - started


def main() -> None:
    seed = read_article(SEED)
    raw = SEED.read_text(encoding="utf-8")
    body = "\n\n".join(seed.paragraphs)

    def repeated(times: int) -> tuple[str, list[str]]:
        article = f"{seed.title}\n\n" + "\n\n".join([body] * times) + "\n"
        return article, [seed.title, *seed.paragraphs * times]

    cases = {  # name: (article, paragraphs, latency, whether the plain way runs too)
        "seed": (raw, [seed.title, *seed.paragraphs], LATENCY_S, True),
        "seed x5": (*repeated(5), LATENCY_S, True),
        "seed x20": (*repeated(20), LATENCY_S, False),
        "x5 @0ms": (*repeated(5), 0.0, False),
    }
    print(f"loopback Google: {LATENCY_S * 1000:.0f} ms per request")
    header = (
        f"{'case':<8} {'paras':>5} | {'baseline s':>10} {'reqs':>5} {'conns':>5} | "
        f"{'ours s':>7} {'reqs':>5} {'conns':>5} | {'speed-up':>8} {'reqs ratio':>10} | "
        f"{'floor s':>7} {'ours/floor':>10}"
    )
    print(header)
    print("-" * len(header))
    waits = {}
    for case, (article, paragraphs, latency_s, plain_too) in cases.items():
        faults = google_server.Faults(latency_s=latency_s)
        texts = [speakable(text) for text in paragraphs]
        for text in texts:  # encode the server's tones before the clock starts
            google_server.tone(text)
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            with google_server.serve(google_server.tone, faults) as plain:
                started = time.monotonic()
                if plain_too:
                    baseline(texts, plain.url, folder / "baseline.mp3")
                plain_s = time.monotonic() - started
            with google_server.serve(google_server.tone, faults) as google:
                started = time.monotonic()
                ours(article, google.url, folder / "project")
                ours_s = time.monotonic() - started
            (mp3,) = (folder / "project" / "audio").glob("*.mp3")
            assert mp3.stat().st_size > 100_000, "the build wrote no episode"
            floor = floor_s(mp3)
        plain_n, ours_n = len(plain.requests), len(google.requests)
        plain_part = f"{'-':>10} {'-':>5} {'-':>5}"
        ratios = f"{'-':>8} {'-':>10}"
        if plain_n:
            plain_part = f"{plain_s:>10.2f} {plain_n:>5} {plain.connections:>5}"
            ratios = f"{plain_s / ours_s:>7.1f}x {ours_n / plain_n:>10.2f}"
        print(
            f"{case:<8} {len(texts) - 1:>5} | {plain_part} | "
            f"{ours_s:>7.2f} {ours_n:>5} {google.connections:>5} | {ratios} | "
            f"{floor:>7.2f} {ours_s / floor:>9.2f}x"
        )
        if latency_s:
            waits[ours_n] = -(-ours_n // CONCURRENCY) * latency_s
    for requests, wait in waits.items():
        print(
            f"the voice alone: {requests} requests, {CONCURRENCY} at a time, "
            f"{LATENCY_S * 1000:.0f} ms each: at least {wait:.2f} s"
        )


if __name__ == "__main__":
    main()
