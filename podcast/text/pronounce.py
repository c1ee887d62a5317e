"""The pronunciation list applied: to one text, to an episode's parts, for each engine.

See ``podcast.text.pronunciations`` for the list's format and how it matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from podcast.errors import PronunciationError
from podcast.text.pronunciations import (
    DEFAULT_FILE,
    NO_PRONUNCIATIONS,
    Entry,
    Lexicon,
    builtin_pronunciations,
    read_pronunciations,
    whole_words,
)

Voiced = tuple[tuple[str, tuple[str, ...]], ...]
"""Per engine, the parts as that engine says them, where its own entries change them."""


def project_pronunciations(
    root: Path, file: str, builtin: bool, engines: Collection[str], config: str = "podcast.toml"
) -> Lexicon:
    """The list a project speaks with: the built-in one (unless switched off), then its own.

    ``file`` is relative to ``root``; when it is the default name and missing,
    the project has no list of its own, and when it is another name, that is
    an error. The whole list is checked for entries that never settle.
    """
    own = NO_PRONUNCIATIONS
    path = root / file if file else None
    if path is not None and path.exists():
        own = read_pronunciations(path, engines, file)
    elif path is not None and file != DEFAULT_FILE:
        raise PronunciationError(f"{config}: [speech] pronunciations {file!r}: no such file")
    lexicon = Lexicon((builtin_pronunciations().entries if builtin else ()) + own.entries)
    check_settles(lexicon)
    return lexicon


@dataclass(frozen=True)
class _Rules:
    """One engine's entries, compiled: one alternation of every word, then each pattern."""

    words: re.Pattern[str] | None
    said: dict[str, tuple[str, Entry]]
    patterns: tuple[tuple[re.Pattern[str], Entry], ...]
    size: int


@functools.lru_cache(maxsize=64)
def _rules(lexicon: Lexicon, engine: str | None) -> _Rules:
    chosen: dict[str, Entry] = {}
    for entry in lexicon.entries:
        if not entry.engines:
            chosen[entry.written] = entry
    for entry in lexicon.entries:
        if engine in entry.engines:
            chosen[entry.written] = entry
    words = [entry for entry in chosen.values() if not entry.pattern]
    shaped = {
        shape(entry.written): (said_shape(entry.said), entry)
        for entry in words
        if entry.written == entry.written.lower()
        for shape, said_shape in SHAPES
    }
    said = {**shaped, **{entry.written: (entry.said, entry) for entry in words}}
    alternatives = sorted(said, key=lambda written: (-len(written), written))
    joined = "|".join(r"\s+".join(map(re.escape, written.split())) for written in alternatives)
    compiled = re.compile(rf"(?<!\w)(?:{joined})(?!\w)") if joined else None
    patterns = tuple((whole_words(e.written[1:-1]), e) for e in chosen.values() if e.pattern)
    return _Rules(compiled, said, patterns, len(chosen))


def _shaped(said: str) -> str:
    """The said form for a written form that opens with a capital."""
    return said[:1].upper() + said[1:]


def _titled(said: str) -> str:
    """The said form for a written form in Title Case."""
    return " ".join(_shaped(word) for word in said.split(" "))


SHAPES = ((str.title, _titled), (str.capitalize, _shaped), (str.upper, _shaped))
"""How a lower-case entry's written form is also written, and its said form then: a
Capitalised word wins over Title Case where the two are one."""


def _once(text: str, rules: _Rules, fired: list[Entry]) -> str:
    """``text`` with every entry applied once, noting the entries that changed something."""

    def word(match: re.Match[str]) -> str:
        said, entry = rules.said[" ".join(match[0].split())]
        fired.append(entry)
        return said

    def pattern(entry: Entry) -> Callable[[re.Match[str]], str]:
        def expand(match: re.Match[str]) -> str:
            fired.append(entry)
            return match.expand(entry.said)

        return expand

    if rules.words is not None:
        text = rules.words.sub(word, text)
    for compiled, entry in rules.patterns:
        text = compiled.sub(pattern(entry), text)
    return text


def respell(text: str, lexicon: Lexicon, engine: str | None = None) -> str:
    """``text`` as the list (its entries for every engine, and for ``engine``) says it.

    >>> respell("Startup itu online.", Lexicon((Entry("online", "onlain"),
    ...     Entry("startup", "startap"))))
    'Startap itu onlain.'
    """
    if not lexicon.entries:
        return text
    settled, fired, trail = _settle(text, _rules(lexicon, engine))
    if settled is None:
        raise PronunciationError(_loop(fired[0], fired, trail))
    return settled


def _settle(text: str, rules: _Rules) -> tuple[str | None, list[Entry], list[str]]:
    """``text`` once the entries change nothing more (None when they never stop), the
    entries that fired and the texts on the way."""
    trail, fired = [text], list[Entry]()
    for _ in range(rules.size + 2):
        changed = _once(text, rules, fired)
        if changed == text:
            return text, fired, trail
        trail.append(changed)
        text = changed
    return None, fired, trail


def _loop(entry: Entry, fired: Sequence[Entry], trail: Sequence[str]) -> str:
    """Say that ``entry``'s output is rewritten without end, and by which entries."""
    others = [other.where for other in dict.fromkeys(fired) if other != entry]
    by = f" with {', '.join(others)}" if others else ""
    steps = " -> ".join(repr(step) for step in trail[:3])
    return (
        f"{entry.where}: {entry.written!r} -> {entry.said!r} loops{by}: its output is"
        f" rewritten again without end ({steps} -> ...)"
    )


def check_settles(lexicon: Lexicon) -> None:
    """PronunciationError for every entry whose said form the list rewrites without end."""
    problems: list[str] = []
    for engine in (None, *lexicon.engines()):
        rules = _rules(lexicon, engine)
        entries = {entry for _, entry in rules.said.values()}
        for entry in sorted(entries, key=lambda entry: entry.where):
            settled, fired, trail = _settle(entry.said, rules)
            if settled is None and (problem := _loop(entry, fired, trail)) not in problems:
                problems.append(problem)
    if problems:
        raise PronunciationError("\n".join(problems))


def pronounced(texts: Sequence[str], lexicon: Lexicon) -> tuple[tuple[str, ...], Voiced]:
    """The spoken ``texts`` as the list says them for every engine, and for each engine it names.

    The second value holds only the engines whose own entries change a text.
    """
    every = tuple(respell(text, lexicon) for text in texts)
    voiced = []
    for engine in lexicon.engines():
        own = tuple(respell(text, lexicon, engine) for text in texts)
        if own != every:
            voiced.append((engine, own))
    return every, tuple(voiced)
