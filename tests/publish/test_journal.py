"""audio/'s journal of changes: every file a command writes or deletes is named in it, and a
publish looks at those files only, uploading and deleting exactly what changed."""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from podcast import journal
from podcast.files import remove, write_atomic
from podcast.project import Project
from podcast.publish import local, publish
from podcast.run import build
from podcast.run.episodes import expire, remove_episode
from tests.publish.test_publish import (
    check_bucket_feed_is_whole,
    published,  # noqa: F401 (the fixture)
    three_episodes,  # noqa: F401 (the fixture)
)
from tests.servers.s3 import s3_server  # noqa: F401 (the fixture)
from tests.support.bucket import (
    Published,
    bucket_contents,
    check_feed_as_an_app_would,
    local_contents,
    no_machine_credentials,  # noqa: F401 (the fixture)
)
from tests.support.project import NOW, podcast_process

NEW = "Nelayan Kembali Melaut\n\nJakarta, Kompas.com\n\nNelayan di pesisir utara melaut lagi.\n"


def state(audio: Path) -> dict[str, tuple[int, int, int]]:
    """Each visible file of ``audio`` by name: its inode, modification time and size."""
    found = {}
    for entry in os.scandir(audio):
        if not entry.name.startswith("."):
            info = entry.stat()
            found[entry.name] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return found


