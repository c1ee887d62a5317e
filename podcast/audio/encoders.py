"""The encoders an episode goes through: its MP3, and its low-data edition in Opus.

Both are made in one ffmpeg process from the same mix at the same gain: the
MP3 through one filter graph (the limiter at twice the rate, the encoder, its
meter), the low-data edition through a graph of its own (resampled to 16 kHz,
limited lower, its loudness measured), so that ffmpeg runs the two on their
own threads. The edition is decoded and its peak read in that process too: it
costs its own encoder, a decoder and a peak meter, and no second read.
"""

from __future__ import annotations

import re
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

from mutagen.ogg import OggPage

from podcast.config import DEFAULT_AUDIO, Audio
from podcast.errors import AudioError
from podcast.pcm import FFMPEG

LAME_QUALITY = 7
"""LAME's fast mode (no noise shaping): for mono speech its coding error is no larger than at
the default quality (3), and it encodes about 1.6 times faster."""
CEILING_DBTP = -1.5
"""The limiter's ceiling: 0.5 dB under the -1 dBTP podcast apps allow, for the MP3 encoder."""
OVERSAMPLING = 2
"""The limiter works at twice the output rate: enough to hold the true peak (measured at four
times) under -1 dBTP, at half the cost of four times."""

LOW_DATA_RATE = 16000
"""What the Opus encoder is given: wideband speech (up to 8 kHz), all that Opus codes at the
low-data bitrates anyway, so it has a third of the samples of 48 kHz to look at."""
LOW_DATA_CEILING_DBTP = -5.0
"""Opus at speech bitrates overshoots the peaks it is given by 2.0 to 3.7 dB (measured on 14
articles in 14 eSpeak NG voices and on half an hour of speech), so the low-data edition is
limited again, lower, before it is encoded..."""
LOW_DATA_GAIN_DB = 1.0
"""...and brought up by what that lower ceiling and the encoder take from its loudness."""
OPUS = ["-application", "lowdelay", "-frame_duration", "120"]
"""Opus in its CELT layer (transform coding), six 20 ms frames to a packet, the most one holds (a
tenth less of the encoder's time than three, and fewer packets to write and decode). Measured
against its SILK layer (``voip``, linear prediction, the usual choice for speech) on the same 14
articles and half an hour: SILK at complexity 1 decoded with peaks up to 8.6 dB over the ones it
was given (a buzzy voice), 3.8 dB at complexity 2; CELT at complexity 0 by 3.7 dB at most. CELT
also encodes in half the time of SILK at complexity 1, keeps more of the 4-8 kHz band, and
measures a higher SI-SDR (8.0 against 7.6 dB), for files 12% larger."""
COMPLEXITY = 0
"""Opus's complexity: CELT's 0 is its fastest, and it measured about the same SI-SDR as 5 (8.0
against 8.2 dB on half an hour) in 60% of the time."""
LOUDNESS_LUFS = -16.0
PEAK_DBTP = -1.0
"""The most the low-data edition's decoded true peak may reach..."""
PEAK_MARGIN_DB = 0.2
"""...less this margin: the meter's rounding (0.05 dB) and what another decoder may read higher."""
MAX_GAIN_DB = 6.0
"""The most the output gain raises the edition (it comes out of the encoder within 2 dB)."""
LOW_DATA_SHORT_LU = 0.9
"""How far under -16 LUFS the edition may stay for its peak before it is encoded again."""
RETRY_COMPLEXITIES = (5, 10)
"""The Opus complexities of the encodes tried again, in turn, when one peaked too high."""
LOW_DATA_METER = (
    "ebur128=dualmono=true:framelog=quiet:metadata=1,ametadata=mode=print:key=lavfi.r128.I"
)
"""The low-data edition's loudness, measured on what its encoder takes: Opus at these bitrates
keeps it within 0.1 LU (decoded at 48 kHz and measured, on 53 recordings in four eSpeak NG
voices), so the decoded edition need not be measured again, at three times the rate. The
meter's running integrated loudness is written with each 100 ms, and the last is the whole's:
its summary comes out at the moment the MP3's meter writes its own, from another thread, and
ffmpeg's log may run the two together."""
HEARD_PEAK = "astats=measure_overall=Peak_level:measure_perchannel=none"
"""The low-data edition's peak, as decoded at 48 kHz. The edition holds nothing over 8 kHz,
so its samples at 48 kHz come within 0.05 dB of the true peak that ITU-R BS.1770's meter reads
at 192 kHz (at most 0.049 dB over those 53 recordings), at a ninth of the meter's cost."""

