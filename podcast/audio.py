"""Turn clips into one episode: decode, join with pauses, encode MP3 with ffmpeg from its wheel."""

from __future__ import annotations

import io
import subprocess
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg

from podcast.errors import AudioError
from podcast.speech import Clip

with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub looks for ffmpeg on PATH at import
    from pydub import AudioSegment

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
AudioSegment.converter = FFMPEG

SAMPLE_RATE = 44100
BITRATE = "128k"


@dataclass(frozen=True)
class Pauses:
    """Silence in milliseconds around the spoken parts."""

    lead_ms: int = 300
    after_title_ms: int = 1200
    between_paragraphs_ms: int = 700
    tail_ms: int = 800


def decode(clip: Clip) -> AudioSegment:
    """Decode a clip into mono 16-bit PCM at the episode's sample rate."""
    if clip.format == "wav":
        try:
            segment = AudioSegment.from_wav(io.BytesIO(clip.data))
        except (EOFError, ValueError, IndexError) as error:
            raise AudioError(f"a wav clip does not decode: {error}") from None
        return segment.set_channels(1).set_sample_width(2).set_frame_rate(SAMPLE_RATE)
    command = [
        FFMPEG,
        "-v",
        "error",
        "-f",
        clip.format,
        "-i",
        "pipe:0",
        "-f",
        "s16le",
        "-ac",
        "1",
        "-ar",
        str(SAMPLE_RATE),
        "pipe:1",
    ]
    result = subprocess.run(command, input=clip.data, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout:
        detail = result.stderr.decode(errors="replace").strip() or "no audio in it"
        raise AudioError(f"a {clip.format} clip does not decode: {detail}")
    return AudioSegment(data=result.stdout, sample_width=2, frame_rate=SAMPLE_RATE, channels=1)


def silence(ms: int) -> AudioSegment:
    """Mono silence of ``ms`` milliseconds at the episode's sample rate."""
    return AudioSegment.silent(duration=ms, frame_rate=SAMPLE_RATE).set_sample_width(2)


def master(
    clips: Sequence[AudioSegment], pauses: Pauses
) -> tuple[AudioSegment, tuple[tuple[int, int], ...]]:
    """Join the title clip and paragraph clips with pauses, in one join.

    Returns the episode and where each clip starts and ends in it, in
    milliseconds. Joining raw
    bytes once avoids pydub's copy of the whole buffer at every ``+``.
    """
    gaps = [pauses.lead_ms, pauses.after_title_ms] + [pauses.between_paragraphs_ms] * (
        len(clips) - 2
    )
    parts: list[bytes] = []
    spans: list[tuple[int, int]] = []
    frames = 0
    for gap_ms, clip in zip(gaps, clips, strict=False):
        gap = silence(gap_ms)
        start = frames + int(gap.frame_count())
        frames = start + int(clip.frame_count())
        parts += [gap.raw_data, clip.raw_data]
        spans.append((_ms(start), _ms(frames)))
    parts.append(silence(pauses.tail_ms).raw_data)
    episode = AudioSegment(data=b"".join(parts), sample_width=2, frame_rate=SAMPLE_RATE, channels=1)
    return episode, tuple(spans)


def _ms(frames: int) -> int:
    return round(frames * 1000 / SAMPLE_RATE)


def export_mp3(episode: AudioSegment, path: Path) -> None:
    """Encode the episode as mono 44.1 kHz constant-bitrate MP3 at ``path``."""
    command = [
        FFMPEG,
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(SAMPLE_RATE),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-codec:a",
        "libmp3lame",
        "-b:a",
        BITRATE,
        "-ar",
        str(SAMPLE_RATE),
        "-ac",
        "1",
        "-f",
        "mp3",
        str(path),
    ]
    result = subprocess.run(command, input=episode.raw_data, capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip()
        raise AudioError(
            f"ffmpeg could not encode the episode ({detail or f'exit status {result.returncode}'})"
        )
