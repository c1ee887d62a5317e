"""The editor's page in headless Chromium: send an article, watch it reach the feed."""

from __future__ import annotations

import io
import json
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import podcastparser
import pytest
from PIL import Image
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from podcast.project import Project
from podcast.run import build
from podcast.serve import editor_secret, serve_app
from tests.servers.news_site import NewsSite, news_site
from tests.support.browser import PHONE, chromium, full_page_screenshot, screenshot_folder
from tests.support.project import NOW, make_project
from tests.support.web import running

pytestmark = pytest.mark.browser

KOMPAS = "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur"
DETIK = "/detik/berita/d-7712345/gempa-m-56-guncang-garut"
MISSING = "/kompas/read/2026/12/01/hilang"


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with news_site() as running_site:
        yield running_site


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The built seed served with the editor's page; its page's address."""
    project = make_project(tmp_path_factory.mktemp("editor"))
    project.config.write_text("[fetch]\ndelay_s = 0\nprivate_addresses = true\n", "utf-8")
    assert not build(project, engine_name="espeak", now=NOW).failures
    secret = editor_secret(project)
    with running(serve_app(project, editor_engine="espeak")) as port:
        yield project, f"http://127.0.0.1:{port}/editor/{secret}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium(*PHONE) as driver:
        yield driver


def wait_for(driver: Chrome, condition: Callable[[Chrome], Any], seconds: float = 60) -> Any:
    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(condition)


def states(driver: Chrome) -> list[str]:
    """The queue's states as shown, read at once (the page redraws the list every second)."""
    found: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#queue li[data-state]'),"
        " item => item.dataset.state)"
    )
    return found


def send(driver: Chrome, url: str) -> None:
    field = driver.find_element(By.ID, "url")
    field.clear()
    field.send_keys(url)
    button = driver.find_element(By.CSS_SELECTOR, "form button[type=submit]")
    button.click()
    wait_for(driver, staleness_of(button))  # the page again, the article in its queue


def test_an_article_sent_from_the_page_is_in_the_feed(
    browser: Chrome, editor: tuple[Project, str], site: NewsSite
) -> None:
    browser.get_log("browser")
    browser.get(editor[1])
    send(browser, site.url(KOMPAS))
    wait_for(browser, lambda d: states(d) == ["in the feed"])
    feed_url = editor[1].split("/editor/")[0] + "/feed.xml"
    with urllib.request.urlopen(feed_url, timeout=30) as answer:
        parsed = podcastparser.parse(feed_url, io.BytesIO(answer.read()))
    titles = [episode["title"] for episode in parsed["episodes"]]
    assert titles[0].startswith("Banjir Rendam 40 RT di Jakarta Timur"), titles
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_the_bookmarklet_brings_the_article_to_the_page(
    browser: Chrome, editor: tuple[Project, str], site: NewsSite
) -> None:
    browser.get(editor[1])
    script = browser.find_element(By.ID, "bookmarklet").get_dom_attribute("href") or ""
    browser.get(site.url(DETIK))
    browser.execute_script(script.removeprefix("javascript:"))
    wait_for(browser, lambda d: d.current_url.startswith(editor[1]))
    assert browser.find_element(By.ID, "url").get_attribute("value") == site.url(DETIK)


def test_the_manifest_makes_an_installable_share_target(
    browser: Chrome, editor: tuple[Project, str]
) -> None:
    browser.get(editor[1])
    link = browser.find_element(By.CSS_SELECTOR, "link[rel=manifest]").get_attribute("href")
    with urllib.request.urlopen(link, timeout=30) as answer:
        manifest = json.loads(answer.read())
        assert answer.headers["content-type"] == "application/manifest+json"
    assert manifest["share_target"]["action"] == editor[1]
    assert manifest["share_target"]["params"]["url"] == "url"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        with urllib.request.urlopen(editor[1] + icon["src"], timeout=30) as answer:
            png = answer.read()
        with Image.open(io.BytesIO(png)) as image:
            assert (image.format, f"{image.width}x{image.height}") == ("PNG", icon["sizes"])
    # What the share sheet opens: the page with the shared text's address filled in.
    browser.get(editor[1] + "?title=Gempa&text=Baca+https%3A%2F%2Fberita.example%2Fgempa")
    assert (
        browser.find_element(By.ID, "url").get_attribute("value") == "https://berita.example/gempa"
    )


def test_a_queue_of_three_at_phone_width(
    browser: Chrome, editor: tuple[Project, str], site: NewsSite
) -> None:
    browser.get(editor[1])
    send(browser, site.url(MISSING))
    send(browser, site.url(DETIK))
    wait_for(browser, lambda d: states(d) == ["in the feed", "failed", "in the feed"])
    reason = browser.execute_script(
        "return document.querySelector('#queue li[data-state=failed] .reason').textContent"
    )
    assert reason == f"{site.url(MISSING)}: not found (404)"
    path = full_page_screenshot(browser, screenshot_folder() / "editor-phone.png", PHONE[0])
    with Image.open(path) as image:
        assert image.width == PHONE[0]
    print(f"editor screenshot: {Path(path)}")
