"""Lines to pieces: drop the lines a rule is sure of, and decide each block's paragraph breaks.

A block is a run of lines without a blank or dropped line between them. Short
lines of even width that run on without ending their sentences were wrapped and
are joined; long lines that each end a sentence are paragraphs of their own, as
text copied from a web page without blank lines has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from podcast.text.clean.datelines import DATE_LINES, DATELINE_LINES
from podcast.text.clean.features import SENTENCE_END, strip_widgets
from podcast.text.clean.repair import squash
from podcast.text.clean.rules import LINE_DROPS, LIST_HEADERS, NAME, ROLE_LINE

# Hard-wrapped text is at least this wide and at most this wide.
MIN_WRAP = 40
WRAP_WIDTH = 100
# A line this long that ends a sentence is a paragraph when the page writes one per line.
PARAGRAPH_LINE = 60
# A line that starts a list item is a paragraph of its own.
LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-•*–])\s+\S")
# A line that ends on one of these words goes on in the next line.
RUN_ON_WORDS = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "pada",
        "dalam",
        "bahwa",
        "oleh",
        "serta",
    ]
)


@dataclass(frozen=True)
class Piece:
    """A candidate paragraph, or a line that a rule dropped (named by rule)."""

    text: str
    rule: str | None = None
    after_header: bool = False


@dataclass(frozen=True)
class Block:
    """Consecutive kept lines; after_header when a list header stands right before them."""

    lines: tuple[str, ...]
    after_header: bool = False


def matching(rules: Iterable[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    """Name of the first rule whose pattern matches all of text, or None."""
    return next((name for name, pattern in rules if pattern.fullmatch(text)), None)


def label_lines(lines: Sequence[str], title: str) -> list[Block | Piece]:
    """Blocks of kept lines in order, with a Piece for every line a rule dropped."""
    roles = {index for index, line in enumerate(lines) if ROLE_LINE.fullmatch(line.strip())}
    names = {
        near
        for index in roles
        for near in (index - 1, index + 1)
        if 0 <= near < len(lines) and NAME.fullmatch(lines[near].strip())
    }
    items: list[Block | Piece] = []
    current: list[str] = []
    after_header = False
    summary = False
    for index, raw in enumerate(lines):
        line = squash(strip_widgets(raw))
        rule = line_rule(line, title, index in names) if line else "blank"
        summary = (summary and rule != "blank") or rule == "header summary"
        rule = "summary" if summary and rule != "header summary" else rule
        if rule == "dateline line":
            items.extend(Block(tuple(part)) for part in (current, [line]) if part)
            current = []
            continue
        if rule is None:
            current.append(line)
            continue
        if current:
            items.append(Block(tuple(current), after_header))
            current = []
            after_header = False
        after_header = after_header or rule.startswith("header")
        if rule != "blank":
            items.append(Piece(line, rule))
    if current:
        items.append(Block(tuple(current), after_header))
    return items


def line_rule(line: str, title: str, name: bool) -> str | None:
    """Why a whole line is not prose, or None when no rule is sure that it is not."""
    header = matching(LIST_HEADERS, line)
    if header:
        return f"header {header}"
    if name:
        return "name"
    if line.casefold() == squash(title).casefold():
        return "title"
    if matching(DATELINE_LINES, line):
        return "dateline line"
    if matching(DATE_LINES, line):
        return "date"
    return matching(LINE_DROPS, line)


def by_line(blocks: Iterable[Block]) -> bool:
    """True when the page writes a paragraph per line: a block of three or more such lines."""
    return any(
        len(block.lines) >= 3
        and not wrapped(block.lines)
        and sum(map(paragraph_line, block.lines)) >= 2
        for block in blocks
    )


def paragraph_line(line: str) -> bool:
    """True for a line long enough to be a paragraph that ends a sentence."""
    return len(line) >= PARAGRAPH_LINE and bool(SENTENCE_END.search(line))


def wrapped(lines: Sequence[str]) -> bool:
    """True for lines hard-wrapped at an even width: they run on and the last is no wider."""
    if len(lines) < 2:
        return True
    width = max(map(len, lines[:-1]))
    ended = sum(bool(SENTENCE_END.search(line)) for line in lines[:-1])
    return (
        MIN_WRAP <= width <= WRAP_WIDTH
        and len(lines[-1]) <= width + 5
        and all(len(line) >= 0.6 * width for line in lines[:-1])
        and (ended == 0 if len(lines) == 2 else ended <= (len(lines) - 1) / 2)
    )


def paragraphs(lines: Sequence[str], joined: bool, per_line: bool) -> list[str]:
    """The paragraphs of one block: joined when wrapped, else one per line with run-ons joined."""
    if not joined:
        return list(lines)
    if any(LIST_ITEM.match(line) for line in lines[1:]):
        at = next(number for number, line in enumerate(lines) if number and LIST_ITEM.match(line))
        return [*paragraphs(lines[:at], joined, per_line), *paragraphs(lines[at:], False, per_line)]
    if wrapped(lines):
        return [" ".join(lines)]
    if len(lines) == 2 and not per_line and all(SENTENCE_END.search(line) for line in lines):
        return [" ".join(lines)]
    found: list[str] = []
    for line in lines:
        if (
            found
            and not SENTENCE_END.search(found[-1])
            and (line[:1].islower() or runs_on(found[-1]))
        ):
            found[-1] = f"{found[-1]} {line}"
        else:
            found.append(line)
    return found


def runs_on(line: str) -> bool:
    """True for a line that stops mid-sentence: on a comma, a dash or a conjunction."""
    return line[-1] in ",;-–—(" or line.rsplit(None, 1)[-1].lower() in RUN_ON_WORDS


def pieces(lines: Sequence[str], title: str, joined: bool) -> list[Piece]:
    """Every candidate paragraph and every dropped line of lines, in order."""
    items = label_lines(lines, title)
    per_line = by_line(item for item in items if isinstance(item, Block))
    found: list[Piece] = []
    for item in items:
        if isinstance(item, Piece):
            found.append(item)
            continue
        for number, text in enumerate(paragraphs(item.lines, joined, per_line)):
            found.append(Piece(text, after_header=item.after_header and number == 0))
    return found
