"""Polls of the served feed and page cost the same however large the archive: nothing is
read again while the catalog, podcast.toml and audio/ stand as they were."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import podcastparser
import pytest

from podcast.project import Project
from podcast.run import build
from podcast.serve import app, page, serve_app
from tests.support import DATA
from tests.support.project import NOW, make_project
from tests.support.web import fetcher, running

Counted = list[int]


def counting(monkeypatch: pytest.MonkeyPatch) -> Counted:
    """Count every render of the served feed and pages (each reads all the catalog's
    episodes, in a process of its own)."""
    calls: Counted = [0]
    run: Callable[..., Any] = app.run_apart

    def run_apart(work: Callable[..., Any], *arguments: Any, **keywords: Any) -> Any:
        if work in (page.render_feed, page.render_page):
            calls[0] += 1
        return run(work, *arguments, **keywords)

    monkeypatch.setattr(app, "run_apart", run_apart)
    return calls


def test_polls_read_the_catalog_once_until_a_build_changes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project: Project = make_project(tmp_path / "show")
    assert not build(project, engine_name="espeak", now=NOW).failures
    reads = counting(monkeypatch)
    with running(serve_app(project)) as port:
        fetch = fetcher(port)
        first = [fetch(path) for path in ("/feed.xml", "/index.html")]
        assert reads == [2]
        for _ in range(20):
            assert [fetch(path) for path in ("/feed.xml", "/index.html")] == first
        assert reads == [2]  # 40 more polls, not one more read
        (project.seeds / "short.txt").write_bytes((DATA / "short_article.txt").read_bytes())
        assert len(build(project, engine_name="espeak", now=NOW).built) == 1
        status, _, feed = fetch("/feed.xml")
        assert reads == [3]
        base = f"http://127.0.0.1:{port}/"
        parsed = podcastparser.parse(base + "feed.xml", io.BytesIO(feed))
        assert (status, len(parsed["episodes"])) == (200, 2)
        assert all(e["enclosures"][0]["url"].startswith(base) for e in parsed["episodes"])
        status, _, html = fetch("/index.html")
        assert (status, reads) == (200, [4])
        assert html != first[1][2] and html.count(b"<article") == 2


def test_a_changed_podcast_toml_is_served_at_the_next_poll(tmp_path: Path) -> None:
    project: Project = make_project(tmp_path / "show")
    assert not build(project, engine_name="espeak", now=NOW).failures
    with running(serve_app(project)) as port:
        fetch = fetcher(port)
        assert b"<title>Kabar Indonesia</title>" in fetch("/feed.xml")[2]
        project.config.write_text("[show]\ntitle = 'Kabar Pagi'\n", encoding="utf-8")
        assert b"<title>Kabar Pagi</title>" in fetch("/feed.xml")[2]
