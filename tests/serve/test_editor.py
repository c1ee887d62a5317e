"""The editor's page in `podcast serve`: send an article, watch it reach the feed."""

from __future__ import annotations

import http.client
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import podcastparser
import pytest
from PIL import Image

from podcast.project import Project
from podcast.run import build
from podcast.serve import serve_app
from podcast.serve.editor import editor_secret, revoke_editor
from tests.servers.news_site import NewsSite, news_site
from tests.support.project import NOW, make_project
from tests.support.web import Fetch, fetcher, running

KOMPAS = "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur"
FORM = "application/x-www-form-urlencoded"
ONLY = "only public addresses are fetched"


def settings(private_addresses: bool) -> str:
    allowed = "true" if private_addresses else "false"
    return f"[fetch]\ndelay_s = 0\ntimeout_s = 5\nprivate_addresses = {allowed}\n"


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with news_site() as running_site:
        yield running_site


def served_project(folder: Path, private_addresses: bool) -> Project:
    project = make_project(folder)
    project.config.write_text(settings(private_addresses), encoding="utf-8")
    assert not build(project, engine_name="espeak", now=NOW).failures
    return project


def submit(secret: str, url: str, port: int, origin: str | None = None) -> int:
    body = f"url={url}"
    headers = {"Content-Type": FORM, "Origin": origin or f"http://127.0.0.1:{port}"}
    if origin == "":
        del headers["Origin"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", f"/editor/{secret}/add", body=body.encode(), headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def wait_for(fetch: Fetch, secret: str, count: int, limit_s: float = 60) -> list[dict[str, str]]:
    """The queue once ``count`` entries are done (in the feed or failed)."""
    deadline = time.monotonic() + limit_s
    while True:
        status, _, body = fetch(f"/editor/{secret}/queue.json")
        assert status == 200
        entries: list[dict[str, str]] = json.loads(body)
        if sum(entry["state"] in ("in the feed", "failed") for entry in entries) >= count:
            return entries
        assert time.monotonic() < deadline, entries
        time.sleep(0.1)


def test_an_article_sent_from_the_page_reaches_the_feed(site: NewsSite, tmp_path: Path) -> None:
    project = served_project(tmp_path, private_addresses=True)
    secret = editor_secret(project)
    with running(serve_app(project, editor_engine="espeak")) as port:
        fetch = fetcher(port)
        status, headers, body = fetch(f"/editor/{secret}/?url={site.url(KOMPAS)}")
        assert (status, headers["x-robots-tag"]) == (200, "noindex, nofollow")
        page = lxml.html.fromstring(body)
        assert page.get_element_by_id("url").get("value") == site.url(KOMPAS)
        assert page.get_element_by_id("bookmarklet").get("href") == (
            f"javascript:location.href='http://127.0.0.1:{port}/editor/{secret}/?url='"
            "+encodeURIComponent(location.href)"
        )
        started = time.monotonic()
        assert submit(secret, site.url(KOMPAS), port) == 303
        assert submit(secret, site.url("/tidak/ada"), port) == 303
        entries = wait_for(fetch, secret, 2)
        took = time.monotonic() - started
        assert [(e["url"], e["state"], e["reason"]) for e in entries] == [
            (site.url("/tidak/ada"), "failed", f"{site.url('/tidak/ada')}: not found (404)"),
            (site.url(KOMPAS), "in the feed", ""),
        ]
        print(f"submit to in the feed: {took:.1f} s (the second one failed meanwhile)")
        status, _, xml = fetch("/feed.xml")
        parsed = podcastparser.parse(f"http://127.0.0.1:{port}/feed.xml", io.BytesIO(xml))
        titles = [episode["title"] for episode in parsed["episodes"]]
        assert titles[0].startswith("Banjir Rendam 40 RT di Jakarta Timur")
        assert len(titles) == 2


def test_without_the_secret_every_editor_path_answers_404(tmp_path: Path) -> None:
    project = served_project(tmp_path, private_addresses=False)
    secret = editor_secret(project)
    with running(serve_app(project, editor_engine="espeak")) as port:
        fetch = fetcher(port)
        wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
        for name in ("", "queue.json", "manifest.webmanifest", "icon-192.png"):
            assert fetch(f"/editor/{wrong}/{name}")[0] == 404
            assert fetch(f"/editor/{secret}/{name}")[0] == 200
        assert submit(wrong, "https://berita.example/a", port) == 404
        assert fetch(f"/editor/{secret}/add")[0] == 404  # a GET changes nothing
        manifest = json.loads(fetch(f"/editor/{secret}/manifest.webmanifest")[2])
        assert manifest["share_target"] == {
            "action": f"http://127.0.0.1:{port}/editor/{secret}/",
            "method": "GET",
            "enctype": "application/x-www-form-urlencoded",
            "params": {"title": "title", "text": "text", "url": "url"},
        }
        for icon in manifest["icons"]:
            _, headers, png = fetch(f"/editor/{secret}/{icon['src']}")
            with Image.open(io.BytesIO(png)) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
                assert (image.format, headers["content-type"]) == ("PNG", icon["type"])
        shared = fetch(f"/editor/{secret}/?text=Baca+ini+https://berita.example/a+ya")[2]
        field = lxml.html.fromstring(shared).get_element_by_id("url")
        assert field.get("value") == "https://berita.example/a"
        assert revoke_editor(project)
        assert fetch(f"/editor/{secret}/")[0] == 404  # at once
        assert editor_secret(project) != secret


def test_submissions_are_checked_bounded_and_paced(tmp_path: Path) -> None:
    project = served_project(tmp_path, private_addresses=False)
    secret = editor_secret(project)
    with running(serve_app(project, editor_engine="espeak")) as port:
        fetch = fetcher(port)
        assert submit(secret, "https://a.example/", port, origin="") == 403
        assert submit(secret, "https://a.example/", port, origin="https://evil.example") == 403
        huge = "https://a.example/" + "a" * 5000
        assert submit(secret, huge, port) == 413
        assert submit(secret, "javascript:alert(1)", port) == 400
        loopback = f"http://127.0.0.1:{port}/feed.xml"
        assert submit(secret, loopback, port) == 303
        statuses = [submit(secret, f"http://[::1]:{port}/{n}", port) for n in range(6)]
        assert statuses == [303] * 4 + [429] * 2  # six tries a minute per client, bad ones too
        entries = wait_for(fetch, secret, 5)
    reasons = [entry["reason"] for entry in reversed(entries)]
    assert reasons == [
        f"{loopback}: refused: 127.0.0.1 is a loopback address; {ONLY}",
        *(f"http://[::1]:{port}/{n}: refused: ::1 is a loopback address; {ONLY}" for n in range(4)),
    ]
    assert {entry["state"] for entry in entries} == {"failed"}
