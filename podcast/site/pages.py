"""The show's page and one page per episode, rendered from Jinja2 templates with autoescaping."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from podcast.catalog import Episode
from podcast.config import Show
from podcast.episode import chapters, episode_page, has_parts, xml_safe
from podcast.files import remove, write_atomic
from podcast.site.cover import write_page_cover
from podcast.site.paging import PAGE_FILE, SITE, Link, Page, plan_pages, read_ledger, stale_pages
from podcast.site.preview import page_preview, site_preview
from podcast.site.words import clock, long_date, long_duration, words_for

FEED_FILE = "feed.xml"
SUBSCRIBE_ANCHOR = "subscribe"
QR_SCALE = 4
LINKABLE = ("http://", "https://")
"""Source links the page makes clickable; a ``javascript:`` or ``data:`` URL stays unlinked."""

APPS = (
    ("Apple Podcasts", "podcast://{bare}"),
    ("AntennaPod", "https://antennapod.org/deeplink/subscribe?url={encoded}&title={title}"),
    ("Pocket Casts", "pktc://subscribe/{bare}"),
    ("Overcast", "overcast://x-callback-url/add?url={encoded}"),
)
"""Each app's link that opens a feed in it: Apple Podcasts and Pocket Casts take the
address without its scheme, AntennaPod and Overcast take it percent-encoded."""


@dataclass(frozen=True)
class Mark:
    """A chapter as the page lists it: where it starts (seconds and as a clock) and its title."""

    start_s: float
    clock: str
    title: str


@dataclass(frozen=True)
class Item:
    """An episode as the pages show it."""

    page: str
    anchor: str
    title: str
    date: str
    date_iso: str
    duration: str
    duration_clock: str
    audio: str
    size_mb: str
    marks: tuple[Mark, ...]
    paragraphs: tuple[str, ...]
    summary: str
    source: Link | None
    low_data: LowDataLink | None = None


@dataclass(frozen=True)
class LowDataLink:
    """The low-data edition as the player's first source and a download link."""

    file: str
    type: str
    codec_name: str
    size: str


def subscribe_links(feed_url: str, title: str) -> tuple[Link, ...]:
    """The links that open ``feed_url`` in each common podcast app.

    >>> [link.href for link in subscribe_links("http://10.0.0.2:8000/feed.xml", "A & B")]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['podcast://10.0.0.2:8000/feed.xml',
     'https://antennapod.org/deeplink/subscribe?url=http%3A%2F%2F10.0.0.2%3A8000%2Ffeed.xml&title=A%20%26%20B',
     'pktc://subscribe/10.0.0.2:8000/feed.xml',
     'overcast://x-callback-url/add?url=http%3A%2F%2F10.0.0.2%3A8000%2Ffeed.xml']
    """
    bare = feed_url.split("://", 1)[-1]
    fields = {"bare": bare, "encoded": quote(feed_url, safe=""), "title": quote(title, safe="")}
    return tuple(Link(label, pattern.format(**fields)) for label, pattern in APPS)


