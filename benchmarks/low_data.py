"""The low-data edition: what it costs to build, how large and loud it is, how it sounds.

Builds with ``python -m podcast build --engine espeak`` as subprocesses:

1. Cost: each article built with ``[audio] low_data = "none"`` (the MP3 alone, the
   baseline) and with the default (MP3 and Opus in one pass), alternately, three
   times each in the same run; prints the median wall and CPU time (the build and
   every process it ran) and their ratios. Three articles: the seed (3.6 minutes)
   and about 27 minutes of the tests' cleaned articles, the length of a full daily
   edition, each in a fresh project (spoken, then mastered and encoded, as a new
   article is); and the seed's paragraphs eight times over (as long), already
   spoken, its audio removed before each build, so that nothing but the mastering
   and the encoders is timed: where the edition's share of the cost is largest.
2. Sizes and levels: each ``[audio]`` preset's MP3 and each Opus bitrate's edition,
   built from the same cached clips, with the loudness and true peak that ffmpeg's
   EBU R128 meter reads from the files.
3. What is heard, measured: the share of energy in the 4-8 kHz band (where speech's
   sibilants and clarity live) and over 8 kHz, and the scale-invariant
   signal-to-distortion ratio (ffmpeg's ``asisdr``) against the 128 kbit/s MP3, which
   stands for the mix as the voice made it.
4. Where the edition's time goes: the mastering pass alone (the long article's audio,
   decoded from its 128 kbit/s MP3, through the gain, the limiter and the MP3 encoder),
   with the edition's filter graph and Opus encoder beside it, and with its decoding and
   peak reading too; the CPU time of each, median of three alternating runs.

Run it from the repository root:

    python -m benchmarks.low_data
"""

from __future__ import annotations

import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from podcast.audio.encoders import low_data_encoder, low_data_outputs, mp3_encoder
from podcast.audio.loudness import encoding_graph, raw_input
from podcast.pcm import FFMPEG, SAMPLE_RATE
from podcast.text.article import read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
CLEANED = ROOT / "tests" / "data" / "clean"
ROUNDS = 3
LONG_REPEATS = 8
PRESETS = ("music", "speech", "compact")
OPUS_KBPS = (10, 16, 24)
METER = "ebur128=dualmono=true:peak=true:framelog=quiet"


def article_text(repeats: int) -> str:
    """The seed's title and outlet, then its paragraphs ``repeats`` times."""
    seed = read_article(SEED)
    paragraphs = "\n\n".join(list(seed.paragraphs) * repeats)
    return f"{seed.title}\n\nJakarta, {seed.outlet}\n\n{paragraphs}\n"


def distinct_text(repeats: int) -> str:
    """The seed's title and outlet, then as many characters as its paragraphs ``repeats`` times
    of other articles' paragraphs, each said once: the tests' cleaned articles in turn."""
    seed = read_article(SEED)
    wanted = sum(len(paragraph) for paragraph in seed.paragraphs) * repeats
    paragraphs: list[str] = []
    for path in sorted(CLEANED.glob("*.clean.txt")):
        paragraphs += read_article(path).paragraphs
        if sum(len(paragraph) for paragraph in paragraphs) >= wanted:
            break
    return f"{seed.title}\n\nJakarta, {seed.outlet}\n\n" + "\n\n".join(paragraphs) + "\n"


def project(folder: Path, text: str, config: str) -> Path:
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    (folder / "seeds" / "article.txt").write_text(text, encoding="utf-8")
    (folder / "podcast.toml").write_text(config, encoding="utf-8")
    return folder


