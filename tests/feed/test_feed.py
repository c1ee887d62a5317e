"""The feed as podcast apps read it: gPodder's podcastparser and feedparser as oracles."""

from __future__ import annotations

import io
from datetime import datetime

import feedparser
import podcastparser
import pytest
from lxml import etree

from podcast.catalog import Episode
from podcast.config import Show
from podcast.feed import PODCAST_NS, feed_xml, podcast_guid, show_notes
from podcast.project import Project
from podcast.run import Outcome
from tests.support.project import NOW

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
    assert parsed["description"] == (
        "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    )
    assert parsed["link"] == "http://127.0.0.1:8000/"
    assert parsed["language"] == "id"
    assert parsed["itunes_author"] == "Kabar Indonesia"
    assert parsed["itunes_owner"] == {"name": "Kabar Indonesia", "email": "podcast@example.com"}
    assert parsed["itunes_categories"] == [["News", "Daily News"]]
    assert parsed["explicit"] is False
    assert parsed["type"] == "episodic"
    assert parsed["cover_url"] == "http://127.0.0.1:8000/cover.jpg"
    (item,) = parsed["episodes"]
    assert item["title"] == TITLE
    assert item["guid"] == GUID
    assert item["type"] == "full"
    assert item["explicit"] is False
    assert item["description"].startswith("resmi Amerika Serikat (AS) dan Rusia bertemu di Miami")
    assert item["description_html"] == show_notes(episode)
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
    assert channel.title == "Kabar Indonesia"
    assert channel.link == "http://127.0.0.1:8000/"
    assert channel.subtitle == "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    assert channel.image.href == "http://127.0.0.1:8000/cover.jpg"
    assert [tag.term for tag in channel.tags] == ["News", "Daily News"]
    assert [link.href for link in channel.links if link.rel == "self"] == [FEED_URL]
    (entry,) = parsed.entries
    assert entry.id == GUID
    assert entry.guidislink is False
    assert entry.title == TITLE
    assert entry.content[0].value == show_notes(episode)
    assert entry.itunes_episodetype == "full"
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
    connection = open_catalog(project.catalog)
    xml = feed_xml(show, episodes(connection))
    connection.close()
    parsed = podcastparser.parse("https://pod.example.id/kabar/feed.xml", io.BytesIO(xml))
    assert parsed["episodes"][0]["enclosures"][0]["url"] == f"https://pod.example.id/kabar/{FILE}"
    assert parsed["cover_url"] == "https://pod.example.id/kabar/cover.jpg"
    assert datetime.fromtimestamp(parsed["episodes"][0]["published"], NOW.tzinfo) == NOW


def test_podcast_namespace_tags(seed_build: tuple[Project, Outcome]) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    root = etree.fromstring((project.audio / "feed.xml").read_bytes())
    ns = {"podcast": PODCAST_NS, "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    channel = root.find("channel")
    assert channel.findtext("podcast:guid", namespaces=ns) == podcast_guid(FEED_URL)
    (locked,) = channel.findall("podcast:locked", ns)
    assert (locked.text, locked.get("owner")) == ("no", "podcast@example.com")
    assert channel.findtext("itunes:explicit", namespaces=ns) == "false"
    (item,) = channel.findall("item")
    assert item.findtext("itunes:explicit", namespaces=ns) == "false"
    stem = "http://127.0.0.1:8000/" + FILE.removesuffix(".mp3")
    assert [(t.get("url"), t.get("type")) for t in item.findall("podcast:transcript", ns)] == [
        (f"{stem}.vtt", "text/vtt"),
        (f"{stem}.srt", "application/x-subrip"),
    ]
    (chapters,) = item.findall("podcast:chapters", ns)
    assert (chapters.get("url"), chapters.get("type")) == (
        f"{stem}.chapters.json",
        "application/json+chapters",
    )
    for url in [t.get("url") for t in item.findall("podcast:transcript", ns)] + [
        chapters.get("url")
    ]:
        assert (project.audio / url.rsplit("/", 1)[1]).is_file()
    assert episode.parts[0] == TITLE


@pytest.mark.parametrize(
    ("feed_url", "guid"),
    [
        # the examples of the Podcasting 2.0 specification (docs/tags/guid.md)
        ("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("http://podnews.net/rss///", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ],
)
def test_podcast_guid_matches_the_specification(feed_url: str, guid: str) -> None:
    assert podcast_guid(feed_url) == guid


HOSTILE = 'Rp 10 & <b>tebal</b> ]]> "kutip" x\x0by\x00'


def hostile_episode(summary: str = "Isi ]]> & <i>miring</i>\x1b.") -> Episode:
    return Episode(
        key="a.txt",
        guid="guid-1",
        file="2025-12-21-a.mp3",
        title=HOSTILE,
        outlet="Kabar & <Co>",
        summary=summary,
        source_url="https://example.id/a?b=1&c=2",
        pub_date=NOW,
        content_hash="hash",
        length=1234,
        duration_ms=5000,
        timeline=((300, 4700),),
        parts=(HOSTILE,),
    )


def test_hostile_text_round_trips_through_both_readers() -> None:
    show = Show(title="A & B <c> ]]>\x07", description="Satu & <dua> ]]> tiga")
    xml = feed_xml(show, [hostile_episode()])
    clean_title = 'Rp 10 & <b>tebal</b> ]]> "kutip" xy'
    parsed = podcastparser.parse(FEED_URL, io.BytesIO(xml))
    assert parsed["title"] == "A & B <c> ]]>"
    assert parsed["description"] == "Satu & <dua> ]]> tiga"
    assert parsed["episodes"][0]["title"] == clean_title
    assert parsed["episodes"][0]["description_html"] == (
        "<p>Isi ]]&gt; &amp; &lt;i&gt;miring&lt;/i&gt;.</p>"
        '<p>Baca artikel aslinya: <a href="https://example.id/a?b=1&amp;c=2">'
        "Kabar &amp; &lt;Co&gt;</a></p>"
    )
    parsed_by_feedparser = feedparser.parse(xml)
    assert parsed_by_feedparser.bozo == 0
    assert parsed_by_feedparser.feed.title == "A & B <c> ]]>"
    entry = parsed_by_feedparser.entries[0]
    assert entry.title == clean_title
    assert entry.link == "http://127.0.0.1:8000/2025-12-21-a.html"  # the episode's own page
    assert entry.author == "Kabar & <Co>"


def test_show_notes_stay_within_4000_bytes() -> None:
    notes = show_notes(hostile_episode(summary="kata " * 2000))
    assert len(notes.encode()) <= 4000
    assert notes.endswith(
        '…</p><p>Baca artikel aslinya: <a href="https://example.id/a?b=1&amp;c=2">'
        "Kabar &amp; &lt;Co&gt;</a></p>"
    )