FRAMES = "asetnsamples=n=16384:p=0"
"""The low-data edition's filters, its encoder's input and its decoder's output take the audio
in frames of 16,384 samples, not ffmpeg's 1,024 (raw input) or 2,880 (Opus): a fifth fewer of
their CPU seconds, which went to handling each frame."""

LOW_DATA_TYPES = {"opus": ("audio/ogg", "opus", ".opus")}
"""Each low-data format's media type, codec and file suffix."""


def mp3_encoder(audio: Audio = DEFAULT_AUDIO) -> list[str]:
    """ffmpeg's options that encode mono constant-bitrate MP3 as ``audio`` says."""
    kbps, rate = audio.mp3()
    command = ["-codec:a", "libmp3lame", "-b:a", f"{kbps}k", "-ar", str(rate), "-ac", "1"]
    return [*command, "-compression_level", str(LAME_QUALITY), "-f", "mp3"]


ENCODER = mp3_encoder()
"""The default MP3 encoder (the benchmarks' reference)."""


def low_data_encoder(audio: Audio = DEFAULT_AUDIO, complexity: int = COMPLEXITY) -> list[str]:
    """ffmpeg's options that encode the low-data edition: Opus in Ogg."""
    command = ["-codec:a", "libopus", "-b:a", f"{audio.low_data_kbps}k", *OPUS]
    return [*command, "-compression_level", str(complexity), "-f", "ogg"]


def low_data_outputs(
    low: Path, index: int, audio: Audio = DEFAULT_AUDIO, complexity: int = COMPLEXITY
) -> list[str]:
    """ffmpeg's options that encode the graph's ``[low]`` to ``low``, the process's output
    number ``index``, and decode it again in the same process into ``HEARD_PEAK``.

    FFmpeg's own Opus decoder decodes it, at 48 kHz in floating point as players
    do: the wheel's libopus decoder clips at full scale (measured), so a peak
    over it would read as no higher than 0 dBFS. The decoding is an
    FFmpeg loopback decoder: the same process, no second read of the file,
    and its own threads, beside the encoders'.
    """
    command = ["-map", "[low]", *low_data_encoder(audio, complexity), str(low)]
    command += ["-codec:a", "opus", "-dec", f"{index}:0"]
    command += ["-filter_complex", f"[dec:0]{HEARD_PEAK},{FRAMES}[heard]", "-map", "[heard]"]
    return [*command, "-codec:a", "pcm_f32le", "-f", "null", "-"]


def heard_levels(log: str, path: Path) -> tuple[float, float]:
    """The low-data edition's integrated loudness (LUFS) and peak (dBTP) as ``LOW_DATA_METER``
    and ``HEARD_PEAK`` wrote them in ``log``."""
    loudness, peak = edition_loudness(log), re.findall(r"Peak level dB: (-?[\d.]+|-inf)", log)
    if loudness is None or not peak:
        raise AudioError(f"ffmpeg could not measure {path}")
    return loudness, float(peak[-1])


def edition_loudness(log: str) -> float | None:
    """The low-data edition's loudness as ``LOW_DATA_METER`` last wrote it in ``log``."""
    found = re.findall(r"lavfi\.r128\.I=(-?[\d.]+|-inf)", log)
    return float(found[-1]) if found else None


def low_data_suffix(audio: Audio) -> str | None:
    """The low-data edition's file suffix, or None when the show makes none."""
    found = LOW_DATA_TYPES.get(audio.low_data)
    return found[2] if found else None


def low_data_settings(audio: Audio) -> str:
    """What the low-data edition is made with: when it changes, only that edition is remade."""
    return f"{audio.low_data}:{audio.low_data_kbps}k:{LOW_DATA_CEILING_DBTP}:{LOW_DATA_GAIN_DB}"


def limiter(ceiling_dbtp: float) -> str:
    """ffmpeg's look-ahead limiter at ``ceiling_dbtp``, its delay compensated."""
    ceiling = 10 ** (ceiling_dbtp / 20)
    return f"alimiter=limit={ceiling:.4f}:attack=2:release=60:level=false:latency=true"


def chain(gain_db: float, rate: int = DEFAULT_AUDIO.mp3()[1]) -> str:
    """The ffmpeg filters that apply the gain and the oversampled true-peak limiter."""
    return ",".join(
        [
            "aformat=sample_fmts=flt",
            f"volume={gain_db:.2f}dB",
            f"aresample={rate * OVERSAMPLING}:resampler=soxr",
            limiter(CEILING_DBTP),
            f"aresample={rate}:resampler=soxr",
        ]
    )


