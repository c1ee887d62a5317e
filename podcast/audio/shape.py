"""Clips as PCM: decode them, level them against each other, trim and fade their edges.

Every clip is mono 16-bit PCM. The episode's pauses come from its structure
(``pauses``); podcast/layout.py lays the shaped clips out on one timeline.
"""

from __future__ import annotations

import itertools
import math
import warnings
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from podcast.config import NO_MUSIC, Music, Pacing
from podcast.errors import AudioError
from podcast.pcm import WIDTH, samples_at

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop-lts keeps it from 3.13 on
    warnings.simplefilter("ignore", RuntimeWarning)  # pydub looks for ffmpeg on PATH at import
    import audioop

    from pydub import AudioSegment

SPEECH_LEVEL_DBFS = -24.0
"""Where every clip's speech sits before the final gain: room for peaks in 16 bits."""
LEVEL_WINDOW_MS = 20
LEVEL_GATE_DB = -10.0
"""Windows this far under a clip's mean level are pauses between words, not speech."""
SILENCE_BELOW_DB = 40.0
"""Samples this far under a clip's speech level count as its silence when trimming."""
FADE_MS = 8
QUOTES = ('"', "“", "”", "„", "«", "»", "'", "‘", "’")


@dataclass(frozen=True)
class Pauses:
    """Silence in milliseconds before each part (intro, title, paragraphs, outro) and after all."""

    before: tuple[int, ...]
    tail_ms: int


def pauses(paragraphs: Sequence[str], pacing: Pacing, music: Music = NO_MUSIC) -> Pauses:
    """The pauses of an episode of ``paragraphs``, by structure.

    >>> pauses(["Satu.", "“Dua,” katanya.", "Tiga."], Pacing(400, 1200, 700, 1000, 1400, 900))
    Pauses(before=(400, 1400, 1200, 1000, 1000, 1400), tail_ms=900)
    """
    quotes = [paragraph.lstrip().startswith(QUOTES) for paragraph in paragraphs]
    after_title = pacing.after_title_ms
    if quotes and quotes[0]:
        after_title = max(after_title, pacing.around_quote_ms)
    between = [
        pacing.around_quote_ms if this or that else pacing.between_paragraphs_ms
        for this, that in itertools.pairwise(quotes)
    ]
    lead = music.lead_ms if music.intro else pacing.lead_ms
    tail = max(pacing.tail_ms, music.tail_ms) if music.outro else pacing.tail_ms
    sections = pacing.between_sections_ms
    return Pauses((lead, sections, after_title, *between, sections), tail)


def speech_level(data: bytes, rate: int) -> float:
    """The RMS of a clip's speech, gated like a loudness meter: its pauses do not count."""
    size = samples_at(LEVEL_WINDOW_MS, rate) * WIDTH
    view = memoryview(data)
    powers = [audioop.rms(view[i : i + size], WIDTH) ** 2 for i in range(0, len(data), size)]
    audible = [power for power in powers if power > 0]
    if not audible:
        return 0.0
    gate = sum(audible) / len(audible) * 10 ** (LEVEL_GATE_DB / 10)
    speech = [power for power in audible if power >= gate]
    return math.sqrt(sum(speech) / len(speech))


def shape(clip: AudioSegment, edge_ms: int) -> bytes:
    """The clip's PCM brought to the speech level, with exactly ``edge_ms`` of silence at each end.

    Silence is what lies ``SILENCE_BELOW_DB`` under the clip's own speech
    level; the kept audio fades in and out over ``FADE_MS`` so no join clicks.
    """
    return shaped(clip, edge_ms)[0]


def shaped(clip: AudioSegment, edge_ms: int) -> tuple[bytes, int]:
    """``shape``'s PCM, and how many samples later each sound of the clip is heard in it."""
    data, rate = clip.raw_data, clip.frame_rate
    level = speech_level(data, rate)
    if level == 0:
        raise AudioError("a clip is silent: the voice said nothing for one of the texts")
    threshold = level * 10 ** (-SILENCE_BELOW_DB / 20)
    first, last = _audible_span(data, rate, threshold)
    edge = samples_at(edge_ms, rate)
    start, end = max(0, first - edge), min(len(data) // WIDTH, last + edge)
    gain = full_scale(SPEECH_LEVEL_DBFS) / level
    kept = scaled(data[start * WIDTH : end * WIDTH], gain)
    faded = fade(kept, samples_at(FADE_MS, rate))
    before, after = edge - (first - start), edge - (end - last)
    return bytes(before * WIDTH) + faded + bytes(after * WIDTH), before - start


def full_scale(dbfs: float) -> float:
    """The 16-bit amplitude of a level in dBFS."""
    return 32768 * 10 ** (dbfs / 20)


def scaled(data: bytes, gain: float) -> bytes:
    """PCM with every sample multiplied by ``gain``, clipped at full scale."""
    return audioop.mul(data, WIDTH, gain)


def added(data: bytes, other: bytes) -> bytes:
    """Two PCM fragments of one length, mixed sample by sample, clipped at full scale."""
    return audioop.add(data, other, WIDTH)


def _audible_span(data: bytes, rate: int, threshold: float) -> tuple[int, int]:
    """The first audible sample and the one after the last, scanning 1 ms steps from each end."""
    step = samples_at(1, rate)
    count = len(data) // WIDTH
    view = memoryview(data)

    def loud(sample: int) -> bool:
        return audioop.max(view[sample * WIDTH : (sample + step) * WIDTH], WIDTH) >= threshold

    first = next((s for s in range(0, count, step) if loud(s)), 0)
    last = next((s for s in range(count - step, first, -step) if loud(s)), first)
    return first, min(count, last + step)


def fade(data: bytes, length: int) -> bytes:
    """Raised-cosine fades over ``length`` samples at both ends (shorter for very short audio)."""
    length = min(length, len(data) // WIDTH // 2)
    if length == 0:
        return data
    curve = _fade_curve(length)
    head = array("h", data[: length * WIDTH])
    tail = array("h", data[-length * WIDTH :])
    for i, gain in enumerate(curve):
        head[i] = round(head[i] * gain)
        tail[-1 - i] = round(tail[-1 - i] * gain)
    return head.tobytes() + data[length * WIDTH : -length * WIDTH] + tail.tobytes()


@lru_cache(maxsize=8)
def _fade_curve(length: int) -> tuple[float, ...]:
    return tuple((1 - math.cos(math.pi * (i + 0.5) / length)) / 2 for i in range(length))
