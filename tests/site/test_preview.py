"""Link previews on every page, and a private show that nothing lists or indexes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import podcastparser
import pytest
from PIL import Image

from podcast.catalog import Episode, episodes, open_catalog
from podcast.episode import episode_page
from podcast.project import Project
from podcast.run import build
from podcast.serve import load_token, serve_app
from tests.support.project import NOW, make_project
from tests.support.web import Fetch, fetcher, running

BASE = "http://127.0.0.1:8000/"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Episode]]:
    project = make_project(tmp_path_factory.mktemp("preview"))
    assert not build(project, engine_name="espeak", now=NOW).failures
    connection = open_catalog(project.state / "catalog.db")
    try:
        return project, episodes(connection)
    finally:
        connection.close()


def tags(html: bytes) -> dict[str, str]:
    """Every ``og:`` and ``twitter:`` meta tag of a page, by its property or name."""
    root = lxml.html.fromstring(html)
    found: dict[str, str] = {}
    for meta in root.cssselect("head meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.startswith(("og:", "twitter:")):
            assert key not in found, f"{key} twice"
            found[key] = meta.get("content")
    return found


def test_an_episode_page_previews_its_title_summary_cover_and_sound(
    site: tuple[Project, list[Episode]],
) -> None:
    project, listed = site
    episode = listed[0]
    page = episode_page(episode.file)
    found = tags((project.audio / page).read_bytes())
    assert found == {
        "og:type": "article",
        "og:site_name": "Kabar Indonesia",
        "og:title": episode.title,
        "og:description": " ".join(episode.summary.split())[:199].rsplit(" ", 1)[0] + "…",
        "og:url": BASE + page,
        "og:locale": "id",
        "og:image": BASE + "cover-page.jpg",
        "og:image:width": "320",
        "og:image:height": "320",
        "og:image:alt": "Kabar Indonesia",
        "og:audio": BASE + episode.file,
        "og:audio:type": "audio/mpeg",
        "twitter:card": "summary",
        "twitter:title": episode.title,
        "twitter:description": found["og:description"],
        "twitter:image": BASE + "cover-page.jpg",
    }
    assert len(found["og:description"]) == 187  # cut at the last word that fits in 200
    assert found["og:description"].endswith(" Zelensky agar Washington…")
    with Image.open(project.audio / "cover-page.jpg") as image:
        assert image.size == (320, 320)  # WhatsApp's large preview needs 300 px and more


def test_the_show_page_previews_the_show_with_its_newest_episode(
    site: tuple[Project, list[Episode]],
) -> None:
    project, listed = site
    found = tags((project.audio / "index.html").read_bytes())
    assert (found["og:type"], found["og:title"], found["og:url"]) == (
        "website",
        "Kabar Indonesia",
        BASE + "index.html",
    )
    assert found["og:description"] == (
        "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    )
    assert found["og:audio"] == BASE + listed[0].file
    assert (
        lxml.html.fromstring((project.audio / "index.html").read_bytes()).cssselect(
            'meta[name="robots"]'
        )
        == []
    )


def test_served_pages_preview_with_the_address_the_listener_used(
    site: tuple[Project, list[Episode]],
) -> None:
    project, listed = site
    with running(serve_app(project)) as port:
        status, headers, body = fetcher(port)(
            "/" + episode_page(listed[0].file), headers={"Host": "192.168.1.23:8000"}
        )
        assert fetcher(port)("/robots.txt")[0] == 404  # a public show: nothing forbidden
    assert status == 200 and "x-robots-tag" not in headers
    found = tags(body)
    assert found["og:image"] == "http://192.168.1.23:8000/cover-page.jpg"
    assert found["og:audio"] == f"http://192.168.1.23:8000/{listed[0].file}"


@pytest.fixture(scope="module")
def private(site: tuple[Project, list[Episode]]) -> Iterator[tuple[Fetch, str]]:
    token = load_token(site[0])
    with running(serve_app(site[0], token=token)) as port:
        yield fetcher(port), token


def test_a_private_feed_is_blocked_from_every_directory(
    private: tuple[Fetch, str], site: tuple[Project, list[Episode]]
) -> None:
    fetch, token = private
    status, headers, xml = fetch(f"/{token}/feed.xml")
    assert (status, headers["x-robots-tag"]) == (200, "noindex, nofollow")
    channel = lxml.etree.fromstring(xml).find("channel")
    assert channel is not None
    assert channel.findtext(f"{{{ITUNES_NS}}}block") == "yes"
    assert channel.findtext(f"{{{PODCAST_NS}}}block") == "yes"
    assert feedparser.parse(xml).feed.itunes_block == 1
    parsed = podcastparser.parse(f"http://127.0.0.1/{token}/feed.xml", io.BytesIO(xml))
    assert [e["title"] for e in parsed["episodes"]] == [e.title for e in site[1]]
    public = (site[0].audio / "feed.xml").read_bytes()
    assert b"block>" not in public  # the built, public feed stays listable


def test_private_pages_say_noindex_and_robots_txt_disallows_all(
    private: tuple[Fetch, str], site: tuple[Project, list[Episode]]
) -> None:
    fetch, token = private
    for name in ("", "index.html", episode_page(site[1][0].file)):
        status, headers, body = fetch(f"/{token}/{name}")
        root = lxml.html.fromstring(body)
        robots = [meta.get("content") for meta in root.cssselect('meta[name="robots"]')]
        assert (status, robots, headers["x-robots-tag"]) == (
            200,
            ["noindex, nofollow"],
            "noindex, nofollow",
        )
    status, headers, body = fetch("/robots.txt")
    assert (status, body) == (200, b"User-agent: *\nDisallow: /\n")
    assert token.encode() not in body
    assert fetch(f"/{token}/robots.txt")[0] == 404
    status, headers, _ = fetch(f"/{token}/{site[1][0].file}", headers={"Range": "bytes=0-1"})
    assert (status, headers["x-robots-tag"]) == (206, "noindex, nofollow")


def test_private_pages_are_not_mixed_up_with_public_ones(
    site: tuple[Project, list[Episode]], tmp_path: Path
) -> None:
    project = site[0]
    with running(serve_app(project)) as port:
        _, _, public = fetcher(port)("/index.html")
    assert b'name="robots"' not in public
