"""podcast doctor: one line per check, on a healthy project and on a broken one.

The services are real servers on 127.0.0.1: Google's protocol, Edge's, SeaweedFS's S3 and the
news site; a closed port plays a service that cannot be reached.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from podcast.cli import main
from podcast.config import Fetch, Settings, Show, Source
from podcast.project import Project
from podcast.run import Outcome
from podcast.sources import fetch_sources
from tests.servers import edge as edge_server
from tests.servers import google as google_server
from tests.servers.news_site import news_site
from tests.servers.s3 import (
    PUBLISHER,
    READER,
    S3Server,
    credentials_file,
    s3_server,  # noqa: F401 (the fixture)
)
from tests.support.project import make_project
from tests.support.voices import google_voice

BUCKET = "doctor"


@pytest.fixture(autouse=True)
def only_these_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    for name, value in credentials_file(tmp_path, PUBLISHER).items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def services() -> Iterator[str]:
    """Google and Edge on loopback, Edge's library pointed at it; yields Google's URL."""
    with (
        google_server.serve(google_voice) as google,
        edge_server.serve() as edge,
        edge_server.redirected(edge),
    ):
        yield google.url


def make_bucket(server: S3Server) -> None:
    with contextlib.suppress(server.client().exceptions.BucketAlreadyOwnedByYou):
        server.client().create_bucket(Bucket=BUCKET)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def doctor(project: Project, *arguments: str) -> tuple[int, list[tuple[str, str, str]]]:
    """Run podcast doctor in ``project``: its exit code and its lines as (level, subject, text)."""
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        result = CliRunner().invoke(main, ["doctor", *arguments])
    finally:
        os.chdir(cwd)
    lines = [tuple(re.split(r"\s{2,}", line, maxsplit=2)) for line in result.output.splitlines()]
    assert all(len(line) == 3 for line in lines), result.output
    return result.exit_code, lines  # type: ignore[return-value]


def project_with(
    tmp_path: Path, seed_build: tuple[Project, Outcome], toml: str, cover: bool = True
) -> Project:
    """A project holding the built seed's catalog, a cover and ``toml`` as podcast.toml."""
    project = make_project(tmp_path / "show")
    shutil.copytree(seed_build[0].state, project.state, ignore=shutil.ignore_patterns("clips"))
    if cover:
        Image.new("RGB", (1400, 1400), (200, 30, 30)).save(project.root / "cover.jpg")
    project.config.write_text(toml, encoding="utf-8")
    return project


def healthy_toml(s3: S3Server, google_url: str) -> str:
    return (
        "[show]\n"
        f"base_url = 'https://cdn.kabar.example.id/kabar/'\nimage = 'cover.jpg'\n"
        f"[speech]\ngoogle_url = '{google_url}'\n"
        f"[publish]\ntarget = 's3://{BUCKET}/kabar'\nendpoint_url = '{s3.endpoint}'\n"
        "region = 'us-east-1'\n"
    )


