"""Split Indonesian paragraphs into chunks of at most 100 characters for Google's voice.

Google speaks at most 100 characters per request, and every request boundary
is heard as a short gap. So a paragraph becomes the fewest chunks that avoid
weak break points: a chunk may end at any space, but breaks after an
abbreviation count worst, then plain spaces, then clause boundaries (comma,
semicolon, colon, dash); sentence ends are free. Among equally good splits,
earlier chunks are as long as they can be. Splitting only at spaces keeps
numbers (``10.000``, ``3,5``), times (``14.30``), abbreviations (``S.H.``)
and dates in parentheses (``(20/12)``) whole.
"""

from __future__ import annotations

import itertools
import re

MAX_CHARS = 100

ABBREVIATIONS = frozenset(
    {
        *("a.n", "bpk", "dr", "drg", "dra", "drs", "gg", "h", "hj", "hlm", "ibu", "ir"),
        *("jend", "jl", "jln", "kab", "kapt", "kec", "kel", "kh", "kol", "mr", "mrs"),
        *("ms", "no", "nn", "prof", "rp", "sdr", "sdri", "st", "tn", "tbk", "telp", "yth"),
    }
)
"""Words that end in a period without ending a sentence, lowercased, without the period."""

CLOSERS = "\"'”’»)]"
SENTENCE_END = re.compile(rf"[.!?…][{re.escape(CLOSERS)}]*$")
CLAUSE_END = re.compile(rf"(?:[,;:]|[-–—]+)[{re.escape(CLOSERS)}]*$")
INITIALS = re.compile(r"^(?:[A-Za-z][a-z]{0,2}\.)+$")
SENTENCE_START = re.compile(r"^[\"'“‘«(\[]*[A-Z0-9]")

SENTENCE, CLAUSE, SPACE, ABBREVIATION = 0, 1, 2, 3
"""Break strengths, strongest first."""


def chunk(paragraph: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split ``paragraph`` at spaces into chunks of at most ``max_chars`` characters.

    A single word longer than ``max_chars`` becomes a chunk of its own.

    >>> chunk("Pertemuan dimulai pukul 14.30 WIB. Presiden hadir.", 40)
    ['Pertemuan dimulai pukul 14.30 WIB.', 'Presiden hadir.']
    """
    words = paragraph.split()
    if not words:
        return []
    breaks = [strength(left, right) for left, right in itertools.pairwise(words)]
    # best[i]: the cheapest way to speak words[i:], as (cost, end of its first chunk).
    # A cost counts breaks by strength, weakest first, then the number of chunks.
    best: list[tuple[tuple[int, ...], int]] = [((0, 0, 0, 0), len(words))] * (len(words) + 1)
    for start in range(len(words) - 1, -1, -1):
        choice: tuple[tuple[int, ...], int] | None = None
        length = -1
        for end in range(start + 1, len(words) + 1):
            length += len(words[end - 1]) + 1
            if length > max_chars and end > start + 1:
                break
            rest, _ = best[end]
            cost = list(rest)
            if end < len(words):
                kind = breaks[end - 1]
                if kind != SENTENCE:
                    cost[ABBREVIATION - kind] += 1
            cost[3] += 1
            candidate = (tuple(cost), end)
            if choice is None or candidate[0] <= choice[0]:
                choice = candidate
        assert choice is not None
        best[start] = choice
    chunks = []
    start = 0
    while start < len(words):
        end = best[start][1]
        chunks.append(" ".join(words[start:end]))
        start = end
    return chunks


def strength(left: str, right: str) -> int:
    """How good a break the space between the words ``left`` and ``right`` is.

    >>> [strength("Jl.", "Sudirman"), strength("kata", "dia"), strength("Miami,", "AS")]
    [3, 2, 1]
    >>> strength("positif.", "Pertemuan")
    0
    """
    if is_abbreviation(left):
        return ABBREVIATION
    if SENTENCE_END.search(left) and SENTENCE_START.match(right):
        return SENTENCE
    if CLAUSE_END.search(left):
        return CLAUSE
    return SPACE


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` is a title or short form whose period ends no sentence.

    >>> [is_abbreviation(w) for w in ("Prof.", "S.H.", "H.", "(Jl.", "AS.", "Miami.")]
    [True, True, True, True, False, False]
    """
    core = word.lstrip("\"'“‘«([")
    if not core.endswith("."):
        return False
    if core[:-1].lower() in ABBREVIATIONS:
        return True
    return bool(INITIALS.match(core)) and (len(core) <= 2 or core.count(".") > 1)


def sentences(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends, as character offsets.

    >>> text = "Api padam. Tidak ada korban, kata Kapolres."
    >>> [text[a:b] for a, b in sentences(text)]
    ['Api padam.', 'Tidak ada korban, kata Kapolres.']
    """
    words, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        at = start + len(word)
        words.append((start, at))
    if not words:
        return []
    spans, first = [], words[0][0]
    for (a, b), (c, d) in itertools.pairwise(words):
        if strength(text[a:b], text[c:d]) == SENTENCE:
            spans.append((first, b))
            first = c
    return [*spans, (first, words[-1][1])]
