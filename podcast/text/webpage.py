"""A web page saved with its provenance: the pages as fetched, where from and when.

The saved file is HTML: a comment naming the source URL, the URL it led to
and the fetch time, then each page of the article as fetched (decoded to
UTF-8), each behind a comment naming its URL. Browsers and editors open it as
the first page; ``read_article`` reads every page and joins their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

HEADER = "<!-- podcast saved page"
PAGE_MARK = re.compile(r"^<!-- podcast page (\d+): (\S+) -->\n", re.MULTILINE)
FIELD = re.compile(r"^(source|final|fetched): (\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class SavedPage:
    """An article page fetched from the web, with every page it spans."""

    source: str
    """The URL the article was added from."""
    final: str
    """The URL of its first page after redirects."""
    fetched: datetime
    pages: tuple[tuple[str, str], ...]
    """(URL, HTML) of each page, in order."""


def _comment_safe(url: str) -> str:
    """A URL that can stand in an HTML comment (which must not hold ``--``)."""
    return url.replace("--", "%2D%2D")


def _from_comment(url: str) -> str:
    return url.replace("%2D%2D", "--")


def format_saved(saved: SavedPage) -> str:
    """The saved file's text."""
    header = (
        f"{HEADER}\nsource: {_comment_safe(saved.source)}\nfinal: {_comment_safe(saved.final)}\n"
        f"fetched: {saved.fetched.isoformat()}\n-->\n"
    )
    pages = "".join(
        f"<!-- podcast page {number}: {_comment_safe(url)} -->\n{html.rstrip()}\n"
        for number, (url, html) in enumerate(saved.pages, start=1)
    )
    return header + pages


def parse_saved(text: str) -> SavedPage | None:
    """The saved page in ``text``, or None when it is not one."""
    if not text.startswith(HEADER):
        return None
    head, _, rest = text.partition("-->\n")
    fields = dict(FIELD.findall(head))
    if set(fields) != {"source", "final", "fetched"}:
        return None
    marks = list(PAGE_MARK.finditer(rest))
    pages = tuple(
        (
            _from_comment(mark.group(2)),
            rest[mark.end() : marks[n + 1].start() if n + 1 < len(marks) else None][:-1],
        )
        for n, mark in enumerate(marks)
    )
    try:
        fetched = datetime.fromisoformat(fields["fetched"])
    except ValueError:
        return None
    source, final = _from_comment(fields["source"]), _from_comment(fields["final"])
    return SavedPage(source, final, fetched, pages) if pages else None
