"""Hostile and broken input: a clear error naming the file, never a broken feed."""

from __future__ import annotations

import io
import resource
import signal
from pathlib import Path

import feedparser
import podcastparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutagen.id3 import ID3

from podcast.errors import ArticleError, OutputError
from podcast.files import project_lock
from podcast.project import Project
from podcast.run import build
from podcast.text.article import read_article
from tests.support.project import NOW, SEED, make_project, podcast_process

BODY = SEED.read_text(encoding="utf-8").split("\n", 1)[1]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64)


def article(folder: Path, name: str, title: str, body: str = BODY) -> Path:
    path = folder / name
    path.write_text(f"{title}\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file (0 bytes)"),
        ("blank.txt", b"\xef\xbb\xbf \r\n\t\n", "empty file (only whitespace)"),
        ("picture.txt", PNG, "binary file, not text (NUL byte at offset 8)"),
        ("title-only.txt", b"Judul Saja\n\n\n", "only a title line, no article text"),
        (
            "page.html",
            b"<html><head><title>Kosong</title></head><body></body></html>",
            "no article text found in the HTML page",
        ),
        (
            "boilerplate.txt",
            b"Judul\n\nADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT\n\nBaca juga: Lain\n",
            "nothing left after removing boilerplate (3 lines were all boilerplate)",
        ),
        (
            "huge.txt",
            b"a" * 50_000_000,
            "50.0 MB is too large for an article (at most 40 MB)",
        ),
        (
            "endless.txt",
            ("Judul\n\n" + "kata " * 70_000).encode(),
            "349,999 characters of text is too long for one episode (at most 300,000); "
            "split it into several articles",
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "binary",
        "title-only",
        "empty-page",
        "only-boilerplate",
        "50-MB",
        "too-long",
    ],
)
def test_bad_article_is_named_with_its_cause(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: {message}"


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_an_article_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(content)
    try:
        read_article(path)
    except ArticleError as error:
        assert str(error).startswith(f"{path}: ")


def test_bad_articles_are_skipped_and_the_rest_is_published(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project.seeds / "empty.txt").write_bytes(b"")
    (project.seeds / "picture.txt").write_bytes(PNG)
    outcome = build(project, engine_name="espeak", now=NOW)
    assert outcome.failures == (
        f"{project.seeds / 'empty.txt'}: empty file (0 bytes)",
        f"{project.seeds / 'picture.txt'}: binary file, not text (NUL byte at offset 8)",
    )
    assert [episode.key for episode in outcome.built] == [SEED.name]
    assert outcome.episodes_in_feed == 1


def test_one_enormous_paragraph_without_punctuation_is_spoken_whole(tmp_path: Path) -> None:
    words = ("pemerintah daerah menyiapkan anggaran untuk pembangunan jalan desa " * 120).strip()
    project = make_project(
        tmp_path, article(tmp_path, "panjang.txt", "Satu Paragraf", f"\n{words}\n")
    )
    (episode,) = build(project, engine_name="espeak", now=NOW).built
    assert len(episode.timeline) == 2
    (start, end) = episode.timeline[1]
    assert end - start > 5 * 60 * 1000  # 8,000 characters take minutes to say


def test_text_that_is_not_indonesian_is_built_with_a_warning(tmp_path: Path) -> None:
    english = (
        "The meeting in Miami was attended by special envoys of both presidents. "
        "They said the talks were constructive and would continue on Sunday. " * 4
    )
    source = article(tmp_path, "english.txt", "Talks in Miami", f"\n{english}\n")
    project = make_project(tmp_path / "podcast", source)
    outcome = build(project, engine_name="espeak", now=NOW)
    assert len(outcome.built) == 1
    assert outcome.warnings == (
        f"{project.seeds / 'english.txt'}: does not read as Indonesian "
        "(0% common Indonesian words); spoken with the Indonesian voice anyway",
    )


HOSTILE_TITLE = 'Harga <b>"Cabai"</b> & Bawang ]]> Naik عربي 🌶️ Lagi'


def test_hostile_title_round_trips_through_feed_and_tags(tmp_path: Path) -> None:
    written = HOSTILE_TITLE.replace("عربي", "\u202bعربي\u202c") + "\x07\x1b"
    source = article(tmp_path, "judul aneh ..  ñ.txt", written)
    project = make_project(tmp_path / "podcast", source)
    (episode,) = build(project, engine_name="espeak", now=NOW).built
    assert episode.file == "2025-12-21-harga-b-cabai-b-bawang-naik-lagi.mp3"
    xml = (project.audio / "feed.xml").read_bytes()
    (item,) = podcastparser.parse("http://x/feed.xml", io.BytesIO(xml))["episodes"]
    assert item["title"] == HOSTILE_TITLE
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == HOSTILE_TITLE
    assert str(ID3(str(project.audio / episode.file))["TIT2"]) == HOSTILE_TITLE


def test_two_articles_with_one_title_get_two_files(tmp_path: Path) -> None:
    first = article(tmp_path, "a.txt", "Judul Kembar")
    second = article(tmp_path, "b.txt", "Judul Kembar", BODY.replace("Miami", "Jenewa"))
    project = make_project(tmp_path / "podcast", first, second)
    outcome = build(project, engine_name="espeak", now=NOW)
    assert [episode.file for episode in outcome.built] == [
        "2025-12-21-judul-kembar.mp3",
        "2025-12-21-judul-kembar-2.mp3",
    ]
    assert outcome.episodes_in_feed == 2


def test_an_output_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    project.audio.write_text("not a folder")
    with pytest.raises(OutputError) as caught:
        build(project, engine_name="espeak", now=NOW)
    assert str(caught.value) == (
        f"{project.audio}: cannot write there (File exists); "
        "check that it is a folder you may write to"
    )


def test_a_second_build_at_the_same_time_is_refused(project: Project) -> None:
    with project_lock(project.state), pytest.raises(OutputError) as caught:
        build(project, engine_name="espeak", now=NOW)
    assert str(caught.value).startswith("another build is running in this project (process ")
    assert str(caught.value).endswith("); wait for it to finish, then run this again")


def snapshot(audio: Path) -> dict[str, object]:
    """Every published file's bytes, and the episodes as a podcast app reads the feed."""
    files: dict[str, object] = {p.name: p.read_bytes() for p in audio.iterdir()}
    feed = podcastparser.parse(
        "http://x/feed.xml", io.BytesIO(audio.joinpath("feed.xml").read_bytes())
    )
    files["feed.xml"] = feed["episodes"]
    return files


def limit_file_size() -> None:
    """Simulate a full disk: no file of this process or its children may pass 1 MB."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_full_disk_keeps_what_was_published(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    build(project, engine_name="espeak", now=NOW)
    published = snapshot(project.audio)
    seed = project.seeds / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nParagraf baru yang ditambahkan.\n")
    article(project.seeds, "baru.txt", "Berita Baru")
    process = podcast_process(
        project, "build", "--engine", "espeak", "-q", preexec_fn=limit_file_size
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    errors = stderr.splitlines()
    assert errors[-1] == "2 article(s) failed; the others were built."
    assert [line.split(": ", 2)[:2] for line in errors[:-1]] == [
        ["error", f"seeds/{SEED.name}"],
        ["error", "seeds/baru.txt"],
    ]
    assert snapshot(project.audio) == published