def low_data_graph(gain_db: float) -> list[str]:
    """The low-data edition's filter graph of its own, from the process's first input at
    ``gain_db`` to what the Opus encoder takes (``[low]``): resampled, limited lower, measured."""
    gain = f"{FRAMES},aformat=sample_fmts=flt,volume={gain_db + LOW_DATA_GAIN_DB:.2f}dB"
    resampled = f"{gain},aresample={LOW_DATA_RATE}:resampler=soxr"
    limited = f"[0:a]{resampled},{limiter(LOW_DATA_CEILING_DBTP)},asplit[low][level]"
    return ["-filter_complex", f"{limited};[level]{LOW_DATA_METER},anullsink"]


def encode_low_data(mp3: Path, path: Path, audio: Audio) -> None:
    """Make the low-data edition at ``path`` from the published ``mp3``: no speech, no mix.

    For when only the low-data settings changed: the MP3 holds the mastered
    episode at its loudness, so it is decoded, limited and encoded again.
    """
    source = ["-f", "mp3", "-i", str(mp3), "-vn", "-map_metadata", "-1"]
    settle_low_data(path, None, source, 0.0, audio)


def settle_low_data(
    path: Path, heard: tuple[float, float] | None, source: list[str], gain_db: float, audio: Audio
) -> None:
    """Bring the low-data edition at ``path``, decoded at ``heard``, to the target, encoding it
    (again, or first when ``heard`` is None) from ffmpeg's input ``source`` at ``gain_db`` when
    its peak keeps it too far under."""

    def encode(complexity: int) -> tuple[float, float]:
        command = [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "info", "-y", *source]
        command += low_data_graph(gain_db)
        log = run_encoder([*command, *low_data_outputs(path, 0, audio, complexity)], path)
        return heard_levels(log, path)

    normalize_low_data(path, heard or encode(COMPLEXITY), encode)


def normalize_low_data(
    path: Path, heard: tuple[float, float], encode: Callable[[int], tuple[float, float]]
) -> None:
    """Bring the low-data edition at ``path`` to -16 LUFS with its true peak at ``PEAK_DBTP``
    at most, from ``heard``: its loudness and true peak as decoded.

    Opus at speech bitrates changes the loudness a little (its coding drops
    part of the top band, which the meter weights up) and adds noise over the
    peaks, so the edition is measured as players decode it, in the pass that
    encoded it. The Opus header's output gain, which every decoder applies
    (RFC 7845), then brings it to the target, or as near as its peak allows.
    When its peak keeps it more than ``LOW_DATA_SHORT_LU`` under the target
    (not once in the 15 recordings the ceiling was chosen on), it is encoded
    again with ``encode`` at each of ``RETRY_COMPLEXITIES`` in turn, each taking
    another path through the encoder, until one is near enough, and the best
    is kept.
    """
    gain, reached = _output_gain(*heard)
    best = path.read_bytes() if reached < LOUDNESS_LUFS - LOW_DATA_SHORT_LU else b""
    for complexity in RETRY_COMPLEXITIES:
        if reached >= LOUDNESS_LUFS - LOW_DATA_SHORT_LU:
            break
        gain_again, reached_again = _output_gain(*encode(complexity))
        if reached_again > reached:
            gain, reached, best = gain_again, reached_again, path.read_bytes()
    if best:
        path.write_bytes(best)
    set_output_gain(path, gain)


def _output_gain(loudness: float, peak: float) -> tuple[float, float]:
    """The output gain an Opus file decoded at ``loudness`` and ``peak`` needs, and the loudness
    it then reaches."""
    gain = min(LOUDNESS_LUFS - loudness, PEAK_DBTP - PEAK_MARGIN_DB - peak, MAX_GAIN_DB)
    return gain, loudness + gain


def set_output_gain(path: Path, gain_db: float) -> None:
    """Set the output gain of the Opus file at ``path`` (RFC 7845: decoders apply it)."""
    with path.open("r+b") as file:
        page = OggPage(file)
        head = bytearray(page.packets[0])
        struct.pack_into("<h", head, 16, round(gain_db * 256))
        page.packets = [bytes(head)]
        file.seek(0)
        file.write(page.write())


def run_encoder(command: list[str], path: Path) -> str:
    """Run ffmpeg's ``command``, which writes ``path``; its log. A failure is an AudioError."""
    result = subprocess.run(command, capture_output=True, check=False)
    log = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        last = (log.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise AudioError(f"ffmpeg could not encode {path}: {last.strip()}")
    return log
