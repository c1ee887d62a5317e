"""The catalog keeps each episode's identity: guid, file and first pubDate survive edits."""

from __future__ import annotations

import io
import sqlite3
from datetime import timedelta
from pathlib import Path

import podcastparser
import pytest
from click.testing import CliRunner

from podcast import catalog
from podcast.cli import main
from podcast.project import Project
from podcast.run import build
from tests.support.project import NOW, SEED

FEED_URL = "http://127.0.0.1:8000/feed.xml"


def feed_items(project: Project) -> list[dict[str, object]]:
    xml = (project.audio / "feed.xml").read_bytes()
    items: list[dict[str, object]] = podcastparser.parse(FEED_URL, io.BytesIO(xml))["episodes"]
    return items


def test_edited_article_keeps_guid_file_and_pub_date(project: Project) -> None:
    first = build(project, engine_name="espeak", now=NOW).built[0]
    seed = project.seeds / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\n\nSatu paragraf baru ditambahkan oleh redaksi.\n",
        encoding="utf-8",
    )
    edited = build(project, engine_name="espeak", now=NOW + timedelta(days=2)).built[0]
    assert (edited.guid, edited.file, edited.pub_date) == (first.guid, first.file, first.pub_date)
    assert edited.length != first.length
    assert len(edited.timeline) == len(first.timeline) + 1
    lines = seed.read_text(encoding="utf-8").split("\n")
    seed.write_text("\n".join(["Judul Baru: Perundingan di Miami", *lines[1:]]), encoding="utf-8")
    retitled = build(project, engine_name="espeak", now=NOW + timedelta(days=3)).built[0]
    assert (retitled.guid, retitled.file, retitled.pub_date) == (
        first.guid,
        first.file,
        first.pub_date,
    )
    (item,) = feed_items(project)
    assert item["guid"] == first.guid
    assert item["title"] == "Judul Baru: Perundingan di Miami"
    assert item["published"] == int(NOW.timestamp())
    (enclosure,) = item["enclosures"]  # type: ignore[misc]
    assert enclosure["file_size"] == (project.audio / first.file).stat().st_size
    assert enclosure["file_size"] == retitled.length


def test_deleted_seed_keeps_its_episode(project: Project) -> None:
    built = build(project, engine_name="espeak", now=NOW).built[0]
    (project.seeds / SEED.name).unlink()
    outcome = build(project, engine_name="espeak", now=NOW)
    assert outcome.episodes_in_feed == 1
    assert [item["guid"] for item in feed_items(project)] == [built.guid]
    assert (project.audio / built.file).exists()


def test_remove_takes_the_episode_out_of_feed_and_disk(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build(project, engine_name="espeak", now=NOW).built[0]
    stem = Path(built.file).stem
    monkeypatch.chdir(project.root)
    runner = CliRunner(mix_stderr=False)
    listed = runner.invoke(main, ["episodes"])
    minutes, seconds = divmod(round(built.duration_ms / 1000), 60)
    assert listed.stdout == (
        f"2025-12-21  {minutes:3d}:{seconds:02d}  "
        f"{built.length / 1_000_000:5.1f} MB  {built.file}  {built.title}\n"
    )
    missing = runner.invoke(main, ["remove", "nope.txt"])
    assert (missing.exit_code, missing.stderr) == (
        1,
        "Error: nope.txt: no such episode; `podcast episodes` lists them "
        "(give an article file name, an MP3 file name or a guid)\n",
    )
    result = runner.invoke(main, ["remove", built.guid])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"deleted audio/{stem}.mp3",
        f"deleted audio/{stem}.opus",
        f"deleted audio/{stem}.vtt",
        f"deleted audio/{stem}.srt",
        f"deleted audio/{stem}.chapters.json",
        f"deleted audio/{stem}.html",
        f"removed {built.title!r} ({built.guid}) from audio/feed.xml; "
        f"seeds/{SEED.name} would build it again: delete or move it",
    ]
    assert feed_items(project) == []
    assert sorted(p.name for p in project.audio.iterdir()) == [
        "cover-page.jpg",
        "cover.jpg",
        "feed.xml",
        "index.html",
    ]
    assert runner.invoke(main, ["episodes"]).stdout == "no episodes yet: run podcast build\n"


def test_catalog_schema_is_versioned_and_old_catalogs_migrate(tmp_path: Path) -> None:
    path = tmp_path / "catalog.db"
    old = sqlite3.connect(path)
    old.execute(catalog.MIGRATIONS[0])
    old.execute(
        "INSERT INTO episodes VALUES ('a.txt', 'g', 'a.mp3', 'A', NULL, 'S', NULL, "
        "'2025-12-21T09:30:00+07:00', 'h', 1, 2, '[[0, 1]]')"
    )
    old.commit()
    old.close()
    connection = catalog.open_catalog(path)
    assert connection.execute("PRAGMA user_version").fetchone() == (len(catalog.MIGRATIONS),)
    (episode,) = catalog.episodes(connection)
    assert (episode.guid, episode.timeline, episode.parts, episode.cues) == ("g", ((0, 1),), (), ())
    connection.close()
    again = catalog.open_catalog(path)
    assert again.execute("PRAGMA user_version").fetchone() == (len(catalog.MIGRATIONS),)
    again.close()
