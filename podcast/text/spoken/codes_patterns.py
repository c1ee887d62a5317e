"""Compiled patterns for the rules in `podcast.text.spoken.codes`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from podcast.text.spoken.codes_tables import (
    AIRCRAFT_MAKERS,
    COMPARISONS,
    FLIGHT_CONTEXT,
    FRACTIONS,
    LETTER_CONTEXT,
    MARGIN_CONTEXT,
    RATIO_CONTEXT,
    SCIENCE_WORDS,
    TRAIN_CONTEXT,
)
from podcast.text.spoken.patterns import NUM
from podcast.text.spoken.tables import UNITS


def _words(table: Iterable[str]) -> str:
    """Join words into a regex alternation, longest first."""
    return "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))


# A unit symbol right after a number or a fraction, as `spoken_patterns.UNIT` reads it.
UNIT_AFTER = rf"(?:\s?(?P<unit>{_words(UNITS)})(?![A-Za-z0-9²³]))?"

# Plates and flights are found by their shape; the tables check the letters.
PLATE = re.compile(
    r"(?<![\w.])(?P<region>[A-Z]{1,2})\s(?P<n>[0-9]{1,4})\s(?P<series>[A-Z]{1,3})(?![\w'’&-])"
)
FLIGHT = re.compile(
    r"(?<![\w.-])(?P<code>[A-Z][A-Z0-9]|[0-9][A-Z])(?P<space>\s?)(?P<n>[0-9]{2,4})"
    r"(?![0-9]|[.,][0-9]|[A-Za-z/-])"
)
FLIGHT_BEFORE = re.compile(rf"\b(?:{_words(FLIGHT_CONTEXT)})\b")
AIRCRAFT = re.compile(
    rf"\b(?P<maker>{_words(AIRCRAFT_MAKERS)})\s(?P<letter>[A-Z]?)(?P<n>[0-9]{{2,3}})"
    r"(?:-(?P<variant>[0-9]{2,3})(?P<suffix>[A-Z]{0,2}))?(?![0-9]|[.,][0-9])"
)
TRAIN = re.compile(r"\bKA\b(?![-'’&])")
TRAIN_AFTER = re.compile(r"\s+[0-9A-Z]")
TRAIN_BEFORE = re.compile(rf"\b(?:{_words(TRAIN_CONTEXT)})(?:\s+[a-z]+)?\s+$")
RT_RW = re.compile(
    r"\bRT\.?\s?(?:/\s?RW\.?\s?(?P<a>[0-9]{1,3})\s?/\s?(?P<b>[0-9]{1,3})"
    r"|(?P<rt>[0-9]{1,3})\s?[/,]?\s?RW\.?\s?(?P<rw>[0-9]{1,3}))(?![0-9])"
)
PLOT = re.compile(r"\bKav\.?\s?(?=[0-9])")
LETTER_AFTER = re.compile(
    rf"\b(?P<context>{_words(LETTER_CONTEXT)})\s+(?P<l>[A-Z])(?![\w'’&]|\.\w)"
)
AMPERSAND = re.compile(r"\b(?P<a>[A-Z]{1,2})&(?P<b>[A-Z]{1,2})\b(?![&])")
SIGN_PLUS = re.compile(r"(?<![0-9+])\+\s?(?=[0-9])")
GROUP_PLUS = re.compile(r"(?<=[A-Za-z0-9])\+(?![\w+])")
COMPARISON = re.compile(
    rf"\s?(?P<sign>{_words(COMPARISONS)})\s?(?=(?:Rp\.?\s?|US\$\s?|\$|€\s?|[-−])?[0-9])"
)
SIGNS = re.compile(f"[{''.join(COMPARISONS)}]")
MARGIN_BEFORE = re.compile(rf"\b(?:{_words(MARGIN_CONTEXT)})\b", re.IGNORECASE)
RATIO = re.compile(rf"\b(?P<context>{_words(RATIO_CONTEXT)})\s+(?P<a>{NUM})\s?:\s?(?P<b>{NUM})")
FRACTION = re.compile(
    rf"(?<![0-9.,/])(?:(?P<whole>[0-9]{{1,3}})\s)?(?P<n>[0-9]{{1,2}})/(?P<d>[0-9]{{1,2}})"
    rf"(?![0-9/]|[.,][0-9])(?P<after>{UNIT_AFTER})"
)
GLYPH = re.compile(
    rf"(?<![0-9.,])(?:(?P<whole>{NUM})\s?)?(?P<glyph>[{''.join(FRACTIONS)}])"
    rf"(?P<after>{UNIT_AFTER})"
)
GLYPHS = re.compile(f"[{''.join(FRACTIONS)}]")
# A letter next to a digit: without one, no plate, flight, formula or code can be there.
LETTER_DIGIT = re.compile(r"[A-Za-z]-?[0-9]|[0-9][A-Z]|[A-Z]\s[0-9]")
SCIENCE_FIRST = "".join(sorted({word[0] for word in SCIENCE_WORDS}))
SCIENCE = re.compile(rf"(?<![\w.])(?=[{SCIENCE_FIRST}])(?:{_words(SCIENCE_WORDS)})(?![\w'’-])")
CODE = re.compile(
    r"(?<![\w.,-])(?P<token>[A-Z][A-Za-z0-9]*[0-9][A-Za-z0-9]*(?:[.,][0-9]+)?)"
    r"(?![\w'’]|[.,][0-9])"
)
LETTERS_NUMBER = re.compile(r"(?P<letters>[A-Z]{1,4})(?P<n>[0-9]+(?:[.,][0-9]+)?)")
NUMBER_LETTER = re.compile(r"(?<![\w.,])(?P<n>[0-9]{1,4})(?P<l>[A-Z])(?![\w'’])")
FORMULA_PART = re.compile(r"([A-Z][a-z]?)([0-9]*)")
ISOTOPE = re.compile(r"\b(?P<el>[A-Z][a-z])-(?P<n>[0-9]{1,3})\b(?![.,][0-9])")
