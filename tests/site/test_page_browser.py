"""The show's page in a real browser: headless Chromium against ``podcast serve`` on 127.0.0.1.

Run with ``python -m pytest -m browser`` (Debian's chromium and chromium-driver installed).
"""

from __future__ import annotations

import http.client
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from axe_selenium_python import Axe
from PIL import Image
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from podcast.catalog import Episode, episodes, open_catalog
from podcast.episode import chapters
from podcast.project import Project
from podcast.run import build
from podcast.site import subscribe_links
from tests.support.browser import DESKTOP, PHONE, chromium, full_page_screenshot, screenshot_folder
from tests.support.pages import HOSTILE_PARAGRAPHS, HOSTILE_TITLE, add_hostile_episodes
from tests.support.project import NOW, make_project
from tests.support.web import serving

pytestmark = pytest.mark.browser

SEED_KEY = "000_f270e526a9c4b75d.txt"
LOWEST_CONTRAST = """
function luminance(color) {
  const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(v => {
    v = v / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(element) {
  for (; element; element = element.parentElement) {
    const color = getComputedStyle(element).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(color) && color !== "transparent") return color;
  }
  return "rgb(255, 255, 255)";
}
const ratios = [];
for (const element of document.body.querySelectorAll("*")) {
  const text = [...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!text || !element.getClientRects().length) continue;
  const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))];
  ratios.push([(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), element.tagName]);
}
ratios.sort((x, y) => x[0] - y[0]);
return [ratios.length, ratios[0]];
"""
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "best-practice"]}})
  .then(done, error => done({error: String(error)}));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Episode]]:
    """The seed built with the offline voice plus two hostile episodes, pages written."""
    project = make_project(tmp_path_factory.mktemp("browser"))
    assert not build(project, engine_name="espeak", now=NOW).failures
    add_hostile_episodes(project)
    assert not build(project, engine_name="espeak", now=NOW).failures
    connection = open_catalog(project.catalog)
    try:
        return project, episodes(connection)
    finally:
        connection.close()


@pytest.fixture(scope="module")
def page_url(site: tuple[Project, list[Episode]]) -> Iterator[str]:
    yield from serving(site[0])


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium(*DESKTOP) as driver:
        yield driver


@pytest.fixture
def opened(browser: Chrome, page_url: str) -> Chrome:
    """The show's page freshly loaded, its console emptied of earlier pages' messages."""
    browser.get_log("browser")
    browser.get(page_url)
    return browser


def errors(driver: Chrome) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver: Chrome, condition: Callable[[Chrome], Any], seconds: float = 15) -> Any:
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(condition)


def article(driver: Chrome, episode: Episode) -> Any:
    return driver.find_element(By.ID, Path(episode.file).stem)


def test_the_page_and_every_episode_page_load_without_console_errors(
    browser: Chrome, page_url: str, site: tuple[Project, list[Episode]]
) -> None:
    browser.get_log("browser")
    for name in ["", *(f"{Path(e.file).stem}.html" for e in site[1])]:
        browser.get(page_url + name)
        assert browser.execute_script("return document.readyState") == "complete"
        assert errors(browser) == [], name
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018


