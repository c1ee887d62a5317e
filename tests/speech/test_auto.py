"""``auto`` asks Google nothing until something must be spoken."""

from __future__ import annotations

from pathlib import Path

from podcast.run import build
from tests.servers import google as google_server
from tests.support.project import NOW, as_listed
from tests.support.voices import FIRE, FLOOD, google_project, google_voice

UNASKED = "engine: auto (nothing needed speaking, so Google TTS was not asked)"


def test_an_auto_rebuild_of_unchanged_articles_sends_no_request(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD})
        first = build(project, engine_name="auto", now=NOW)
        assert first.engine_line == "engine: gtts (Google TTS answered)"
        assert google.requests.count("Halo.") == 1
        google.requests.clear()
        again = build(project, engine_name="auto", now=NOW)
    assert google.requests == []
    assert (again.engine_line, again.built, again.unchanged) == (
        UNASKED,
        (),
        as_listed(first.built),
    )


def test_an_auto_rebuild_keeps_episodes_the_offline_voice_made(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD})
        first = build(project, engine_name="espeak", now=NOW)
        again = build(project, engine_name="auto", now=NOW)
        assert google.requests == []
        assert (again.engine_line, again.unchanged) == (UNASKED, first.built)
        (project.seeds / "kebakaran.txt").write_text(FIRE, encoding="utf-8")
        third = build(project, engine_name="auto", now=NOW)
    assert third.engine_line == "engine: gtts (Google TTS answered)"
    assert [episode.key for episode in third.built] == ["kebakaran.txt"]
    assert third.unchanged == as_listed(first.built)
    assert google.requests[0] == "Halo."
