"""Decide which pieces of a page are the article, from their classes and their neighbours.

Boilerplate clusters at the head and the tail of a page; the article is the run
of prose between. The run opens at the first good paragraph (or at the first
dateline when only a few short lines stand before it, or at a short first
sentence that nothing but the article's own header stands before) and closes at the
article's closing credit, unless prose goes on after it. Inside the run a piece
stays unless it is chrome, or a short headline-like line among other chrome;
at the tail, lines that are not prose and calls to follow or to call go, but never
the article's first paragraph (a one-line notice that gives an e-mail or a hotline is prose).
When no paragraph is good, every piece that no rule dropped stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from podcast.text.clean.features import SENTENCE_END, Kind, headline_like, measure, numbered

# Up to this many short paragraphs before the first dateline are page furniture.
HEADER_PARAGRAPHS = 3
HEADER_WORDS = 40
# Lines of an article's own header: a short first paragraph right below them is its lede.
HEADER_RULES = frozenset(
    {
        "title", "date", "by", "by name", "role name", "name", "name | name", "name, outlet",
        "reporter", "role alone", "credit line", "role | role", "outlet alone", "empty",
        "reading time", "desk",
    }
)  # fmt: skip
LEDE_WORDS = 3
# A line this long in title case that ends no sentence is another article's headline.
STRAY_HEADLINE_WORDS = 8
TITLE_CASE = 0.8
# A headline is at most this long.
HEADLINE_WORDS = 15
# After a closing credit, this many good paragraphs mean the article goes on.
GOES_ON = 2
# A run of at least this many short lines carrying figures, led in by a colon or a
# heading, is a list of facts (results, prices, a ranking) that the article is made of.
FACT_LINES = 3
FACT_WORDS = 8
DIGIT = re.compile(r"\d")
# A run of at least this many lines behind one bullet, most of them headlines, is a list of links.
LINK_LINES = 3
BULLET = re.compile(r"[-•»·▪■►]\s")
# Numbered headings are the items of a list article when there are this many; one alone
# is a widget's or a teaser's.
NUMBERED_HEADINGS = 2
# What outlets say below their articles: help lines, thanks for reading, pleas to subscribe.
FOOTER = re.compile(
    r"\b(?:hubungi|menghubungi|hotline|call\s+center)\b.{0,120}\d"
    r"|terima\s+kasih\s+(?:telah|sudah)\s+membaca|dukung\s+jurnalisme|berlangganan"
    r"|\b(?:artikel|berita)\s+ini\s+(?:merupakan|adalah)\s+bagian\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """A candidate paragraph (rule None) or a dropped line, with what the cleaner saw of it."""

    text: str
    rule: str | None = None
    kind: Kind = Kind.BAD
    dateline: bool = False
    closes: bool = False


def decide(units: Sequence[Unit]) -> list[bool]:
    """For each unit, whether it is a paragraph of the article."""
    candidates = [index for index, unit in enumerate(units) if unit.rule is None]
    goods = [index for index in candidates if units[index].kind is Kind.GOOD]
    if not goods:
        return [unit.rule is None for unit in units]
    start = opening(units, candidates, goods[0])
    end = closing(units, start)
    facts = fact_lists(units)
    links = link_lists(units)
    headings = [index for index in candidates if numbered(units[index].text)]
    keep = [False] * len(units)
    for index in candidates:
        if start <= index < end:
            lone = index in headings and len(headings) < NUMBERED_HEADINGS
            keep[index] = index in facts or (
                not lone and index not in links and inside(units, index)
            )
    for index in reversed(range(start + 1, end)):
        if not keep[index]:
            continue
        if index in facts or not tail_junk(units[index]):
            break
        keep[index] = False
    return keep


def fact_lists(units: Sequence[Unit]) -> set[int]:
    """Indices of the lists of facts among units, with the line that leads into each.

    A list of facts is a run of short lines that each carry a figure (a score, a
    price, a rank), right after a line ending in a colon or a heading that follows
    prose. A list of links has no such lead-in, and its lines are headlines.
    """
    found: set[int] = set()
    index = 0
    while index < len(units):
        end = index
        while end < len(units) and fact(units[end]):
            end += 1
        if end - index >= FACT_LINES and index and leads_in(units, index - 1):
            found.update(range(index - 1, end))
        index = max(end, index + 1)
    return found


def link_lists(units: Sequence[Unit]) -> set[int]:
    """Indices of the bulleted lists of links: runs of lines behind one bullet, mostly headlines."""
    found: set[int] = set()
    index = 0
    while index < len(units):
        mark = BULLET.match(units[index].text)
        end = index + 1
        while mark and end < len(units) and units[end].text.startswith(mark.group()):
            end += 1
        run = units[index:end]
        if end - index >= LINK_LINES and sum(map(headline_like_text, run)) > len(run) / 2:
            found.update(range(index, end))
        index = end
    return found


def headline_like_text(unit: Unit) -> bool:
    """True for a unit whose text ends no sentence."""
    return headline_like(unit.text)


def fact(unit: Unit) -> bool:
    """True for a short line that carries a figure and no rule dropped."""
    return (
        unit.rule is None
        and bool(DIGIT.search(unit.text))
        and not unit.text.endswith(":")
        and len(unit.text.split()) <= FACT_WORDS
        and (unit.kind is not Kind.BAD or measure(unit.text).capitals)
    )


def leads_in(units: Sequence[Unit], index: int) -> bool:
    """True for a line that introduces a list: it ends in a colon, or is a heading after prose."""
    unit = units[index]
    if unit.rule is not None or unit.kind is Kind.BAD:
        return False
    if unit.text.endswith(":"):
        return True
    return short_line(unit) and index > 0 and prose(units[index - 1])


def opening(units: Sequence[Unit], candidates: Sequence[int], first_good: int) -> int:
    """Index of the article's first paragraph."""
    datelines = [index for index in candidates if units[index].dateline]
    if datelines and datelines[0] <= first_good:
        return datelines[0]
    if datelines:
        before = [index for index in candidates if first_good <= index < datelines[0]]
        if len(before) <= HEADER_PARAGRAPHS and all(
            len(units[index].text.split()) <= HEADER_WORDS for index in before
        ):
            return datelines[0]
    lede = candidates[0]
    if (
        lede < first_good
        and sentence(units[lede])
        and all(unit.rule in HEADER_RULES for unit in units[:lede])
    ):
        return lede
    return first_good


