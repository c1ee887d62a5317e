"""Which page lists which episodes: the show's page, archive pages by month, episode pages.

The show's page lists the newest ``page_episodes``; when the show holds more, every
episode is also on an archive page of its month, at most ``page_episodes`` each, filled
oldest first (``archive-2026-05.html``, then ``archive-2026-05-2.html``), so a new episode
changes only its month's last archive page. Each page has a fingerprint of everything it
shows; a page whose fingerprint did not change is not rendered again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from operator import attrgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast.catalog import Episode
from podcast.config import Show
from podcast.episode import episode_page
from podcast.site.words import month_name

PAGE_FILE = "index.html"
SHOWN = (
    *("guid", "file", "title", "outlet", "summary", "source_url", "pub_date", "length"),
    *("content_hash", "duration_ms", "low_data"),
)
"""What a page shows of an episode: its catalog entry; the content hash covers its text."""
SHOWN_OF = attrgetter(*SHOWN)


@dataclass(frozen=True)
class Link:
    """A labelled link."""

    label: str
    href: str


@dataclass(frozen=True)
class Page:
    """One page to write: its file name, kind, the episodes it lists (guids) and its links."""

    name: str
    kind: str
    """``show``, ``archive`` or ``episode``."""
    guids: tuple[str, ...]
    label: str = ""
    newer: Link | None = None
    older: Link | None = None


def plan_pages(show: Show, episodes: Sequence[Episode]) -> tuple[list[Page], tuple[Link, ...]]:
    """Every page of the show for ``episodes`` (newest first), and the archive's links."""
    size, zone = show.page_episodes, ZoneInfo(show.timezone)
    archive: list[Page] = []
    if len(episodes) > size:
        months: dict[str, list[Episode]] = {}
        for episode in reversed(episodes):
            months.setdefault(f"{episode.pub_date.astimezone(zone):%Y-%m}", []).append(episode)
        for month, listed in months.items():
            label = month_name(listed[0].pub_date.astimezone(zone), show.language)
            for start in range(0, len(listed), size):
                number = start // size + 1
                chunk = listed[start : start + size]
                suffix = "" if number == 1 else f"-{number}"
                archive.append(
                    Page(
                        f"archive-{month}{suffix}.html",
                        "archive",
                        tuple(episode.guid for episode in reversed(chunk)),
                        label if number == 1 else f"{label} ({number})",
                    )
                )
    links = [Link(page.label, page.name) for page in archive]
    archive = [
        replace(
            page,
            older=links[number - 1] if number else None,
            newer=links[number + 1] if number + 1 < len(links) else None,
        )
        for number, page in enumerate(archive)
    ]
    show_page = Page(PAGE_FILE, "show", tuple(episode.guid for episode in episodes[:size]))
    pages = [show_page, *reversed(archive)]
    pages += [Page(episode_page(episode.file), "episode", (episode.guid,)) for episode in episodes]
    return pages, tuple(reversed(links))


def _templates_digest() -> str:
    digest = hashlib.sha256()
    folder = resources.files("podcast.site") / "templates"
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


TEMPLATES = _templates_digest()


def shown(episode: Episode) -> str:
    """What a page shows of ``episode``, as one string for its fingerprint."""
    return "\x1f".join(map(str, SHOWN_OF(episode)))


def fingerprint(page: Page, common: str, shown: dict[str, str], archive: Sequence[Link]) -> str:
    """A hash of everything ``page`` shows: the show (``common``: its ``repr`` and the
    cover's, made once for all pages), its episodes (``shown`` by guid), its links, the
    templates."""
    listed = archive if page.kind == "show" else ()
    links = [repr(page.newer), repr(page.older), *map(repr, listed)]
    facts = [TEMPLATES, common, page.name, page.kind, page.label, *links]
    facts += [shown[guid] for guid in page.guids]
    return hashlib.sha256("\x1e".join(facts).encode()).hexdigest()


SITE = ""
"""The ledger's key for the fingerprint of the whole site (no page has an empty name)."""


def site_print(common: str, shown: dict[str, str]) -> str:
    """A hash of everything every page shows: the show (``common``), each episode in order
    (``shown``, newest first) and the templates. It decides every page's plan and
    fingerprint, so while it holds, no page needs to be looked at."""
    return hashlib.sha256("\x1e".join([TEMPLATES, common, *shown.values()]).encode()).hexdigest()


def stale_pages(
    show: Show, episodes: Sequence[Episode], known: dict[str, str], there: set[str], common: str
) -> tuple[list[Page], tuple[Link, ...], dict[str, str], list[Page]]:
    """Every page, the archive's links, each page's fingerprint (the site's under ``SITE``)
    and the pages to render: those whose fingerprint is not the one ``known`` or that are
    not ``there``. While the site's fingerprint is the one known and every page is there,
    no page is planned: all four are empty."""
    texts = {episode.guid: shown(episode) for episode in episodes}
    site = site_print(common, texts)
    if known.get(SITE) == site and all(name in there for name in known if name != SITE):
        return [], (), {}, []
    pages, archive = plan_pages(show, episodes)
    prints = {page.name: fingerprint(page, common, texts, archive) for page in pages}
    stale = [
        page
        for page in pages
        if known.get(page.name) != prints[page.name] or page.name not in there
    ]
    return pages, archive, {**prints, SITE: site}, stale


def read_ledger(path: Path | None) -> dict[str, str]:
    """The fingerprint of each page as last written (empty when unknown or unreadable)."""
    if path is None:
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
