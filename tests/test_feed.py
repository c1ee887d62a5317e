"""The feed as podcast apps read it: gPodder's podcastparser and feedparser as oracles."""

from __future__ import annotations

import io
from datetime import datetime

import feedparser
import podcastparser

from podcast.build import Outcome, Project
from podcast.config import Show
from tests.conftest import NOW

FEED_URL = "http://127.0.0.1:8000/feed.xml"
TITLE = "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina"
GUID = "192ae24c-33d9-5bc0-97c9-dedc6d2a436f"
FILE = "2025-12-21-berita-as-dan-rusia-bertemu-di-miami-bahas-akhiri-perang.mp3"


def test_podcastparser_reads_show_and_episode(seed_build: tuple[Project, Outcome]) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    xml = (project.audio / "feed.xml").read_bytes()
    parsed = podcastparser.parse(FEED_URL, io.BytesIO(xml))
    assert parsed["title"] == "Kabar Indonesia"
    assert parsed["link"] == "http://127.0.0.1:8000/"
    assert parsed["cover_url"] == "http://127.0.0.1:8000/cover.jpg"
    (item,) = parsed["episodes"]
    assert item["title"] == TITLE
    assert item["guid"] == GUID
    (enclosure,) = item["enclosures"]
    assert enclosure["url"] == f"http://127.0.0.1:8000/{FILE}"
    assert enclosure["mime_type"] == "audio/mpeg"
    assert enclosure["file_size"] == (project.audio / FILE).stat().st_size
    assert abs(item["total_time"] - episode.duration_ms / 1000) <= 1
    assert item["published"] == int(NOW.timestamp())


def test_feedparser_reads_itunes_fields(seed_build: tuple[Project, Outcome]) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    parsed = feedparser.parse((project.audio / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.version == "rss20"
    channel = parsed.feed
    assert channel.language == "id"
    assert channel.author == "Kabar Indonesia"
    assert channel.publisher_detail == {"name": "Kabar Indonesia", "email": "podcast@example.com"}
    assert channel.itunes_explicit is None  # feedparser reads only "yes" and "clean"
    assert channel.image.href == "http://127.0.0.1:8000/cover.jpg"
    assert [tag.term for tag in channel.tags] == ["News", "Daily News"]
    assert [link.href for link in channel.links if link.rel == "self"] == [FEED_URL]
    (entry,) = parsed.entries
    assert entry.id == GUID
    assert entry.guidislink is False
    assert entry.published == "Sun, 21 Dec 2025 09:30:00 +0700"
    (enclosure,) = entry.enclosures
    assert int(enclosure.length) == (project.audio / FILE).stat().st_size
    minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
    assert entry.itunes_duration == f"{minutes:02d}:{seconds:02d}" or entry.itunes_duration == str(
        round(episode.duration_ms / 1000)
    )


def test_configured_base_url_prefixes_every_url(seed_build: tuple[Project, Outcome]) -> None:
    from podcast.catalog import episodes, open_catalog
    from podcast.feed import feed_xml

    project, _ = seed_build
    show = Show(base_url="https://pod.example.id/kabar/", link="https://example.id/")
    connection = open_catalog(project.state / "catalog.db")
    xml = feed_xml(show, episodes(connection))
    connection.close()
    parsed = podcastparser.parse("https://pod.example.id/kabar/feed.xml", io.BytesIO(xml))
    assert parsed["episodes"][0]["enclosures"][0]["url"] == f"https://pod.example.id/kabar/{FILE}"
    assert parsed["cover_url"] == "https://pod.example.id/kabar/cover.jpg"
    assert datetime.fromtimestamp(parsed["episodes"][0]["published"], NOW.tzinfo) == NOW
