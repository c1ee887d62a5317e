"""Choose an article's title from evidence rather than position.

The first line is the title when it looks like a headline. When it is a menu,
the outlet's name, a one-word label, an ad label or a promotion, the title is
the headline-shaped line that the page itself marks as one: followed by the
byline, the date or the first paragraph, or repeated further down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from podcast.text.clean.blocks import wrapped
from podcast.text.clean.datelines import DATE_LINES, FIRST_DATELINES, OUTLET, strip_dateline
from podcast.text.clean.dates import MONTH, WEEKDAY, find_date
from podcast.text.clean.features import WORD, Kind, kind_of, measure, strip_widgets
from podcast.text.clean.repair import squash
from podcast.text.clean.rules import LINE_DROPS, ROLE

# A headline has this many words (fewer is a label or a menu item, more is prose).
HEADLINE_WORDS = (4, 30)
# A first line this short is the title only when a byline or a date follows it.
SHORT_TITLE_WORDS = 2
# How far into the page a headline is looked for, in non-empty lines.
HEAD_LINES = 40
# How many lines after a headline are read for the evidence that it is one.
EVIDENCE_LINES = 3
# A headline repeated within this many lines is marked as one by the page.
REPEAT_LINES = 6
# Datelines of the first paragraph that no headline opens with.
SURE_DATELINES = frozenset({"city (outlet) -", "city, outlet -", "city, date -", "CITY-"})
# A title made from a text without one: its first sentence, cut to this many words.
MADE_TITLE_WORDS = 12
# A sentence ends after a word, not after an initial or a title ("H. Iman", "Dr. Sari").
FIRST_SENTENCE = re.compile(r"(?<=[a-z0-9)\"”’]{2}[.!?])\s+(?=[A-Z\"“])")
# Evidence this strong (a byline or a date right after it) marks the first such line as the title.
STRONG = 2
LABEL = re.compile(
    r"(?i:fwd?|re|subject|subjek|video|foto|galeri|infografis|advertorial|sponsored|iklan)\s*:"
)
# A promotion says one of these, or two of the words a headline may also use.
PROMOTION = re.compile(r"(?i:\b(?:klik|click|subscribe|sign\s+up|adblock|daftar\s+sekarang)\b)")
SALES_WORDS = re.compile(
    r"(?i:\b(?:promo|diskon|langganan|berlangganan|gratis|download|unduh|premium|hemat)\b|!)"
)
BREADCRUMB = re.compile(r"\s[»›>/|•]\s|^[»›>]|\s[»›>]$")
BYLINE = re.compile(
    rf"(?i:(?:oleh|by|rep|red|posted|ditulis|dipublikasikan|published|tim)\b|{ROLE}\s*[,:]"
    r"|(?:redaksi|admin)$)"
)
CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT|AM|PM)\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d+\s+(?:detik|menit|jam|hari|minggu|bulan)\s+(?:yang\s+)?lalu\b|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b",
    re.IGNORECASE,
)


def choose_title(lines: Sequence[str]) -> int:
    """Index in lines of the article's title line (lines may hold blank ones)."""
    filled = [index for index, line in enumerate(lines) if line.strip()][:HEAD_LINES]
    texts = {index: squash(strip_widgets(lines[index])) for index in filled}
    first = filled[0]
    kept = [index for index in filled if texts[index]]
    prose = next((n for n, index in enumerate(kept) if kind_of(texts[index]) is Kind.GOOD), None)
    runs_on = {
        index
        for number, index in enumerate(kept)
        if not BYLINE.match(texts[kept[number + 1]] if number + 1 < len(kept) else "")
        and wraps([texts[later] for later in kept[number : number + 3]])
    }
    scores = {
        index: evidence([texts[later] for later in kept[number + 1 :]], texts[index])
        for number, index in enumerate(kept[:prose])
        if headline(texts[index]) and not promoted(texts[index]) and index not in runs_on
    }
    strong = [index for index, score in scores.items() if score >= STRONG]
    if first in scores and (scores[first] or not strong):
        return first
    if (
        headline(texts[first], SHORT_TITLE_WORDS)
        and not promoted(texts[first])
        and evidence([texts[later] for later in kept[1:]], texts[first]) >= STRONG
    ):
        return first
    if strong:
        return strong[0]
    if not any(scores.values()):
        shouted = (
            index
            for number, index in enumerate(kept[:prose])
            if measure(texts[index]).capitals
            and headline(texts[index], caps=True)
            and evidence([texts[later] for later in kept[number + 1 :]], texts[index])
        )
        found = next(shouted, None)
        if found is not None:
            return found
    best = max(scores, key=lambda index: (scores[index], index), default=first)
    return best if scores.get(best, 0) > 0 or prose is not None else first


