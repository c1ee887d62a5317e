"""Several articles at once: the same episodes as one at a time, one request budget, one catalog."""

from __future__ import annotations

from pathlib import Path

from podcast import catalog
from podcast.project import Project
from podcast.run import build
from tests.servers import google as google_server
from tests.support.project import NOW, as_listed
from tests.support.voices import FIRE, FLOOD, google_project, google_voice

QUAKE = """Gempa Guncang Sukabumi

Sukabumi, Pahami.id

Gempa berkekuatan sedang mengguncang Kabupaten Sukabumi pada Selasa pagi.

Warga sempat berhamburan keluar rumah, tetapi tidak ada kerusakan berarti.
"""
ARTICLES = {"banjir.txt": FLOOD, "kebakaran.txt": FIRE, "gempa.txt": QUAKE}


def shape(project: Project) -> list[tuple[str, str, int, tuple[tuple[int, int], ...]]]:
    """Each episode's key, file, length in ms and timeline, as the catalog has them."""
    connection = catalog.open_catalog(project.catalog)
    try:
        episodes = catalog.episodes(connection)
    finally:
        connection.close()
    return sorted((e.key, e.file, e.duration_ms, e.timeline) for e in episodes)


def test_two_processes_make_the_episodes_one_makes(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        alone = google_project(tmp_path / "alone", google.url, ARTICLES)
        together = google_project(tmp_path / "together", google.url, ARTICLES)
        one = build(alone, engine_name="gtts", now=NOW, jobs=1)
        google.log.clear()
        two = build(together, engine_name="gtts", now=NOW, jobs=2)
        in_flight = [count for _, count in google.in_flight_over_time()]
    assert [e.key for e in two.built] == [e.key for e in one.built] == sorted(ARTICLES)
    assert (two.failures, two.episodes_in_feed) == ((), 3)
    assert shape(together) == shape(alone)
    for episode in two.built:
        mine, theirs = together.audio / episode.file, alone.audio / episode.file
        assert mine.stat().st_size == theirs.stat().st_size
    assert max(in_flight) <= 4  # [speech] concurrency, shared by both processes
    assert max(in_flight) >= 2


def test_new_articles_made_at_once_get_their_own_file_names(tmp_path: Path) -> None:
    twins = {"a.txt": FLOOD, "b.txt": FLOOD.replace("Banjir", "Banjir", 1) + "\nSatu lagi.\n"}
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, twins)
        outcome = build(project, engine_name="espeak", now=NOW, jobs=2)
    files = sorted(episode.file for episode in outcome.built)
    assert files == [
        "2025-12-21-banjir-melanda-jakarta-utara-2.mp3",
        "2025-12-21-banjir-melanda-jakarta-utara.mp3",
    ]
    assert sorted(path.name for path in project.audio.glob("*.mp3")) == files


def test_a_parallel_rebuild_of_unchanged_articles_starts_no_worker(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, ARTICLES)
        first = build(project, engine_name="auto", now=NOW, jobs=2)
        google.log.clear()
        again = build(project, engine_name="auto", now=NOW, jobs=2)
    assert google.log == []
    assert (again.built, again.unchanged) == ((), as_listed(first.built))
