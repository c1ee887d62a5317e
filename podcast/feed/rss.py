"""Write the podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, by feedgen."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from podcast.catalog import Episode, Section
from podcast.config import Show
from podcast.episode import (
    CHAPTERS,
    COMPANIONS,
    SRT,
    VTT,
    companion_names,
    episode_page,
    has_parts,
)
from podcast.episode import xml_safe as _safe
from podcast.files import write_atomic

FEED_FILE = "feed.xml"
COVER_FILE = "cover.jpg"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
NOTES_BYTES = 4000
SUBTITLE_CHARS = 255
SOURCE_LABEL = "Baca artikel aslinya"
LOW_DATA_TITLES = {"id": "Hemat kuota", "en": "Low data"}
"""The low-data edition's title in the feed, by the show's language (else English)."""


def podcast_guid(feed_url: str) -> str:
    """The Podcasting 2.0 ``podcast:guid`` of a feed: UUIDv5 of its URL without scheme.

    >>> podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml")
    '917393e3-1b1e-5cef-ace4-edaa54e1f810'
    """
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


class PodcastIndexExtension(BaseExtension):  # type: ignore[misc]
    """Channel tags feedgen lacks: podcast:guid, podcast:locked and itunes:explicit true/false."""

    def __init__(self) -> None:
        self.guid = ""
        self.locked: bool | None = None
        self.owner_email = ""
        self.explicit: bool | None = None
        self.block = False

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        channel = rss[0]
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        if self.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel, owner=self.owner_email)
            locked.text = "yes" if self.locked else "no"
        if self.explicit is not None:
            xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = str(self.explicit).lower()
        if self.block:  # a private feed: no directory lists it
            xml_elem(f"{{{PODCAST_NS}}}block", channel).text = "yes"
        return rss


class PodcastIndexEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Item tags feedgen lacks: transcripts, chapters, itunes:explicit true/false, HTML notes."""

    def __init__(self) -> None:
        self.transcripts: list[tuple[str, str]] = []
        self.chapters: tuple[str, str] | None = None
        self.explicit: bool | None = None
        self.html_description = False
        self.alternates: list[tuple[dict[str, str], str, str | None]] = []
        """Each ``podcast:alternateEnclosure``: its attributes, its URL, its SRI hash."""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, item: etree._Element) -> etree._Element:
        description = item.find("description")
        if self.html_description and description is not None and description.text:
            description.text = etree.CDATA(description.text)
        for url, kind in self.transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=url, type=kind, rel="captions")
        if self.chapters:
            url, kind = self.chapters
            xml_elem(f"{{{PODCAST_NS}}}chapters", item, url=url, type=kind)
        if self.explicit is not None:
            xml_elem(f"{{{ITUNES_NS}}}explicit", item).text = str(self.explicit).lower()
        for attributes, url, integrity in self.alternates:
            alternate = xml_elem(f"{{{PODCAST_NS}}}alternateEnclosure", item, **attributes)
            xml_elem(f"{{{PODCAST_NS}}}source", alternate, uri=url)
            if integrity:
                xml_elem(f"{{{PODCAST_NS}}}integrity", alternate, type="sri", value=integrity)
        return item


def show_notes(episode: Episode) -> str:
    """The episode's notes as HTML: the article's opening (or an edition's stories, linked) and
    a link to the source.

    Kept within 4000 bytes (Apple's limit), cutting the opening at a word.
    """
    link = ""
    if episode.source_url:
        label = html.escape(_safe(episode.outlet or episode.source_url))
        href = html.escape(_safe(episode.source_url), quote=True)
        link = f'<p>{SOURCE_LABEL}: <a href="{href}">{label}</a></p>'
    words = _safe(episode.summary).split(" ")
    stories = [_story(section) for section in episode.sections]
    while True:
        listed = f"<ol>{''.join(stories)}</ol>" if stories else ""
        notes = f"<p>{html.escape(' '.join(words))}</p>{listed}{link}"
        if len(notes.encode()) <= NOTES_BYTES or (len(words) <= 1 and not stories):
            return notes
        if stories:
            stories.pop()
        else:
            words = [*words[:-2], "…"]


def _story(section: Section) -> str:
    """One story of an edition as a list item, linked to its source when known."""
    title = html.escape(_safe(section.title))
    if not section.url:
        return f"<li>{title}</li>"
    return f'<li><a href="{html.escape(_safe(section.url), quote=True)}">{title}</a></li>'


