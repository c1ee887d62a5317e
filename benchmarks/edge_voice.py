"""Edge's voice on the seed, against Google's in the same run, and Edge's fault table.

Runs a loopback Edge (tests/servers/edge.py, the unmodified edge-tts client)
and a loopback Google (tests/servers/google.py), each waiting 150 ms before
answering, and prints:

(a) the seed built with ``--engine edge`` and with ``--engine gtts``: connections
    or requests, wall time, loudness and true peak of the MP3, and the ratio;
(b) a rebuild with Edge: connections opened and wall time;
(c) the opening cues of both transcripts (Edge's timed per sentence from its
    word boundaries, Google's per paragraph);
(d) the fault table: each fault at the first connection, then the service
    refusing or stalling every connection, with outcome, connections and time.

Usage: python benchmarks/edge_voice.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.pcm import FFMPEG  # noqa: E402
from podcast.project import Project  # noqa: E402
from podcast.run import Outcome, build  # noqa: E402
from podcast.speech import GaveUp, Patience  # noqa: E402
from podcast.speech.edge import Edge  # noqa: E402
from tests.servers import edge as edge_server  # noqa: E402
from tests.servers import google as google_server  # noqa: E402
from tests.support.project import NOW, make_project  # noqa: E402
from tests.support.voices import google_voice  # noqa: E402

LATENCY_S = 0.15
TEXT = (
    "Pertemuan itu terjadi di tengah seruan Presiden Ukraina Volodymyr Zelensky agar "
    "Washington meningkatkan tekanan terhadap Moskow untuk mengakhiri konflik."
)

for name in list(os.environ):
    if name.lower().endswith("_proxy"):
        del os.environ[name]


def meter(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS, dual mono) and true peak (dBTP)."""
    command = [FFMPEG, "-hide_banner", "-nostats", "-i", str(path), "-af"]
    command += ["ebur128=dualmono=true:peak=true:framelog=quiet", "-f", "null", "-"]
    summary = subprocess.run(command, capture_output=True, check=True).stderr.decode()
    integrated = re.search(r"I:\s+(-?[\d.]+) LUFS", summary.split("Summary:")[-1])
    peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", summary.split("Summary:")[-1])
    assert integrated and peak
    return float(integrated[1]), float(peak[1])


def timed_build(project: Project, engine: str) -> tuple[Outcome, float]:
    started = time.perf_counter()
    outcome = build(project, engine_name=engine, now=NOW)
    return outcome, time.perf_counter() - started


def describe(label: str, project: Project, outcome: Outcome, seconds: float, asked: int) -> None:
    (episode,) = outcome.built
    lufs, peak = meter(project.audio / episode.file)
    print(
        f"{label:<7} {asked:3d} {'connections' if label == 'edge' else 'requests':<11} "
        f"{seconds:6.2f} s  {episode.duration_ms / 1000:6.1f} s of audio  "
        f"{lufs:6.2f} LUFS  {peak:6.2f} dBTP  {len(episode.cues)} sentence cues"
    )


def excerpt(project: Project, outcome: Outcome, cues: int = 4) -> list[str]:
    (episode,) = outcome.built + outcome.unchanged
    text = (project.audio / episode.file).with_suffix(".vtt").read_text(encoding="utf-8")
    return text.split("\n\n")[1 : cues + 1]


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="edge-bench-"))
    edge_faults = edge_server.Faults(latency_s=LATENCY_S)
    with edge_server.serve(edge_faults) as edge, edge_server.redirected(edge):
        edge_project = make_project(folder / "edge")
        outcome, seconds = timed_build(edge_project, "edge")
        opened = edge.connections()
        print("(a) the seed, built from scratch")
        describe("edge", edge_project, outcome, seconds, opened)
        again, again_s = timed_build(edge_project, "edge")
        edge_excerpt = excerpt(edge_project, outcome)
    with google_server.serve(google_voice, google_server.Faults(latency_s=LATENCY_S)) as google:
        google_project = make_project(folder / "gtts")
        google_project.config.write_text(
            f'[speech]\ngoogle_url = "{google.url}"\n', encoding="utf-8"
        )
        g_outcome, g_seconds = timed_build(google_project, "gtts")
        describe("gtts", google_project, g_outcome, g_seconds, len(google.requests))
    print(f"        edge/gtts wall time: {seconds / g_seconds:.2f}")
    print("\n(b) rebuild with edge")
    print(
        f"        {edge.connections() - opened} connections, {again_s:.2f} s, "
        f"{len(again.unchanged)} unchanged, {len(again.built)} built"
    )
    print("\n(c) transcript openings: edge (from word boundaries) | gtts (per paragraph)")
    for left, right in zip(edge_excerpt, excerpt(google_project, g_outcome), strict=False):
        print("    " + left.replace("\n", " | "))
        print("    " + right.replace("\n", " | "))
    print("\n(d) fault table: one paragraph, timeout 2 s, backoff 0.1 s")
    rows = [(fault, edge_server.Faults(first=(fault,), stall_s=60)) for fault in FIRSTS]
    rows += [
        ("all 503", edge_server.Faults(rates={"503": 1.0})),
        ("all stall", edge_server.Faults(rates={"stall": 1.0}, stall_s=60)),
        ("all cut", edge_server.Faults(rates={"cut": 1.0})),
    ]
    for label, faults in rows:
        print("    " + fault_row(label, faults))


FIRSTS = ("403", "429", "503", "no_audio", "cut", "stall")


def fault_row(label: str, faults: edge_server.Faults) -> str:
    patience = Patience(backoff_s=0.1, give_up_s=6)
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        started = time.perf_counter()
        try:
            clip = Edge(timeout_s=2.0, patience=patience).speak(TEXT)
            same = clip.data == edge_server.speak(TEXT).mp3
            outcome = f"ok: {len(clip.words)} words, the clean audio: {same}"
        except GaveUp as error:
            outcome = f"gave up: {error.cause}"
        seconds = time.perf_counter() - started
        answers = [c.answer for c in server.log]
    shown = " ".join(answers[:4]) + (f" ... ({len(answers)})" if len(answers) > 4 else "")
    return f"{label:<9} {seconds:5.2f} s  {shown:<28} {outcome}"


if __name__ == "__main__":
    main()
