"""How Google's voice rides out a bad day and gives up on an outage, against a loopback Google.

Runs the stand-in of tests/servers/google.py (a cheap tone for a voice, 20 to
60 ms per request) with independent random faults, and prints:

1. a table of runs, seeds x fault rates x article lengths: the outcome, the
   requests sent and the wall time, beside the same run with the old policy
   (five tries per chunk, then the article fails) as the baseline;
2. how long an outage (503s, closed connections, stalls) takes to be given up on;
3. the requests in flight, every 100 ms, through a burst of 429s with ``Retry-After``.

Times are scaled down tenfold from the defaults so the runs stay short:
backoff_s 0.1 (default 1), give_up_s 6 (60), max_wait_s 30 (300), max_pause_s 3 (30).

Usage: python benchmarks/google_patience.py [--seeds 5] [--lengths 40,300,700]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.speech import GaveUp, Patience  # noqa: E402
from podcast.speech.google import Google  # noqa: E402
from podcast.speech.synthesis import synthesize  # noqa: E402
from tests.servers import google as google_server  # noqa: E402
from tests.speech.test_patience import paragraph  # noqa: E402

for name in list(os.environ):
    if name.lower().endswith("_proxy"):
        del os.environ[name]

SCALED = Patience(backoff_s=0.1, give_up_s=6.0, max_wait_s=30.0, max_pause_s=3.0)
OLD = Patience(
    backoff_s=0.1, tries=5, give_up_s=math.inf, failure_window=10**9, max_wait_s=math.inf
)
RATES = {
    "none": {},
    "30% 429/500 + 5% cut": {"429": 0.15, "500": 0.15, "cut_body": 0.025, "cut_audio": 0.025},
    "50% 429/500 + 5% cut": {"429": 0.25, "500": 0.25, "cut_body": 0.025, "cut_audio": 0.025},
}
LATENCY = {"latency_s": 0.02, "jitter_s": 0.04}
STEP_S = 0.1


def article(chunks: int) -> list[str]:
    """Paragraphs of four chunks each, about ``chunks`` chunks in all."""
    return [paragraph(n) for n in range(1, chunks // 4 + 1)]


def run(
    texts: list[str], faults: google_server.Faults, patience: Patience
) -> tuple[str, int, float]:
    """Speak ``texts`` against a stand-in with ``faults``: outcome, requests sent, seconds."""
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=1.0, patience=patience)
        started = time.monotonic()
        try:
            for _ in synthesize(texts, engine):
                pass
            outcome = "done"
        except GaveUp as error:
            outcome = "failed: " + error.cause.removeprefix("Google TTS ")
        return outcome, len(google.requests), time.monotonic() - started


def table(seeds: int, lengths: list[int]) -> None:
    print("1. Runs (timeout_s 1.0, concurrency 4; baseline: five tries per chunk)\n")
    print(
        f"{'faults':22} {'chunks':>6} {'seed':>4}  {'outcome':10} {'requests':>8} {'wall s':>6}"
        f"  | {'5 tries per chunk: outcome':52} {'requests':>8} {'wall s':>6}"
    )
    for label, rates in RATES.items():
        for length in lengths:
            texts = article(length)
            for seed in range(1, (seeds if rates else 1) + 1):
                faults = google_server.Faults(rates=rates, seed=seed, **LATENCY)
                ours = run(texts, faults, SCALED)
                old = run(texts, faults, OLD)
                print(
                    f"{label:22} {length:>6} {seed:>4}  {ours[0]:10.10} {ours[1]:>8} "
                    f"{ours[2]:>6.1f}  | {old[0][:52]:52} {old[1]:>8} {old[2]:>6.1f}"
                )
    print()


def outages() -> None:
    print("2. Outages from the 20th request on (give_up_s 6, timeout_s 1.0): time to give up\n")
    texts = article(300)
    for answer in ("503", "refuse", "stall"):
        faults = google_server.Faults(down_after=20, down_answer=answer, stall_s=3.0, **LATENCY)
        with google_server.serve(google_server.tone, faults) as google:
            engine = Google(google.url, timeout_s=1.0, patience=SCALED)
            try:
                for _ in synthesize(texts, engine):
                    pass
            except GaveUp as error:
                ended = time.monotonic() - google.started
                down = google.log[20].at
                sent = len(google.log) - 20
                print(
                    f"  {answer:7} gave up {ended - down:5.2f} s after the outage began, "
                    f"{sent} requests into it: {error.cause}"
                )
    print()


def burst() -> None:
    print("3. Requests in flight through a 2 s burst of 429s with Retry-After (concurrency 4)\n")
    texts = article(120)
    faults = google_server.Faults(first=("ok",) * 40 + ("burst",), burst_s=2.0, **LATENCY)
    samples: list[tuple[float, float]] = []
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=1.0, patience=SCALED)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(STEP_S / 2):
                samples.append((time.monotonic() - google.started, engine.circuit.allowed))

        sampler = threading.Thread(target=sample)
        sampler.start()
        for _ in synthesize(texts, engine):
            pass
        done.set()
        sampler.join()
    events = google.in_flight_over_time()
    refused = [r for r in google.log if r.retry_after is not None]
    paused = (refused[0].at, refused[0].at + refused[0].retry_after) if refused else (0.0, 0.0)
    print("  time   in flight (most in 100 ms)  allowed  429s")
    for index in range(math.ceil(events[-1][0] / STEP_S)):
        start, stop = index * STEP_S, (index + 1) * STEP_S
        counts = [count for at, count in events if start <= at < stop]
        counts += [count for at, count in events if at < start][-1:]
        most = max(counts, default=0)
        allowed = max((a for at, a in samples if start <= at < stop), default=math.nan)
        hits = sum(1 for r in refused if start <= r.at < stop)
        mark = "  paused" if paused[0] <= start < paused[1] else ""
        print(f"  {start:4.1f}s  {'#' * most:4} {most}{'':20}{allowed:5.2f}  {hits or '':>4}{mark}")
    print(
        f"\n  {len(google.log)} requests, {len(refused)} answered 429 with Retry-After "
        f"{refused[0].retry_after if refused else '-'} s; allowance at the end "
        f"{engine.circuit.allowed:.1f} of 4"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--lengths", default="40,300,700")
    parser.add_argument("--parts", default="1,2,3", help="which of the three to print")
    arguments = parser.parse_args()
    for n in range(16):
        google_server.tone(f"nada {n}")
    parts = arguments.parts.split(",")
    if "1" in parts:
        table(arguments.seeds, [int(length) for length in arguments.lengths.split(",")])
    if "2" in parts:
        outages()
    if "3" in parts:
        burst()


if __name__ == "__main__":
    main()
