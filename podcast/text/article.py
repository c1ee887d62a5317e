"""Read an article file into an Article: title, paragraphs and what is known of its origin."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from podcast.errors import ArticleError
from podcast.text.clean import clean_lines
from podcast.text.clean.datelines import outlet_name
from podcast.text.clean.dates import find_date
from podcast.text.clean.layout import enclose
from podcast.text.clean.markup import body_text, headline, prepare
from podcast.text.clean.repair import repair_text, squash
from podcast.text.clean.title import choose_title, make_title, titled
from podcast.text.webpage import SavedPage, parse_saved

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
"""What an article file is called: the files a folder of seeds is read for."""
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Windows-1252 first: Indonesian text saved on Windows is in it far more often
# than in the other single-byte encodings a detector may rank higher.
LEGACY_ENCODINGS = ("cp1252", "latin-1")
# Lines of one paragraph each, as a hard-wrapped .txt never has them.
UNWRAPPED_LINE = 120
# A saved news page, inline data and several pages of it included, stays well under this;
# larger is not an article.
MAX_FILE_BYTES = 40_000_000
# About five hours of speech: longer text is a mistake, not an article.
MAX_ARTICLE_CHARS = 300_000

# Markdown markup to strip, in order: (pattern, replacement).
MARKDOWN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),
    (re.compile(r"^[ \t]{0,3}[-*+][ \t]+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
)


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


@dataclass(frozen=True)
class Page:
    """The text lines of a file and the facts its markup states."""

    lines: tuple[str, ...]
    title: str | None = None
    joined: bool = True
    outlet: str | None = None
    date: date | None = None
    url: str | None = None
    author: str | None = None


def read_article(path: Path) -> Article:
    """Read and clean one article file (.txt, .md, .html or .htm)."""
    return parse_article(decode(read_bytes(path), path), path)


def parse_article(text: str, path: Path) -> Article:
    """Clean the text of an article file; ``path`` names it and tells its kind."""
    text = repair_text(text)
    if not text.strip():
        raise ArticleError(f"{path}: empty file (only whitespace)")
    if saved := parse_saved(text):
        page = read_saved(saved, path)
    elif path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text.encode()):
        page = read_html(text, path)
    elif path.suffix.lower() in MARKDOWN_SUFFIXES:
        page = read_markdown(text)
    else:
        page = read_plain(text)
    return clean_page(page, path)


def read_bytes(path: Path) -> bytes:
    """The bytes of path, or an ArticleError saying why there are none."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.is_file():
            raise ArticleError(
                f"{path}: {size / 1_000_000:.1f} MB is too large for an article "
                f"(at most {MAX_FILE_BYTES // 1_000_000} MB)"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror})") from None
    if not raw:
        raise ArticleError(f"{path}: empty file (0 bytes)")
    return raw


def decode(raw: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or a detected legacy encoding."""
    if raw.startswith(UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(f"{path}: not text (broken UTF-16)") from None
    if b"\x00" in raw:
        raise ArticleError(f"{path}: binary file, not text (NUL byte at offset {raw.index(0)})")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    guess = from_bytes(raw).best()
    if guess is None:
        raise ArticleError(f"{path}: binary file, not text (no known encoding fits)")
    for encoding in LEGACY_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return str(guess)  # pragma: no cover - latin-1 decodes every byte


def read_plain(text: str) -> Page:
    """Lines of a plain text file; each line is a paragraph when none is blank and some are long."""
    lines = tuple(text.splitlines())
    body = [line for line in lines[1:] if line.strip()]
    unwrapped = len(body) == len(lines) - 1 and any(len(line) > UNWRAPPED_LINE for line in lines)
    return Page(lines, joined=not unwrapped)


def read_markdown(text: str) -> Page:
    """Lines of a Markdown file with its markup stripped."""
    for pattern, replacement in MARKDOWN:
        text = pattern.sub(replacement, text)
    return Page(tuple(text.splitlines()))


def read_html(text: str, path: Path) -> Page:
    """The main text of a saved web page, one paragraph per line, and its metadata."""
    import trafilatura  # here: a tenth of a second to load, and only HTML needs it

    text, markup = prepare(text)
    document = trafilatura.bare_extraction(
        enclose(text), with_metadata=True, include_comments=False, include_tables=False
    )
    found = document.as_dict() if isinstance(document, trafilatura.settings.Document) else {}
    lines = body_text(markup, found.get("text") or "") or str(found.get("text") or "").splitlines()
    if not "".join(lines).strip():
        raise ArticleError(f"{path}: no article text found in the HTML page")
    sitename = found.get("sitename") or markup.site
    return Page(
        tuple(line.strip("| ") for line in lines),
        title=headline(markup) or found.get("title") or None,
        joined=False,
        outlet=outlet_name(sitename) if sitename else None,
        date=find_date(found.get("date") or markup.date or ""),
        url=found.get("url") or None,
        author=found.get("author") or markup.author or None,
    )


def read_saved(saved: SavedPage, path: Path) -> Page:
    """The text of every page of a saved web page, joined, with the first page's metadata."""
    (_, first_html), *later = saved.pages
    first = read_html(first_html, path)
    lines = list(first.lines)
    for _, html in later:
        with contextlib.suppress(ArticleError):  # a later page of only pictures adds no text
            lines += read_html(html, path).lines
    return Page(
        tuple(lines),
        first.title,
        False,
        first.outlet,
        first.date,
        url=saved.source,
        author=first.author,
    )


def clean_page(page: Page, path: Path) -> Article:
    """Split off the title, clean the rest and build the Article."""
    at = choose_title(page.lines)
    headless = not page.title and not titled(page.lines[at])
    title = re.sub(r"^[#\W_]*?(?=[\w\"“‘'(])", "", squash(page.title or page.lines[at]))
    title = "" if headless else title
    body = list(page.lines) if page.title or headless else list(page.lines[at + 1 :])
    if not any(line.strip() for line in body):
        raise ArticleError(f"{path}: only a title line, no article text")
    cleaned = clean_lines(body, title, joined=page.joined)
    if not cleaned.paragraphs:
        raise ArticleError(
            f"{path}: nothing left after removing boilerplate "
            f"({sum(1 for line in body if line.strip())} lines were all boilerplate)"
        )
    length = sum(map(len, cleaned.paragraphs))
    if length > MAX_ARTICLE_CHARS:
        raise ArticleError(
            f"{path}: {length:,} characters of text is too long for one episode "
            f"(at most {MAX_ARTICLE_CHARS:,}); split it into several articles"
        )
    return Article(
        title or make_title(cleaned.paragraphs[0]),
        cleaned.paragraphs,
        path,
        outlet=cleaned.outlet or page.outlet,
        city=cleaned.city,
        date=cleaned.date or page.date,
        url=page.url,
        author=page.author,
    )


def format_article(article: Article) -> str:
    """Render an article as text: the title, a blank line, then paragraphs between blank lines."""
    return "\n\n".join((article.title, *article.paragraphs)) + "\n"


def find_articles(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into their article files; report paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            with os.scandir(path) as entries:  # no stat per file: a folder may hold thousands
                names = sorted(
                    entry.name
                    for entry in entries
                    if os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES
                    and entry.is_file()
                )
            found.extend(path / name for name in names)
        elif path.exists():
            found.append(path)
        else:
            missing.append(str(ArticleError(f"{path}: no such file or folder")))
    return found, missing