def differing(
    before: dict[str, tuple[int, int, int]], after: dict[str, tuple[int, int, int]]
) -> set[str]:
    """The names written, replaced or deleted between two ``state``s."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_folder_keeps_a_journal_only_once_started_and_names_each_change(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.mp3", b"one")
    assert journal.mark(tmp_path) is None  # nothing kept before a publish starts one
    first = journal.start(tmp_path)
    assert first == journal.mark(tmp_path)
    write_atomic(tmp_path / "a.mp3", b"one")  # the same bytes: not written, not noted
    write_atomic(tmp_path / "b.vtt", b"WEBVTT")
    write_atomic(tmp_path / "a.mp3", b"two")
    assert remove(tmp_path / "a.mp3") and not remove(tmp_path / "gone.mp3")
    second = journal.mark(tmp_path)
    assert second is not None
    assert journal.changes(tmp_path, first, second) == {"a.mp3", "b.vtt"}
    write_atomic(tmp_path / "c d é.html", b"<p>")
    third = journal.mark(tmp_path)
    assert third is not None
    assert journal.changes(tmp_path, second, third) == {"c d é.html"}
    assert journal.changes(tmp_path, None, third) is None  # never read: compare everything
    assert journal.changes(tmp_path, journal.Mark("other", first.offset), third) is None
    with (tmp_path / journal.JOURNAL_FILE).open("ab") as torn:  # a line cut by a power loss
        torn.write(b'"x.mp')
    assert journal.changes(tmp_path, third, journal.mark(tmp_path)) is None  # type: ignore[arg-type]
    assert journal.tidy(tmp_path, third) == third  # small: kept
    (tmp_path / journal.JOURNAL_FILE).write_bytes(
        journal.HEADER + third.journal.encode() + b"\n" + b"#" * journal.TIDY_BYTES
    )
    big = journal.mark(tmp_path)  # large, and read to its end: started afresh
    assert big is not None and big.journal == third.journal
    fresh = journal.tidy(tmp_path, big)
    assert fresh.journal != third.journal and fresh == journal.mark(tmp_path)


def test_build_expire_and_remove_name_exactly_the_files_they_change(
    three_episodes: Project,  # noqa: F811
    tmp_path: Path,
) -> None:
    project = Project(tmp_path / "show")
    shutil.copytree(three_episodes.root, project.root)
    audio = project.audio
    steps = {
        "build": lambda: build(project, engine_name="espeak", now=NOW),
        "expire": lambda: expire(project, now=NOW),
        "remove": lambda: remove_episode(project, "kereta.txt"),
    }
    (project.seeds / "nelayan.txt").write_text(NEW, encoding="utf-8")
    seen = {}
    for name, step in steps.items():
        if name == "expire":
            project.config.write_text(
                project.config.read_text("utf-8").replace("[show]\n", "[show]\nkeep_episodes = 3\n")
            )
        mark, before = journal.start(audio), state(audio)
        step()
        seen[name] = journal.changes(audio, mark, journal.mark(audio))  # type: ignore[arg-type]
        assert seen[name] == differing(before, state(audio)), name
    new = next(audio.glob("*nelayan*.mp3")).stem
    assert seen["build"] == {
        *(new + suffix for suffix in (".mp3", ".opus", ".vtt", ".srt", ".chapters.json")),
        f"{new}.html",
        "index.html",
        "feed.xml",
    }
    assert "index.html" in seen["expire"] and "feed.xml" in seen["remove"]
    assert len(seen["expire"]) == len(seen["remove"]) == 8  # six files of an episode, two pages


def test_a_publish_looks_at_the_files_named_and_nothing_else(
    published: Published,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = published.project
    first = publish(project)
    assert first.plan.trusted is False  # the first publish compares everything with the bucket
    looked: list[str] = []
    describe = local._describe
    monkeypatch.setattr(local, "_describe", lambda *a: looked.append(a[1]) or describe(*a))
    again = publish(project)
    assert (again.plan.uploads, again.plan.deletions, again.plan.unchanged) == ((), (), ())
    assert (looked, again.plan.untouched) == ([], len(first.plan.uploads))
    (project.seeds / "nelayan.txt").write_text(NEW, encoding="utf-8")
    build(project, engine_name="espeak", now=NOW)
    new = next(project.audio.glob("*nelayan*.mp3")).stem
    added = publish(project)
    assert [file.name for file in added.plan.uploads] == [
        *(new + suffix for suffix in (".chapters.json", ".mp3", ".opus", ".srt", ".vtt")),
        f"{new}.html",
        "index.html",
        "feed.xml",
    ]
    assert sorted(looked) == sorted(file.name for file in added.plan.uploads)
    assert (added.plan.deletions, added.plan.untouched) == ((), len(first.plan.uploads) - 2)
    looked.clear()
    _, deleted = remove_episode(project, "kereta.txt")
    removed = publish(project)
    assert [file.name for file in removed.plan.uploads] == ["index.html", "feed.xml"]
    assert sorted(stored.name for stored in removed.plan.deletions) == sorted(
        path.name for path in deleted
    )
    assert sorted(looked) == ["feed.xml", "index.html"]  # the deleted ones: by their rows
    assert bucket_contents(published.server) == local_contents(project)
    check_feed_as_an_app_would(published)


def test_a_file_changed_by_hand_is_found_by_the_full_check(published: Published) -> None:  # noqa: F811
    project, audio = published.project, published.project.audio
    (audio / "old-notes.html").write_bytes(b"<p>Catatan lama</p>")  # by hand, before
    publish(project)
    page = audio / "index.html"
    info = page.stat()
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>Libur.</p></body>"))
    (audio / "notes.html").write_bytes(b"<p>Catatan</p>")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    quick = publish(project)  # nothing the project did: the journal names nothing
    assert (quick.plan.uploads, quick.plan.deletions) == ((), ())
    assert bucket_contents(published.server)["index.html"] != page.read_bytes()
    (audio / "old-notes.html").unlink()
    assert publish(project).plan.deletions == ()
    full = publish(project, full=True)
    assert [file.name for file in full.plan.uploads] == ["notes.html", "index.html"]
    assert [stored.name for stored in full.plan.deletions] == ["old-notes.html"]
    assert bucket_contents(published.server) == local_contents(project)
    after = publish(project)
    assert (after.plan.trusted, after.plan.uploads, after.plan.deletions) == (True, (), ())


KILL_SEEDS = range(3)


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_commands_and_publishes_killed_anywhere_never_break_the_bucket_feed(
    published: Published,  # noqa: F811
    seed: int,
) -> None:
    """Builds, a removal and publishes, each killed at a random moment; after each kill the
    bucket's feed names only objects that are there, and in the end a publish from the
    journal leaves the bucket as a full comparison would."""
    project, chance = published.project, random.Random(seed)
    publish(project)
    (project.seeds / "nelayan.txt").write_text(NEW, encoding="utf-8")
    steps = [
        ("build", "--engine", "espeak", "-q"),
        ("publish", "-q"),
        ("remove", "kereta.txt"),
        ("publish", "-q"),
        ("build", "--engine", "espeak", "-q"),
        ("publish", "-q"),
    ]
    for arguments in steps:
        process = podcast_process(project, *arguments)
        time.sleep(chance.uniform(0.2, 2.0))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        check_bucket_feed_is_whole(published)
    finished = podcast_process(project, "build", "--engine", "espeak", "-q")
    assert finished.communicate(timeout=120) == ("", "")
    publish(project)
    check_feed_as_an_app_would(published)
    assert bucket_contents(published.server) == local_contents(project)
    full = publish(project, full=True, dry_run=True)
    assert (full.plan.uploads, full.plan.deletions) == ((), ())
