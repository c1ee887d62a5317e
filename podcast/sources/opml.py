"""The followed feeds as OPML 2.0, what podcast apps and feed readers move subscriptions with.

An export lists each [[sources]] feed as an ``<outline type="rss">`` with its ``xmlUrl``;
its ``limit``, ``include`` and ``exclude`` go along as attributes of their own (OPML lets
an outline carry any), so an export imported again gives the same sources. An import
takes every outline with an ``xmlUrl``, however deep in folders, and appends the feeds
not yet followed to podcast.toml as [[sources]] tables, leaving the rest of the file as
it was.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from podcast.config import Source, load_settings
from podcast.errors import ConfigError
from podcast.files import write_atomic

WORDS_SEPARATOR = ","


def sources_opml(sources: Sequence[Source], title: str) -> bytes:
    """The sources as an OPML 2.0 document titled ``title``."""
    opml = etree.Element("opml", version="2.0")
    head = etree.SubElement(opml, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(opml, "body")
    for source in sources:
        parts = urlsplit(source.url)
        outline = etree.SubElement(
            body, "outline", type="rss", text=parts.netloc + parts.path, xmlUrl=source.url
        )
        if source.limit != Source.limit:
            outline.set("limit", str(source.limit))
        for key in ("include", "exclude"):
            words = getattr(source, key)
            if words:
                outline.set(key, WORDS_SEPARATOR.join(words))
    return bytes(etree.tostring(opml, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def read_opml(path: Path) -> list[Source]:
    """The feeds an OPML file lists (every outline with an ``xmlUrl``), in order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(path.read_bytes(), parser)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    except etree.XMLSyntaxError as error:
        raise ConfigError(f"{path}: not an OPML file: not well-formed XML ({error})") from None
    if etree.QName(root).localname != "opml":
        raise ConfigError(f"{path}: not an OPML file: its root is <{root.tag}>, not <opml>")
    sources = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            raise ConfigError(f"{path}: {url!r} is not the http:// or https:// URL of a feed")
        limit = outline.get("limit", "")
        words = {
            key: tuple(w.strip() for w in outline.get(key, "").split(WORDS_SEPARATOR) if w.strip())
            for key in ("include", "exclude")
        }
        sources.append(
            Source(
                url,
                int(limit) if limit.isdigit() and int(limit) > 0 else Source.limit,
                words["include"],
                words["exclude"],
            )
        )
    if not sources:
        raise ConfigError(f"{path}: the OPML file lists no feed (no outline with an xmlUrl)")
    return sources


def import_opml(config: Path, opml: Path) -> tuple[list[Source], list[Source]]:
    """Append the feeds of ``opml`` not yet followed to podcast.toml as [[sources]] tables.

    Returns the sources added and those already followed. The file is checked as a whole
    before it replaces the old one.
    """
    followed = {source.url for source in load_settings(config).sources}
    added: list[Source] = []
    known: list[Source] = []
    for source in read_opml(opml):
        (known if source.url in followed else added).append(source)
        followed.add(source.url)
    if not added:
        return added, known
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    tables = "".join(_table(source) for source in added)
    updated = text + ("\n" if text and not text.endswith("\n") else "") + tables
    try:
        tomllib.loads(updated)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{config}: [[sources]] tables cannot be added after its sources ({error}); "
            "write its sources as [[sources]] tables"
        ) from None
    write_atomic(config, updated.encode("utf-8"))
    return added, known


def _table(source: Source) -> str:
    """One [[sources]] table in TOML (JSON strings are TOML basic strings)."""
    lines = [f"\n[[sources]]\nurl = {json.dumps(source.url)}\n"]
    if source.limit != Source.limit:
        lines.append(f"limit = {source.limit}\n")
    for key in ("include", "exclude"):
        words = getattr(source, key)
        if words:
            lines.append(f"{key} = {json.dumps(list(words), ensure_ascii=False)}\n")
    return "".join(lines)
