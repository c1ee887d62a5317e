"""Indonesian words for numbers, ordinals, Roman numerals and letters."""

from __future__ import annotations

import re

from num2words import num2words

from podcast.text.spoken.tables import LETTER_NAMES, MONTHS, ROMAN, ROMAN_VALUES, words

DIGITS = words("nol satu dua tiga empat lima enam tujuh delapan sembilan")

# Spelled digit by digit: longer than this, or written with a leading zero.
MAX_WORDED_DIGITS = 15

INDONESIAN_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
ENGLISH_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?")
DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")

# "satu ratus" is never said; "satu ribu" only inside a larger group ("dua ratus satu ribu").
SE_PREFIX = re.compile(
    r"\bsatu (ratus|puluh|belas)\b|(?<!ratus )(?<!puluh )(?<!belas )\bsatu (ribu)\b"
)


def digit_words(digits: str) -> str:
    """Read a string of digits one by one.

    >>> digit_words("0812")
    'nol delapan satu dua'
    """
    return " ".join(DIGITS[int(digit)] for digit in digits)


def integer_words(digits: str) -> str:
    """Read an unsigned integer written as plain digits.

    >>> integer_words("2025")
    'dua ribu dua puluh lima'
    >>> integer_words("1100")
    'seribu seratus'
    >>> integer_words("201000")
    'dua ratus satu ribu'
    >>> integer_words("007")
    'nol nol tujuh'
    """
    if (len(digits) > 1 and digits.startswith("0")) or len(digits) > MAX_WORDED_DIGITS:
        return digit_words(digits)
    words = str(num2words(int(digits), lang="id"))
    return SE_PREFIX.sub(lambda match: "se" + (match[1] or match[2]), words)


def number_words(literal: str) -> str:
    """Read a number written the Indonesian way (English grouping tolerated).

    >>> number_words("10.000")
    'sepuluh ribu'
    >>> number_words("10,5")
    'sepuluh koma lima'
    >>> number_words("1,000,000")
    'satu juta'
    >>> number_words("3.5")
    'tiga koma lima'
    """
    if INDONESIAN_GROUPS.fullmatch(literal):
        whole, _, fraction = literal.replace(".", "").partition(",")
    elif ENGLISH_GROUPS.fullmatch(literal):
        whole, _, fraction = literal.replace(",", "").partition(".")
    elif DECIMAL.fullmatch(literal):
        whole, fraction = re.split(r"[.,]", literal)
    else:
        whole, fraction = literal, ""
    spoken = integer_words(whole)
    return f"{spoken} koma {digit_words(fraction)}" if fraction else spoken


def date_words(day: str, month: str, year: str | None = None) -> str:
    """Read a numeric date as "day month [year]", or "" when it is no date.

    >>> date_words("20", "12"), date_words("31", "12", "24"), date_words("13", "13")
    ('dua puluh Desember', 'tiga puluh satu Desember dua ribu dua puluh empat', '')
    """
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return ""
    spoken = f"{integer_words(str(int(day)))} {MONTHS[int(month) - 1]}"
    if year and len(year) == 2:
        year = str((2000 if int(year) < 70 else 1900) + int(year))
    return f"{spoken} {integer_words(year)}" if year else spoken


def ordinal_words(number: int) -> str:
    """Read an ordinal: "pertama" for one, "ke" joined to the cardinal otherwise.

    >>> ordinal_words(1), ordinal_words(14), ordinal_words(597)
    ('pertama', 'keempat belas', 'kelima ratus sembilan puluh tujuh')
    """
    return "pertama" if number == 1 else "ke" + integer_words(str(number))


def roman_value(numeral: str) -> int | None:
    """Return the value of a well-formed Roman numeral, or None.

    >>> roman_value("XIV"), roman_value("MIX"), roman_value("IIII")
    (14, 1009, None)
    """
    if not numeral or not ROMAN.fullmatch(numeral):
        return None
    values = [ROMAN_VALUES[letter] for letter in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def letter_words(acronym: str) -> str:
    """Spell an acronym with Indonesian letter names.

    >>> letter_words("DPR"), letter_words("PDI-P")
    ('de pe er', 'pe de i pe')
    """
    return " ".join(LETTER_NAMES[letter] for letter in acronym.upper() if letter in LETTER_NAMES)
