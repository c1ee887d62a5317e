"""The show's feeds and pages as served: every link under the address the listener reached."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path

from podcast.catalog import episodes, open_catalog
from podcast.config import load_settings
from podcast.edition import sort_into_feeds
from podcast.episode import cover_name
from podcast.feed import FEED_FILE, feed_xml
from podcast.project import Project
from podcast.site import page_cover_name, site_pages

RENDERED_PAGES = 256
RENDERED_FEEDS = 16


def render_page(
    project: Project, base_url: str, folder: Path, name: str, *, private: bool = False
) -> Path | None:
    """Write the page ``name`` with its links under ``base_url`` into ``folder``; return its path.

    A ``private`` page asks search engines not to list it (``noindex``).

    None when the catalog has no such page. As with the feed, the file is rewritten only
    when its bytes change, so its ETag and Last-Modified hold between builds.
    """
    show = dataclasses.replace(load_settings(project.config).show, base_url=base_url)
    connection = open_catalog(project.catalog)
    try:
        listed = episodes(connection)
    finally:
        connection.close()
    cover = page_cover_name(project.audio, cover_name(show, project.root))
    html = site_pages(show, listed, cover, only=name, private=private).get(name)
    if html is None:
        return None
    key = f"{base_url}\n{name}\n{private}"
    return keep_rendered(folder, "page-", ".html", key, html, RENDERED_PAGES)


def render_feed(
    project: Project, base_url: str, folder: Path, name: str = FEED_FILE, *, block: bool = False
) -> Path | None:
    """Write the feed ``name`` with every URL under ``base_url`` into ``folder``; return its path.

    None when the build writes no such feed (edition.xml unless editions have their own).
    The file is rewritten only when its bytes change, so its ETag and Last-Modified stay
    put while nothing is rebuilt. A ``block`` feed (a private one) asks directories not
    to list it.
    """
    settings = load_settings(project.config)
    show = dataclasses.replace(settings.show, base_url=base_url)
    connection = open_catalog(project.catalog)
    try:
        built = sort_into_feeds(show, episodes(connection), settings.edition)
    finally:
        connection.close()
    if name not in built:
        return None
    titled, listed = built[name]
    newest = listed[: show.feed_items]  # as the build writes it
    xml = feed_xml(titled, newest, cover_name(show, project.root), name, block=block)
    key = f"{base_url}\n{block}"
    return keep_rendered(folder, f"{Path(name).stem}-", ".xml", key, xml, RENDERED_FEEDS)


def keep_rendered(folder: Path, prefix: str, suffix: str, key: str, data: bytes, most: int) -> Path:
    """``data`` kept in ``folder`` under a name made from ``key``, rewritten only when it changes.

    An unchanged file keeps its ETag between requests; at most ``most`` such
    files are kept, the oldest removed first.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    path = folder / f"{prefix}{digest}{suffix}"
    if path.is_file() and path.read_bytes() == data:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    kept = sorted(folder.glob(f"{prefix}*{suffix}"), key=lambda old: old.stat().st_mtime)
    for old in kept[: max(0, len(kept) - most + 1)]:
        old.unlink(missing_ok=True)
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


Stamp = tuple[tuple[int, int, int], ...]


def sources_stamp(project: Project) -> Stamp:
    """What a served feed or page is made from, as it stands: podcast.toml, the catalog and
    the list of files in audio/ (size, modification time and inode of each; 0s when absent)."""
    stamps = []
    for path in (project.config, project.catalog, project.audio):
        try:
            found = os.stat(path)
        except OSError:
            stamps.append((0, 0, 0))
        else:
            stamps.append((found.st_mtime_ns, found.st_size, found.st_ino))
    return tuple(stamps)


class Renders:
    """The feeds and pages serve rendered, answered again while what they are made of holds.

    A poll of the feed or the page then reads no episode at all: its cost and the memory
    it takes stay the same however many episodes the archive holds. A build, a change to
    podcast.toml or a file added to or removed from audio/ changes the stamp, and the next
    request renders afresh. At most ``most`` renders are remembered, the oldest forgotten.
    """

    def __init__(self, project: Project, most: int = RENDERED_PAGES) -> None:
        self.project = project
        self.most = most
        self.kept: dict[str, tuple[Stamp, Path | None]] = {}
        self.lock = threading.Lock()

    def get(self, key: str, render: Callable[[], Path | None]) -> Path | None:
        """The path rendered for ``key``, made by ``render`` when its sources changed."""
        stamp = sources_stamp(self.project)
        with self.lock:
            hit = self.kept.get(key)
        if hit is not None and hit[0] == stamp and (hit[1] is None or hit[1].is_file()):
            return hit[1]
        path = render()
        with self.lock:
            self.kept.pop(key, None)
            self.kept[key] = (stamp, path)
            while len(self.kept) > self.most:
                del self.kept[next(iter(self.kept))]
        return path