def headline(text: str, low: int = HEADLINE_WORDS[0], *, caps: bool = False) -> bool:
    """True for a line shaped like a headline: a few words, mixed case, no closing full stop.

    With caps, a line in capitals may be one too (as printed newspapers set them).
    """
    high = HEADLINE_WORDS[1]
    found = measure(text)
    return (
        low <= len(text.split()) <= high
        and text[-1] not in ".,;:"
        and (caps or not found.capitals)
        and not found.english
        and not BREADCRUMB.search(text)
        and not CLOCK.search(text)
        and not dated(text)
        and text[-1] != ")"
        and found.chrome < 0.25
        and not any(pattern.fullmatch(text) for _, pattern in (*LINE_DROPS, *DATE_LINES))
        and not re.fullmatch(OUTLET, text)
    )


def dated(text: str) -> bool:
    """True for a line that is mostly a date: fewer than four words stand beside it."""
    if not find_date(text):
        return False
    rest = re.sub(rf"\d+|{WEEKDAY}|(?i:{MONTH})\b", " ", text)
    return len(WORD.findall(rest)) < 4


def promoted(text: str) -> bool:
    """True for a promotion or a call to act rather than a headline."""
    if PROMOTION.search(text) or LABEL.match(text) or measure(text).call:
        return True
    return len({found.lower() for found in SALES_WORDS.findall(text)}) >= 2


def opens(line: str) -> bool:
    """True for a line that opens with a dateline, as an article's first paragraph does."""
    return strip_dateline(line, first=True)[0] != line


def wraps(lines: Sequence[str]) -> bool:
    """True for hard-wrapped lines of prose: the next line runs on in lower case."""
    return (
        len(lines) > 1
        and lines[1][:1].islower()
        and wrapped(lines)
        and kind_of(" ".join(lines)) is Kind.GOOD
    )


def evidence(after: Sequence[str], text: str) -> int:
    """How many signs after a headline-shaped line mark it as the title."""
    score = 0
    read = 0
    for number, line in enumerate(after):
        if read == EVIDENCE_LINES:
            break
        if BYLINE.match(line) or find_date(line) or CLOCK.search(line) or opens(line):
            score += 2
        elif any(pattern.fullmatch(line) for _, pattern in LINE_DROPS):
            continue
        elif kind_of(line) is Kind.GOOD or wraps(after[number : number + 3]):
            score += 1
        elif headline(line):
            break
        read += 1
    if text in after[:REPEAT_LINES]:
        score += 2
    return score


def titled(line: str) -> bool:
    """False for a first line that is no headline: a byline, a dateline or a paragraph of prose.

    Scraped article texts often hold only the body; their first line is the lede.
    """
    text = squash(strip_widgets(line))
    if not text:
        return True
    if datelined(text) or any(pattern.fullmatch(text) for _, pattern in LINE_DROPS):
        return False
    if text.endswith(".") and kind_of(text) is Kind.GOOD:
        return False  # a sentence of prose, not a headline
    return len(text.split()) <= HEADLINE_WORDS[1]


def datelined(text: str) -> bool:
    """True for a line opening with a dateline no headline has: an outlet's, or a CITY's.

    ("Judul Baru: ..." or "Persib - Persija ..." may open a headline and stay titles.)
    """
    if strip_dateline(text, first=False)[0] != text:
        return True
    return any(pattern.match(text) for name, pattern in FIRST_DATELINES if name in SURE_DATELINES)


def make_title(lede: str) -> str:
    """A title for a text that has none: the first sentence of its lede, at most a dozen words."""
    words = FIRST_SENTENCE.split(lede, maxsplit=1)[0].split()
    if len(words) <= MADE_TITLE_WORDS:
        return " ".join(words).removesuffix(".")
    return " ".join(words[:MADE_TITLE_WORDS]).rstrip(",;:") + "…"
