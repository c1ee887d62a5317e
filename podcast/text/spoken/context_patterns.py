"""Compiled patterns for the context rules in `podcast.text.spoken.context`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from podcast.text.spoken.context_tables import (
    CLASS_CONTEXT,
    DATE_CONTEXT,
    HOLY_NAMES,
    HONORIFICS,
    INITIALS_CONTEXT,
    MAGNITUDE_SIGNS,
    PER_CURRENCIES,
    PER_WORDS,
    PERIOD_CONTEXT,
    PHONE_CONTEXT,
    QUAKE_CONTEXT,
    REGIONS,
    REGULATIONS,
    SCORE_CONTEXT,
    SEASON_CONTEXT,
    SERVICE_CONTEXT,
    SPECIAL_REGIONS,
)
from podcast.text.spoken.numbers import DIGITS
from podcast.text.spoken.patterns import NUM
from podcast.text.spoken.tables import LETTER_NAMES, UNITS


def _words(table: Iterable[str]) -> str:
    """Join words into a regex alternation, longest first."""
    return "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))


YEAR = r"(?:19|20)[0-9]{2}"
FRACTION_WORDS = r"(?:bagian|dari|porsi|kapasitas|jumlah|total|wilayah|penduduk|harga)"
DAY_MONTH = (
    r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?![0-9/]|[.,][0-9])"
    rf"(?!\s*{FRACTION_WORDS}\b)"
)
END_DAY_MONTH = r"(?P<d2>[0-9]{1,2})/(?P<m2>[0-9]{1,2})(?![0-9/]|[.,][0-9])"
SENTENCE_END = re.compile(r".*[.!?]\s")

PHONE = re.compile(
    r"(?<![\w+*#.,/])(?P<number>(?:\+\s?[0-9]{1,15}(?:\s[0-9]{2}(?![0-9]))?|\(0[0-9]{1,3}\)\s?"
    r"[0-9]{3,}|[0-9]{2,})(?:\s?-\s?[0-9]{2,}|\s[0-9]{3,})*)(?![0-9]|[.,][0-9]|[%/-])"
)
# A context word, then maybe other numbers of the same list ("0812-... atau 0813-...").
EARLIER_NUMBERS = r"(?:[0-9(+][0-9 ()+-]*(?:,\s*|\s+(?:atau|dan|/)\s+))*"
PHONE_BEFORE = re.compile(
    rf"(?:{_words(PHONE_CONTEXT)})[^0-9]{{0,25}}{EARLIER_NUMBERS}$", re.IGNORECASE
)
# A phone word that asks to call ("hubungi 112"), not only to name a number ("nomor").
CALL_BEFORE = re.compile(
    rf"(?:{_words(w for w in PHONE_CONTEXT if not w.lower().startswith('no'))})"
    rf"[^0-9]{{0,25}}{EARLIER_NUMBERS}$",
    re.IGNORECASE,
)
SERVICE_BEFORE = re.compile(
    rf"(?:{_words(SERVICE_CONTEXT)})[^0-9]{{0,25}}{EARLIER_NUMBERS}$", re.IGNORECASE
)
USSD = re.compile(r"(?<![\w*])\*(?P<code>[0-9]+(?:\*[0-9]+)*)#")
REGULATION = re.compile(
    rf"\b(?P<name>{_words(REGULATIONS)}|(?:Permen|Kepmen)[A-Za-z]+)\s+"
    rf"(?:(?:No\.?|Nomor|nomor|no\.)\s*)?(?P<n>[0-9]{{1,4}})\s?/\s?(?P<y>{YEAR})(?![0-9/])"
)
CONTEXT_DATE = re.compile(
    rf"(?<![\w.])(?P<context>{_words(DATE_CONTEXT)})\s+{DAY_MONTH}"
    rf"(?:(?P<sep>\s*(?:-|hingga|sampai|s\.d\.|s/d)\s*){END_DAY_MONTH})?",
    re.IGNORECASE,
)
PAREN_DAY_RANGE = re.compile(
    r"\s*\(\s*(?P<d>[0-9]{1,2})(?:/(?P<m>[0-9]{1,2}))?\s*-\s*"
    r"(?P<d2>[0-9]{1,2})/(?P<m2>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?\s*\)"
)
SEASON = re.compile(
    rf"\b(?P<context>{_words(SEASON_CONTEXT)})\s+(?P<a>{YEAR})\s?/\s?(?P<b>{YEAR}|[0-9]{{2}})(?![0-9])"
)
HIJRI = re.compile(
    rf"(?<![0-9.,])(?P<y>1[3-5][0-9]{{2}})\s?H\b(?:\s?/\s?(?P<m>{YEAR})\s?M\b)?(?!\.\w)"
)
PERIOD = re.compile(
    rf"\b(?P<context>{_words(PERIOD_CONTEXT)})\s+(?P<r>I{{1,3}}|IV)\s?[/-]\s?(?P<y>{YEAR})\b"
)
CASE_NUMBER = re.compile(
    rf"\b(?P<n>[0-9]{{1,4}})/(?P<code>[A-Z][A-Za-z]*)-(?P<r>[IVXLC]+)/(?P<y>{YEAR})(?![0-9/])"
)
PARAGRAPH_SIGN = re.compile(r"\b(?P<word>ayat|Ayat)\s*\(\s*(?P<n>[0-9]+[a-z]?)\s*\)")
LETTER_ITEM = re.compile(r"\b(?P<word>huruf|Huruf)\s+\(?(?P<l>[a-zA-Z])\)?(?![A-Za-z'’-])")
MAGNITUDE = re.compile(rf"(?<![\w.])(?:{_words(MAGNITUDE_SIGNS)})\s?(?=[0-9])")
QUAKE = re.compile(rf"\b(?:{_words(QUAKE_CONTEXT)})")
ROAD_MARKER = re.compile(r"(?<![0-9])(?<![0-9]\s)\b(?:KM|Km|km)\.?\s?(?=[0-9])")
COUNTDOWN = re.compile(r"\bH\s?(?P<sign>[-+−])\s?(?P<n>[0-9]{1,3})(?![0-9]|[.,][0-9])")
TIMES = re.compile(
    rf"(?<![0-9.,])(?=[0-9.,]+\s?[x×])(?P<a>{NUM})\s?[x×]\s?(?=[0-9]|lipat\b|(?![\w&-]))"
)
PLUS = re.compile(r"(?<=[0-9])\s?\+\s?(?=[0-9])")
PLUS_MINUS = re.compile(r"\s?±\s?")
DECADE = re.compile(rf"(?<![0-9.,])(?=[0-9.,]+-?an\b)(?P<n>{NUM})-?an\b")
EQUALS = re.compile(r"\s?=\s?")
NETWORK = re.compile(r"\b(?P<n>[2-6])G\b")
FORMATION = re.compile(r"\b(?P<context>formasi|Formasi)\s+(?P<f>[0-9](?:-[0-9]){2,3})\b")
PER = re.compile(rf"(?<=[A-Za-z0-9$²³])\s?/\s?(?=(?:[0-9]+\s*)?(?:{_words(PER_WORDS)})\b)")
PER_CURRENCY = re.compile(rf"\s?/\s?(?P<cur>{_words(PER_CURRENCIES)})(?![\w$])")
# "per ha" is hectares, but "per ha pe" and "per ha dua" are a letter already spelled.
SPELLED_AFTER = rf"\s+(?:{_words(LETTER_NAMES.values())}|{_words(DIGITS)})\b"
PER_UNIT = re.compile(
    rf"\bper\s+(?P<unit>{_words(unit for unit in UNITS if len(unit) > 1)})(?![A-Za-z0-9²³])"
    rf"(?!{SPELLED_AFTER})"
)
SCORE_PAIR = r"[0-9]{1,2}\s?-\s?[0-9]{1,2}"
SCORE = re.compile(
    rf"(?<![0-9.,/-])(?P<score>{SCORE_PAIR}(?:,\s*{SCORE_PAIR})*)(?![0-9]|[.,-][0-9])"
    r"(?P<after>\s*(?:%|[A-Za-z]*))"
)
SCORE_WORDS = re.compile(rf"\b(?:{_words(SCORE_CONTEXT)})\b", re.IGNORECASE)
SPECIAL_REGION = re.compile(rf"\bDI\s+(?=(?:{_words(SPECIAL_REGIONS)})\b)")
REGION = re.compile(rf"\b(?:{_words(REGIONS)})\b")
HONORIFIC = re.compile(rf"\b(?P<name>{HOLY_NAMES})\s+(?P<h>{_words(HONORIFICS)})\b(?![-'’])")
INITIALS = re.compile(
    rf"\b(?P<context>{_words(INITIALS_CONTEXT)})\s+"
    r"(?P<rest>[A-Z]{1,4}(?:[\s,()0-9]*(?:\s(?:dan|serta)\s+)?[A-Z]{1,4})*)(?![A-Za-z])"
)
CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}(?![A-Za-z])")
LETTER_SUFFIX = re.compile(r"\b(?P<context>Pasal|pasal|nomor|Nomor)\s+(?P<n>[0-9]+)(?P<l>[A-Z])\b")
CLASS = re.compile(rf"\b(?P<context>{_words(CLASS_CONTEXT)})\s+(?P<r>IV|I{{1,3}})(?P<l>[A-D])\b")
