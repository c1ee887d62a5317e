"""Encoded clips and mono 16-bit PCM: the audio records that speech and mastering share.

An engine hands on a ``Clip`` (encoded WAV or MP3); ``decode`` turns it into
PCM at its own rate, in this process: WAV with the standard library, MP3 with
FFmpeg's own decoder through PyAV, so an episode's hundreds of clips cost no
process each. The ffmpeg program, for everything else, comes from the
imageio-ffmpeg wheel, which ships no ffprobe, so the input format is always given.
"""

from __future__ import annotations

import io
import itertools
import subprocess
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import av
import imageio_ffmpeg

from podcast.errors import AudioError

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop-lts keeps it from 3.13 on
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub looks for ffmpeg on PATH at import
    from pydub import AudioSegment

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
AudioSegment.converter = FFMPEG

SAMPLE_RATE = 44100
WIDTH = 2
"""Bytes per sample: every clip is mono 16-bit PCM."""


@dataclass(frozen=True)
class Word:
    """A spoken word and when it is heard, in milliseconds from the start of its audio."""

    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Clip:
    """Encoded audio as an engine produced it: ``format`` is ``wav`` or ``mp3``.

    ``decoded`` holds the clip already decoded when an engine had to decode it
    to check it, so it is not decoded twice. ``words`` are its word timings,
    from an engine that gives them.
    """

    data: bytes
    format: str
    decoded: AudioSegment | None = field(default=None, compare=False, repr=False)
    words: tuple[Word, ...] = ()


def decode(clip: Clip) -> AudioSegment:
    """Decode a clip into mono 16-bit PCM at its own rate, in this process.

    The episode is mixed at its voice's rate and converted to 44.1 kHz once, when encoded.
    """
    if clip.format == "wav":
        try:
            segment = AudioSegment.from_wav(io.BytesIO(clip.data))
        except (EOFError, ValueError, IndexError) as error:
            raise AudioError(f"a wav clip does not decode: {error}") from None
        return segment.set_channels(1).set_sample_width(WIDTH)
    pcm, rate = _decoded(clip)
    if not pcm:
        raise AudioError(f"a {clip.format} clip does not decode: no audio in it")
    return AudioSegment(data=pcm, sample_width=WIDTH, frame_rate=rate, channels=1)


def _decoded(clip: Clip) -> tuple[bytes, int]:
    """The PCM in an encoded clip and its rate: FFmpeg's decoder and its conversion to 16 bits.

    The decoder's frames (a few hundred samples each) are joined first and
    converted once: converting frame by frame costs more than decoding.
    """
    samples, joined = 0, bytearray()
    try:
        with av.open(io.BytesIO(clip.data), "r", format=clip.format) as container:
            (stream,) = container.streams.audio
            for frame in container.decode(stream):
                size = frame.samples * frame.format.bytes
                joined += memoryview(frame.planes[0])[:size]
                samples, form = samples + frame.samples, frame.format.name
        if not samples:
            return b"", stream.rate
        whole = av.AudioFrame(format=form, layout="mono", samples=samples)
        whole.planes[0].update(bytes(joined))
        whole.sample_rate = stream.rate
        convert = av.AudioResampler(format="s16", layout="mono", rate=stream.rate)
        pcm = b"".join(
            bytes(memoryview(frame.planes[0])[: frame.samples * WIDTH])
            for frame in itertools.chain(convert.resample(whole), convert.resample(None))
        )
    except av.FFmpegError as error:
        reason = str(error.strerror).lower()
        raise AudioError(f"a {clip.format} clip does not decode: {reason}") from None
    except ValueError:
        raise AudioError(f"a {clip.format} clip does not decode: no audio in it") from None
    return pcm, stream.rate


def to_pcm(
    source: bytes | Path,
    format: str | None,
    rate: int,
    what: str,
    seconds: float | None = None,
    start_s: float = 0.0,
) -> bytes:
    """Decode audio bytes (of ``format``) or a file into mono 16-bit PCM at ``rate`` with ffmpeg.

    ``seconds`` keeps only that much of it, from ``start_s`` on.
    """
    given = ["-f", format] if format else []
    given += ["-ss", f"{start_s:.3f}"] if start_s else []
    target = str(source) if isinstance(source, Path) else "pipe:0"
    command = [FFMPEG, "-v", "error", *given, "-i", target, "-f", "s16le", "-ac", "1"]
    command += ["-t", f"{seconds:.3f}"] if seconds is not None else []
    command += ["-af", f"aresample={rate}:resampler=soxr", "pipe:1"]
    data = None if isinstance(source, Path) else source
    result = subprocess.run(command, input=data, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout:
        detail = result.stderr.decode(errors="replace").strip() or "no audio in it"
        raise AudioError(f"{what} does not decode: {detail}")
    return result.stdout


def silence(ms: int, rate: int = SAMPLE_RATE) -> AudioSegment:
    """Mono silence of ``ms`` milliseconds."""
    return AudioSegment(
        data=bytes(samples_at(ms, rate) * WIDTH), sample_width=WIDTH, frame_rate=rate, channels=1
    )


def samples_at(ms: int, rate: int) -> int:
    """The sample a whole millisecond falls on.

    >>> samples_at(1001, 22050)
    22072
    """
    return (ms * rate + 500) // 1000
