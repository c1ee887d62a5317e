"""Write the podcast feed: RSS 2.0 with the iTunes namespace, built by feedgen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from feedgen.feed import FeedGenerator

from podcast.catalog import Episode
from podcast.config import Show
from podcast.publish import write_atomic

FEED_FILE = "feed.xml"
COVER_FILE = "cover.jpg"


def feed_xml(show: Show, episodes: Sequence[Episode]) -> bytes:
    """The feed document for ``show`` listing ``episodes`` in the order given."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.title(show.title)
    feed.description(show.description)
    feed.link(href=show.url(FEED_FILE), rel="self")
    feed.link(href=show.link, rel="alternate")
    feed.language(show.language)
    if show.copyright:
        feed.copyright(show.copyright)
    feed.podcast.itunes_author(show.author)
    feed.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    feed.podcast.itunes_category(show.category, show.subcategory or None)
    feed.podcast.itunes_explicit("yes" if show.explicit else "no")
    feed.podcast.itunes_image(show.url(COVER_FILE))
    feed.podcast.itunes_summary(show.description)
    for episode in episodes:
        entry = feed.add_entry(order="append")
        entry.guid(episode.guid, permalink=False)
        entry.title(episode.title)
        entry.description(episode.summary)
        if episode.source_url:
            entry.link(href=episode.source_url)
        entry.enclosure(show.url(episode.file), str(episode.length), "audio/mpeg")
        entry.pubDate(episode.pub_date)
        entry.podcast.itunes_duration(round(episode.duration_ms / 1000))
        entry.podcast.itunes_author(episode.outlet or show.author)
        entry.podcast.itunes_explicit("yes" if show.explicit else "no")
    xml: bytes = feed.rss_str(pretty=True)
    return xml


def write_feed(show: Show, episodes: Sequence[Episode], folder: Path) -> Path:
    """Write ``feed.xml`` into ``folder`` atomically and return its path."""
    path = folder / FEED_FILE
    write_atomic(path, feed_xml(show, episodes))
    return path
