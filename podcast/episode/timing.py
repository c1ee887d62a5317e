"""Word timings into an episode's timeline: parts that start at their first word, sentence cues.

A voice that times its words (Edge's) times the spoken form; the transcripts
show the article's own words. Both are split into sentences the same way, and
when they have as many sentences, each written sentence is timed by the
spoken words inside its spoken twin; otherwise the whole part is one cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from podcast.pcm import Word
from podcast.speech import sentences

Cue = tuple[int, int, str]
"""Start and end in milliseconds, and the text shown."""


def shifted(words: Sequence[Word], shift_ms: int) -> tuple[Word, ...]:
    """``words`` moved ``shift_ms`` later."""
    return tuple(Word(w.text, w.start_ms + shift_ms, w.end_ms + shift_ms) for w in words)


def positions(spoken: str, words: Sequence[Word]) -> list[int]:
    """Where each timed word is in ``spoken``, each found after the one before (-1: not found).

    >>> positions("Halo, dunia.", [Word("Halo", 0, 5), Word("dunia", 6, 9), Word("x", 9, 9)])
    [0, 6, -1]
    """
    found, at = [], 0
    for word in words:
        index = spoken.find(word.text, at)
        found.append(index)
        if index >= 0:
            at = index + len(word.text)
    return found


def part_cues(shown: str, spoken: str, words: Sequence[Word]) -> list[Cue]:
    """The cues of one part: one per sentence when the sentences match, else one for it all."""
    if not words:
        return []
    whole = [(words[0].start_ms, words[-1].end_ms, shown)]
    written, said = sentences(shown), sentences(spoken)
    if len(written) != len(said) or len(written) < 2:
        return whole
    at = positions(spoken, words)
    cues = []
    for (a, b), (start, end) in zip(written, said, strict=True):
        inside = [w for w, i in zip(words, at, strict=True) if start <= i < end]
        if not inside:
            return whole
        cues.append((inside[0].start_ms, inside[-1].end_ms, shown[a:b]))
    return cues


def timed_parts(
    timeline: Sequence[tuple[int, int]],
    shown: Sequence[str],
    spoken: Sequence[str],
    words: Sequence[Sequence[Word]],
) -> tuple[tuple[tuple[int, int], ...], tuple[Cue, ...]]:
    """The timeline with every timed part from its first word to its last, and sentence cues.

    Parts without word timings keep their span and are one cue each; with no
    word timings at all there are no cues (the transcripts time whole parts).
    """
    if not any(words):
        return tuple(timeline), ()
    spans, cues = [], []
    for (start, end), text, said, timings in zip(timeline, shown, spoken, words, strict=True):
        if timings:
            start, end = max(start, timings[0].start_ms), min(end, timings[-1].end_ms)
        spans.append((start, end))
        found = part_cues(text, said, timings) or [(start, end, text)]
        cues += [(min(max(a, start), end), max(min(b, end), start), shown) for a, b, shown in found]
    return tuple(spans), tuple(cues)