def test_a_healthy_project_is_ok_on_every_line(
    tmp_path: Path,
    seed_build: tuple[Project, Outcome],
    s3_server: S3Server,  # noqa: F811
    services: str,
) -> None:
    make_bucket(s3_server)
    project = project_with(tmp_path, seed_build, healthy_toml(s3_server, services))
    code, lines = doctor(project)
    assert [(level, subject) for level, subject, _ in lines] == [
        ("ok", "config"),
        ("ok", "cover"),
        ("ok", "base_url"),
        ("ok", "ffmpeg"),
        ("ok", "espeak"),
        ("ok", "gtts"),
        ("ok", "edge"),
        ("ok", "publish"),
        ("ok", "disk"),
        ("ok", "clips"),
        ("ok", "catalog"),
        ("ok", "sources"),
    ]
    texts = {subject: text for _, subject, text in lines}
    assert texts["config"] == "podcast.toml: every key is valid"
    assert texts["cover"] == "cover.jpg: a cover podcast apps accept"
    assert texts["base_url"] == "https://cdn.kabar.example.id/kabar/: a public https:// address"
    assert re.fullmatch(r"ffmpeg version \S+ \(from the imageio-ffmpeg wheel\)", texts["ffmpeg"])
    assert re.fullmatch(
        r"eSpeak NG spoke a test word in \d+ ms \([\d,]+ bytes of audio\)", texts["espeak"]
    )
    assert re.fullmatch(r"Google TTS answered a test word in \d+ ms", texts["gtts"])
    assert re.fullmatch(r"Edge TTS answered a test word in \d+ ms", texts["edge"])
    assert (
        texts["publish"] == f"s3://{BUCKET}/kabar: the bucket answers (HEAD); nothing was written"
    )
    assert texts["clips"] == "0 files, 0.0 MB in .podcast/clips"
    assert texts["catalog"] == ".podcast/catalog.db: integrity ok, 1 episodes"
    assert texts["sources"] == "no [[sources]] followed"
    assert code == 0
    assert not list(s3_server.client().list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_the_write_test_stores_and_deletes_one_object(
    tmp_path: Path,
    seed_build: tuple[Project, Outcome],
    s3_server: S3Server,  # noqa: F811
    services: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_bucket(s3_server)
    project = project_with(tmp_path, seed_build, healthy_toml(s3_server, services))
    code, lines = doctor(project, "--write-test")
    assert ("ok", "publish", f"s3://{BUCKET}/kabar: the bucket answers; "
            f"s3://{BUCKET}/kabar/.podcast-doctor was written and deleted") in lines  # fmt: skip
    assert code == 0
    (tmp_path / "reader").mkdir()
    for name, value in credentials_file(tmp_path / "reader", READER).items():
        monkeypatch.setenv(name, value)
    code, lines = doctor(project, "--write-test")
    assert ("fail", "publish", f"s3://{BUCKET}/kabar/.podcast-doctor: writing was denied; "
            "these credentials may not do it in this bucket") in lines  # fmt: skip
    assert code == 2


def test_a_broken_project_says_what_is_wrong_and_what_to_do(
    tmp_path: Path,
    seed_build: tuple[Project, Outcome],
    s3_server: S3Server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_bucket(s3_server)
    for name, value in credentials_file(tmp_path, (PUBLISHER[0], "not-the-secret")).items():
        monkeypatch.setenv(name, value)
    google_port, edge_port = closed_port(), closed_port()
    monkeypatch.setattr(
        "edge_tts.communicate.WSS_URL", f"ws://127.0.0.1:{edge_port}/edge?TrustedClientToken=x"
    )
    with news_site() as site:
        broken = site.url("/error")
        toml = (
            "[show]\nowner_email = 'kabar.example.com'\nimage = 'sampul.jpg'\ncolour = 'red'\n"
            f"[speech]\ngoogle_url = 'http://127.0.0.1:{google_port}/batchexecute'\n"
            f"[publish]\ntarget = 's3://{BUCKET}/kabar'\nendpoint_url = '{s3_server.endpoint}'\n"
            f"[fetch]\ndelay_s = 0\n[[sources]]\nurl = '{broken}'\n"
            f"[[sources]]\nurl = '{site.url('/rss.xml')}'\nlimit = 0\n"
        )
        project = project_with(tmp_path, seed_build, toml, cover=False)
        settings = Settings(fetch=Fetch(delay_s=0), sources=(Source(broken),))
        for _ in range(3):
            fetch_sources(project, settings)
    code, lines = doctor(project)
    fields = ", ".join(field.name for field in dataclasses.fields(Show))
    assert lines[:4] == [
        ("fail", "config", "podcast.toml: [show] owner_email: 'kabar.example.com' is not an "
         "e-mail address like name@example.com"),
        ("fail", "config", "podcast.toml: [show] image: sampul.jpg does not exist"),
        ("fail", "config", f"podcast.toml: [show] has no setting 'colour'; known: {fields}"),
        ("fail", "config", "podcast.toml: [[sources]] 2: limit must be a whole number of 1 or "
         "more, not 0"),
    ]  # fmt: skip
    assert lines[4:6] == [
        ("fail", "cover", "[show] image sampul.jpg does not exist; give a square JPEG or PNG of "
         "1400 to 3000 px, or leave image empty to draw one"),
        ("fail", "base_url", f"http://127.0.0.1:8000/ is this computer, but podcast publish "
         f"uploads to s3://{BUCKET}/kabar: set [show] base_url to the bucket's public address"),
    ]  # fmt: skip
    texts = {subject: (level, text) for level, subject, text in lines[6:]}
    level, text = texts["gtts"]
    assert level == "warn"
    assert re.fullmatch(
        r"Google TTS could not be reached \(after \d+\.\d s\); auto builds use eSpeak NG; "
        r"check the network or try later",
        text,
    )
    level, text = texts["edge"]
    assert level == "warn"
    assert re.fullmatch(
        r"Edge TTS could not be reached or dropped the connection \(after \d+\.\d s\); only "
        r"--engine edge needs it; check the network or try later",
        text,
    )
    assert texts["publish"] == (
        "fail",
        f"s3://{BUCKET}/kabar/: the credentials were refused (the secret key does not match the "
        "access key); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in "
        "~/.aws/credentials",
    )
    assert texts["sources"] == (
        "fail",
        f"{broken}: 3 fetch(es) in a row failed, never went through; last: {broken}: server "
        "error (500)",
    )
    assert code == 2


def test_a_damaged_catalog_fails_and_says_not_to_delete_it(
    tmp_path: Path, seed_build: tuple[Project, Outcome]
) -> None:
    project = project_with(tmp_path, seed_build, "", cover=False)
    catalog = project.catalog
    data = bytearray(catalog.read_bytes())
    data[4096 + 8 : 4096 + 40] = bytes(range(32))  # the second page's cell pointers
    catalog.write_bytes(bytes(data))
    _, lines = doctor(project)
    (catalog_line,) = [line for line in lines if line[1] == "catalog"]
    assert catalog_line[0] == "fail"
    assert catalog_line[2].startswith(".podcast/catalog.db")
    assert catalog_line[2].endswith(
        "; restore .podcast/catalog.db from a backup; it holds every episode's guid, so do not "
        "delete it"
    )
    catalog.write_bytes(b"not a database at all" * 100)
    _, lines = doctor(project)
    assert ("fail", "catalog", ".podcast/catalog.db: file is not a database; restore "
            ".podcast/catalog.db from a backup; it holds every episode's guid, so do not "
            "delete it") in lines  # fmt: skip


def test_a_fresh_folder_needs_nothing_but_says_what_was_not_checked(tmp_path: Path) -> None:
    project = make_project(tmp_path / "fresh")
    _, lines = doctor(project)
    by_subject = {subject: (level, text) for level, subject, text in lines}
    assert by_subject["config"] == (
        "ok", "no podcast.toml: every default (podcast init writes one)")  # fmt: skip
    assert by_subject["catalog"] == (
        "ok", "none yet: the first build makes .podcast/catalog.db")  # fmt: skip
    assert by_subject["publish"] == ("ok", "no [publish] target: podcast publish is not set up")
    assert not (project.state).exists(), "the doctor wrote nothing"
