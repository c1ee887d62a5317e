"""Compiled patterns for the spoken-form rules in `podcast.normalize`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from podcast.text.spoken.codes_tables import ACCOUNT_CONTEXT
from podcast.text.spoken.tables import (
    ABBREVIATIONS,
    CARDINAL_NAME_TITLES,
    CURRENCIES,
    DEGREE,
    MONTH_ABBREVIATIONS,
    NAME_TITLES,
    REGNAL_TITLES,
    ROMAN_CARDINAL_CONTEXT,
    ROMAN_ORDINAL_CONTEXT,
    TIME_ZONES,
    UNITS,
    WEEKDAYS,
)


def _alternation(words: Iterable[str]) -> str:
    """Join words into a regex alternation, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


NUM = (
    r"(?<![0-9])(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?(?![0-9])"
    r"|[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?(?![0-9])|[0-9]+(?:[.,][0-9]+)?)"
)
NUMBER = re.compile(NUM)
INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u2060\ufeff]")
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u200d\u20e3©®™]"
)
QUOTES = re.compile("[\"“”„‟«»]|(?<![A-Za-z])['‘’‚‛]|['‘’‚‛](?![A-Za-z])")
ELLIPSIS = re.compile(r"\s*(?:…|\.{3,})\s*")
LONG_DASH = re.compile(r"\s*(?:—|―|--+)\s*")
SPACED_DASH = re.compile(r"(?P<left>\S?)\s+[-–]\s+(?=(?P<right>\S?))")
SPACE_BEFORE_MARK = re.compile(r"(?<=\w)\s+(?=[.,;:!?](?:\s|$))")
BULLET = re.compile(r"\s*[•●▪■►◆]\s*|^\s*[-*]\s+")
EMAIL = re.compile(r"(?<![\w.])([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
URL = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:www\.)?((?:[A-Za-z0-9-]+\.)+"
    r"(?:com|id|net|org|co|go|ac|or|io|info|gov|edu|tv|news|me|ai|app|dev|uk|us|sg|my|au"
    r"|ly|gl|cc|xyz|site|online|biz|pro|int|eu|de|jp|cn|kr|ph|th|vn|nl|ru|ca|nz|link|store"
    r"|shop|live|asia|ee))"
    r"\b(?:/[^\s]*[^\s.,;:!?)\]])?/?"
)
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]+")
HASHTAG = re.compile(r"(?<![\w#])#([A-Za-z0-9_]+)")
# Where a handle or a hashtag splits into words; in an address, only an acronym before a word.
WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])|_")
ACRONYM_BREAK = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")
ACCOUNT_BEFORE = re.compile(rf"\b(?:{_alternation(ACCOUNT_CONTEXT)})(?:\s+[A-Za-z]+)?\s*$")
DEGREES = re.compile(rf"\s*,\s*{DEGREE}(?:\s*,\s*{DEGREE})*(?=[\s,;:)]|$)")
ABBREVIATION = re.compile(
    "(?<![\\w.])(?:"
    + "|".join(
        re.escape(key) + ("(?![\\w])" if key[-1].isalnum() else "")
        for key in sorted(ABBREVIATIONS, key=len, reverse=True)
        if key[0].isalnum()
    )
    + ")|"
    + _alternation(key for key in ABBREVIATIONS if not key[0].isalnum())
)
NAME_TITLE = re.compile(
    rf"(?<![\w.])(?<![A-Za-z]\.\s)({_alternation(NAME_TITLES)})\s*(?=[A-Z][a-z])"
)
NUMBER_SIGN = re.compile(r"(?<![\w.])(?:No\.?|no\.)\s*(?=[0-9])")
NUMBER_HASH = re.compile(r"(?<![\w&#])#(?=[0-9]+(?!\w))")
DAY_MONTH = r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?"
PAREN_DATE = re.compile(rf"\s*\(\s*{DAY_MONTH}\s*\)")
WEEKDAY_DATE = re.compile(rf"\b(?P<weekday>{_alternation(WEEKDAYS)}),?\s+{DAY_MONTH}(?![0-9/])")
FULL_DATE = re.compile(
    r"(?<![0-9/.,-])(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)"
    r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9/])"
)
ISO_DATE = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])")
MONTH_ABBREVIATION = re.compile(
    rf"(?<=[0-9] )({_alternation(MONTH_ABBREVIATIONS)})\b(?:\.(?=\s*[0-9]))?"
    rf"|\b({_alternation(MONTH_ABBREVIATIONS)})\b\.?\s*(?=[0-9]{{4}}\b)"
)
CLOCK = r"(?:[01]?[0-9]|2[0-4])[.:][0-5][0-9](?![0-9]|[.,][0-9])"
TIME = re.compile(
    rf"(?P<pre>\b(?:[Pp]ukul|[Jj]am)\s+)?(?<![0-9.,:])(?P<start>{CLOCK})"
    rf"(?:\s*(?:-|–|sampai dengan|sampai|hingga)\s*(?:(?:[Pp]ukul|[Jj]am)\s+)?(?P<end>{CLOCK}))?"
    rf"(?:\s*(?P<zone>{_alternation(TIME_ZONES)})\b)?"
)
RANGE = re.compile(
    r"(?P<left>[0-9%]|\b(?:ribu|juta|miliar|triliun))\s*[-–]\s*(?=(?:Rp\.?\s?|US\$\s?|\$|€\s?)?[0-9])"
)
MONEY = re.compile(
    rf"(?<![A-Za-z])(?P<cur>{_alternation(CURRENCIES)})\s?(?P<amount>{NUM}(?:\s+sampai\s+{NUM})?)"
    r"(?:,-)?(?:\s?(?P<scale>(?i:ribu|rb|juta|jt|miliar|milyar|triliun)|M|T)\b)?"
)
CURRENCY_AFTER = re.compile(r"(?<=[0-9a-z])\s+(USD|IDR|EUR)\b")
PERCENT = re.compile(r"(?<=[0-9])\s*(?:%|persen\b)|\s*%")
ORDINAL = re.compile(r"\b(?P<ke>[Kk])e-\s?(?P<n>[0-9]+)(?![0-9]|[.,][0-9])")
ROMAN_CONTEXT = re.compile(
    rf"\b(?P<context>{_alternation(ROMAN_CARDINAL_CONTEXT + ROMAN_ORDINAL_CONTEXT)})"
    r"\s+(?P<numeral>[IVXLC]+)\b(?![-'’]\w)"
)
ROMAN_TOKEN = re.compile(r"\b[IVXLC]+\b")
REGNAL = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s+(?P<numeral>[IVX]+)\b(?![-'’]\w)")
REGNAL_TITLE = re.compile(rf"\b(?:{_alternation(REGNAL_TITLES)})\s+(?:[A-Z][a-z]+\s+)*$")
# A place's title, then up to four words of its name: capitalized, or an acronym spelled.
CARDINAL_NAME_TITLE = re.compile(
    rf"\b(?:{_alternation(CARDINAL_NAME_TITLES)})\s+(?:(?:[A-Z][a-z]+|[a-z]{{1,3}})\s+){{0,4}}$"
)
UNIT = re.compile(rf"(?P<pre>[0-9]|/)\s?(?P<unit>{_alternation(UNITS)})(?![A-Za-z0-9²³])")
NUMBER_SLASH = re.compile(r"(?<=[0-9])\s?/\s?(?=[0-9])")
WORD_DIGIT_DASH = re.compile(r"(?<=[A-Za-z])-(?=[0-9])")
NEGATIVE = re.compile(r"(?<![0-9A-Za-z.,])[-−](?=[0-9])")
TOKEN = re.compile(r"\bPDI-P\b|\b[A-Z][A-Za-z]*\b")
CONSONANT_RUN = re.compile(r"[^AEIOU]{3}")
BRACKET = re.compile(r"\s*[()\[\]{}]\s*")
STRAY = re.compile(r"[#*_~^|<>\\`/@]")
PUNCT_RUN = re.compile(r"\s*([,;:.!?](?:\s*[,;:.!?])*)\s*")
