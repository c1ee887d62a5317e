"""The show's pages as served: every link under the address the listener reached."""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from pathlib import Path

from podcast.catalog import episodes, open_catalog
from podcast.config import load_settings
from podcast.episode import cover_name
from podcast.project import Project
from podcast.site import page_cover_name, site_pages

RENDERED_PAGES = 256


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