def closing(units: Sequence[Unit], start: int) -> int:
    """Index just past the article's last paragraph: its closing credit, or the page's end.

    The article goes on past a closing line when good prose follows further
    down, and past the writer's initials when prose follows them at once (an
    edit appended below them).
    """
    for index in range(start, len(units)):
        if not units[index].closes:
            continue
        later = units[index + 1 :]
        good = sum(
            1 for unit in later if prose(unit) and unit.kind is Kind.GOOD and not footer(unit)
        )
        signed = units[index].rule in (None, "initials", "credit")
        if good < GOES_ON and not (signed and later and reads_on(later[0])):
            return index + (units[index].rule is None)
    return len(units)


def inside(units: Sequence[Unit], index: int) -> bool:
    """Whether a candidate inside the article's run is prose."""
    unit = units[index]
    if unit.kind is Kind.BAD:
        return False
    if listed(units, index):
        return True
    if asked_among_links(units, index) or stray_headline(unit):
        return False
    if unit.kind is not Kind.SHORT or not headline_like(unit.text):
        return True
    return all(prose(units[near]) for near in (index - 1, index + 1) if 0 <= near < len(units))


def stray_headline(unit: Unit) -> bool:
    """True for another article's headline left in the body: long, in title case, unfinished.

    A section's subheading is short; a line of eight words or more, nearly every one
    capitalised and no sentence ended, is a link to another article whose label was lost.
    """
    words = unit.text.split()
    capitalised = sum(word[:1].isupper() for word in words if len(word) > 3)
    return (
        headline_like(unit.text)
        and len(words) >= STRAY_HEADLINE_WORDS
        and capitalised >= TITLE_CASE * sum(len(word) > 3 for word in words)
        and not measure(unit.text).capitals
    )


def asked_among_links(units: Sequence[Unit], index: int) -> bool:
    """True for a headline ending in ? or ! between two headline-like lines: a list of links."""
    unit = units[index]
    return (
        unit.text[-1:] in ("?", "!")
        and len(unit.text.split()) <= HEADLINE_WORDS
        and 0 < index < len(units) - 1
        and all(short_line(units[near]) for near in (index - 1, index + 1))
    )


def listed(units: Sequence[Unit], index: int) -> bool:
    """True for an item of a list that a line ending in a colon leads into."""
    before = index - 1
    while before >= 0 and units[before].rule is None and short_line(units[before]):
        before -= 1
    lead = units[before] if before >= 0 else None
    return (
        short_line(units[index])
        and lead is not None
        and lead.rule is None
        and lead.kind is not Kind.BAD
        and lead.text.endswith(":")
    )


def short_line(unit: Unit) -> bool:
    """True for a short line that does not end a sentence, as list items and headlines are."""
    return unit.kind is Kind.SHORT and headline_like(unit.text)


def prose(unit: Unit) -> bool:
    """True for a candidate that reads as a paragraph of prose."""
    return unit.rule is None and unit.kind in (Kind.GOOD, Kind.NEAR)


def reads_on(unit: Unit) -> bool:
    """True for a candidate that ends a sentence and is not the page's footer."""
    return (
        unit.rule is None
        and unit.kind is not Kind.BAD
        and not headline_like(unit.text)
        and not footer(unit)
    )


def sentence(unit: Unit) -> bool:
    """True for a candidate of three words or more that ends a sentence and is not a footer."""
    return (
        unit.kind is not Kind.BAD
        and len(unit.text.split()) >= LEDE_WORDS
        and bool(SENTENCE_END.search(unit.text))
        and not footer(unit)
    )


def promotion(unit: Unit) -> bool:
    """True for a call to follow, download or get in touch, however well written."""
    found = measure(unit.text)
    return found.call or found.contact


def footer(unit: Unit) -> bool:
    """True for a page's footer prose: a call to act, a help line, thanks or a plea to subscribe."""
    return promotion(unit) or bool(FOOTER.search(unit.text))


def tail_junk(unit: Unit) -> bool:
    """True for a kept paragraph that, at the article's end, is page matter rather than prose."""
    return promotion(unit) or (unit.kind is Kind.SHORT and headline_like(unit.text))