def qr_svg(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG, dark on light so any camera reads it."""
    svg = segno.make(url, error="m").svg_inline(scale=QR_SCALE, border=2, dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def _item(show: Show, episode: Episode) -> Item:
    language = show.language
    moment = episode.pub_date.astimezone(ZoneInfo(show.timezone))
    source = None
    if episode.source_url and episode.source_url.lower().startswith(LINKABLE):
        source = Link(xml_safe(episode.outlet or episode.source_url), xml_safe(episode.source_url))
    marks = tuple(
        Mark(chapter.start_ms / 1000, clock(chapter.start_ms), chapter.title)
        for chapter in chapters(episode)
    )
    paragraphs = tuple(xml_safe(p) for p in episode.parts[1:]) if has_parts(episode) else ()
    return Item(
        page=episode_page(episode.file),
        anchor=Path(episode.file).stem,
        title=xml_safe(episode.title),
        date=long_date(moment, language),
        date_iso=moment.isoformat(),
        duration=long_duration(episode.duration_ms, language),
        duration_clock=clock(episode.duration_ms),
        audio=episode.file,
        size_mb=f"{episode.length / 1_000_000:.1f}",
        marks=marks,
        paragraphs=paragraphs,
        summary=xml_safe(episode.summary),
        source=source,
        low_data=_low_data(episode),
    )


def _low_data(episode: Episode) -> LowDataLink | None:
    """The episode's low-data edition for the player and the download link, if it has one."""
    low = episode.low_data
    if low is None:
        return None
    return LowDataLink(
        low.file, f"{low.type}; codecs={low.codecs}", low.codecs.capitalize(), size_text(low.length)
    )


def size_text(length: int) -> str:
    """A file's size as the download links give it.

    >>> size_text(387_129), size_text(3_402_011)
    ('387 kB', '3.4 MB')
    """
    return f"{length / 1_000_000:.1f} MB" if length >= 1_000_000 else f"{round(length / 1000)} kB"


ENVIRONMENT = Environment(
    loader=PackageLoader("podcast.site", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _common(
    show: Show, cover_file: str, feed_file: str = FEED_FILE, *, private: bool = False
) -> dict[str, object]:
    """What every page shows besides its episodes."""
    words = words_for(show.language)
    feed_url = show.url(feed_file)
    script = ENVIRONMENT.get_template("page.js").render()
    style = ENVIRONMENT.get_template("page.css").render()
    return {
        "show": show,
        "words": words,
        "lang": show.language,
        "feed_url": feed_url,
        "apps": subscribe_links(feed_url, show.title),
        "cover": cover_file,
        "script": Markup(script),
        "style": Markup(style),
        "policy": policy(script, style),
        "qr": None,
        "preview": None,
        "robots": "noindex, nofollow" if private else None,
    }


def render_pages(
    show: Show,
    pages: Sequence[Page],
    archive: Sequence[Link],
    episodes: dict[str, Episode],
    cover_file: str,
    *,
    private: bool = False,
) -> dict[str, bytes]:
    """The HTML of each of ``pages``, by file name; ``episodes`` holds theirs, by guid."""
    rendered: dict[str, bytes] = {}
    for page in pages:
        items = [_item(show, episodes[guid]) for guid in page.guids]
        common = _common(show, cover_file, private=private)
        first = (items[0].title, items[0].summary, items[0].audio) if items else None
        common["preview"] = site_preview(show, cover_file, page, first)
        if page.kind == "show":
            qr = qr_svg(f"{show.url(PAGE_FILE)}#{SUBSCRIBE_ANCHOR}")
            html = ENVIRONMENT.get_template("show.html").render(
                common, items=items, qr=qr, archive=archive
            )
        elif page.kind == "archive":
            html = ENVIRONMENT.get_template("archive.html").render(common, items=items, page=page)
        else:
            html = ENVIRONMENT.get_template("episode.html").render(common, item=items[0])
        rendered[page.name] = html.encode()
    return rendered


def topic_page(
    show: Show, episodes: Sequence[Episode], cover_file: str, page_file: str, feed_file: str
) -> bytes:
    """The page of a feed of its own: ``show`` as that feed presents itself, its episodes."""
    common = _common(show, cover_file, feed_file)
    items = [_item(show, episode) for episode in episodes]
    audio = items[0].audio if items else None
    common["preview"] = page_preview(
        show, cover_file, page_file, show.title, show.description, audio
    )
    qr = qr_svg(f"{show.url(page_file)}#{SUBSCRIBE_ANCHOR}")
    html = ENVIRONMENT.get_template("show.html").render(common, items=items, qr=qr, archive=())
    return html.encode()


def site_pages(
    show: Show,
    episodes: Sequence[Episode],
    cover_file: str,
    only: str | None = None,
    *,
    private: bool = False,
) -> dict[str, bytes]:
    """The show's page, its archive pages and each episode's page, by file name (only
    ``only`` when given); a ``private`` show's pages ask search engines not to list them."""
    pages, archive = plan_pages(show, episodes)
    chosen = [page for page in pages if only in (None, page.name)]
    by_guid = {episode.guid: episode for episode in episodes}
    return render_pages(show, chosen, archive, by_guid, cover_file, private=private)


def policy(script: str, style: str) -> str:
    """A Content-Security-Policy that lets the page load only its own files and inline code.

    The inline script and style are allowed by their hashes; nothing else runs, and no
    font, script, image or sound comes from another site.
    """

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    return (
        f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; "
        "img-src 'self' data:; media-src 'self'; base-uri 'none'; form-action 'none'"
    )


def write_site(
    show: Show,
    episodes: Sequence[Episode],
    folder: Path,
    cover_file: str,
    *,
    load: Callable[[list[str]], list[Episode]] | None = None,
    ledger: Path | None = None,
) -> list[Path]:
    """Write ``index.html``, the archive pages, every episode's page and a small cover.

    Returns the pages' paths. With a ``ledger`` (a file of page fingerprints), only pages
    whose fingerprint changed are rendered; ``episodes`` may then be headers without their
    parts, and ``load`` gives the whole episodes of guids. A page is rewritten only when
    its bytes change; an archive page no longer planned is deleted. When the whole site's
    fingerprint is the ledger's and every page is there, nothing more is done.
    """
    small_cover = write_page_cover(folder / cover_file, folder)
    known, there = read_ledger(ledger), set(os.listdir(folder))
    common = repr((show, small_cover))  # once: the show's repr is long
    pages, archive, prints, stale = stale_pages(show, episodes, known, there, common)
    if not pages:  # the site as the ledger knows it
        return [folder / name for name in known if name != SITE]
    by_guid = {episode.guid: episode for episode in episodes}
    needed = sorted({guid for page in stale for guid in page.guids})
    whole = load(needed) if load else [by_guid[guid] for guid in needed]
    rendered = render_pages(show, stale, archive, {e.guid: e for e in whole}, small_cover)
    for name, html in rendered.items():
        write_atomic(folder / name, html)
    for name in there:
        if name.startswith("archive-") and name.endswith(".html") and name not in prints:
            remove(folder / name)
    if ledger is not None:
        write_atomic(ledger, json.dumps(prints, indent=0, sort_keys=True).encode())
    return [folder / page.name for page in pages]
