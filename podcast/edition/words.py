"""The edition's own words: the date as radio says it, the opening, the running order, the
transitions that name each story's outlet, and the close."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from num2words import num2words

from podcast.text import speakable

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

TITLE = "Edisi {date}"
OPENING = "{show}. Edisi {date}."
RUNNING_ORDER = "Dalam edisi ini: {headlines}."
LAST_HEADLINE = "dan {headline}"
LEADS = {"only": "Berita edisi ini", "first": "Berita pertama", "next": "Berita berikutnya"}
LEADS |= {"last": "Berita terakhir"}
FROM_OUTLET = "{lead}, dari {outlet}."
WITHOUT_OUTLET = "{lead}."
CLOSE = "Demikian {show}, edisi {date}. Terima kasih telah mendengarkan."
SUMMARY = "{title}: {count} berita dari {outlets}."


@dataclass(frozen=True)
class Line:
    """One part of the edition's own words: as the transcript shows it and as the voice says it."""

    shown: str
    spoken: str


def written_date(day: date) -> str:
    """The date as an Indonesian newspaper writes it.

    >>> written_date(date(2026, 11, 30))
    'Senin, 30 November 2026'
    """
    return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def spoken_date(day: date) -> str:
    """The date as Indonesian radio says it, every number in words.

    >>> spoken_date(date(2026, 11, 30))
    'Senin, tiga puluh November dua ribu dua puluh enam'
    """
    number, year = num2words(day.day, lang="id"), num2words(day.year, lang="id")
    return f"{WEEKDAYS[day.weekday()]}, {number} {MONTHS[day.month - 1]} {year}"


def edition_title(day: date) -> str:
    """The edition's title: ``Edisi Senin, 30 November 2026``."""
    return TITLE.format(date=written_date(day))


def _dated(template: str, show: str, day: date) -> Line:
    shown = template.format(show=show, date=written_date(day))
    return Line(shown, speakable(template.format(show=show, date=spoken_date(day))))


def opening(show: str, day: date) -> Line:
    """The show and the date: ``Kabar Indonesia. Edisi Senin, 30 November 2026.``"""
    return _dated(OPENING, show, day)


def close(show: str, day: date) -> Line:
    """The last words of the edition."""
    return _dated(CLOSE, show, day)


def running_order(titles: Sequence[str]) -> Line:
    """The headlines, in the order they come: ``Dalam edisi ini: A; B; dan C.``"""
    headlines = list(titles)
    if len(headlines) > 1:
        headlines[-1] = LAST_HEADLINE.format(headline=headlines[-1])
    shown = RUNNING_ORDER.format(headlines="; ".join(headlines))
    return Line(shown, speakable(shown))


def transition(number: int, count: int, outlet: str | None) -> Line:
    """What is said before story ``number`` (from 0) of ``count``, naming its outlet."""
    if count == 1:
        lead = LEADS["only"]
    else:
        lead = LEADS["first" if number == 0 else "last" if number == count - 1 else "next"]
    template = FROM_OUTLET if outlet else WITHOUT_OUTLET
    shown = template.format(lead=lead, outlet=outlet)
    return Line(shown, speakable(shown))


def summary(day: date, outlets: Sequence[str | None]) -> str:
    """One sentence for podcast apps: the edition, how many stories and from which outlets."""
    named = list(dict.fromkeys(outlet for outlet in outlets if outlet))
    listed = ", ".join(named[:-1]) + f" dan {named[-1]}" if len(named) > 1 else "".join(named)
    text = SUMMARY.format(title=edition_title(day), count=len(outlets), outlets=listed)
    return text if named else text.replace(" dari .", ".")
