"""Rules for numbers and words whose kind only the words around them decide.

The same characters mean different things by section of a newspaper: "2-1"
is a score after "menang" and a range elsewhere, "5/2021" is a regulation
after "PP" and a fraction elsewhere, "1/6" is a date after "pada", "0812-3456"
is a phone number after "hubungi". Each rule here looks at its context words
(tables in `podcast.text.spoken.context_tables`) and reads the kind it finds;
without them the general rules of `podcast.text.spoken.aloud` apply.

Decisions:

- Scores: "dua lawan satu"; set scores keep their commas ("21-19, 21-17").
- Phone numbers and codes: digit by digit, one pause between groups; a written
  group of more than five digits is split into even groups of three or four,
  longer groups first ("5551234" -> "5551, 234"); "+62" is "plus enam dua".
- Regulations: "PP No. 5/2021" -> "pe pe nomor lima tahun dua ribu dua puluh satu".
- Seasons: "musim 2024/2025" reads both years one after the other.
- Countdowns: "H-7" -> "ha min tujuh", "H+2" -> "ha plus dua".
- Hijri years: "1445 H" -> "... Hijriah"; "1445 H/2024 M" adds "..., ... Masehi".
"""

from __future__ import annotations

import itertools
import re

import podcast.text.spoken.context_patterns as patterns
from podcast.text.spoken.context_tables import (
    COUNTRY_CODES,
    HONORIFICS,
    MIN_PHONE_DIGITS,
    PER_CURRENCIES,
    RANGE_FOLLOWERS,
    REGIONS,
    SERVICE_NUMBERS,
)
from podcast.text.spoken.numbers import (
    date_words,
    digit_words,
    integer_words,
    letter_words,
    number_words,
    roman_value,
)
from podcast.text.spoken.tables import LETTER_NAMES, UNITS

Match = re.Match[str]

# An unbroken group longer than this is split into groups of three or four.
MAX_PHONE_GROUP = 5


def speak_phone_numbers(text: str) -> str:
    """Read phone numbers and service codes digit by digit, in groups."""
    text = patterns.USSD.sub(_ussd, text)
    return patterns.PHONE.sub(_phone, text)


def _ussd(match: Match) -> str:
    codes = (digit_words(code) for code in match["code"].split("*"))
    return f" bintang {' bintang '.join(codes)} pagar "


def _phone(match: Match) -> str:
    number = match["number"]
    chunks = re.findall("[0-9]+", number)
    if number.startswith("+") and len("".join(chunks)) < MIN_PHONE_DIGITS:
        return f" plus {digit_words(chunks[0])} " if number[1:] in COUNTRY_CODES else match[0]
    if number.startswith("+"):
        code = next((c for c in COUNTRY_CODES if chunks[0].startswith(c)), chunks[0][:2])
        rest = [chunks[0][len(code) :], *chunks[1:]] if chunks[0] != code else chunks[1:]
        groups = [group for chunk in rest if chunk for group in phone_groups(chunk)]
        return " " + ", ".join([f"plus {digit_words(code)}", *map(digit_words, groups)]) + " "
    if not number.startswith("(") and not _phone_context(match, number):
        return match[0]
    area = [chunks.pop(0)] if number.startswith("(") else []
    groups = area + [group for chunk in chunks for group in phone_groups(chunk)]
    return " " + ", ".join(map(digit_words, groups)) + " "


def _phone_context(match: Match, number: str) -> bool:
    """A phone word before it and a leading 0 or seven digits, or a service word."""
    before = match.string[max(0, match.start() - 80) : match.start()]
    follower = match.string[match.end() :].split(maxsplit=1)[:1]
    if follower and follower[0].lower() in RANGE_FOLLOWERS:
        return False
    digits = sum(char.isdigit() for char in number)
    if digits >= 3 and patterns.SERVICE_BEFORE.search(before):
        return True
    if number in SERVICE_NUMBERS:
        return bool(patterns.CALL_BEFORE.search(before))
    phone_shape = number.startswith("0") or digits >= MIN_PHONE_DIGITS
    return phone_shape and bool(patterns.PHONE_BEFORE.search(before))


