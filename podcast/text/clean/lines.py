"""Tell article prose from the boilerplate that news sites wrap around it.

Two layers. The tables in clean_rules (and the datelines and date lines in
clean_datelines) drop what is certain: bylines, credits, ads, share rows, related
lists. Then every remaining piece is classed by what it looks like
(clean_features: length, sentence ends, stop-word density, capitals, chrome
words, English, calls to act) and kept or dropped by where it stands
(clean_classify: the article is the run of prose between the page's head and
its tail). Paragraph breaks are decided per block (clean_blocks). When unsure,
the text stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from podcast.text.clean.blocks import matching, pieces
from podcast.text.clean.classify import Unit, decide
from podcast.text.clean.datelines import strip_dateline
from podcast.text.clean.dates import find_date
from podcast.text.clean.features import Kind, headline_like, kind_of
from podcast.text.clean.repair import squash
from podcast.text.clean.rules import CLOSING, LINE_DROPS, PREFIXES, SUFFIXES


@dataclass(frozen=True)
class Cleaned:
    """Paragraphs of prose and what the boilerplate around them told about the article."""

    paragraphs: tuple[str, ...]
    outlet: str | None = None
    city: str | None = None
    date: date | None = None
    dropped_lines: int = 0


def strip_glued(text: str) -> tuple[str, bool]:
    """Remove boilerplate glued to a paragraph's ends; say whether a credit closed it."""
    closed = False
    while True:
        before = text
        for _, pattern in PREFIXES:
            text = pattern.sub("", text, count=1) if pattern.match(text) else text
        for name, pattern in SUFFIXES:
            text, count = pattern.subn("", text, count=1)
            closed = closed or (count > 0 and name in CLOSING)
        text = text.strip()
        if text == before:
            return text, closed


def clean_lines(lines: Sequence[str], title: str, *, joined: bool = True) -> Cleaned:
    """Keep the prose among lines: drop boilerplate, break paragraphs, strip glued text.

    With joined, a block's lines may form one paragraph (hard-wrapped text);
    without, each line is a paragraph of its own (text taken from HTML).
    """
    units: list[Unit] = []
    outlet: str | None = None
    city: str | None = None
    dates: list[str] = []
    in_list = False
    opened = False
    for piece in pieces(lines, title, joined):
        if piece.rule is not None:
            dates += [piece.text] if piece.rule == "date" else []
            units.append(Unit(piece.text, piece.rule, closes=piece.rule in CLOSING))
            continue
        in_list = piece.after_header or in_list
        if in_list and headline_like(piece.text):
            units.append(Unit(piece.text, "list item"))
            continue
        in_list = False
        kind = kind_of(piece.text)
        first = not opened and kind is not Kind.BAD and not headline_like(piece.text)
        text, found_outlet, found_city = strip_dateline(piece.text, first)
        outlet, city = outlet or found_outlet, city or found_city
        dateline = text != piece.text
        opened = opened or kind is Kind.GOOD or dateline
        text, closed = strip_glued(text)
        rule = "empty" if not text else matching(LINE_DROPS, text)
        if text.casefold() == squash(title).casefold():
            rule = "title"
        units.append(Unit(text, rule, kind, dateline, closed or rule in CLOSING))
    keep = decide(units)
    paragraphs = tuple(unit.text for unit, kept in zip(units, keep, strict=True) if kept)
    return Cleaned(
        paragraphs,
        outlet=outlet,
        city=city,
        date=next(filter(None, map(find_date, dates)), None),
        dropped_lines=sum(1 for unit in units if unit.text) - len(paragraphs),
    )
