"""Ready a web page for extraction, and read the facts its markup states about the article.

Real news pages carry far more markup than text: scripts, styles, inline data
and icons can make a page several megabytes. They go before the extractor
reads the page (which keeps it fast on any size), and so does the layout of
the source: line breaks inside a paragraph are spaces, as a browser shows them
(``clean_layout`` then lays out the rest as a browser would).

The headline is taken from evidence, not from ``<title>``, which carries the
site's name: a heading (``<h1>``, or ``<h2>`` on older layouts whose ``<h1>`` is
the section's name) that the page's own titles (JSON-LD ``headline``, Open
Graph, Twitter, ``<title>``) repeat, with or without the site's name around
it; without one, the first of those titles with the site's name cut off.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from podcast.text.clean.datelines import DOMAIN
from podcast.text.clean.repair import squash

# Elements whose content is never text to read: scripts (but JSON-LD), styles, drawings.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HIDDEN = re.compile(
    r"<(style|svg|template|iframe|object|canvas|math)\b.*?</\1\s*>|<!--.*?-->"
    # Posts embedded from social networks: someone else's words, often in English.
    r"|<blockquote\b[^>]*(?:twitter-tweet|instagram-media|tiktok-embed)[^>]*>.*?</blockquote\s*>",
    re.IGNORECASE | re.DOTALL,
)
INLINE_DATA = re.compile(r"""\s(?:src|href|srcset|style)\s*=\s*(?:"data:[^"]*"|'data:[^']*')""")
# Where the source's line breaks are kept, as a browser keeps them.
PREFORMATTED = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
LAYOUT_BREAK = re.compile(r"[ \t\r]*\n\s*")
META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
HEADING = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# The page's own titles, most trusted first.
TITLE_METAS = ("og:title", "twitter:title", "title")
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BlogPosting", "Report",
    }
)  # fmt: skip
# What stands between a headline and the site's name in a page's title.
SEPARATOR = r"\s*(?:::|[-|–—•»:])\s*"
PARTS = re.compile(r"\s+(?:::|[-|–—•»])\s+|\s*\|\s*")
HEADING_WORDS = 2
BREAK = re.compile(r"</p\s*>|<br\s*/?>", re.IGNORECASE)
# The page's text must be this share of the articleBody's length to be preferred to it.
WHOLE_SHARE = 0.5


@dataclass(frozen=True)
class Markup:
    """What a page's markup states: its titles, headings and the article's structured data."""

    titles: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    site: str | None = None
    date: str | None = None
    author: str | None = None
    body: tuple[str, ...] = ()
    """The paragraphs of the article's JSON-LD articleBody, when it has one."""


def prepare(page: str) -> tuple[str, Markup]:
    """The page without scripts, styles and inline data, and the facts its markup states."""
    found = list(structured(page))
    page = SCRIPT.sub(lambda m: m.group() if "ld+json" in m.group(1).lower() else "", page)
    page = HIDDEN.sub("", page)
    page = INLINE_DATA.sub("", page)
    page = "".join(
        part if number % 3 == 1 else LAYOUT_BREAK.sub(" ", part) if number % 3 == 0 else ""
        for number, part in enumerate(PREFORMATTED.split(page))
    )
    metas = meta_tags(page)
    title = TITLE.search(page)
    titles = [item.get("headline") for item in found]
    titles += [metas.get(name) for name in TITLE_METAS]
    titles += [text_of(title.group(1)) if title else None]
    publisher = next((name for item in found if (name := item.get("publisher"))), None)
    return page, Markup(
        titles=tuple(dict.fromkeys(squash(title) for title in titles if title and title.strip())),
        headings=tuple(
            text for _, inner in HEADING.findall(page) if len((text := text_of(inner)).split())
        ),
        site=metas.get("og:site_name") or publisher,
        date=next((date for item in found if (date := item.get("date"))), None),
        author=next((name for item in found if (name := item.get("author"))), None),
        body=next((paragraphs(body) for item in found if (body := item.get("body"))), ()),
    )


def paragraphs(body: str) -> tuple[str, ...]:
    """The paragraphs of an articleBody: its lines, or its HTML paragraphs and breaks."""
    lines = BREAK.sub("\n", body).splitlines()
    return tuple(text for line in lines if (text := text_of(line)))


