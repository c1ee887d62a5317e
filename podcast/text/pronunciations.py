"""A pronunciation list: how the voice says words that the spoken-form rules leave as written.

A list is a plain UTF-8 file, one entry a line: the written form, a tab, how
to say it, and optionally a tab and the engines the entry is for
(``espeak`` or ``gtts,edge``; none: every engine). ``#`` starts a comment line.
A written form matches whole words only. Written in lower case it also
matches its Capitalised, Title Case and UPPER CASE forms, and the said form
takes the capital too; written with a capital letter (a name), it matches
only as written. A written form between slashes is a regular expression
(``/[Ss]marthome(s)?/``), also matched as whole words, whose said form may
use its groups (``\\1``).

The list applies to text after the spoken-form rules, again and again until
nothing changes, so a chain of entries ends in its last said form; an entry
whose said form is rewritten without end is refused when the list is read.
At each place the longest written form wins; an entry for one engine wins
over an entry for every engine, and a later entry over an earlier one with
the same written form (the project's list over the built-in one).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from podcast.errors import PronunciationError

DEFAULT_FILE = "pronunciations.tsv"
"""The project's list, beside podcast.toml, and the name of the built-in list."""
LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
GROUP_REFERENCE = re.compile(r"\\(?:(\d+)|g<(\w+)>)")


@dataclass(frozen=True)
class Entry:
    """One line of a list: a written form (a word, words, or /a pattern/) and how to say it."""

    written: str
    said: str
    engines: tuple[str, ...] = ()
    where: str = ""
    """The file and line it came from, for messages."""

    @property
    def pattern(self) -> bool:
        return len(self.written) > 2 and self.written[0] == self.written[-1] == "/"


@dataclass(frozen=True)
class Lexicon:
    """A pronunciation list: the built-in entries, then the project's."""

    entries: tuple[Entry, ...] = ()

    def engines(self) -> tuple[str, ...]:
        """The engines that entries are kept for."""
        return tuple(sorted({name for entry in self.entries for name in entry.engines}))


NO_PRONUNCIATIONS = Lexicon()


def parse_pronunciations(text: str, source: str, engines: Collection[str]) -> Lexicon:
    """The entries of a list read from ``source``; every bad line is named in one error."""
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        try:
            entry = _entry(line, where, engines)
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        key = (entry.written, entry.engines)
        if key in seen:
            problems.append(f"{where}: {entry.written!r} is already on line {seen[key]}")
            continue
        seen[key] = number
        entries.append(entry)
    if problems:
        raise PronunciationError("\n".join(problems))
    return Lexicon(tuple(entries))


def _entry(line: str, where: str, engines: Collection[str]) -> Entry:
    """One line as an entry, or ValueError saying what is wrong with it."""
    if "\t" not in line:
        raise ValueError(
            f"no tab between the written form and how to say it ({line.strip()!r});"
            " separate them with one tab"
        )
    columns = [column.strip() for column in line.split("\t")]
    if len(columns) > 3:
        raise ValueError("more than three columns: written form, how to say it, engines")
    written, said, named = (*columns, "")[:3]
    if not written:
        raise ValueError(f"the written side is empty (how to say it: {said!r})")
    if not said:
        raise ValueError(f"how to say {written!r} is empty")
    chosen = tuple(name.strip() for name in named.split(",") if name.strip())
    for name in chosen:
        if name not in engines:
            raise ValueError(f"{name!r} is not an engine; each one of: {', '.join(engines)}")
    entry = Entry(written, said, chosen, where)
    if entry.pattern:
        _check_pattern(entry)
    return entry


def _check_pattern(entry: Entry) -> None:
    """ValueError when a pattern entry does not compile, matches nothing, or names no group."""
    try:
        re.compile(entry.written[1:-1])
        compiled = whole_words(entry.written[1:-1])
    except re.error as error:
        raise ValueError(f"the pattern {entry.written} does not compile: {error}") from None
    if compiled.search(""):
        raise ValueError(f"the pattern {entry.written} matches empty text")
    for number, name in GROUP_REFERENCE.findall(entry.said):
        if (number and int(number) > compiled.groups) or (name and name not in compiled.groupindex):
            group = number or name
            raise ValueError(f"{entry.said!r} names group {group}, which {entry.written} lacks")


def whole_words(pattern: str) -> re.Pattern[str]:
    """``pattern`` matched as whole words; flags that open it stay in front."""
    flags = LEADING_FLAGS.match(pattern)
    lead = flags[0] if flags else ""
    return re.compile(rf"{lead}(?<!\w)(?:{pattern[len(lead) :]})(?!\w)")


def read_pronunciations(path: Path, engines: Collection[str], name: str = "") -> Lexicon:
    """The list in the file at ``path`` (named ``name`` in messages)."""
    source = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PronunciationError(f"{source}: cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PronunciationError(
            f"{source}:{line}: not UTF-8 text ({error.reason} at byte {error.start});"
            " save the list as UTF-8"
        ) from None
    return parse_pronunciations(text, source, engines)


@functools.cache
def builtin_pronunciations() -> Lexicon:
    """The built-in list: English words and foreign names in Indonesian news, respelled."""
    text = resources.files("podcast.text").joinpath(DEFAULT_FILE).read_text(encoding="utf-8")
    return parse_pronunciations(text, f"(built-in) {DEFAULT_FILE}", ())
