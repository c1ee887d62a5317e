"""An article page from the web: decoded, its later pages followed, checked for an article."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from charset_normalizer import from_bytes

from podcast.errors import ArticleError, WebError
from podcast.sources.http import Client, Response
from podcast.text import Article, SavedPage, format_saved, parse_article

MAX_PAGES = 10
MIN_WORDS = 50
"""An article with fewer words of prose is a teaser, a front page or a list, not an article."""
SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
JS_TEXT_CHARS = 200
"""A page with scripts and less visible text than this needs JavaScript to show its text."""

WEB_PAGE_TYPES = ("text/html", "application/xhtml+xml", "")
# What a URL holds when it is not a web page: (Content-Type prefix, what it is), first match wins.
NOT_PAGES = (
    ("application/pdf", "a PDF document"),
    ("image/", "an image"),
    ("audio/", "audio"),
    ("video/", "a video"),
    ("application/rss+xml", "a feed"),
    ("application/atom+xml", "a feed"),
    ("application/json", "JSON data"),
    ("application/zip", "a ZIP archive"),
    ("text/plain", "plain text"),
    ("", "a file of another kind"),
)
# Files that servers send without a type, by their first bytes.
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG", "image/png"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
)
# Labels browsers read as Windows-1252 (WHATWG Encoding), and the meta tag that names a charset.
WINDOWS_1252 = {"iso-8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "windows-1252"}
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
NEXT_WORDS = re.compile(r"(?i)(?:selanjutnya|berikutnya|next|halaman\s+berikutnya)\W*")


def fetch_article(client: Client, url: str) -> tuple[SavedPage, Article, str | None]:
    """Fetch the article at ``url`` and its later pages; the saved page, its article, canonical URL.

    Raises WebError naming the URL when there is no page or no article in it.
    """
    first = client.get(url)
    html = page_html(first)
    tree = _tree(html)
    pages = [(first.final_url, html)]
    # A first page without one sentence of prose is no article: its "next" links lead elsewhere.
    article_in(SavedPage(url, first.final_url, first.fetched, tuple(pages)), html, min_words=1)
    for _ in range(MAX_PAGES - 1):
        next_url = next_page(tree, pages[-1][0], first.final_url, len(pages))
        if next_url is None or next_url in {page_url for page_url, _ in pages}:
            break
        try:
            html = page_html(client.get(next_url))
        except WebError as error:
            raise WebError(f"{url}: page {len(pages) + 1} of the article: {error}") from None
        tree = _tree(html)
        pages.append((next_url, html))
    saved = SavedPage(url, first.final_url, first.fetched, tuple(pages))
    return saved, article_in(saved, pages[0][1]), canonical_url(_tree(pages[0][1]), first.final_url)


def page_html(response: Response) -> str:
    """The page's text, or a WebError saying what the URL holds instead of a web page."""
    kind = response.content_type
    if not kind or kind == "application/octet-stream":
        kind = next((k for magic, k in MAGIC if response.body.startswith(magic)), "")
    if kind not in WEB_PAGE_TYPES:
        what = next(name for prefix, name in NOT_PAGES if kind.startswith(prefix))
        hint = ": add it to [[sources]] in podcast.toml" if what == "a feed" else ""
        raise WebError(f"{response.url}: not a web page but {what} ({kind}){hint}")
    return decode_page(response)


def decode_page(response: Response) -> str:
    """Decode by the HTTP charset, then the page's meta tag, then detection."""
    body = response.body
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    header = re.search(r"charset=\"?([\w:.-]+)", response.headers.get("content-type", ""))
    meta = META_CHARSET.search(body[:4096])
    for label in (header and header.group(1), meta and meta.group(1).decode("ascii")):
        if text := _decode_as(body, label or ""):
            return text
    guess = from_bytes(body).best()
    return str(guess) if guess is not None else body.decode("cp1252", "replace")


def _decode_as(body: bytes, label: str) -> str | None:
    label = label.strip().lower()
    encoding = "cp1252" if label in WINDOWS_1252 else label
    try:
        return body.decode(encoding) if encoding else None
    except (LookupError, UnicodeDecodeError):
        return None


def _tree(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return None


def next_page(
    tree: lxml.html.HtmlElement | None, page_url: str, first_url: str, count: int
) -> str | None:
    """The URL of the article's next page: rel="next", else a "Selanjutnya" or page-number link.

    Only a URL on the first page's path (``?page=2``, ``/2``) counts, so a link to the next
    article or to a section's second page is never taken.
    """
    if tree is None:
        return None
    number = str(count + 1)
    candidates = [*tree.xpath('//link[@rel="next"]/@href'), *tree.xpath('//a[@rel="next"]/@href')]
    for anchor in tree.xpath("//a[@href]"):
        text = " ".join(anchor.text_content().split())
        if NEXT_WORDS.fullmatch(text) or text in (number, f"Halaman {number}"):
            candidates.append(anchor.get("href"))
    for href in candidates:
        target = urljoin(page_url, str(href)).split("#")[0]
        if _same_article(first_url, target) and target != page_url:
            return target
    return None


def _same_article(first_url: str, target: str) -> bool:
    first, other = urlsplit(first_url), urlsplit(target)
    stem = re.sub(r"\.html?$", "", first.path.rstrip("/"))
    return other.netloc == first.netloc and (
        other.path.rstrip("/") == first.path.rstrip("/") or other.path.startswith(stem + "/")
    )


def canonical_url(tree: lxml.html.HtmlElement | None, page_url: str) -> str | None:
    """The page's canonical URL (``<link rel="canonical">``, else ``og:url``)."""
    if tree is None:
        return None
    found = tree.xpath('//link[@rel="canonical"]/@href') or tree.xpath(
        '//meta[@property="og:url"]/@content'
    )
    return urljoin(page_url, str(found[0]).strip()) if found else None


def article_in(saved: SavedPage, first_html: str, min_words: int = MIN_WORDS) -> Article:
    """The article the saved page holds, or a WebError saying why there is none."""
    try:
        article = parse_article(format_saved(saved), Path("page.html"))
    except ArticleError:
        article = None
    words = prose_words(article.paragraphs) if article else 0
    if words >= min_words and article is not None:
        return article
    tree = _tree(first_html)
    if tree is not None and tree.xpath("//script") and _visible_chars(tree) < JS_TEXT_CHARS:
        raise WebError(
            f"{saved.source}: no article in the page: it needs JavaScript to show its text"
        )
    raise WebError(
        f"{saved.source}: no article in the page "
        f"({words} words of prose: a front page or a list of links?)"
    )


def prose_words(paragraphs: tuple[str, ...]) -> int:
    """Words in paragraphs that read as prose: eight words or more, ending a sentence.

    >>> prose_words(("Polisi Tangkap Pelaku Begal di Kalimalang", "Ia menambahkan, air surut."))
    0
    """
    return sum(
        len(words)
        for words, paragraph in ((p.split(), p) for p in paragraphs)
        if len(words) >= 8 and SENTENCE_END.search(paragraph)
    )


def _visible_chars(tree: lxml.html.HtmlElement) -> int:
    body = tree.find("body")
    if body is None:
        return 0
    for hidden in body.xpath(".//script|.//style|.//noscript|.//template"):
        hidden.drop_tree()
    return len("".join(body.text_content().split()))
