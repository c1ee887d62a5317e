"""Turn written Indonesian into the words a voice should say.

`speakable` runs one paragraph through `RULES`, an ordered list of small
str -> str functions; their word tables live in `podcast.text.spoken.tables`,
and the rules for punctuation, links and handles in `podcast.text.spoken.marks`.
The output is only ever sent to a speech engine, never shown to people.

Conventions:

- Numbers: dot groups thousands, comma marks decimals ("10.000", "10,5");
  "1,000,000" (two or more comma groups) and "3.5" (not a group of three)
  are read the English way. Decimals are read digit by digit ("3,25" ->
  "tiga koma dua lima"); leading-zero and very long digit strings likewise.
- Times: "pukul 14.30 WIB" -> "pukul empat belas lewat tiga puluh menit Waktu
  Indonesia Barat"; full hours drop the minutes ("pukul sepuluh"). A time
  needs "pukul"/"jam" before it, a zone after it, or a colon ("10:00");
  "pukul" is added when missing.
- Dates: "Sabtu (20/12)" -> "Sabtu, dua puluh Desember," (the parenthesis
  becomes a pause on both sides); day/month/year with a slash is always a date.
- Ordinals: "ke" joined to the cardinal ("ke-21" -> "kedua puluh satu"),
  "ke-1" -> "pertama".
- Acronyms: the tables decide; otherwise an all-caps token of two to six
  letters with no vowel, or with three consonants in a row, is spelled with
  Indonesian letter names ("a es"); other all-caps tokens are left as written.
  Word acronyms are capitalized ("NATO" -> "Nato") so engines read a word.
- Links: a URL is reduced to its domain, read with "titik" ("bmkg.go.id" ->
  "be em ka ge titik go titik id"), an e-mail address with "et". Emoji and
  handles are dropped, except after "akun"; a hashtag becomes its words.
- Academic degrees after a name (", S.H., M.Si.") are dropped; titles before
  it are said in full ("Hj.", "Ust.", "KH", "Pdt.", "Yth.").
- Kinds that only context words decide (`podcast.text.spoken.context`): scores
  after sport words ("menang 2-1" -> "menang dua lawan satu"), regulation
  numbers ("PP No. 5/2021" -> "... nomor lima tahun ..."), magnitudes after
  "gempa", phone numbers and service codes digit by digit in groups, dates
  after "pada"/"sejak", Hijri years, countdowns ("H-7" -> "ha min tujuh"),
  provinces' short forms ("Jabar" -> "Jawa Barat") and religious honorifics.
- Codes, signs and fractions (`podcast.text.spoken.codes`): plates, flights,
  trains, formulas ("CO2" -> "ce o dua"), "+2,4%", "≥ ≤ < > ~ ±", "P&G",
  "RT 03/RW 07", "3½" -> "tiga setengah".
- Quotes are dropped; dashes, bullets, ellipses and parentheses become commas
  or full stops so both engines pause where a reader would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import podcast.text.spoken.codes as codes
import podcast.text.spoken.patterns as patterns
from podcast.text.spoken.context import (
    speak_calendar,
    speak_honorifics,
    speak_law_numbers,
    speak_names,
    speak_phone_numbers,
    speak_scores,
    speak_signs,
)
from podcast.text.spoken.marks import (
    drop_degrees,
    drop_handles_and_hashtags,
    pause_at_brackets,
    sentence_dot,
    speak_links,
    tidy_punctuation,
    tidy_spacing,
)
from podcast.text.spoken.numbers import (
    date_words,
    integer_words,
    letter_words,
    number_words,
    ordinal_words,
    roman_value,
)
from podcast.text.spoken.tables import (
    ABBREVIATIONS,
    CURRENCIES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_TITLES,
    REGNAL_NAMES,
    ROMAN_ORDINAL_CONTEXT,
    SCALES,
    SENTENCE_FINAL,
    SPELLED,
    TIME_ZONES,
    UNITS,
    VOWELS,
    WORD_ACRONYMS,
)

Match = re.Match[str]

ROMAN_LETTERS = set("IVXLC")


def speak_number_signs(text: str) -> str:
    """Read "No." and "#" before a number as "nomor"."""
    text = patterns.NUMBER_SIGN.sub("nomor ", text)
    return patterns.NUMBER_HASH.sub("nomor ", text) if "#" in text else text


def expand_abbreviations(text: str) -> str:
    """Expand abbreviations and the titles before a name."""
    text = patterns.ABBREVIATION.sub(_abbreviation, text)
    return patterns.NAME_TITLE.sub(lambda m: NAME_TITLES[m[1]] + " ", text)


def _abbreviation(match: Match) -> str:
    spoken = f" {ABBREVIATIONS[match[0]]} "
    return spoken + sentence_dot(match) if match[0] in SENTENCE_FINAL else spoken


def speak_dates(text: str) -> str:
    """Read numeric dates: "(20/12)", "Sabtu 20/12", "9/11/2023", "2025-12-20"."""
    text = patterns.ISO_DATE.sub(lambda m: _date(m) or m[0], text)
    text = patterns.PAREN_DATE.sub(lambda m: f", {_date(m)}, " if _date(m) else m[0], text)
    text = patterns.WEEKDAY_DATE.sub(
        lambda m: f"{m['weekday']}, {_date(m)}, " if _date(m) else m[0], text
    )
    text = patterns.FULL_DATE.sub(
        lambda m: (_date(m) or m[0]) if m["sep"] == "/" or len(m["y"]) == 4 else m[0], text
    )
    return patterns.MONTH_ABBREVIATION.sub(_month, text)


def _month(match: Match) -> str:
    return MONTHS[MONTH_ABBREVIATIONS[match[1] or match[2]] - 1] + " "


def _date(match: Match) -> str:
    """Spoken "day month [year]", or "" when the numbers are no date."""
    return date_words(match["d"], match["m"], match["y"])


def speak_times(text: str) -> str:
    """Read clock times, ranges of them and the Indonesian time zones."""
    return patterns.TIME.sub(_time, text)


def _time(match: Match) -> str:
    if not (match["pre"] or match["zone"] or ":" in match["start"]):
        return match[0]
    spoken = (match["pre"] or "pukul ") + _clock(match["start"])
    if match["end"]:
        spoken += " sampai pukul " + _clock(match["end"])
    return spoken + (" " + TIME_ZONES[match["zone"]] if match["zone"] else "")


def _clock(clock: str) -> str:
    hour, minute = (int(part) for part in re.split(r"[.:]", clock))
    spoken = integer_words(str(hour))
    return f"{spoken} lewat {integer_words(str(minute))} menit" if minute else spoken


def mark_ranges(text: str) -> str:
    """Read a dash between two numbers as "sampai"."""
    return patterns.RANGE.sub(r"\g<left> sampai ", text)


def speak_money(text: str) -> str:
    """Move the currency after the amount and name it: "Rp 5 juta" -> "5 juta rupiah"."""
    text = patterns.MONEY.sub(_money, text)
    return patterns.CURRENCY_AFTER.sub(lambda m: " " + CURRENCIES[m[1]], text)


def _money(match: Match) -> str:
    amount = re.sub(r",00$", "", match["amount"]) if not match["scale"] else match["amount"]
    scale = SCALES.get(match["scale"] or "", SCALES.get((match["scale"] or "").lower(), ""))
    return " ".join(part for part in (amount, scale, CURRENCIES[match["cur"]]) if part)


def speak_percent(text: str) -> str:
    """Read "%" as "persen", also when glued to the number."""
    return patterns.PERCENT.sub(" persen", text)


def speak_ordinals(text: str) -> str:
    """Read "ke-2" as "kedua" and "ke-1" as "pertama"."""
    return patterns.ORDINAL.sub(_ordinal, text)


def _ordinal(match: Match) -> str:
    spoken = ordinal_words(int(match["n"])) if len(match["n"]) <= 15 else match[0]
    return spoken.capitalize() if match["ke"] == "K" else spoken


def speak_roman(text: str) -> str:
    """Read Roman numerals after a context word or a regnal name."""
    if not patterns.ROMAN_TOKEN.search(text):
        return text
    text = patterns.ROMAN_CONTEXT.sub(_roman_in_context, text)
    return patterns.REGNAL.sub(_regnal, text)


def _roman_in_context(match: Match) -> str:
    value = roman_value(match["numeral"])
    if value is None:
        return match[0]
    ordinal = match["context"] in ROMAN_ORDINAL_CONTEXT
    return f"{match['context']} {ordinal_words(value) if ordinal else integer_words(str(value))}"


def _regnal(match: Match) -> str:
    value = roman_value(match["numeral"])
    if value is None or value > 39 or match["name"].upper() in WORD_ACRONYMS:
        return match[0]
    before = match.string[max(0, match.start() - 60) : match.start()]
    regnal = match["name"] in REGNAL_NAMES or patterns.REGNAL_TITLE.search(before)
    if not regnal and patterns.CARDINAL_NAME_TITLE.search(before):
        return f"{match['name']} {integer_words(str(value))}"
    if len(match["numeral"]) == 1 and not regnal:
        return match[0]
    return f"{match['name']} {ordinal_words(value)}"


def speak_units(text: str) -> str:
    """Name the unit after a number ("10 km" -> "10 kilometer"), or after "/" as "per"."""
    return patterns.UNIT.sub(_unit, text)


def _unit(match: Match) -> str:
    spoken = UNITS[match["unit"]]
    return f" per {spoken}" if match["pre"] == "/" else f"{match['pre']} {spoken}"


def speak_numbers(text: str) -> str:
    """Read every remaining number, including negatives and "a/b"."""
    text = patterns.NUMBER_SLASH.sub(" per ", text)
    text = patterns.WORD_DIGIT_DASH.sub(" ", text)
    text = patterns.NEGATIVE.sub("minus ", text)
    return patterns.NUMBER.sub(lambda m: f" {number_words(m[0])} ", text)


def speak_acronyms(text: str) -> str:
    """Spell acronyms with letter names; say word acronyms and time zones as words."""
    return patterns.TOKEN.sub(_acronym, text)


def _acronym(match: Match) -> str:
    token = match[0]
    if token in TIME_ZONES:
        return TIME_ZONES[token]
    if token in SPELLED:
        return letter_words(token)
    if token in WORD_ACRONYMS:
        return token.capitalize()
    if set(token) <= ROMAN_LETTERS and roman_value(token) is not None:
        return token
    unknown = token.isupper() and 2 <= len(token) <= 6
    if unknown and (not VOWELS & set(token) or patterns.CONSONANT_RUN.search(token)):
        return letter_words(token)
    return token


RULES: list[Callable[[str], str]] = [
    tidy_punctuation,
    speak_links,
    codes.speak_fractions,
    codes.speak_addresses,
    codes.speak_vehicles,
    speak_number_signs,
    speak_phone_numbers,
    speak_dates,
    speak_law_numbers,
    speak_calendar,
    pause_at_brackets,
    drop_handles_and_hashtags,
    drop_degrees,
    speak_names,
    codes.speak_trains,
    codes.speak_letters,
    expand_abbreviations,
    speak_honorifics,
    codes.speak_comparisons,
    speak_signs,
    codes.speak_plus,
    speak_times,
    speak_scores,
    mark_ranges,
    speak_money,
    speak_percent,
    speak_ordinals,
    codes.speak_codes,
    speak_units,
    speak_numbers,
    speak_acronyms,
    speak_roman,
    tidy_spacing,
]


def speakable(text: str) -> str:
    """Return the spoken form of one paragraph."""
    for rule in RULES:
        text = rule(text)
    return text
