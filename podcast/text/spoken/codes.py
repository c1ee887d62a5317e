"""Rules for codes, signs and fractions: what letters and digits mean by their shape and neighbours.

Codes that mix letters and digits are read by what they are: a number plate
("B 2981 KJL": the letters spelled, the digits one by one), a flight ("JT 610"
after a flight word, or glued: "MH370"), a train ("KA 112 Jayakarta": "kereta
api ..."), a chemical formula ("H2SO4": each element spelled, the counts as
numbers), any other capitals glued to a number ("G20", "PM10", "B40": spelled,
then the number). Signs are read as words: an explicit "+" on a change ("plus"),
"≥ ≤ < > ~" before a number, "±" ("kurang lebih" before a number, "plus minus"
after a number or a margin word), "&" between capitals ("P&G": "pe en ge"), a
"+" after a group's name ("BRICS+"), a ratio after "skala" or "rasio" ("1:3":
"satu banding tiga"). Fractions: glyphs and mixed numbers ("3½", "1 1/4").
Addresses: "RT 03/RW 07", "Kav. 52" and a letter after "Blok" or "Tower".

Tables in `podcast.text.spoken.codes_tables`.
"""

from __future__ import annotations

import re

import podcast.text.spoken.codes_patterns as patterns
from podcast.text.spoken.codes_tables import (
    AIRLINES,
    COMPARISONS,
    ELEMENTS,
    FRACTIONS,
    PLATE_REGIONS,
    SCIENCE_WORDS,
    VEHICLE_CLASSES,
)
from podcast.text.spoken.numbers import digit_words, integer_words, letter_words, number_words
from podcast.text.spoken.tables import LETTER_NAMES, SPELLED, UNITS, VOWELS

Match = re.Match[str]


def speak_vehicles(text: str) -> str:
    """Read number plates, flight codes and aircraft models letter by letter and digit by digit."""
    text = patterns.AIRCRAFT.sub(_aircraft, text)
    if not patterns.LETTER_DIGIT.search(text):
        return text
    text = patterns.PLATE.sub(_plate, text)
    return patterns.FLIGHT.sub(_flight, text)


def _plate(match: Match) -> str:
    if match["region"] not in PLATE_REGIONS:
        return match[0]
    return " ".join(
        (letter_words(match["region"]), digit_words(match["n"]), letter_words(match["series"]))
    )


def _aircraft(match: Match) -> str:
    model = [match["maker"], letter_words(match["letter"]), digit_words(match["n"])]
    if match["variant"]:
        model += [integer_words(match["variant"]), letter_words(match["suffix"])]
    return " ".join(part for part in model if part)


def _flight(match: Match) -> str:
    if match["code"] not in AIRLINES:
        return match[0]
    before = match.string[max(0, match.start() - 40) : match.start()]
    if match["space"] and not patterns.FLIGHT_BEFORE.search(before):
        return match[0]
    return f"{letter_words(match['code'])} {digit_words(match['n'])}"


def speak_trains(text: str) -> str:
    """Read "KA" before a train's number or name, or after a rail word, as "kereta api"."""
    return patterns.TRAIN.sub(_train, text) if "KA" in text else text


def _train(match: Match) -> str:
    after = match.string[match.end() :]
    before = match.string[max(0, match.start() - 40) : match.start()]
    if patterns.TRAIN_AFTER.match(after) or patterns.TRAIN_BEFORE.search(before):
        return "kereta api"
    return match[0]


def speak_addresses(text: str) -> str:
    """Read "RT 03/RW 07" as two numbers and "Kav. 52" as "Kaveling"."""
    text = patterns.RT_RW.sub(_rt_rw, text) if "RT" in text else text
    return patterns.PLOT.sub("Kaveling ", text) if "Kav" in text else text


def _rt_rw(match: Match) -> str:
    rt, rw = (match["a"], match["b"]) if match["a"] else (match["rt"], match["rw"])
    return f"RT {integer_words(rt)} RW {integer_words(rw)}"


