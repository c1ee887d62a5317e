"""The marks around words: punctuation, brackets, links, handles and degrees.

Rules of the spoken form (see ``podcast.text.spoken.aloud``) that decide where a
voice pauses and what it leaves out, rather than how it reads a word.
"""

from __future__ import annotations

import re

import podcast.text.spoken.patterns as patterns
from podcast.text.spoken.codes_tables import DOMAIN_WORDS
from podcast.text.spoken.numbers import digit_words, letter_words
from podcast.text.spoken.tables import SPELLED, VOWELS

Match = re.Match[str]

# Short consonant-only labels of an address are spelled ("bps" -> "be pe es").
MAX_SPELLED_LABEL = 4
SPELLED_LABELS = {acronym.lower() for acronym in SPELLED}

# Curly apostrophes become straight ones; subscript digits ("CO₂") plain digits.
PLAIN_CHARACTERS = str.maketrans("‘’‚‛₀₁₂₃₄₅₆₇₈₉", "''''0123456789")


def tidy_punctuation(text: str) -> str:
    """Drop quotes and emoji; turn dashes, bullets and ellipses into pauses; close up marks."""
    text = patterns.EMOJI.sub("", patterns.INVISIBLE.sub("", text))
    text = patterns.QUOTES.sub("", text).translate(PLAIN_CHARACTERS)
    text = patterns.ELLIPSIS.sub(_ellipsis, text)
    text = patterns.LONG_DASH.sub(", ", text)
    text = patterns.SPACED_DASH.sub(_spaced_dash, text)
    text = patterns.BULLET.sub(". ", text)
    text = patterns.SPACE_BEFORE_MARK.sub("", text)
    return text.replace("–", "-")


def _ellipsis(match: Match) -> str:
    rest = match.string[match.end() :]
    return ". " if not rest or rest[0].isupper() else ", "


def _spaced_dash(match: Match) -> str:
    """A spaced dash is a pause, except between numbers (a range)."""
    if match["left"].isdigit() and (match["right"].isdigit() or match["right"] in "R$€"):
        return match[0]
    return match["left"] + ", "


def speak_links(text: str) -> str:
    """Read e-mail addresses and URLs (domain only) with "et" and "titik"."""
    text = patterns.EMAIL.sub(
        lambda m: f" {_spoken_address(m[1], local=True)} et {_spoken_address(m[2])} ", text
    )
    return patterns.URL.sub(lambda m: f" {_spoken_address(m[1])} ", text)


def _spoken_address(address: str, *, local: bool = False) -> str:
    """Read an address's labels joined by "titik", "garis bawah" and "strip"."""
    parts = re.split(r"([._-])", address)
    marks = {".": "titik", "_": "garis bawah", "-": "strip"}
    last = len(parts) - 1
    spoken = [
        marks[part] if part in marks else _label(part, local=local, last=index == last)
        for index, part in enumerate(parts)
    ]
    return " ".join(part for part in spoken if part)


def _label(label: str, *, local: bool, last: bool) -> str:
    """One label: an acronym or a short consonant-only label is spelled, a name split."""
    if local:
        label = re.sub("[0-9]+", lambda m: f" {digit_words(m[0])} ", label)
    short = len(label) <= MAX_SPELLED_LABEL and not VOWELS & set(label.upper())
    acronym = label.lower() in SPELLED_LABELS or short
    if acronym and not last and label.isalpha() and label not in DOMAIN_WORDS:
        return letter_words(label)
    return patterns.ACRONYM_BREAK.sub(" ", label).strip()


def drop_handles_and_hashtags(text: str) -> str:
    """A hashtag, and a handle after an account word ("akun @jokowi"), become their words.

    Other handles are dropped.
    """
    text = patterns.HANDLE.sub(_handle, text)
    return patterns.HASHTAG.sub(lambda m: _words_of(m[1]), text)


def _handle(match: Match) -> str:
    before = match.string[max(0, match.start() - 40) : match.start()]
    if not patterns.ACCOUNT_BEFORE.search(before):
        return ""
    return _words_of(match[0][1:])


def _words_of(name: str) -> str:
    """The words run together in a handle or a hashtag: "KaburAjaDulu" -> "Kabur Aja Dulu"."""
    return " ".join(patterns.WORD_BREAK.sub(" ", name).split())


def drop_degrees(text: str) -> str:
    """Drop academic degrees written after a name."""
    return patterns.DEGREES.sub(sentence_dot, text)


def sentence_dot(match: Match) -> str:
    """Keep a dot that also closes the sentence."""
    rest = match.string[match.end() :].lstrip()
    closes = match[0].endswith(".") and (not rest or rest[0].isupper())
    return "." if closes else ""


def pause_at_brackets(text: str) -> str:
    """Read a bracketed aside between two pauses."""
    return patterns.BRACKET.sub(", ", text)


def tidy_spacing(text: str) -> str:
    """Keep one mark per pause and one space between words."""
    text = patterns.STRAY.sub(" ", text)
    text = patterns.PUNCT_RUN.sub(_strongest_mark, text)
    return " ".join(text.split()).lstrip(",;:.!? ").rstrip(",;: ")


def _strongest_mark(match: Match) -> str:
    marks = match[1]
    return next(mark for mark in "?!.;:," if mark in marks) + " "
