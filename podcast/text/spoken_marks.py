"""The marks around words: punctuation, brackets, links, handles and degrees.

Rules of the spoken form (see ``podcast.text.spoken``) that decide where a
voice pauses and what it leaves out, rather than how it reads a word.
"""

from __future__ import annotations

import re

from podcast.text import spoken_patterns as patterns

Match = re.Match[str]

APOSTROPHES = str.maketrans("‘’‚‛", "''''")


def tidy_punctuation(text: str) -> str:
    """Drop quotes and emoji; turn dashes, bullets and ellipses into pauses; close up marks."""
    text = patterns.EMOJI.sub("", patterns.INVISIBLE.sub("", text))
    text = patterns.QUOTES.sub("", text).translate(APOSTROPHES)
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
        lambda m: f" {_spoken_address(m[1])} et {_spoken_address(m[2])} ", text
    )
    return patterns.URL.sub(lambda m: f" {_spoken_address(m[1])} ", text)


def _spoken_address(address: str) -> str:
    spoken = address.replace(".", " titik ").replace("_", " garis bawah ")
    return spoken.replace("-", " strip ")


def drop_handles_and_hashtags(text: str) -> str:
    """Drop @handles; a hashtag becomes its words."""
    text = patterns.HANDLE.sub("", text)
    return patterns.HASHTAG.sub(lambda m: re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", m[1]), text)


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
