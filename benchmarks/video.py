"""How fast an episode becomes a video, and how much memory an hour-long one takes.

Builds the seed with the offline voice, then renders its video at 1280x720 and
1080x1920 with ``render_video`` (each in its own process, so its peak memory is
its own) and prints the render time, the real-time factor (audio length over
render time) and the file size. The baseline, timed in the same run, is one MP3
encode of the same audio with the build's own encoder settings. Then an
hour-long edition is made from the seed (its MP3 played 17 times over, its cues
and chapters repeated) and rendered too: its peak memory against the seed's
shows whether memory grows with the length.

Usage: python benchmarks/video.py
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.audio import ENCODER  # noqa: E402
from podcast.catalog import Section, episodes, open_catalog  # noqa: E402
from podcast.config import load_settings  # noqa: E402
from podcast.pcm import FFMPEG  # noqa: E402
from podcast.project import Project  # noqa: E402
from podcast.run import build  # noqa: E402
from podcast.video import render_video  # noqa: E402

SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
HOUR_COPIES = 17


def render(folder: Path, size: str) -> None:
    """Render the one episode of the catalog in ``folder``; print figures as JSON."""
    project = Project(folder)
    connection = open_catalog(project.catalog)
    (episode,) = episodes(connection)
    connection.close()
    started = time.monotonic()
    made = render_video(project, episode, load_settings(project.config), size, force=True)
    seconds = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb, cpu_s = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    figures = {"seconds": seconds, "frames": made.frames, "bytes": made.path.stat().st_size}
    print(
        json.dumps(
            {**figures, "peak_mb": peak_mb, "cpu_s": cpu_s, "duration_ms": episode.duration_ms}
        )
    )


def in_child(folder: Path, size: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--render", str(folder), size],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def mp3_encode_seconds(mp3: Path) -> tuple[float, float]:
    """One MP3 encode of the episode's audio (decoded first, untimed), as the build does:
    its wall time and its CPU time, in seconds."""
    pcm = subprocess.run(
        [FFMPEG, "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    ).stdout
    raw = ["-f", "s16le", "-ar", "44100", "-ac", "1", "-i", "pipe:0"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(
        [FFMPEG, "-v", "error", *raw, *ENCODER, "-y", "/dev/null"], input=pcm, check=True
    )
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def hour_long(seed: Project, folder: Path) -> None:
    """An edition of about an hour: the seed's MP3 17 times, cues and chapters repeated."""
    project = Project(folder)
    (project.audio).mkdir(parents=True)
    shutil.copytree(seed.state, project.state)
    shutil.copy(seed.audio / "cover.jpg", project.audio / "cover.jpg")
    connection = open_catalog(project.catalog)
    (episode,) = episodes(connection)
    mp3 = seed.audio / episode.file
    listing = folder / "list.txt"
    listing.write_text(f"file '{mp3}'\n" * HOUR_COPIES)
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "quiet",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-c",
            "copy",
            str(project.audio / episode.file),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    from mutagen.mp3 import MP3

    length = round(MP3(project.audio / episode.file).info.length * 1000)
    step = length // HOUR_COPIES
    longer = replace(
        episode,
        duration_ms=length,
        timeline=tuple(
            (a + n * step, b + n * step) for n in range(HOUR_COPIES) for a, b in episode.timeline
        ),
        parts=episode.parts * HOUR_COPIES,
        sections=tuple(
            Section(n * len(episode.parts), f"Cerita {n + 1}: {episode.title}")
            for n in range(HOUR_COPIES)
        ),
    )
    from podcast.catalog import record

    record(connection, longer)
    connection.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        seed = Project(Path(temporary) / "seed")
        (seed.seeds).mkdir(parents=True)
        shutil.copy(SEED, seed.seeds)
        build(seed, engine_name="espeak")
        connection = open_catalog(seed.catalog)
        (episode,) = episodes(connection)
        connection.close()
        encode_s, encode_cpu = mp3_encode_seconds(seed.audio / episode.file)
        audio_s = episode.duration_ms / 1000
        print(f"seed: {audio_s:.1f} s of audio")
        print(
            f"baseline, one MP3 encode: {encode_s:.2f} s ({audio_s / encode_s:.0f}x real time),"
            f" {encode_cpu:.2f} s of CPU"
        )
        for size in ("1280x720", "1080x1920"):
            figures = in_child(seed.root, size)
            print(
                f"video {size}: {figures['seconds']:.2f} s "
                f"({audio_s / figures['seconds']:.0f}x real time, "
                f"{figures['seconds'] / encode_s:.1f}x the MP3 encode), "
                f"{figures['frames']:.0f} pictures, {figures['bytes'] / 1e6:.1f} MB, "
                f"peak memory {figures['peak_mb']:.0f} MB, {figures['cpu_s']:.1f} s of CPU "
                f"for the whole process ({audio_s / figures['cpu_s']:.0f}x real time per CPU "
                f"second; {figures['cpu_s'] / encode_cpu:.1f}x the MP3 encode's CPU)"
            )
        hour = Path(temporary) / "hour"
        hour_long(seed, hour)
        figures = in_child(hour, "1280x720")
        hour_s = figures["duration_ms"] / 1000
        print(
            f"hour-long edition ({hour_s / 60:.1f} min) 1280x720: {figures['seconds']:.1f} s "
            f"({hour_s / figures['seconds']:.0f}x real time), {figures['frames']:.0f} pictures, "
            f"{figures['bytes'] / 1e6:.1f} MB, peak memory {figures['peak_mb']:.0f} MB, "
            f"{figures['cpu_s']:.1f} s of CPU ({hour_s / figures['cpu_s']:.0f}x real time per "
            "CPU second)"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--render"]:
        render(Path(sys.argv[2]), sys.argv[3])
    else:
        main()
