"""Read an article file into an Article: title, paragraphs and what is known of its origin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from podcast.errors import ArticleError


@dataclass(frozen=True)
class Article:
    """One cleaned article, ready to be spoken."""

    title: str
    paragraphs: tuple[str, ...]
    source: Path
    outlet: str | None = None
    city: str | None = None
    date: date | None = None
    url: str | None = None
    author: str | None = None


DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z .]+),\s*(?P<outlet>[A-Za-z0-9.]+\.(?:id|com|co\.id))$"
)
INITIALS = re.compile(r"^[(\[][a-z0-9]{1,6}(?:/[a-z0-9]{1,12})*[)\]]$")


def read_article(path: Path) -> Article:
    """Read and clean one article file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 text (byte {error.start})") from None
    return clean_text(text, path)


def clean_text(text: str, source: Path) -> Article:
    """Split text into a title and paragraphs, dropping the byline and boilerplate."""
    lines = text.replace("\r\n", "\n").strip().split("\n")
    title = lines[0].strip()
    if not title:
        raise ArticleError(f"{source}: empty file")
    body = "\n".join(
        line for line in lines[1:] if line.strip().lower() != "by" and line.strip() != title
    )
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", body)]
    rest = [block for block in blocks if block]
    outlet = city = None
    kept = []
    for block in rest:
        if INITIALS.match(block):
            continue
        if match := DATELINE.match(block):
            city, outlet = match["city"], match["outlet"]
            continue
        kept.append(block)
    if not kept:
        raise ArticleError(f"{source}: no article text after cleaning")
    return Article(title, tuple(kept), source, outlet=outlet, city=city)


def format_article(article: Article) -> str:
    """Render an article as text: the title, a blank line, then paragraphs between blank lines."""
    return "\n\n".join((article.title, *article.paragraphs)) + "\n"