def build(folder: Path) -> tuple[float, float]:
    """Build ``folder`` in a subprocess; its wall time and CPU time (with its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "podcast", "build", "--engine", "espeak", "-q", "--jobs", "1"],
        cwd=folder,
        check=True,
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def levels(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS, dual mono) and true peak (dBTP) of ``path``."""
    command = [FFMPEG, "-hide_banner", "-nostats", "-i", str(path), "-af", METER, "-f", "null"]
    summary = subprocess.run([*command, "-"], capture_output=True, text=True).stderr
    summary = summary.split("Summary:")[-1]
    integrated = re.search(r"I:\s+(-?[\d.]+) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert integrated and peak, summary
    return float(integrated[1]), float(peak[1])


def band_share(path: Path, low: int, high: int | None) -> float:
    """The energy between ``low`` and ``high`` Hz as dB under the whole file's energy."""

    def mean(filters: str) -> float:
        command = [FFMPEG, "-hide_banner", "-nostats", "-i", str(path), "-af"]
        command += [f"aresample=48000,{filters}volumedetect", "-f", "null", "-"]
        found = re.findall(
            r"mean_volume: (-?[\d.]+) dB",
            subprocess.run(command, capture_output=True, text=True).stderr,
        )
        return float(found[-1])

    band = f"highpass=f={low}:p=2,highpass=f={low}:p=2,"
    if high:
        band += f"lowpass=f={high}:p=2,lowpass=f={high}:p=2,"
    return mean(band) - mean("")


def si_sdr(path: Path, reference: Path) -> float:
    """Scale-invariant signal-to-distortion ratio of ``path`` against ``reference``, in dB."""
    graph = "[0:a]aresample=48000[a];[1:a]aresample=48000[b];[a][b]asisdr"
    command = [FFMPEG, "-hide_banner", "-nostats", "-i", str(reference), "-i", str(path)]
    command += ["-filter_complex", graph, "-f", "null", "-"]
    found = re.findall(
        r"SI-SDR ch0: (-?[\d.]+|inf) dB",
        subprocess.run(command, capture_output=True, text=True).stderr,
    )
    return float(found[-1])


def cost(text: str, label: str, work: Path, spoken: bool = False) -> None:
    """Time building ``text`` without and with the edition; ``spoken``: from its clips."""
    runs: dict[str, list[tuple[float, float]]] = {"none": [], "opus": []}
    config = {mode: f'[audio]\nlow_data = "{mode}"\n' for mode in runs}
    if spoken:
        for mode in runs:
            build(project(work / f"{label}-{mode}", text, config[mode]))
    for number in range(ROUNDS):
        for mode in runs:
            if spoken:
                folder = work / f"{label}-{mode}"
                shutil.rmtree(folder / "audio")
                (folder / ".podcast" / "catalog.db").unlink()
                runs[mode].append(build(folder))
                continue
            folder = project(work / f"{label}-{mode}-{number}", text, config[mode])
            runs[mode].append(build(folder))
            shutil.rmtree(folder)
    wall = {mode: statistics.median(w for w, _ in times) for mode, times in runs.items()}
    cpu = {mode: statistics.median(c for _, c in times) for mode, times in runs.items()}
    print(
        f"{label:<20} MP3 alone: {wall['none']:6.2f} s wall {cpu['none']:6.2f} s CPU   "
        f"MP3 + Opus: {wall['opus']:6.2f} s wall {cpu['opus']:6.2f} s CPU   "
        f"ratio: {wall['opus'] / wall['none']:.2f} wall, {cpu['opus'] / cpu['none']:.2f} CPU"
    )


def files(folder: Path) -> tuple[Path, Path | None]:
    (mp3,) = (folder / "audio").glob("*.mp3")
    opus = mp3.with_suffix(".opus")
    return mp3, opus if opus.exists() else None


def rebuild(folder: Path, config: str) -> tuple[Path, Path | None]:
    """Build ``folder`` afresh from its cached clips with ``config``; its MP3 and Opus."""
    shutil.rmtree(folder / "audio", ignore_errors=True)
    (folder / ".podcast" / "catalog.db").unlink(missing_ok=True)
    (folder / "podcast.toml").write_text(config, encoding="utf-8")
    build(folder)
    return files(folder)


def describe(label: str, path: Path, minutes: float, reference: Path) -> None:
    size = path.stat().st_size
    integrated, peak = levels(path)
    mid, high = band_share(path, 4000, 8000), band_share(path, 8000, None)
    sdr = si_sdr(path, reference)
    print(
        f"  {label:<22} {size / 1e6:6.2f} MB {size * 8 / minutes / 60 / 1000:6.1f} kbit/s  "
        f"{integrated:6.1f} LUFS {peak:5.1f} dBTP  4-8 kHz {mid:6.1f} dB  >8 kHz {high:6.1f} dB  "
        f"SI-SDR {sdr:5.1f} dB"
    )


def formats(text: str, label: str, work: Path) -> Path:
    folder = project(work / f"{label}-formats", text, "")
    reference, _ = rebuild(folder, '[audio]\npreset = "music"\nlow_data = "none"\n')
    kept = work / f"{label}-reference.mp3"
    shutil.copy(reference, kept)
    seconds = (
        subprocess.run(
            [FFMPEG, "-hide_banner", "-i", str(kept), "-f", "null", "-"],
            capture_output=True,
            text=True,
        )
        .stderr.rsplit("time=", 1)[-1]
        .split()[0]
    )
    hours, mins, secs = seconds.split(":")
    minutes = int(hours) * 60 + int(mins) + float(secs) / 60
    print(f"{label}: {minutes:.1f} minutes")
    for preset in PRESETS:
        mp3, _ = rebuild(folder, f'[audio]\npreset = "{preset}"\nlow_data = "none"\n')
        describe(f"MP3 {preset}", mp3, minutes, kept)
    for kbps in OPUS_KBPS:
        _, opus = rebuild(folder, f"[audio]\nlow_data_kbps = {kbps}\n")
        assert opus is not None
        describe(f"Opus {kbps} kbit/s", opus, minutes, kept)
    return kept


def breakdown(reference: Path, work: Path) -> None:
    """The mastering pass's CPU time alone, with the edition's graph and encoder, and with its
    decoding and peak reading too."""
    source = work / "mix.pcm"
    decode = [FFMPEG, "-v", "error", "-y", "-i", str(reference), "-f", "s16le", "-ac", "1"]
    subprocess.run([*decode, "-ar", str(SAMPLE_RATE), str(source)], check=True)
    mp3, opus = work / "pass.mp3", work / "pass.opus"
    start = [FFMPEG, "-v", "info", "-nostats", "-y", *raw_input(source, SAMPLE_RATE)]
    alone = [*encoding_graph(0.0, SAMPLE_RATE, False), "-map", "[out]", *mp3_encoder(), str(mp3)]
    both = [*encoding_graph(0.0, SAMPLE_RATE, True), "-map", "[out]", *mp3_encoder(), str(mp3)]
    passes = {
        "MP3 alone": [*start, *alone],
        "+ its graph and encoder": [*start, *both, "-map", "[low]", *low_data_encoder(), str(opus)],
        "+ its decoding and peak": [*start, *both, *low_data_outputs(opus, 1)],
    }
    times: dict[str, list[float]] = {name: [] for name in passes}
    for _ in range(ROUNDS):
        for name, command in passes.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    base = statistics.median(times["MP3 alone"])
    for name, spent in times.items():
        cpu = statistics.median(spent)
        print(f"  {name:<26} {cpu:6.2f} s CPU  {cpu / base:.2f} of the MP3's pass")


def main() -> None:
    texts = {"seed": SEED.read_text(encoding="utf-8"), "30 min": article_text(LONG_REPEATS)}
    with tempfile.TemporaryDirectory(prefix="podcast-low-data-") as folder:
        work = Path(folder)
        print("Build cost, median of", ROUNDS, "alternating runs (eSpeak NG, --jobs 1):")
        cost(texts["seed"], "seed", work)
        cost(distinct_text(LONG_REPEATS), "27 min, new", work)
        cost(texts["30 min"], "27 min, spoken before", work, spoken=True)
        print()
        print("Sizes, levels and what is heard (measured against the 128 kbit/s MP3):")
        references = [formats(text, label, work) for label, text in texts.items()]
        print()
        print("Where the edition's time goes, one mastering pass of the long article:")
        breakdown(references[-1], work)


if __name__ == "__main__":
    main()
