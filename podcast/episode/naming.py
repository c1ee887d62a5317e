"""An episode's file name and summary, made from its article."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from podcast.text import Article

SUMMARY_CHARS = 600
DESCRIPTION = ".youtube.txt"
EXTRAS = (".mp4", ".vertical.mp4", DESCRIPTION)
"""Files made on request beside an episode's MP3, by the end of their name (its videos and
their description): published and removed with the episode."""
SLUG_CHARS = 60


def summarize(article: Article) -> str:
    """The opening of the article, cut at a word boundary."""
    text = " ".join(article.paragraphs)
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def slugify(title: str) -> str:
    """A lowercase ASCII slug of at most 60 characters, cut at a word.

    >>> slugify("Rp 10,5 Triliun: Ekonomi Indonesia Tumbuh 5%!")
    'rp-10-5-triliun-ekonomi-indonesia-tumbuh-5'
    >>> slugify("Café Über")
    'cafe-uber'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_CHARS:
        slug = slug[: SLUG_CHARS + 1].rsplit("-", 1)[0]
    return slug or "episode"


def episode_file(day: date, slug: str, taken: set[str]) -> str:
    """``<date>-<slug>.mp3``, numbered when another episode owns that name.

    >>> episode_file(date(2026, 11, 30), "edisi-harian", {"2026-11-30-edisi-harian.mp3"})
    '2026-11-30-edisi-harian-2.mp3'
    """
    stem = f"{day.isoformat()}-{slug}"
    name, number = f"{stem}.mp3", 2
    while name in taken:
        name, number = f"{stem}-{number}.mp3", number + 1
    return name


def episode_page(file: str) -> str:
    """The file name of an episode's web page: its MP3's name with ``.html``.

    >>> episode_page("2026-11-30-berita.mp3")
    '2026-11-30-berita.html'
    """
    return file.removesuffix(".mp3") + ".html"


def extra_names(file: str) -> list[str]:
    """The names the files of ``EXTRAS`` have beside the MP3 ``file``.

    >>> extra_names("2026-11-30-berita.mp3")
    ['2026-11-30-berita.mp4', '2026-11-30-berita.vertical.mp4', '2026-11-30-berita.youtube.txt']
    """
    return [file.removesuffix(".mp3") + suffix for suffix in EXTRAS]
