"""Find the calendar date an article states, in the ways Indonesian news sites write it."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2, "pebruari": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
CLOCK = r"(?:[\s,|·•–—-]*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT))?)"
DATE_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>(?i:{MONTH}))\.?\s+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b(?P<month>(?i:{MONTH}))\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})\b"),
)


def find_date(text: str) -> date | None:
    """The first calendar date written in text, or None."""
    for form in DATE_FORMS:
        for found in form.finditer(text):
            month = found["month"]
            number = int(month) if month.isdigit() else MONTHS.get(month.lower(), 0)
            try:
                return date(int(found["year"]), number, int(found["day"]))
            except ValueError:
                continue
    return None
