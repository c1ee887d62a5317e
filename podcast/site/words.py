"""The pages' own words in the show's language; dates and durations as its readers write them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.units import format_unit

FALLBACK = "en"


@dataclass(frozen=True)
class Words:
    """Every label, heading and hint the pages show."""

    skip: str
    subscribe: str
    subscribe_hint: str
    feed_url: str
    copy: str
    copied: str
    copy_hint: str
    scan: str
    episodes: str
    no_episodes: str
    chapters: str
    chapter_hint: str
    transcript: str
    source: str
    download: str
    download_low_data: str
    all_episodes: str
    listen: str
    play_from: str
    archive: str
    older: str
    newer: str


WORDS = {
    "id": Words(
        skip="Langsung ke isi",
        subscribe="Berlangganan",
        subscribe_hint="Buka podcast ini di aplikasi podcast Anda:",
        feed_url="Alamat feed podcast",
        copy="Salin alamat feed",
        copied="Alamat feed sudah disalin.",
        copy_hint="Aplikasi lain: tempel alamat ini di menu tambah podcast lewat URL.",
        scan="Pindai kode ini dengan kamera ponsel untuk membuka halaman ini di ponsel.",
        episodes="Episode",
        no_episodes="Belum ada episode.",
        chapters="Bab",
        chapter_hint="Pilih bab untuk memutar dari awal bab itu.",
        transcript="Transkrip",
        source="Baca artikel aslinya",
        download="Unduh MP3",
        download_low_data="Unduh versi hemat kuota",
        all_episodes="Semua episode",
        listen="Dengarkan",
        play_from="Putar dari",
        archive="Arsip",
        older="Lebih lama",
        newer="Lebih baru",
    ),
    "en": Words(
        skip="Skip to content",
        subscribe="Subscribe",
        subscribe_hint="Open this podcast in your podcast app:",
        feed_url="Podcast feed address",
        copy="Copy the feed address",
        copied="The feed address is copied.",
        copy_hint="Other apps: paste this address where they add a podcast by URL.",
        scan="Scan this code with a phone's camera to open this page on the phone.",
        episodes="Episodes",
        no_episodes="No episodes yet.",
        chapters="Chapters",
        chapter_hint="Choose a chapter to play from its start.",
        transcript="Transcript",
        source="Read the original article",
        download="Download MP3",
        download_low_data="Download the low-data version",
        all_episodes="All episodes",
        listen="Listen",
        play_from="Play from",
        archive="Archive",
        older="Older",
        newer="Newer",
    ),
}
"""The pages' words by language; a language without its own falls back to English."""


def words_for(language: str) -> Words:
    """The pages' words for a language code such as ``id`` or ``en-US``.

    >>> words_for("id-ID").subscribe
    'Berlangganan'
    >>> words_for("fr").subscribe
    'Subscribe'
    """
    return WORDS.get(language.split("-")[0].lower(), WORDS[FALLBACK])


def locale_for(language: str) -> Locale:
    """The CLDR locale for a language code, English when CLDR does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)


def long_date(moment: datetime, language: str) -> str:
    """A date as its readers write it in prose.

    >>> long_date(datetime(2026, 11, 30, 7, 0), "id")
    '30 November 2026'
    >>> long_date(datetime(2026, 11, 30, 7, 0), "en-US")
    'November 30, 2026'
    """
    return format_date(moment.date(), "long", locale=locale_for(language))


def month_name(moment: datetime, language: str) -> str:
    """A month and its year, as a heading.

    >>> month_name(datetime(2026, 11, 30), "id"), month_name(datetime(2026, 11, 30), "en")
    ('November 2026', 'November 2026')
    """
    return format_date(moment.date(), "LLLL y", locale=locale_for(language))


def long_duration(ms: int, language: str) -> str:
    """A duration in words, to the second.

    >>> long_duration(216_400, "id")
    '3 menit 36 detik'
    >>> long_duration(3_720_000, "id")
    '1 jam 2 menit'
    >>> long_duration(5_000, "en")
    '5 seconds'
    """
    hours, rest = divmod(round(ms / 1000), 3600)
    minutes, seconds = divmod(rest, 60)
    locale = locale_for(language)
    parts = (
        format_unit(value, unit, length="long", locale=locale)
        for value, unit in (
            (hours, "duration-hour"),
            (minutes, "duration-minute"),
            (seconds, "duration-second"),
        )
        if value
    )
    return " ".join(parts) or format_unit(0, "duration-second", length="long", locale=locale)


def clock(ms: int) -> str:
    """A position or duration as a player shows it: ``m:ss``, or ``h:mm:ss`` from an hour.

    >>> clock(216_400), clock(3_723_004), clock(0)
    ('3:36', '1:02:03', '0:00')
    """
    hours, rest = divmod(round(ms / 1000), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