def phone_groups(digits: str) -> list[str]:
    """Split a run of digits into even groups of three or four, longer groups first.

    >>> phone_groups("5551234"), phone_groups("81234567890"), phone_groups("14045")
    (['5551', '234'], ['8123', '4567', '890'], ['14045'])
    """
    if len(digits) <= MAX_PHONE_GROUP:
        return [digits]
    count = -(-len(digits) // 4)
    size, extra = divmod(len(digits), count)
    bounds = [0]
    for index in range(count):
        bounds.append(bounds[-1] + size + (index < extra))
    return [digits[start:end] for start, end in itertools.pairwise(bounds)]


def speak_law_numbers(text: str) -> str:
    """Read regulation numbers, "ayat (1)" and "huruf a" the way a court does."""
    text = patterns.REGULATION.sub(_regulation, text)
    text = patterns.CASE_NUMBER.sub(_case_number, text)
    text = patterns.PARAGRAPH_SIGN.sub(r"\g<word> \g<n>", text)
    return patterns.LETTER_ITEM.sub(lambda m: f"{m['word']} {LETTER_NAMES[m['l'].upper()]}", text)


def _regulation(match: Match) -> str:
    number, year = integer_words(match["n"]), integer_words(match["y"])
    return f"{match['name']} nomor {number} tahun {year}"


def _case_number(match: Match) -> str:
    """Read "90/PUU-XXI/2023" as "90 PUU dua puluh satu tahun 2023"."""
    value = roman_value(match["r"])
    if value is None:
        return match[0]
    return f"{match['n']} {match['code']} {integer_words(str(value))} tahun {match['y']}"


def speak_calendar(text: str) -> str:
    """Read dates after a date word, seasons, Hijri years and "kuartal I/2024"."""
    text = patterns.PAREN_DAY_RANGE.sub(_day_range, text)
    text = patterns.CONTEXT_DATE.sub(_context_date, text)
    text = patterns.SEASON.sub(_season, text)
    text = patterns.HIJRI.sub(_hijri, text)
    return patterns.PERIOD.sub(r"\g<context> \g<r> tahun \g<y>", text)


def _context_date(match: Match) -> str:
    first = date_words(match["d"], match["m"])
    if not first:
        return match[0]
    if not match["d2"]:
        return f"{match['context']} {first}"
    second = date_words(match["d2"], match["m2"])
    sep = match["sep"].strip() if match["sep"].strip() != "-" else "sampai"
    return f"{match['context']} {first} {sep} {second}" if second else match[0]


def _day_range(match: Match) -> str:
    """Read "(4-5/6)" and "(30/6-2/7)" as a pause, "empat sampai lima Juni", a pause."""
    last = date_words(match["d2"], match["m2"], match["y"])
    first = date_words(match["d"], match["m"]) if match["m"] else date_words(match["d"], "1")
    if not (first and last):
        return match[0]
    first = first if match["m"] else integer_words(str(int(match["d"])))
    return f", {first} sampai {last}, "


def _season(match: Match) -> str:
    second = match["b"] if len(match["b"]) == 4 else match["a"][:2] + match["b"]
    return f"{match['context']} {integer_words(match['a'])} {integer_words(second)}"


def _hijri(match: Match) -> str:
    spoken = f"{integer_words(match['y'])} Hijriah"
    return f"{spoken}, {integer_words(match['m'])} Masehi" if match["m"] else spoken


def speak_signs(text: str) -> str:
    """Read magnitudes, road markers, countdowns, "x", "+", "±", "-an", "5G" and "/"."""
    text = patterns.MAGNITUDE.sub(_magnitude, text)
    text = patterns.ROAD_MARKER.sub("kilometer ", text)
    text = patterns.COUNTDOWN.sub(_countdown, text)
    text = patterns.TIMES.sub(r"\g<a> kali ", text)
    text = patterns.PLUS.sub(" plus ", text)
    text = patterns.PLUS_MINUS.sub(" plus minus ", text)
    text = patterns.EQUALS.sub(" sama dengan ", text)
    text = patterns.DECADE.sub(lambda m: number_words(m["n"]) + "an", text)
    text = patterns.NETWORK.sub(r"\g<n> ge", text)
    text = patterns.PER_CURRENCY.sub(lambda m: f" per {PER_CURRENCIES[m['cur']]}", text)
    text = patterns.PER.sub(" per ", text)
    return patterns.PER_UNIT.sub(lambda m: f"per {UNITS[m['unit']]}", text)


def _magnitude(match: Match) -> str:
    return "magnitudo " if patterns.QUAKE.search(_before(match, 80)) else match[0]


def _countdown(match: Match) -> str:
    sign = "plus" if match["sign"] == "+" else "min"
    return f"ha {sign} {integer_words(match['n'])}"


def speak_scores(text: str) -> str:
    """Read "2-1" after a score word as "dua lawan satu", and football formations."""
    text = patterns.FORMATION.sub(
        lambda m: f"{m['context']} {' '.join(integer_words(d) for d in m['f'].split('-'))}", text
    )
    return patterns.SCORE.sub(_score, text)


def _score(match: Match) -> str:
    follower = match["after"].strip().lower()
    if follower in RANGE_FOLLOWERS or follower in UNITS or follower == "%":
        return match[0]
    if not patterns.SCORE_WORDS.search(_before(match)):
        return match[0]
    pairs = (re.split(r"\s?-\s?", pair) for pair in re.split(r",\s*", match["score"]))
    spoken = ", ".join(f"{integer_words(a)} lawan {integer_words(b)}" for a, b in pairs)
    return spoken + match["after"]


def speak_names(text: str) -> str:
    """Read regions, initials and lettered numbers in full."""
    text = patterns.SPECIAL_REGION.sub("Daerah Istimewa ", text)
    text = patterns.REGION.sub(lambda m: REGIONS[m[0]], text)
    text = patterns.INITIALS.sub(_initials, text)
    text = patterns.LETTER_SUFFIX.sub(
        lambda m: f"{m['context']} {m['n']} {LETTER_NAMES[m['l']]}", text
    )
    return patterns.CLASS.sub(_class, text)


def speak_honorifics(text: str) -> str:
    """Read the honorific after a holy name: "Nabi Muhammad SAW", "Allah SWT"."""
    return patterns.HONORIFIC.sub(_honorific, text)


def _honorific(match: Match) -> str:
    if match["h"].upper() == "AS" and not match["name"].startswith("Nabi"):
        return match[0]
    return f"{match['name']} {HONORIFICS[match['h']]}"


def _initials(match: Match) -> str:
    rest = patterns.CAPITALS.sub(lambda m: letter_words(m[0]), match["rest"])
    return f"{match['context']} {rest}"


def _class(match: Match) -> str:
    value = roman_value(match["r"]) or 0
    return f"{match['context']} {integer_words(str(value))} {LETTER_NAMES[match['l']]}"


def _before(match: Match, width: int = 60) -> str:
    """The text of the same sentence before a match, at most `width` characters."""
    before = match.string[max(0, match.start() - width) : match.start()]
    end = patterns.SENTENCE_END.match(before)
    return before[end.end() :] if end else before