def speak_letters(text: str) -> str:
    """Spell a letter after "Blok", "Tower" or "SIM", and capitals joined by "&"."""
    text = patterns.LETTER_AFTER.sub(lambda m: f"{m['context']} {LETTER_NAMES[m['l']]}", text)
    if "&" not in text:
        return text
    return patterns.AMPERSAND.sub(
        lambda m: f"{letter_words(m['a'])} en {letter_words(m['b'])}", text
    )


def speak_comparisons(text: str) -> str:
    """Read ratios and "≥ ≤ < > ~ ±" before a number."""
    if ":" in text:
        text = patterns.RATIO.sub(r"\g<context> \g<a> banding \g<b>", text)
    return patterns.COMPARISON.sub(_comparison, text) if patterns.SIGNS.search(text) else text


def speak_plus(text: str) -> str:
    """Read a "+" left after countdowns and sums: on a change ("+2,4%"), after a name ("BRICS+")."""
    if "+" not in text:
        return text
    text = patterns.SIGN_PLUS.sub(" plus ", text)
    return patterns.GROUP_PLUS.sub(" plus", text)


def _comparison(match: Match) -> str:
    sign = match["sign"]
    if sign == "±":
        before = match.string[max(0, match.start() - 40) : match.start()]
        if re.search(r"[0-9%]\s?$", before) or patterns.MARGIN_BEFORE.search(before):
            return " plus minus "
    return f" {COMPARISONS[sign]} "


def speak_fractions(text: str) -> str:
    """Read fraction glyphs and mixed numbers: "3½" -> "tiga setengah", "1 1/4 inci"."""
    if patterns.GLYPHS.search(text):
        text = patterns.GLYPH.sub(_glyph, text)
    return patterns.FRACTION.sub(_mixed, text) if "/" in text else text


def _glyph(match: Match) -> str:
    whole = number_words(match["whole"]) + " " if match["whole"] else ""
    return f"{whole}{FRACTIONS[match['glyph']]}{_unit(match)}"


def _mixed(match: Match) -> str:
    n, d = int(match["n"]), int(match["d"])
    if not match["whole"] or not 0 < n < d:
        return match[0]
    return f"{number_words(match['whole'])} {fraction_words(n, d)}{_unit(match)}"


def _unit(match: Match) -> str:
    return f" {UNITS[match['unit']]}" if match["unit"] else match["after"]


def fraction_words(numerator: int, denominator: int) -> str:
    """Read a fraction as Indonesian says it.

    >>> fraction_words(1, 2), fraction_words(1, 4), fraction_words(3, 4), fraction_words(3, 8)
    ('setengah', 'seperempat', 'tiga perempat', 'tiga perdelapan')
    """
    if (numerator, denominator) == (1, 2):
        return "setengah"
    head = "se" if numerator == 1 else integer_words(str(numerator)) + " "
    return f"{head}per{integer_words(str(denominator))}"


def speak_codes(text: str) -> str:
    """Read formulas, isotopes and letters glued to a number: "CO2", "Cs-137", "G20", "1A"."""
    text = patterns.SCIENCE.sub(lambda m: SCIENCE_WORDS[m[0]], text)
    if not patterns.LETTER_DIGIT.search(text):
        return text
    text = patterns.ISOTOPE.sub(_isotope, text)
    text = patterns.NUMBER_LETTER.sub(lambda m: f"{m['n']} {LETTER_NAMES[m['l']]}", text)
    return patterns.CODE.sub(_code, text)


def _isotope(match: Match) -> str:
    if match["el"] not in ELEMENTS:
        return match[0]
    return f"{letter_words(match['el'])} {integer_words(match['n'])}"


def _code(match: Match) -> str:
    token = match["token"]
    if token in VEHICLE_CLASSES:
        return VEHICLE_CLASSES[token]
    parts = patterns.FORMULA_PART.findall(token)
    if "".join(a + b for a, b in parts) == token and all(el in ELEMENTS for el, _ in parts):
        return " ".join(letter_words(el) + (" " + integer_words(n) if n else "") for el, n in parts)
    code = patterns.LETTERS_NUMBER.fullmatch(token)
    if not code:
        return token
    letters = code["letters"]
    spelled = len(letters) <= 2 or letters in SPELLED or not VOWELS & set(letters)
    return f"{letter_words(letters) if spelled else letters} {number_words(code['n'])}"
