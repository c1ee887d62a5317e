"""A show that runs for months: bounded feeds, paged pages, retention, unchanged work skipped."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import podcastparser
import pytest
from click.testing import CliRunner
from PIL import Image

from podcast import catalog
from podcast.catalog import Episode
from podcast.cli import main
from podcast.config import Show, load_settings
from podcast.episode import extra_names
from podcast.errors import ConfigError
from podcast.project import Project
from podcast.publish import publish, sync
from podcast.run import build
from podcast.run.episodes import episode_files, expire, expiring
from podcast.serve.page import render_feed
from tests.servers.s3 import S3Server, credentials_file, s3_server  # noqa: F401
from tests.support.bucket import (
    BUCKET,
    PREFIX,
    Published,
    bucket_contents,
    check_feed_as_an_app_would,
    empty_bucket,
    local_contents,
    settings_toml,
)
from tests.support.project import check_published, podcast_process

ZONE = ZoneInfo("Asia/Jakarta")
ARTICLES = (
    ("a1.txt", "Banjir Rendam Jakarta Utara", "Kompas.com", datetime(2026, 1, 5, 8, tzinfo=ZONE)),
    ("a2.txt", "Harga Cabai Turun Lagi", "Detik.com", datetime(2026, 1, 20, 8, tzinfo=ZONE)),
    ("a3.txt", "Kereta Cepat Ditambah", "Detik.com", datetime(2026, 2, 3, 8, tzinfo=ZONE)),
    ("a4.txt", "Gempa Kecil Guncang Garut", "Kompas.com", datetime(2026, 2, 10, 8, tzinfo=ZONE)),
    ("a5.txt", "Pasar Induk Ramai Pembeli", "Detik.com", datetime(2026, 2, 25, 8, tzinfo=ZONE)),
    ("a6.txt", "Nelayan Kembali Melaut", "Detik.com", datetime(2026, 3, 2, 8, tzinfo=ZONE)),
)
SETTINGS = "[show]\nfeed_items = 3\npage_episodes = 2\n"


def built_files(file: str) -> list[str]:
    """The files a build makes for the episode ``file``: all of them but the videos, which
    are made only on request."""
    return [name for name in episode_files(file) if name not in extra_names(file)]


def write_article(seeds: Path, name: str, title: str, outlet: str) -> Path:
    path = seeds / name
    path.write_text(
        f"{title}\n\nJakarta, {outlet}\n\nWarga melaporkan kabar ini pagi tadi.\n", "utf-8"
    )
    return path


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Six short episodes built one at a time from January to March 2026."""
    project = Project(tmp_path_factory.mktemp("months"))
    project.seeds.mkdir()
    project.config.write_text(SETTINGS, encoding="utf-8")
    for name, title, outlet, moment in ARTICLES:
        source = write_article(project.seeds, name, title, outlet)
        outcome = build(project, [source], engine_name="espeak", now=moment, jobs=1)
        assert outcome.failures == ()
    return project


@pytest.fixture
def show(months: Project, tmp_path: Path) -> Project:
    """A copy of the six-episode project to change."""
    copy = Project(tmp_path / "show")
    shutil.copytree(months.root, copy.root)
    return copy


def files_of(project: Project) -> dict[str, Episode]:
    connection = catalog.open_catalog(project.catalog)
    try:
        return {episode.key: episode for episode in catalog.headers(connection)}
    finally:
        connection.close()


def titles(page: Path, heading: str) -> list[str]:
    root = lxml.html.fromstring(page.read_bytes())
    return [
        element.text_content()
        for element in root.iter(heading)
        if "title-" in element.get("id", "")
    ]


def test_the_feed_lists_the_newest_and_the_pages_hold_the_rest_by_month(months: Project) -> None:
    feed = (months.audio / "feed.xml").read_bytes()
    parsed = podcastparser.parse("http://127.0.0.1:8000/feed.xml", io.BytesIO(feed))
    assert [e["title"] for e in parsed["episodes"]] == [
        "Nelayan Kembali Melaut",
        "Pasar Induk Ramai Pembeli",
        "Gempa Kecil Guncang Garut",
    ]
    assert (feedparser.parse(feed).bozo, len(feedparser.parse(feed).entries)) == (False, 3)
    index = months.audio / "index.html"
    assert titles(index, "h3") == ["Nelayan Kembali Melaut", "Pasar Induk Ramai Pembeli"]
    archive = lxml.html.fromstring(index.read_bytes()).cssselect("ul.archive a")
    assert [(a.text_content(), a.get("href")) for a in archive] == [
        ("Maret 2026", "archive-2026-03.html"),
        ("Februari 2026 (2)", "archive-2026-02-2.html"),
        ("Februari 2026", "archive-2026-02.html"),
        ("Januari 2026", "archive-2026-01.html"),
    ]
    february = months.audio / "archive-2026-02.html"
    assert titles(february, "h2") == ["Gempa Kecil Guncang Garut", "Kereta Cepat Ditambah"]
    pager = lxml.html.fromstring(february.read_bytes()).cssselect("nav.pager a")
    assert [(a.get("href"), a.text_content()) for a in pager] == [
        ("archive-2026-02-2.html", "Lebih baru: Februari 2026 (2)"),
        ("archive-2026-01.html", "Lebih lama: Januari 2026"),
    ]
    assert titles(months.audio / "archive-2026-01.html", "h2") == [
        "Harga Cabai Turun Lagi",
        "Banjir Rendam Jakarta Utara",
    ]
    for episode in files_of(months).values():  # every episode keeps its own page
        assert titles(months.audio / episode_files(episode.file)[-1], "h1") == [episode.title]