def _subtitle(text: str) -> str:
    if len(text) <= SUBTITLE_CHARS:
        return text
    return text[: SUBTITLE_CHARS - 2].rsplit(" ", 1)[0] + " …"


def feed_xml(
    show: Show,
    episodes: Sequence[Episode],
    cover_file: str = COVER_FILE,
    name: str = FEED_FILE,
    *,
    block: bool = False,
) -> bytes:
    """The feed document ``name`` for ``show`` listing ``episodes`` in the order given.

    A ``block`` feed (a private one) carries ``itunes:block`` and ``podcast:block``, so
    Apple's directory and Podcast Index never list it, even if its address leaks."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension(
        "podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False
    )
    title, description = _safe(show.title), _safe(show.description)
    feed_url, cover_url = show.url(name), show.url(cover_file)
    feed.title(title)
    feed.description(description)
    feed.link(href=feed_url, rel="self")
    feed.link(href=show.link, rel="alternate")
    feed.language(show.language)
    feed.image(url=cover_url, title=title, link=show.link)
    if show.copyright:
        feed.copyright(_safe(show.copyright))
    feed.podcast.itunes_author(_safe(show.author))
    feed.podcast.itunes_owner(name=_safe(show.owner_name), email=show.owner_email)
    feed.podcast.itunes_category(show.category, show.subcategory or None)
    feed.podcast.itunes_image(cover_url)
    feed.podcast.itunes_summary(description)
    feed.podcast.itunes_type("episodic")
    feed.podcastindex.guid = podcast_guid(feed_url)
    feed.podcastindex.locked = show.locked
    feed.podcastindex.owner_email = show.owner_email
    feed.podcastindex.explicit = show.explicit
    if block:
        feed.podcast.itunes_block(True)
        feed.podcastindex.block = True
    for episode in episodes:
        _add_item(feed, show, episode)
    if episodes:  # the same feed for the same episodes, byte for byte: no build time
        feed.lastBuildDate(max(episode.pub_date for episode in episodes))
    xml: bytes = feed.rss_str(pretty=True)
    return xml


def _add_item(feed: FeedGenerator, show: Show, episode: Episode) -> None:
    entry = feed.add_entry(order="append")
    summary = _safe(episode.summary)
    notes = show_notes(episode)
    entry.guid(episode.guid, permalink=False)
    entry.title(_safe(episode.title))
    entry.description(notes)
    entry.content(notes, type="CDATA")
    entry.link(href=show.url(episode_page(episode.file)))
    entry.enclosure(show.url(episode.file), str(episode.length), "audio/mpeg")
    entry.pubDate(episode.pub_date)
    entry.podcast.itunes_duration(round(episode.duration_ms / 1000))
    entry.podcast.itunes_author(_safe(episode.outlet or show.author))
    entry.podcast.itunes_summary(summary)
    entry.podcast.itunes_subtitle(_subtitle(summary))
    entry.podcast.itunes_episode_type("full")
    extra = entry.podcastindex
    extra.html_description = True
    extra.explicit = show.explicit
    if has_parts(episode):
        names = companion_names(episode)
        extra.transcripts = [(show.url(names[s]), COMPANIONS[s]) for s in (VTT, SRT)]
        extra.chapters = (show.url(names[CHAPTERS]), COMPANIONS[CHAPTERS])
    if episode.low_data:
        extra.alternates = alternates(show, episode)


def alternates(show: Show, episode: Episode) -> list[tuple[dict[str, str], str, str | None]]:
    """The episode's ``podcast:alternateEnclosure`` tags: the MP3 (the enclosure, marked
    default) and its low-data edition, so an app that offers the choice lists both."""
    low = episode.low_data
    if low is None:
        return []
    mp3 = {"type": "audio/mpeg", "length": str(episode.length), "title": "MP3", "default": "true"}
    title = LOW_DATA_TITLES.get(show.language.split("-")[0].lower(), LOW_DATA_TITLES["en"])
    small = {"type": low.type, "length": str(low.length), "bitrate": str(low.bitrate)}
    small |= {"title": title, "codecs": low.codecs}
    return [
        (mp3, show.url(episode.file), None),
        (small, show.url(low.file), low.integrity),
    ]


def write_feed(
    show: Show,
    episodes: Sequence[Episode],
    folder: Path,
    cover_file: str = COVER_FILE,
    name: str = FEED_FILE,
) -> Path:
    """Write the feed ``name`` (``feed.xml``) into ``folder`` atomically and return its path."""
    path = folder / name
    write_atomic(path, feed_xml(show, episodes, cover_file, name))
    return path
