"""Datelines and date lines: where, when and for which outlet an article was written."""

from __future__ import annotations

import re

from podcast.text.clean.dates import CLOCK, MONTH, WEEKDAY
from podcast.text.clean.repair import squash

DASH = r"\s*(?:--|[-–—])\s*"
DOMAIN = r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,})*\.(?i:co\.id|com|co|id|net|tv)\b"
OUTLET_NAMES = {
    "antara": "ANTARA",
    "antara news": "ANTARA",
    "antaranews": "ANTARA",
    "cnn indonesia": "CNN Indonesia",
    "cnbc indonesia": "CNBC Indonesia",
    "media indonesia": "Media Indonesia",
}
NAMED_OUTLET = "|".join(re.escape(name) for name in OUTLET_NAMES)
OUTLET = rf"(?:{DOMAIN}|(?i:{NAMED_OUTLET})\b)"
CITY = r"[A-Z][A-Za-z'’]+(?:\s+[A-Z][A-Za-z'’]+){0,2}"
CITY_UPPER = r"[A-Z][A-Z'’]{3,}(?:\s+[A-Z][A-Z'’]+){0,2}"

# Datelines that open the first paragraph; each names the outlet, the city or both.
DATELINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("city, outlet -", re.compile(rf"(?P<city>{CITY}),\s*(?P<outlet>{OUTLET}){DASH}")),
    ("outlet, city -", re.compile(rf"(?P<outlet>{OUTLET}),\s*(?P<city>{CITY}){DASH}")),
    ("OUTLET. CITY -", re.compile(rf"(?P<outlet>{DOMAIN})\.\s+(?P<city>{CITY_UPPER}){DASH}")),
    # "Liputan6.com, Jakarta Kata..." or glued: "Liputan6.com, JakartaKata...".
    (
        "outlet, City",
        re.compile(
            rf"(?P<outlet>{DOMAIN}),\s*(?P<city>[A-Z][a-z]+)(?:\s+(?=[A-Z])|(?=[A-Z][a-z]))"
        ),
    ),
    (
        "city, region (ANTARA) -",
        re.compile(
            rf"(?P<city>{CITY})(?:,\s*{CITY})?\s*\((?P<outlet>(?i:antara(?:\s+news)?))\){DASH}"
        ),
    ),
    (
        "OUTLET - CITY.",
        re.compile(rf"(?P<outlet>{DOMAIN}){DASH}(?P<city>{CITY_UPPER})(?:\.\s*|{DASH})"),
    ),
    (
        "outlet - City.",
        re.compile(
            rf"(?P<outlet>{DOMAIN}){DASH}(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\.\s+(?=[A-Z])"
        ),
    ),
    ("outlet -", re.compile(rf"(?P<outlet>{DOMAIN}){DASH}")),
)
# Datelines that only ever stand on a line of their own.
DATELINE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("city, outlet", re.compile(rf"(?P<city>{CITY}),\s*(?P<outlet>{DOMAIN})")),
)
# A dateline of a city alone ("JAKARTA - "), trusted only at the start of the first paragraph.
CITY_DATELINE = re.compile(
    rf"(?P<city>{CITY_UPPER}|[A-Z][a-z]{{3,}}(?: [A-Z][a-z]+)?)\s+(?:--|[-–—])\s+(?=[A-Z])"
)

# Other datelines, trusted only at the start of the first paragraph: any outlet's name
# after the city, in brackets or before it, a date after the city, or a colon.
NAME = r"[A-Za-z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2}"
FIRST_DATELINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("city (outlet) -", re.compile(rf"(?P<city>{CITY})\s*\((?P<outlet>{NAME})\){DASH}")),
    ("city, outlet -", re.compile(rf"(?P<city>{CITY}),\s*(?P<outlet>{NAME}){DASH}(?=[A-Z\"“])")),
    ("OUTLET, City:", re.compile(rf"(?P<outlet>[A-Z]{{2,6}}),\s*(?P<city>{CITY}):\s+(?=[A-Z\"“])")),
    ("city, date -", re.compile(rf"(?P<city>{CITY}),\s*\d{{1,2}}\s+(?i:{MONTH})\s+\d{{4}}{DASH}")),
    ("CITY-", re.compile(rf"(?P<city>{CITY_UPPER})\s*(?:--|[-–—])\s*(?=[A-Z0-9\"“])")),
    (
        "Outlet -",
        re.compile(r"(?P<outlet>[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s+(?:--|[-–—])\s+(?=[A-Z])"),
    ),
    ("City:", re.compile(r"(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+(?=[A-Z])")),
)

# Whole lines that carry the article's date or byline: dropped, and searched for the date.
DATE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("outlet - date", re.compile(rf"{OUTLET}{DASH}\d{{1,2}}/\d{{1,2}}/\d{{4}}.*")),
    ("weekday date", re.compile(rf"{WEEKDAY},?\s*\d{{1,2}}\s+(?i:{MONTH})\.?\s+\d{{4}}{CLOCK}?")),
    ("date and time", re.compile(rf"\d{{1,2}}\s+(?i:{MONTH})\.?\s+\d{{4}}{CLOCK}")),
    (
        "updated",
        re.compile(
            rf"(?i:diperbarui|diterbitkan|dipublikasikan|updated|published)\s*:?\s*(?:{WEEKDAY},?\s*)?"
            rf"\d{{1,2}}(?:/\d{{1,2}}/|\s+(?i:{MONTH})\.?\s+)\d{{4}}{CLOCK}?"
        ),
    ),
    ("name - detik", re.compile(r".{2,60}\s+-\s+detik[A-Za-z]+(?:\s*[|,·]\s*.*)?")),
    ("name, jurnalis", re.compile(r".{2,60},\s*Jurnalis\b.{0,60}")),
    ("desk - name, outlet", re.compile(rf"[A-Z][a-z]+{DASH}.{{2,60}},\s*{OUTLET}")),
)


def outlet_name(written: str) -> str:
    """The usual spelling of an outlet: 'KOMPAS.com' -> 'Kompas.com', 'ANTARA' -> 'ANTARA'."""
    named = OUTLET_NAMES.get(squash(written).lower())
    return named or (written.lower().capitalize() if "." in written else written)


def city_name(written: str) -> str:
    """The usual spelling of a city: 'JAKARTA' -> 'Jakarta'."""
    return written.title() if written.isupper() else written


def strip_dateline(text: str, first: bool) -> tuple[str, str | None, str | None]:
    """Remove a dateline from the start of text; return the rest, the outlet and the city.

    A dateline of a city alone is trusted only at the start of the first paragraph.
    """
    found = next(filter(None, (pattern.match(text) for _, pattern in DATELINES)), None)
    found = found or next(filter(None, (p.fullmatch(text) for _, p in DATELINE_LINES)), None)
    found = found or (CITY_DATELINE.match(text) if first else None)
    if first and not found:
        found = next(filter(None, (pattern.match(text) for _, pattern in FIRST_DATELINES)), None)
    if not found:
        return text, None, None
    named = found.groupdict()
    outlet, city = named.get("outlet"), named.get("city")
    return (
        text[found.end() :].strip(),
        outlet_name(outlet) if outlet else None,
        city_name(city) if city else None,
    )
