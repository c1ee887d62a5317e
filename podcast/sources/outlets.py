"""Outlet feeds (RSS 2.0 or Atom) read with feedparser, asked for with conditional requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from podcast.config import Source
from podcast.errors import WebError
from podcast.sources.http import Client
from podcast.sources.state import Validators


@dataclass(frozen=True)
class Item:
    """One entry of a feed: its id (guid, else link), link and title."""

    id: str
    link: str
    title: str


@dataclass(frozen=True)
class Feed:
    """A feed's items, newest first as listed, or None when it answered 304."""

    url: str
    status: int
    items: tuple[Item, ...] | None
    validators: Validators


def read_feed(client: Client, url: str, kept: Validators) -> Feed:
    """Fetch the feed at ``url`` with ``kept`` validators; its items unless it is unchanged."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9"}
    if kept.etag:
        headers["If-None-Match"] = kept.etag
    if kept.last_modified:
        headers["If-Modified-Since"] = kept.last_modified
    response = client.get(url, headers)
    fresh = Validators(
        response.headers.get("etag", kept.etag), response.headers.get("last-modified")
    )
    if response.status == 304:
        return Feed(
            url, 304, None, Validators(fresh.etag, fresh.last_modified or kept.last_modified)
        )
    parsed = feedparser.parse(response.body, response_headers=response.headers)
    if not parsed.version:
        html = response.content_type == "text/html" or b"<html" in response.body[:2048].lower()
        what = "an HTML page" if html else "a file of another kind"
        kind = f" ({response.content_type})" if response.content_type else ""
        raise WebError(f"{url}: not an RSS or Atom feed but {what}{kind}")
    items = tuple(
        Item(
            str(entry.get("id") or entry.get("link")),
            urljoin(url, str(entry.get("link"))),
            entry.get("title", ""),
        )
        for entry in parsed.entries
        if entry.get("link")
    )
    return Feed(url, response.status, items, fresh)


def wanted(source: Source, item: Item) -> bool:
    """Whether the item's title passes the source's include and exclude words."""

    def has(words: tuple[str, ...]) -> bool:
        return any(re.search(rf"(?i)\b{re.escape(word)}\b", item.title) for word in words)

    return (not source.include or has(source.include)) and not has(source.exclude)