def test_every_episode_is_listed_with_a_player_whose_source_answers_206(
    opened: Chrome, site: tuple[Project, list[Episode]]
) -> None:
    project, listed = site
    players = opened.find_elements(By.CSS_SELECTOR, "article audio")
    assert len(players) == len(listed) == 3
    for player, episode in zip(players, listed, strict=True):
        assert player.get_attribute("preload") == "none"
        source = opened.execute_script("return arguments[0].currentSrc || arguments[0].src", player)
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)(/.+)", source)
        # Chromium plays Opus, so it takes the low-data edition, the player's first source.
        assert episode.low_data is not None
        assert match and match[2] == "/" + episode.low_data.file, source
        connection = http.client.HTTPConnection("127.0.0.1", int(match[1]), timeout=30)
        try:
            connection.request("GET", match[2], headers={"Range": "bytes=1000-1999"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        size = (project.audio / episode.low_data.file).stat().st_size
        assert response.status == 206
        assert response.getheader("content-range") == f"bytes 1000-1999/{size}"
        assert response.getheader("content-type") == "audio/ogg"
        assert body == (project.audio / episode.low_data.file).read_bytes()[1000:2000]
        print(f"{match[2]}: {response.status} {response.getheader('content-range')}")


def test_clicking_a_chapter_moves_the_player_to_its_start(
    opened: Chrome, site: tuple[Project, list[Episode]]
) -> None:
    seed = next(e for e in site[1] if e.key == SEED_KEY)
    box = article(opened, seed)
    box.find_element(By.CSS_SELECTOR, "details.chapters summary").click()
    buttons = box.find_elements(By.CSS_SELECTOR, "[data-start]")
    starts = [c.start_ms / 1000 for c in chapters(seed)]
    assert len(buttons) == len(starts) == 15
    player = box.find_element(By.TAG_NAME, "audio")

    def position(driver: Chrome) -> float:
        return float(driver.execute_script("return arguments[0].currentTime", player))

    for index in (5, 1, 12):
        start = starts[index]
        buttons[index].click()
        moved = position(opened)
        assert start <= moved < start + 1.0, index
        # It plays on from there: the browser fetched and decoded the Opus over HTTP.
        wait_for(opened, lambda driver, start=start: position(driver) > start + 0.3)
        playing = position(opened)
        assert playing < start + 5
        print(
            f"chapter {index}: starts {start:.3f} s, currentTime {moved:.3f} s, then {playing:.3f}"
        )
        assert not opened.execute_script("return arguments[0].paused", player)
    assert errors(opened) == []


def test_chromium_plays_the_low_data_edition_from_the_page(
    opened: Chrome, site: tuple[Project, list[Episode]]
) -> None:
    seed = next(e for e in site[1] if e.key == SEED_KEY)
    assert seed.low_data is not None
    player = article(opened, seed).find_element(By.TAG_NAME, "audio")
    assert (
        opened.execute_script("return arguments[0].canPlayType('audio/ogg; codecs=opus')", player)
        == "probably"
    )
    opened.execute_script("arguments[0].play()", player)
    wait_for(
        opened,
        lambda driver: driver.execute_script("return arguments[0].currentTime", player) > 0.5,
    )
    source = opened.execute_script("return arguments[0].currentSrc", player)
    duration = opened.execute_script("return arguments[0].duration", player)
    assert source.endswith("/" + seed.low_data.file)
    # Chromium's duration counts the encoder's pre-skip (the samples a decoder drops at the
    # start: RFC 7845), which ffmpeg and mutagen leave out, as the tests of the file do.
    head = (site[0].audio / seed.low_data.file).read_bytes()[28:47]
    assert head[:8] == b"OpusHead"
    pre_skip = int.from_bytes(head[10:12], "little")
    assert abs(duration - seed.duration_ms / 1000 - pre_skip / 48000) < 0.001
    assert not opened.execute_script("return arguments[0].paused", player)
    opened.execute_script("arguments[0].pause()", player)
    print(f"{source}: plays, duration {duration:.3f} s (the episode: {seed.duration_ms} ms)")
    assert errors(opened) == []


def test_the_chapter_list_works_from_the_keyboard(
    opened: Chrome, site: tuple[Project, list[Episode]]
) -> None:
    seed = next(e for e in site[1] if e.key == SEED_KEY)
    box = article(opened, seed)
    summary = box.find_element(By.CSS_SELECTOR, "details.chapters summary")
    opened.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    assert box.find_element(By.CSS_SELECTOR, "details.chapters").get_attribute("open") == "true"
    active = opened.switch_to.active_element
    for _ in range(3):  # Tab walks from the summary into the chapters, one by one
        active.send_keys(Keys.TAB)
        active = opened.switch_to.active_element
    assert active.get_attribute("data-start") == str(chapters(seed)[2].start_ms / 1000)
    active.send_keys(Keys.ENTER)
    player = box.find_element(By.TAG_NAME, "audio")
    moved = opened.execute_script("return arguments[0].currentTime", player)
    assert chapters(seed)[2].start_ms / 1000 <= moved < chapters(seed)[2].start_ms / 1000 + 1


def test_the_transcript_opens(opened: Chrome, site: tuple[Project, list[Episode]]) -> None:
    seed = next(e for e in site[1] if e.key == SEED_KEY)
    details = article(opened, seed).find_element(By.CSS_SELECTOR, "details.transcript")
    paragraphs = details.find_elements(By.TAG_NAME, "p")
    assert not paragraphs[0].is_displayed()
    details.find_element(By.TAG_NAME, "summary").click()
    assert details.get_attribute("open") == "true"
    assert all(p.is_displayed() for p in paragraphs)
    assert [p.text for p in paragraphs] == [" ".join(part.split()) for part in seed.parts[1:]]


def test_each_subscribe_link_carries_the_feed_url(opened: Chrome, page_url: str) -> None:
    feed = page_url + "feed.xml"
    field = opened.find_element(By.ID, "feed-url")
    assert field.get_attribute("value") == feed
    links = opened.find_elements(By.CSS_SELECTOR, ".apps a")
    hrefs = [link.get_attribute("href") for link in links]
    assert hrefs == [link.href for link in subscribe_links(feed, "Kabar Indonesia")]
    bare, encoded = feed.removeprefix("http://"), feed.replace(":", "%3A").replace("/", "%2F")
    assert [bare in href or encoded in href for href in hrefs] == [True] * 4
    opened.find_element(By.CSS_SELECTOR, "[data-copy]").click()
    status = opened.find_element(By.ID, "copy-status")
    wait_for(opened, lambda d: status.text == "Alamat feed sudah disalin.")
    assert opened.execute_script("return window.getSelection().toString()") == feed


def test_hostile_titles_render_as_text(opened: Chrome, site: tuple[Project, list[Episode]]) -> None:
    titles = [h.text for h in opened.find_elements(By.CSS_SELECTOR, "article h3")]
    assert titles[:2] == [HOSTILE_TITLE, HOSTILE_TITLE]
    counts = opened.execute_script(
        "return ['script', 'img', 'b', 'i', 'u'].map(t => document.getElementsByTagName(t).length)"
    )
    assert counts == [1, 1, 0, 0, 0]
    first = article(opened, site[1][0])
    first.find_element(By.CSS_SELECTOR, "details.transcript summary").click()
    shown = [p.text for p in first.find_elements(By.CSS_SELECTOR, "details.transcript p")]
    assert shown == list(HOSTILE_PARAGRAPHS)
    direction = opened.execute_script(
        "return getComputedStyle(arguments[0]).direction",
        first.find_elements(By.CSS_SELECTOR, "details.transcript p")[1],
    )
    assert direction == "rtl"  # the Arabic paragraph reads right to left
    with pytest.raises(NoAlertPresentException):
        opened.switch_to.alert.text  # noqa: B018


def test_the_page_passes_axe_accessibility_rules(
    browser: Chrome, page_url: str, site: tuple[Project, list[Episode]]
) -> None:
    for name in ("", f"{Path(site[1][-1].file).stem}.html"):
        browser.get(page_url + name)
        for details in browser.find_elements(By.CSS_SELECTOR, "details:not([open]) summary"):
            details.click()
        axe = Axe(browser)
        axe.inject()
        results = browser.execute_async_script(AXE_RUN)
        assert "error" not in results
        assert results["violations"] == [], axe.report(results["violations"])
        passed = {rule["id"] for rule in results["passes"]}
        assert {"color-contrast", "html-has-lang", "label", "button-name"} <= passed
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
        count, (lowest, tag) = browser.execute_script(LOWEST_CONTRAST)
        print(
            f"{name or 'index.html'}: {count} text elements, lowest contrast {lowest:.2f} ({tag})"
        )
        assert count > 40
        assert lowest >= 7, tag  # WCAG AAA for text: every text at least 7:1


def test_the_pages_qr_code_opens_its_subscribe_block(opened: Chrome, page_url: str) -> None:
    shot = opened.find_element(By.CSS_SELECTOR, ".qr svg").screenshot_as_png
    (decoded,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert decoded.text == page_url + "index.html#subscribe"


def test_under_private_every_link_carries_the_token(
    browser: Chrome, site: tuple[Project, list[Episode]]
) -> None:
    for url in serving(site[0], "--private"):
        token = url.rstrip("/").rsplit("/", 1)[1]
        browser.get_log("browser")
        browser.get(url)
        assert errors(browser) == []
        sources = browser.execute_script(
            "return [...document.querySelectorAll('audio')].map(a => a.currentSrc || a.src)"
        )
        assert sources and all(f"/{token}/" in source for source in sources)
        hrefs = [a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")]
        local = [href for href in hrefs if "127.0.0.1" in href]
        assert len(local) == len(hrefs) - 1  # all but the hostile episode's source article
        assert all(token in href for href in local)
        assert browser.find_element(By.ID, "feed-url").get_attribute("value") == url + "feed.xml"


def test_screenshots_at_phone_and_desktop_width(
    opened: Chrome, page_url: str, site: tuple[Project, list[Episode]]
) -> None:
    seed = next(e for e in site[1] if e.key == SEED_KEY)
    article(opened, seed).find_element(By.CSS_SELECTOR, "details.chapters summary").click()
    folder = screenshot_folder()
    for label, (width, _) in (("phone", PHONE), ("desktop", DESKTOP)):
        path = full_page_screenshot(opened, folder / f"page-{label}.png", width)
        with Image.open(path) as image:
            assert image.width == width
            # The whole page is in the picture: its QR code reads back as the page's address.
            (decoded,) = zxingcpp.read_barcodes(image)
        assert decoded.text == page_url + "index.html#subscribe"
        print(f"{label} screenshot: {path}")