def test_a_build_rewrites_only_what_changed_and_reads_no_unchanged_article(show: Project) -> None:
    before = {path.name: path.stat().st_mtime_ns for path in show.audio.iterdir()}
    # Same size and time, other words: a build that read the article would rebuild it.
    seed = show.seeds / "a3.txt"
    stat = seed.stat()
    seed.write_text(seed.read_text("utf-8").replace("Kereta", "Sepeda"), "utf-8")
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    outcome = build(show, engine_name="espeak", now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    assert (outcome.failures, outcome.built, len(outcome.unchanged)) == ((), (), 6)
    assert {path.name: path.stat().st_mtime_ns for path in show.audio.iterdir()} == before
    assert files_of(show)["a3.txt"].title == "Kereta Cepat Ditambah"
    write_article(show.seeds, "a7.txt", "Sekolah Baru Dibuka", "Kompas.com")
    outcome = build(show, engine_name="espeak", now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    (made,) = outcome.built
    changed = {
        path.name
        for path in show.audio.iterdir()
        if before.get(path.name) != path.stat().st_mtime_ns
    }
    assert changed == {*built_files(made.file), "index.html", "archive-2026-03.html", "feed.xml"}


def test_retention_lists_then_expires_exactly_the_old_episodes(show: Project) -> None:
    show.config.write_text(SETTINGS + "keep_episodes = 4\n", encoding="utf-8")
    os.chdir(show.root)
    runner = CliRunner(mix_stderr=False)
    known = files_of(show)
    listed = runner.invoke(main, ["episodes"]).stdout.splitlines()
    assert [line.split()[0] for line in listed[:-1]] == ["kept"] * 4 + ["expires"] * 2
    assert listed[-1] == (
        "4 kept, 2 would expire; podcast expire or the next podcast build takes them down"
    )
    before = sorted(path.name for path in show.audio.iterdir())
    dry = runner.invoke(main, ["expire", "--dry-run"])
    assert dry.stdout.splitlines() == [
        f"would expire 2026-01-20 audio/{known['a2.txt'].file}  Harga Cabai Turun Lagi",
        f"would expire 2026-01-05 audio/{known['a1.txt'].file}  Banjir Rendam Jakarta Utara",
    ]
    assert sorted(path.name for path in show.audio.iterdir()) == before
    done = runner.invoke(main, ["expire"])
    gone = [*built_files(known["a2.txt"].file), *built_files(known["a1.txt"].file)]
    assert done.stdout.splitlines() == [
        f"expired 2026-01-20 audio/{known['a2.txt'].file}  Harga Cabai Turun Lagi",
        f"expired 2026-01-05 audio/{known['a1.txt'].file}  Banjir Rendam Jakarta Utara",
        *(f"deleted audio/{name}" for name in gone),
        "2 episode(s) expired; podcast publish deletes them from the bucket after the new "
        "feed is up",
    ]
    after = sorted(path.name for path in show.audio.iterdir())
    assert after == sorted(set(before) - set(gone) - {"archive-2026-01.html"})
    assert check_published(show.audio) == 3
    again = build(show, engine_name="espeak", now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    assert (again.built, again.expired, len(again.unchanged)) == ((), (), 4)
    assert sorted(files_of(show)) == ["a3.txt", "a4.txt", "a5.txt", "a6.txt"]
    assert runner.invoke(main, ["expire"]).stdout == (
        "nothing expires: every episode is within [show] keep_* in podcast.toml\n"
    )


def test_days_and_counts_together_keep_only_what_both_allow(show: Project) -> None:
    show.config.write_text(SETTINGS + "keep_episodes = 5\nkeep_days = 30\n", encoding="utf-8")
    expiry = expire(show, now=datetime(2026, 3, 5, 12, tzinfo=ZONE))
    assert [episode.key for episode in expiry.gone] == ["a3.txt", "a2.txt", "a1.txt"]
    assert sorted(files_of(show)) == ["a4.txt", "a5.txt", "a6.txt"]


def test_editions_are_counted_on_their_own() -> None:
    def episode(key: str, day: int) -> Episode:
        moment = datetime(2026, 3, day, 8, tzinfo=ZONE)
        return Episode(key, key, f"{key}.mp3", key, None, "", None, moment, "", 1, 1)

    listed = [
        episode("edition:2026-03-06", 6),
        episode("c.txt", 5),
        episode("edition:2026-03-05", 5),
        episode("b.txt", 4),
        episode("edition:2026-03-04", 4),
        episode("a.txt", 3),
    ]
    now = datetime(2026, 3, 7, 8, tzinfo=ZONE)
    kept = Show(keep_episodes=2, keep_editions=1)
    assert [e.key for e in expiring(kept, listed, now)] == [
        "edition:2026-03-05",
        "edition:2026-03-04",
        "a.txt",
    ]
    recent = Show(keep_days=2, keep_editions=5)
    assert [e.key for e in expiring(recent, listed, now - timedelta(hours=1))] == [
        "edition:2026-03-04",  # the same moment as b.txt: editions sort after articles' keys
        "b.txt",
        "a.txt",
    ]


@pytest.mark.parametrize("seed", range(3))
def test_a_killed_expiry_leaves_a_valid_feed_and_the_next_build_finishes(
    months: Project, tmp_path: Path, seed: int
) -> None:
    chance = random.Random(seed)
    project = Project(tmp_path / "show")
    shutil.copytree(months.root, project.root)
    project.config.write_text(SETTINGS + "keep_episodes = 2\n", encoding="utf-8")
    known = files_of(project)
    process = podcast_process(project, "expire")
    time.sleep(chance.uniform(0.2, 1.5))
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert check_published(project.audio) in (2, 3)
    finished = podcast_process(project, "build", "--engine", "espeak", "-q")
    assert finished.communicate(timeout=120) == ("", "")
    assert check_published(project.audio) == 2
    expired = [key for key in known if key not in ("a5.txt", "a6.txt")]
    names = {path.name for path in project.audio.iterdir()}
    for key in expired:
        assert names.isdisjoint(built_files(known[key].file)), key
    for key in ("a5.txt", "a6.txt"):
        assert names.issuperset(built_files(known[key].file)), key


def to_the_bucket(
    show: Project, server: S3Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Point ``show`` at an empty bucket on ``server`` and build it; return its settings."""
    client = server.client()
    if BUCKET not in {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=BUCKET)
    empty_bucket(server)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    for name, value in credentials_file(tmp_path).items():
        monkeypatch.setenv(name, value)
    settings = settings_toml(server).replace("[show]\n", SETTINGS)
    show.config.write_text(settings, encoding="utf-8")
    build(show, engine_name="espeak", now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    return settings


def test_objects_a_stopped_publish_meant_to_delete_go_with_the_next(
    show: Project,
    s3_server: S3Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = to_the_bucket(show, s3_server, tmp_path, monkeypatch)
    publish(show)
    (show.state / "published.db").unlink()  # as on another machine: compare with the bucket
    known = files_of(show)
    show.config.write_text(settings.replace("[show]\n", "[show]\nkeep_episodes = 4\n"), "utf-8")
    expire(show, now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    with monkeypatch.context() as stopped:
        stopped.setattr(sync, "delete", lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        with pytest.raises(KeyboardInterrupt):  # stopped once the new feed and pages are up
            publish(show)
    summary = publish(show)
    gone = {*built_files(known["a1.txt"].file), *built_files(known["a2.txt"].file)}
    assert (summary.plan.trusted, summary.plan.uploads) == (True, ())
    assert {stored.name for stored in summary.plan.deletions} == gone | {"archive-2026-01.html"}
    assert bucket_contents(s3_server) == local_contents(show)


def test_expired_episodes_leave_the_bucket_once_the_new_pages_are_up(
    show: Project,
    s3_server: S3Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = to_the_bucket(show, s3_server, tmp_path, monkeypatch)
    moment = datetime(2026, 3, 9, 8, tzinfo=ZONE)
    assert publish(show).plan.trusted is False  # the first publish asks the bucket
    before = bucket_contents(s3_server)
    assert before == local_contents(show)
    known = files_of(show)
    show.config.write_text(settings.replace("[show]\n", "[show]\nkeep_episodes = 4\n"), "utf-8")
    assert [episode.key for episode in expire(show, now=moment).gone] == ["a2.txt", "a1.txt"]
    summary = publish(show)
    gone = {*built_files(known["a1.txt"].file), *built_files(known["a2.txt"].file)}
    assert summary.plan.trusted is True
    assert [file.name for file in summary.plan.uploads] == ["archive-2026-02.html", "index.html"]
    assert {stored.name for stored in summary.plan.deletions} == gone | {"archive-2026-01.html"}
    after = bucket_contents(s3_server)
    assert after == local_contents(show)
    assert set(before) - set(after) == gone | {"archive-2026-01.html"}
    assert len(check_feed_as_an_app_would(Published(show, s3_server))) == 3
    again = publish(show)
    assert (again.plan.trusted, again.plan.uploads, again.plan.deletions) == (True, (), ())
    s3_server.client().delete_object(Bucket=BUCKET, Key=f"{PREFIX}/feed.xml")
    repaired = publish(show)  # the bucket no longer bears the ledger out: compare it all
    assert (repaired.plan.trusted, [f.name for f in repaired.plan.uploads]) == (False, ["feed.xml"])
    assert bucket_contents(s3_server) == local_contents(show)


TOPICS = """
[[feeds]]
name = "kompas"
title = "Kabar dari Kompas"
description = "Berita dari Kompas.com saja."
outlets = ["Kompas.com"]

[[feeds]]
name = "bencana"
title = "Kabar Bencana"
words = ["banjir", "gempa", "longsor"]
"""


def test_a_feed_of_its_own_for_each_topic(show: Project) -> None:
    show.config.write_text(SETTINGS + TOPICS, encoding="utf-8")
    outcome = build(show, engine_name="espeak", now=datetime(2026, 3, 9, 8, tzinfo=ZONE))
    assert (outcome.built, outcome.failures, outcome.episodes_in_feed) == ((), (), 3)
    feed = (show.audio / "kompas.xml").read_bytes()
    parsed = podcastparser.parse("http://127.0.0.1:8000/kompas.xml", io.BytesIO(feed))
    assert (parsed["title"], parsed["description"]) == (
        "Kabar dari Kompas",
        "Berita dari Kompas.com saja.",
    )
    assert parsed["cover_url"] == "http://127.0.0.1:8000/kompas.jpg"
    assert [e["title"] for e in parsed["episodes"]] == [
        "Gempa Kecil Guncang Garut",
        "Banjir Rendam Jakarta Utara",
    ]
    assert feedparser.parse(feed).bozo is False
    with Image.open(show.audio / "kompas.jpg") as cover:
        assert (cover.format, cover.size) == ("JPEG", (1400, 1400))
    disasters = podcastparser.parse(
        "http://127.0.0.1:8000/bencana.xml", io.BytesIO((show.audio / "bencana.xml").read_bytes())
    )
    assert [e["title"] for e in disasters["episodes"]] == [
        "Gempa Kecil Guncang Garut",
        "Banjir Rendam Jakarta Utara",
    ]
    page = lxml.html.fromstring((show.audio / "bencana.html").read_bytes())
    assert page.findtext(".//h1") == "Kabar Bencana"
    assert titles(show.audio / "bencana.html", "h3") == [
        "Gempa Kecil Guncang Garut",
        "Banjir Rendam Jakarta Utara",
    ]
    assert page.cssselect("input#feed-url")[0].get("value") == "http://127.0.0.1:8000/bencana.xml"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('name = "feed"\ntitle = "A"\nwords = ["a"]', "name 'feed' must be lowercase letters, "
         'digits and dashes, such as "olahraga", and none of feed, edition, index, cover, '
         "cover-page"),
        ('name = "a"\ntitle = "A"', "select its episodes with outlets, sites or words"),
        ('name = "a"\ntitle = "A"\nwords = "gempa"', "words must be a list of words, not 'gempa'"),
        ('name = "a"\ntitle = "A"\nwords = ["x"]\ncolour = 1', None),
    ],
)  # fmt: skip
def test_a_bad_feeds_table_is_named(tmp_path: Path, table: str, message: str | None) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(f"[[feeds]]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    expected = message or (
        "has no setting 'colour'; known: name, title, description, image, outlets, sites, words"
    )
    separator = " " if message is None else ": "
    assert str(caught.value) == f"{path}: [[feeds]] 1{separator}{expected}"


def test_the_feed_served_at_another_address_is_bounded_too(months: Project, tmp_path: Path) -> None:
    rendered = render_feed(months, "http://10.0.0.2:8000/", tmp_path, "feed.xml")
    assert rendered is not None
    parsed = podcastparser.parse("http://10.0.0.2:8000/feed.xml", io.BytesIO(rendered.read_bytes()))
    assert [e["enclosures"][0]["url"][:22] for e in parsed["episodes"]] == [
        "http://10.0.0.2:8000/2"
    ] * 3
