"""The show's web page and episode pages: as built, as served, and read back as HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import lxml.html
import pytest
import zxingcpp
from PIL import Image

from podcast.catalog import Episode, episodes, open_catalog
from podcast.episode import chapters
from podcast.project import Project
from podcast.run import build
from podcast.run.episodes import remove_episode
from podcast.serve import banner, load_token, serve_app
from podcast.site import subscribe_links
from tests.support.pages import (
    HOSTILE_OUTLET,
    HOSTILE_PARAGRAPHS,
    HOSTILE_TITLE,
    HOSTILE_URL,
    add_hostile_episodes,
)
from tests.support.project import NOW, make_project
from tests.support.web import Fetch, fetcher, running

FEED = "http://127.0.0.1:8000/feed.xml"
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Episode]]:
    """The seed built with the offline voice, two hostile episodes added, pages rebuilt."""
    project = make_project(tmp_path_factory.mktemp("site"))
    assert not build(project, engine_name="espeak", now=NOW).failures
    add_hostile_episodes(project)
    assert not build(project, engine_name="espeak", now=NOW).failures
    connection = open_catalog(project.catalog)
    try:
        return project, episodes(connection)
    finally:
        connection.close()


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def indonesian(episode: Episode) -> tuple[str, str]:
    """The date and duration as an Indonesian reader writes them, worked out by hand here."""
    day = episode.pub_date
    seconds = round(episode.duration_ms / 1000)
    minutes, rest = divmod(seconds, 60)
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}", f"{minutes} menit {rest} detik"


def test_the_page_lists_every_episode_newest_first(site: tuple[Project, list[Episode]]) -> None:
    project, listed = site
    root = page(project.audio / "index.html")
    assert root.get("lang") == "id"
    assert root.findtext("head/title") == "Kabar Indonesia"
    assert [h.text_content() for h in root.cssselect("article h3")] == [e.title for e in listed]
    assert [e.key for e in listed] == ["hostile-2.txt", "hostile-1.txt", SEED_KEY]
    for article, episode in zip(root.cssselect("article"), listed, strict=True):
        day, duration = indonesian(episode)
        assert article.cssselect(".meta")[0].text_content() == f"{day} · {duration}"
        (audio,) = article.cssselect("audio")
        assert (audio.get("src"), audio.get("preload")) == (None, "none")
        assert episode.low_data is not None
        sources = [(s.get("src"), s.get("type")) for s in audio.cssselect("source")]
        opus = (episode.low_data.file, "audio/ogg; codecs=opus")
        assert sources == [opus, (episode.file, "audio/mpeg")]
        (download,) = article.cssselect(f'a[href="{episode.low_data.file}"]')
        size = f"{round(episode.low_data.length / 1000)} kB"
        assert download.text_content() == f"Unduh versi hemat kuota (Opus, {size})"
        assert audio.get("aria-label") == f"Dengarkan: {episode.title}"
        starts = [float(b.get("data-start")) for b in article.cssselect("[data-start]")]
        assert starts == [chapter.start_ms / 1000 for chapter in chapters(episode)]
        transcript = article.cssselect("details.transcript p")
        assert [p.text_content() for p in transcript] == list(episode.parts[1:])


SEED_KEY = "000_f270e526a9c4b75d.txt"


def test_the_seed_reads_as_its_listeners_write(site: tuple[Project, list[Episode]]) -> None:
    project, listed = site
    seed = next(e for e in listed if e.key == SEED_KEY)
    article = page(project.audio / "index.html").get_element_by_id(Path(seed.file).stem)
    assert article.cssselect(".meta")[0].text_content() == "21 Desember 2025 · 3 menit 36 detik"
    assert seed.duration_ms // 1000 == 216
    labels = [b.get("aria-label") for b in article.cssselect("[data-start]")]
    assert labels[0] == f"Putar dari 0:00: {seed.title}"
    assert labels[1].startswith("Putar dari 0:11: ")


def test_each_subscribe_link_carries_the_feed_url(site: tuple[Project, list[Episode]]) -> None:
    project, _ = site
    root = page(project.audio / "index.html")
    hrefs = {a.text_content(): a.get("href") for a in root.cssselect(".apps a")}
    assert hrefs == {
        "Apple Podcasts": "podcast://127.0.0.1:8000/feed.xml",
        "AntennaPod": "https://antennapod.org/deeplink/subscribe?"
        "url=http%3A%2F%2F127.0.0.1%3A8000%2Ffeed.xml&title=Kabar%20Indonesia",
        "Pocket Casts": "pktc://subscribe/127.0.0.1:8000/feed.xml",
        "Overcast": "overcast://x-callback-url/add?url=http%3A%2F%2F127.0.0.1%3A8000%2Ffeed.xml",
    }
    assert root.get_element_by_id("feed-url").get("value") == FEED
    assert [link.href for link in subscribe_links(FEED, "Kabar Indonesia")] == list(hrefs.values())


def test_the_qr_code_opens_the_pages_subscribe_block(site: tuple[Project, list[Episode]]) -> None:
    project, _ = site
    (svg,) = page(project.audio / "index.html").cssselect(".qr svg")
    (path,) = svg.cssselect("path.qrline")
    size = int(svg.get("width"))
    image = Image.new("L", (size, size), 255)
    # Draw the SVG's horizontal runs ("M x y h n m ...") to read it back with a QR decoder.
    pixels = image.load()
    x = y = 0.0
    for command in _runs(path.get("d")):
        kind, dx, dy = command
        if kind == "M":
            x, y = dx, dy
        elif kind == "m":
            x, y = x + dx, y + dy
        else:
            for column in range(int(x), int(x + dx)):
                for row in range(4):
                    for col in range(4):
                        pixels[column * 4 + col, int(y - 0.5) * 4 + row] = 0
            x += dx
    (decoded,) = zxingcpp.read_barcodes(image)
    assert decoded.text == "http://127.0.0.1:8000/index.html#subscribe"


def _runs(d: str) -> Iterator[tuple[str, float, float]]:
    for kind, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", d):
        yield kind, float(first), float(second or 0)


def test_hostile_text_is_text_never_markup(site: tuple[Project, list[Episode]]) -> None:
    project, listed = site
    html = (project.audio / "index.html").read_text(encoding="utf-8")
    for markup in ("<b>", "<script>alert", "<img src=x", "<i>", "<u>", "</details> ]]>", "<!--"):
        assert markup not in html
    assert "javascript:" not in html
    root = page(project.audio / "index.html")
    assert len(root.cssselect("script")) == 1
    assert len(root.cssselect("img")) == 1
    first, second = root.cssselect("article")[:2]
    assert first.cssselect("h3")[0].text_content() == HOSTILE_TITLE
    assert [p.text_content() for p in first.cssselect(".transcript p")] == list(HOSTILE_PARAGRAPHS)
    source = [a for a in second.cssselect(".links a") if a.get("rel")]
    assert [(a.get("href"), a.cssselect("bdi")[0].text) for a in source] == [
        (HOSTILE_URL, HOSTILE_OUTLET)
    ]
    assert not [a for a in first.cssselect(".links a") if a.get("rel")]
    episode = page(project.audio / f"{Path(listed[0].file).stem}.html")
    assert episode.cssselect("h1")[0].text_content() == HOSTILE_TITLE
    assert episode.findtext("head/title") == f"{HOSTILE_TITLE} · Kabar Indonesia"


def test_every_episode_has_its_own_page_and_the_feed_links_to_it(
    site: tuple[Project, list[Episode]],
) -> None:
    project, listed = site
    parsed = feedparser.parse((project.audio / "feed.xml").read_bytes())
    links = [entry.link for entry in parsed.entries]
    pages = [f"{Path(e.file).stem}.html" for e in listed]
    assert links == [f"http://127.0.0.1:8000/{name}" for name in pages]
    for name, episode in zip(pages, listed, strict=True):
        root = page(project.audio / name)
        assert root.cssselect("h1")[0].text_content() == episode.title
        sources = [s.get("src") for s in root.cssselect("audio source")]
        assert episode.low_data is not None
        assert sources == [episode.low_data.file, episode.file]
        assert root.cssselect("details.chapters")[0].get("open") is not None
        assert [a.get("href") for a in root.cssselect("header a")] == [
            "index.html",
            "index.html#episodes-title",
        ]


def test_removing_an_episode_takes_its_page_down(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert not build(project, engine_name="espeak", now=NOW).failures
    first, _ = add_hostile_episodes(project)
    assert not build(project, engine_name="espeak", now=NOW).failures
    page_file = project.audio / f"{Path(first.file).stem}.html"
    assert page_file.is_file()
    _, deleted = remove_episode(project, first.key)
    assert page_file in deleted
    assert not page_file.exists()
    titles = [h.text_content() for h in page(project.audio / "index.html").cssselect("h3")]
    assert titles == [
        HOSTILE_TITLE,
        "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina",
    ]


@pytest.fixture(scope="module")
def served(site: tuple[Project, list[Episode]]) -> Iterator[Fetch]:
    with running(serve_app(site[0])) as port:
        yield fetcher(port)


def test_serve_answers_the_root_with_the_page_for_the_address_used(
    served: Fetch, site: tuple[Project, list[Episode]]
) -> None:
    status, headers, body = served("/", headers={"Host": "192.168.1.23:8000"})
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    root = lxml.html.fromstring(body)
    assert root.get_element_by_id("feed-url").get("value") == "http://192.168.1.23:8000/feed.xml"
    assert root.cssselect(".apps a")[0].get("href") == "podcast://192.168.1.23:8000/feed.xml"
    again = served("/", headers={"Host": "192.168.1.23:8000", "If-None-Match": headers["etag"]})
    assert again[0] == 304
    status, _, same = served("/index.html", headers={"Host": "192.168.1.23:8000"})
    assert (status, same) == (200, body)
    name = f"{Path(site[1][0].file).stem}.html"
    status, headers, body = served(f"/{name}", headers={"Range": "bytes=0-14"})
    assert (status, body, headers["content-range"].split("/")[0]) == (
        206,
        b"<!doctype html>",
        "bytes 0-14",
    )
    assert served("/nothing.html")[0] == 404


def test_under_private_the_page_lives_under_the_token_and_every_link_carries_it(
    site: tuple[Project, list[Episode]],
) -> None:
    project, _ = site
    token = load_token(project)
    with running(serve_app(project, token=token)) as port:
        fetch = fetcher(port)
        assert fetch("/")[0] == 404
        assert fetch("/index.html")[0] == 404
        assert fetch(f"/{token}")[0] == 404
        status, _, body = fetch(f"/{token}/")
    assert status == 200
    root = lxml.html.fromstring(body)
    feed = f"http://127.0.0.1:{port}/{token}/feed.xml"
    assert root.get_element_by_id("feed-url").get("value") == feed
    hrefs = [a.get("href") for a in root.cssselect(".apps a")]
    assert hrefs == [link.href for link in subscribe_links(feed, "Kabar Indonesia")]
    assert all(token in href for href in hrefs)
    # Every other link is relative, so it resolves under /<token>/ too.
    others = [a.get("href") for a in root.cssselect("a") if a not in root.cssselect(".apps a")]
    assert all("://" not in href or href == HOSTILE_URL for href in others), others


def test_the_banner_qr_code_opens_the_page(site: tuple[Project, list[Episode]]) -> None:
    lines = banner(site[0], "127.0.0.1", 8000, "t0ken", False, qr=True)
    assert lines[1:3] == [
        "subscribe: http://127.0.0.1:8000/t0ken/feed.xml (private: keep this address secret)",
        "page: http://127.0.0.1:8000/t0ken/ (private: keep this address secret)",
    ]
    assert _terminal_qr(lines[3]) == "http://127.0.0.1:8000/t0ken/"


def _terminal_qr(text: str) -> str:
    """Read a QR code printed with half blocks (two modules per character) back to its text."""
    halves = {" ": (0, 0), "▀": (1, 0), "▄": (0, 1), "█": (1, 1)}
    rows = [line for line in text.splitlines() if line.strip()]
    width = max(len(line) for line in rows)
    scale = 4
    image = Image.new("L", ((width + 8) * scale, (len(rows) * 2 + 8) * scale), 255)
    for y, line in enumerate(rows):
        for x, char in enumerate(line):
            top, bottom = halves.get(char, (0, 0))
            for half, dark in ((0, top), (1, bottom)):
                # segno prints light modules as blocks on a dark terminal: dark here is light there.
                if not dark:
                    continue
                box = ((x + 4) * scale, (y * 2 + half + 4) * scale)
                image.paste(0, (*box, box[0] + scale, box[1] + scale))
    for candidate in (image, Image.eval(image, lambda v: 255 - v)):
        found = zxingcpp.read_barcodes(candidate)
        if found:
            return str(found[0].text)
    raise AssertionError("no QR code in the banner")


def test_the_pages_show_a_small_copy_of_the_cover(site: tuple[Project, list[Episode]]) -> None:
    project, listed = site
    with Image.open(project.audio / "cover-page.jpg") as small:
        assert (small.format, small.size) == ("JPEG", (320, 320))
    with Image.open(project.audio / "cover.jpg") as cover:
        assert cover.size == (1400, 1400)
    for name in ("index.html", f"{Path(listed[0].file).stem}.html"):
        (img,) = page(project.audio / name).cssselect("img")
        assert (img.get("src"), img.get("alt")) == ("cover-page.jpg", "")
