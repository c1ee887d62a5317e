"""Lay the shaped clips out on one timeline, with pauses and music beds, streaming.

Each clip is shaped and written as it comes, so a three-hour article holds one
clip in memory, never the whole episode. Every position is a whole millisecond
on the episode's own sample grid, so the pauses between parts are exactly the
configured ones.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from podcast.audio.loudness import CALIBRATION_S, Mix, Recording, calibrate
from podcast.audio.shape import (
    FADE_MS,
    SPEECH_LEVEL_DBFS,
    Pauses,
    added,
    fade,
    full_scale,
    scaled,
    shaped,
    speech_level,
)
from podcast.config import DEFAULT_AUDIO, NO_MUSIC, Audio, Music
from podcast.errors import AudioError
from podcast.pcm import WIDTH, samples_at, to_pcm

if TYPE_CHECKING:
    from pydub import AudioSegment

MUSIC_UNDER_SPEECH_DB = 6.0
"""Music playing alone sits this far under the speech level."""
DUCK_MS = 600
"""How long the music takes to dip under the speech or to come back up."""
MUSIC_FADE_MS = 1500
"""How long music takes to fade out at the end of the outro."""

Envelope = Sequence[tuple[int, float]]
"""Gain points: (milliseconds, linear gain), straight lines between them."""


def master(
    clips: Iterable[AudioSegment],
    pauses: Pauses,
    edge_ms: int,
    scratch: Path,
    music: Music = NO_MUSIC,
    mp3: Path | None = None,
    low: Path | None = None,
    audio: Audio = DEFAULT_AUDIO,
) -> Mix:
    """Shape each clip and lay it out after its pause, with music under the intro and outro.

    Writes the mix to ``scratch`` (lossless) while measuring its loudness,
    and returns where each part starts and ends in it, in milliseconds. Given
    ``mp3``, it also encodes the episode there in the same pass: the first
    ``CALIBRATION_S`` seconds are held back until their loudness sets the
    gain, and everything after streams straight into the encoder; given
    ``low`` too, the low-data edition is encoded there from the same audio.
    """
    parts = iter(clips)
    first = next(parts, None)
    if first is None:
        raise AudioError("an episode needs at least one clip")
    rate = first.frame_rate
    spans: list[tuple[int, int]] = []
    shifts: list[int] = []
    beds: list[tuple[int, bytes]] = []
    at_ms, last = 0, len(pauses.before) - 1
    sink = _Sink(scratch, rate, mp3, low, audio)
    try:
        for index, (pause_ms, clip) in enumerate(
            zip(pauses.before, itertools.chain([first], parts), strict=True)
        ):
            part, moved = shaped(clip.set_frame_rate(rate), edge_ms)
            start_ms = at_ms + pause_ms
            end_ms = _end_ms(start_ms, len(part) // WIDTH, rate)
            if index == 0 and music.intro:
                next_ms = end_ms + (pauses.before[1] if last else pauses.tail_ms)
                beds.append((0, intro_bed(music, start_ms, end_ms, next_ms, rate)))
            if index == last and music.outro:
                bed = outro_bed(music, start_ms - at_ms, end_ms - at_ms, pauses.tail_ms, rate)
                beds.append((samples_at(at_ms, rate), bed))
            pad = _silence(start_ms, end_ms, rate)[len(part) :]
            chunk = _silence(at_ms, start_ms, rate) + part + pad
            sink.write(_mixed(chunk, samples_at(at_ms, rate), beds))
            spans.append((start_ms, end_ms))
            shifts.append(start_ms + round(moved * 1000 / rate))
            at_ms = end_ms
        end_ms = at_ms + pauses.tail_ms
        sink.write(_mixed(_silence(at_ms, end_ms, rate), samples_at(at_ms, rate), beds))
        recording = sink.close()
    except BaseException:
        sink.abandon()
        raise
    loudness = recording.loudness_lufs
    encoded = recording.encoded()
    if encoded:
        loudness = encoded.loudness_lufs - encoded.gain_db
    return Mix(scratch, rate, loudness, tuple(spans), end_ms, encoded, tuple(shifts))


class _Sink:
    """Where the laid-out PCM goes: held back until it can set the gain, then recorded."""

    def __init__(
        self, scratch: Path, rate: int, mp3: Path | None, low: Path | None, audio: Audio
    ) -> None:
        self.scratch, self.rate, self.mp3 = scratch, rate, mp3
        self.low, self.audio = low, audio
        self.held: list[bytes] = []
        self.held_bytes = 0
        self.enough_bytes = CALIBRATION_S * rate * WIDTH
        self.recording: Recording | None = None

    def write(self, pcm: bytes) -> None:
        if self.recording is not None:
            self.recording.write(pcm)
            return
        self.held.append(pcm)
        self.held_bytes += len(pcm)
        if self.mp3 is None or self.held_bytes >= self.enough_bytes:
            self._start(final=False)

    def _start(self, final: bool) -> None:
        held = b"".join(self.held)
        calibration = calibrate(held, self.rate, self.audio) if self.mp3 else None
        if self.mp3 and calibration is None and not final:
            self.held, self.enough_bytes = [held], 2 * self.enough_bytes  # silent so far
            return
        self.recording = Recording(
            self.scratch, self.rate, calibration, self.mp3, self.low, self.audio
        )
        self.held, self.held_bytes = [], 0
        self.recording.write(held)

    def close(self) -> Recording:
        if self.recording is None:
            self._start(final=True)
        assert self.recording is not None
        self.recording.close()
        return self.recording

    def abandon(self) -> None:
        if self.recording is not None:
            self.recording.kill()


def _silence(start_ms: int, end_ms: int, rate: int) -> bytes:
    """Silent PCM from one whole millisecond of the episode to another."""
    return bytes((samples_at(end_ms, rate) - samples_at(start_ms, rate)) * WIDTH)


def _end_ms(start_ms: int, samples: int, rate: int) -> int:
    """The first whole millisecond after ``start_ms`` by which ``samples`` have played."""
    end_ms = start_ms + math.ceil(samples * 1000 / rate)
    while samples_at(end_ms, rate) - samples_at(start_ms, rate) < samples:
        end_ms += 1
    return end_ms


def _mixed(chunk: bytes, at: int, beds: Sequence[tuple[int, bytes]]) -> bytes:
    """``chunk`` (starting at sample ``at``) with the overlapping part of every bed added."""
    for start, bed in beds:
        first = max(at, start)
        last = min(at + len(chunk) // WIDTH, start + len(bed) // WIDTH)
        if first >= last:
            continue
        a, b = (first - at) * WIDTH, (last - at) * WIDTH
        under = bed[(first - start) * WIDTH : (last - start) * WIDTH]
        chunk = chunk[:a] + added(chunk[a:b], under) + chunk[b:]
    return chunk


def intro_bed(music: Music, speech_ms: int, speech_end_ms: int, end_ms: int, rate: int) -> bytes:
    """Intro music from 0 to ``end_ms``: alone, ducked under the speech, then faded out."""
    duck = 10 ** (music.duck_db / 20)
    dip = max(0, speech_ms - DUCK_MS)
    envelope = [(0, 1.0), (dip, 1.0), (speech_ms, duck), (speech_end_ms, duck), (end_ms, 0.0)]
    return _bed(Path(music.intro), end_ms, envelope, rate)


def outro_bed(music: Music, speech_ms: int, speech_end_ms: int, tail_ms: int, rate: int) -> bytes:
    """Outro music from 0: fading in under the pause, ducked under the speech, then up and out."""
    duck = 10 ** (music.duck_db / 20)
    end_ms = speech_end_ms + tail_ms
    up_ms = min(end_ms, speech_end_ms + DUCK_MS)
    out_ms = max(up_ms, end_ms - MUSIC_FADE_MS)
    envelope = [(0, 0.0), (speech_ms, duck), (speech_end_ms, duck), (up_ms, 1.0), (out_ms, 1.0)]
    return _bed(Path(music.outro), end_ms, [*envelope, (end_ms, 0.0)], rate)


def _bed(path: Path, length_ms: int, envelope: Envelope, rate: int) -> bytes:
    """``length_ms`` of the music at ``path``, leveled under the speech, shaped by ``envelope``."""
    data = to_pcm(path, None, rate, f"the music {path}", seconds=length_ms / 1000)
    level = speech_level(data, rate)
    if level == 0:
        raise AudioError(f"the music {path} is silent")
    gain = full_scale(SPEECH_LEVEL_DBFS - MUSIC_UNDER_SPEECH_DB) / level
    data = fade(scaled(data, gain), samples_at(FADE_MS, rate))
    data = data[: samples_at(length_ms, rate) * WIDTH]
    return _enveloped(data, rate, envelope)


def _enveloped(data: bytes, rate: int, envelope: Envelope) -> bytes:
    """``data`` with its gain following ``envelope``, in 1 ms steps where it changes."""
    pieces = []
    for (start_ms, start_gain), (end_ms, end_gain) in itertools.pairwise(envelope):
        a, b = samples_at(start_ms, rate) * WIDTH, samples_at(end_ms, rate) * WIDTH
        if start_gain == end_gain:
            pieces.append(scaled(data[a:b], start_gain))
            continue
        slope = (end_gain - start_gain) / (end_ms - start_ms)
        for ms in range(start_ms, end_ms):
            gain = start_gain + slope * (ms - start_ms + 0.5)
            a, b = samples_at(ms, rate) * WIDTH, samples_at(ms + 1, rate) * WIDTH
            pieces.append(scaled(data[a:b], gain))
    return b"".join(pieces)