def body_text(markup: Markup, extracted: str) -> tuple[str, ...] | None:
    """The articleBody's paragraphs when the page shows less of the article than it holds.

    Some sites put only a summary in articleBody: the page's own text wins unless it
    is less than half as long, or is the articleBody with its paragraphs run together.
    """
    whole = " ".join(markup.body)
    if not whole or (
        len(extracted.split()) >= len(whole.split()) * WHOLE_SHARE
        and squash(extracted) != squash(whole)
    ):
        return None
    return markup.body


def text_of(markup: str) -> str:
    """The text of a piece of markup, entities decoded and whitespace collapsed."""
    return squash(html.unescape(TAG.sub(" ", markup)))


def meta_tags(page: str) -> dict[str, str]:
    """Each named <meta> tag's content (the first of each name), by lower-cased name."""
    found: dict[str, str] = {}
    for tag in META.findall(page):
        attributes = {
            key.lower(): html.unescape(value.strip("\"'")) for key, value in ATTRIBUTE.findall(tag)
        }
        name = (attributes.get("property") or attributes.get("name") or "").lower()
        if name and "content" in attributes:
            found.setdefault(name, squash(attributes["content"]))
    return found


def structured(page: str) -> Iterator[dict[str, str]]:
    """Headline, date, author and publisher of each article that the page's JSON-LD describes."""
    for attributes, body in SCRIPT.findall(page):
        if "ld+json" not in attributes.lower():
            continue
        try:
            data = json.loads(html.unescape(body.strip()), strict=False)
        except ValueError:
            continue
        for item in things(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if ARTICLE_TYPES.intersection(kind for kind in kinds if isinstance(kind, str)):
                yield {
                    "headline": name_of(item.get("headline")),
                    "date": name_of(item.get("datePublished")),
                    "author": name_of(item.get("author")),
                    "publisher": name_of(item.get("publisher")),
                    "body": body if isinstance(body := item.get("articleBody"), str) else "",
                }


def things(data: object) -> Iterator[dict[str, object]]:
    """Every JSON-LD object in data, in lists and @graph too."""
    if isinstance(data, list):
        for item in data:
            yield from things(item)
    elif isinstance(data, dict):
        yield data
        yield from things(data.get("@graph"))


def name_of(value: object) -> str:
    """A JSON-LD value as text: a string, or the name of a thing (the first of a list)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return squash(html.unescape(value)) if isinstance(value, str) else ""


def headline(markup: Markup) -> str | None:
    """The article's headline: a heading the page's titles repeat, else a title without the site.

    Of the headings a title repeats, the longest: a title may also name the topic's tag.
    """
    framed_headings = [
        heading
        for heading in markup.headings
        if len(heading.split()) >= HEADING_WORDS
        and any(framed(heading, title) for title in markup.titles)
    ]
    if framed_headings:
        return max(framed_headings, key=len)
    for title in markup.titles:
        if left := without_site(title, markup.site):
            return left
    return None


def framed(heading: str, title: str) -> bool:
    """True when title is heading, alone or between separators from the site's name and such."""
    head, whole = heading.casefold(), title.casefold()
    start = whole.find(head)
    while start >= 0:
        before, after = whole[:start], whole[start + len(head) :]
        if (not before or re.search(r"\S" + SEPARATOR + "$", before)) and (
            not after or re.match(SEPARATOR + r"\S", after)
        ):
            return True
        start = whole.find(head, start + 1)
    return False


def without_site(title: str, site: str | None) -> str:
    """A page's title without the parts at its ends that name the site."""
    parts = PARTS.split(title)
    while parts and names_site(parts[-1], site):
        parts.pop()
    while parts and names_site(parts[0], site):
        parts.pop(0)
    if not parts:
        return ""
    start = title.index(parts[0])
    return title[start : title.rindex(parts[-1]) + len(parts[-1])]


def names_site(part: str, site: str | None) -> bool:
    """True for a part of a title that names the site (its domain, or its name)."""
    if re.search(DOMAIN, part):
        return True
    return bool(site) and squash(str(site)).casefold() in part.casefold()
