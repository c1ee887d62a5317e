"""Tell article prose from the boilerplate that news sites wrap around it.

The cleaner runs ordered tables (in clean_rules): whole-line drops, list headers whose
headline lists go too, and prefixes or suffixes glued to a paragraph; the
datelines and date lines are in clean_datelines, calendar dates in clean_dates
and the repair of broken text in clean_text. Adding a rule is one row and one
golden case in tests/data/clean/. Every rule is anchored and specific: when no
rule is sure, the text stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from podcast.text.clean_datelines import (
    DATE_LINES,
    DATELINE_LINES,
    strip_dateline,
)
from podcast.text.clean_dates import find_date
from podcast.text.clean_rules import (
    HEADER_PARAGRAPHS,
    HEADER_WORDS,
    HEADLINE_WORDS,
    LINE_DROPS,
    LIST_HEADERS,
    NAME,
    PREFIXES,
    ROLE_LINE,
    SUFFIXES,
)
from podcast.text.clean_text import squash


@dataclass(frozen=True)
class Cleaned:
    """Paragraphs of prose and what the boilerplate around them told about the article."""

    paragraphs: tuple[str, ...]
    outlet: str | None = None
    city: str | None = None
    date: date | None = None
    dropped_lines: int = 0


@dataclass(frozen=True)
class Block:
    """Consecutive kept lines, or the mark of a dropped line that heads a list."""

    lines: tuple[str, ...]
    after_header: bool = False


def matching(rules: Iterable[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    """Name of the first rule whose pattern matches all of text, or None."""
    return next((name for name, pattern in rules if pattern.fullmatch(text)), None)


def headline_like(text: str) -> bool:
    """True for a short line without a closing full stop, as headlines and tags are."""
    return len(text.split()) <= HEADLINE_WORDS and text[-1] not in '.,;:!?"”’…'


def split_blocks(lines: Sequence[str], title: str) -> tuple[list[Block], list[str], int]:
    """Group kept lines into blocks; also return dropped lines with a date and the drop count."""
    names = {index for index, line in enumerate(lines) if ROLE_LINE.fullmatch(line.strip())}
    names = {
        near
        for index in names
        for near in (index - 1, index + 1)
        if 0 <= near < len(lines) and NAME.fullmatch(lines[near].strip())
    }
    blocks: list[Block] = []
    current: list[str] = []
    after_header = False
    dated: list[str] = []
    dropped = 0
    for index, raw in enumerate(lines):
        line = squash(raw)
        header = bool(line) and matching(LIST_HEADERS, line) is not None
        if (
            line
            and not header
            and index not in names
            and squash(title).casefold() != line.casefold()
        ):
            if matching(DATELINE_LINES, line):
                blocks.extend(Block(tuple(lines)) for lines in (current, [line]) if lines)
                current = []
                continue
            if matching(DATE_LINES, line):
                dated.append(line)
            elif not matching(LINE_DROPS, line):
                current.append(line)
                continue
        dropped += bool(line)
        if current:
            blocks.append(Block(tuple(current), after_header))
            current = []
            after_header = False
        after_header = after_header or header
    if current:
        blocks.append(Block(tuple(current), after_header))
    return blocks, dated, dropped


def strip_glued(text: str) -> str:
    """Remove boilerplate glued to the start or the end of a paragraph."""
    while True:
        before = text
        for _, pattern in PREFIXES:
            text = pattern.sub("", text, count=1) if pattern.match(text) else text
        for _, pattern in SUFFIXES:
            text = pattern.sub("", text, count=1)
        text = text.strip()
        if text == before:
            return text


def clean_lines(lines: Sequence[str], title: str, *, joined: bool = True) -> Cleaned:
    """Keep the prose among lines: drop boilerplate lines, join wrapped lines, strip glued text.

    With joined, consecutive lines form one paragraph (hard-wrapped text);
    without, each line is a paragraph of its own (text taken from HTML).
    """
    blocks, dated, dropped = split_blocks(lines, title)
    cleaned = Cleaned(
        (), dropped_lines=dropped, date=next(filter(None, map(find_date, dated)), None)
    )
    in_list = False
    for block in blocks:
        in_list = block.after_header or in_list
        texts = [" ".join(block.lines)] if joined else list(block.lines)
        for raw in texts:
            if in_list and headline_like(raw):
                cleaned = replace(cleaned, dropped_lines=cleaned.dropped_lines + 1)
                continue
            in_list = False
            cleaned = keep_paragraph(cleaned, raw, title)
    return cleaned


def keep_paragraph(cleaned: Cleaned, text: str, title: str) -> Cleaned:
    """Add text to cleaned unless it is boilerplate; note the outlet and city its dateline names."""
    first = not cleaned.paragraphs and cleaned.outlet is None and cleaned.city is None
    text, outlet, city = strip_dateline(text, first)
    if outlet and cleaned.outlet is None and header_matter(cleaned.paragraphs):
        dropped = cleaned.dropped_lines + len(cleaned.paragraphs)
        cleaned = replace(cleaned, paragraphs=(), dropped_lines=dropped)
    if outlet or city:
        cleaned = replace(cleaned, outlet=cleaned.outlet or outlet, city=cleaned.city or city)
    text = strip_glued(text)
    if not text or matching(LINE_DROPS, text) or text.casefold() == squash(title).casefold():
        return cleaned
    return replace(cleaned, paragraphs=(*cleaned.paragraphs, text))


def header_matter(paragraphs: Sequence[str]) -> bool:
    """True when the paragraphs kept before the outlet's dateline are few and short."""
    return 0 < len(paragraphs) <= HEADER_PARAGRAPHS and all(
        len(paragraph.split()) <= HEADER_WORDS for paragraph in paragraphs
    )
