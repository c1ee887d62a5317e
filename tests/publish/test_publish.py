"""podcast publish against a real S3 server (SeaweedFS on 127.0.0.1): what a listener's app gets."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import podcastparser
import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.project import Project
from podcast.publish import UploadError, public_files, publish
from podcast.run import build
from podcast.run.episodes import remove_episode
from tests.servers.s3 import (
    PUBLISHER,
    READER,
    S3Server,
    credentials_file,
    free_ports,
    s3_server,  # noqa: F401 (the fixture)
)
from tests.support import ROOT
from tests.support.bucket import (
    BUCKET,
    PREFIX,
    Published,
    bucket_contents,
    check_feed_as_an_app_would,
    empty_bucket,
    fetch,
    local_contents,
    settings_toml,
    urls_in,
)
from tests.support.project import NOW, make_project, terminal_output

ARTICLES = {
    "hujan.txt": (
        "Hujan Deras Guyur Jakarta Sore Ini\n\nJakarta, Pahami.id\n\n"
        "Hujan deras mengguyur sebagian wilayah Jakarta pada Senin sore.\n\n"
        "Warga diimbau berhati-hati di jalan.\n"
    ),
    "kereta.txt": (
        "Jadwal Kereta Bandara Berubah Mulai Besok\n\n"
        "Jadwal kereta menuju bandara berubah mulai Selasa pagi.\n\n"
        "Penumpang diminta memeriksa jadwal baru sebelum berangkat.\n"
    ),
    "pasar.txt": (
        "Harga Cabai di Pasar Induk Turun\n\n"
        "Harga cabai rawit di pasar induk turun menjadi Rp40.000 per kilogram.\n\n"
        "Pedagang menyebut pasokan dari daerah sudah kembali normal.\n"
    ),
}


@pytest.fixture(scope="module")
def three_episodes(
    s3_server: S3Server,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Project:
    """Three short articles built once with eSpeak NG, base_url at the bucket's address."""
    folder = tmp_path_factory.mktemp("publish")
    seeds = folder / "articles"
    seeds.mkdir()
    for name, text in ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    project = make_project(folder / "project", *sorted(seeds.iterdir()))
    project.config.write_text(settings_toml(s3_server), encoding="utf-8")
    outcome = build(project, engine_name="espeak", now=NOW)
    assert not outcome.failures and len(outcome.built) == 3
    s3_server.client().create_bucket(Bucket=BUCKET)
    return project


@pytest.fixture
def published(
    three_episodes: Project,
    s3_server: S3Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Published]:
    """A copy of the three episodes, an emptied bucket, and the publisher's credentials."""
    empty_bucket(s3_server)
    project = Project(tmp_path / "project")
    shutil.copytree(three_episodes.root, project.root)
    for name, value in credentials_file(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(project.root)
    yield Published(project, s3_server)


def size(project: Project, name: str) -> str:
    """A file's size as the command line prints it, in kB."""
    return f"{(project.audio / name).stat().st_size / 1000:.1f} kB"


def run_cli(*arguments: str) -> Any:
    return CliRunner(mix_stderr=False).invoke(main, ["publish", *arguments])


def test_publish_uploads_everything_feed_last_and_apps_read_it(published: Published) -> None:
    project = published.project
    (project.audio / "edition.xml").write_bytes((project.audio / "feed.xml").read_bytes())
    order: list[str] = []

    def progress(name: str, done: int, size: int) -> None:
        if done == size:
            order.append(name)

    summary = publish(project, progress=progress)
    local = local_contents(project)
    # Per episode: MP3, Opus, VTT, SRT, chapters, page; the cover and its small copy, the
    # show's page and two feeds.
    assert len(local) == 3 * 6 + 5
    assert sorted(order) == sorted(local)
    pages = sorted(name for name in local if name.endswith(".html"))
    assert order[-6:] == [*pages, "edition.xml", "feed.xml"]
    assert pages[-1] == "index.html"
    assert (len(summary.plan.uploads), summary.plan.upload_bytes) == (
        len(local),
        sum(map(len, local.values())),
    )
    assert (summary.plan.unchanged, summary.plan.deletions) == ((), ())
    assert bucket_contents(published.server) == local
    episodes = check_feed_as_an_app_would(published)
    assert sorted(episode["title"] for episode in episodes) == [
        "Harga Cabai di Pasar Induk Turun",
        "Hujan Deras Guyur Jakarta Sore Ini",
        "Jadwal Kereta Bandara Berubah Mulai Besok",
    ]


def test_headers_are_what_podcast_apps_and_cdns_need(published: Published) -> None:
    publish(published.project)
    audio = published.project.audio
    mp3 = next(audio.glob("*.mp3")).name
    expected = {
        "feed.xml": ("application/rss+xml", "public, max-age=300"),
        mp3: ("audio/mpeg", "public, max-age=3600"),
        mp3[:-4] + ".opus": ("audio/ogg", "public, max-age=3600"),
        mp3[:-4] + ".vtt": ("text/vtt; charset=utf-8", "public, max-age=3600"),
        mp3[:-4] + ".srt": ("application/x-subrip", "public, max-age=3600"),
        mp3[:-4] + ".chapters.json": ("application/json+chapters", "public, max-age=3600"),
        "cover.jpg": ("image/jpeg", "public, max-age=3600"),
    }
    for name, (kind, cache) in expected.items():
        status, headers, body = fetch(published.base_url + name, "HEAD")
        data = (audio / name).read_bytes()
        assert status == 200
        assert (headers["Content-Type"], headers["Cache-Control"]) == (kind, cache)
        assert headers["Content-Length"] == str(len(data))
        assert headers["X-Amz-Meta-Sha256"] == hashlib.sha256(data).hexdigest()
    status, headers, body = fetch(published.base_url + mp3, Range="bytes=-500")
    assert (status, body) == (206, (audio / mp3).read_bytes()[-500:])


def test_second_publish_uploads_nothing_and_says_so(published: Published) -> None:
    first = run_cli()
    assert first.exit_code == 0, first.stderr
    again = run_cli()
    assert again.exit_code == 0
    assert again.stdout.startswith(f"s3://{BUCKET}/{PREFIX}/: 0 uploaded (0 B), 22 unchanged")
    assert again.stdout.count("\n") == 1
    assert again.stdout.endswith(" 0 deleted in " + again.stdout.split(" in ")[-1])


def test_removed_episode_goes_after_the_new_feed_and_foreign_objects_stay(
    published: Published,
) -> None:
    project, server = published.project, published.server
    client = server.client()
    client.put_object(Bucket=BUCKET, Key=f"{PREFIX}/notes.txt", Body=b"not ours")
    client.put_object(Bucket=BUCKET, Key="other/feed.xml", Body=b"another show")
    publish(project)
    _, deleted = remove_episode(project, "kereta.txt")
    assert len(deleted) == 6
    dry = run_cli("--dry-run")
    gone = sorted(f"s3://{BUCKET}/{PREFIX}/{path.name}" for path in deleted)
    assert dry.exit_code == 0
    assert dry.stdout.splitlines()[:-1] == [
        *(f"would upload {name} ({size(project, name)})" for name in ("index.html", "feed.xml")),
        *(f"would delete {address}" for address in gone),
    ]
    assert dry.stdout.splitlines()[-1].startswith(f"dry run: s3://{BUCKET}/{PREFIX}/: 2 to upload")
    assert "14 unchanged, 6 to delete in" in dry.stdout
    assert len(bucket_contents(server)) == 23  # the dry run changed nothing
    real = run_cli()
    assert real.exit_code == 0
    assert real.stdout.splitlines()[:-1] == [
        *(f"uploaded {name} ({size(project, name)})" for name in ("index.html", "feed.xml")),
        *(f"deleted {address}" for address in gone),
    ]
    assert bucket_contents(server) == {**local_contents(project), "notes.txt": b"not ours"}
    assert bucket_contents(server, "other/") == {"feed.xml": b"another show"}
    assert len(check_feed_as_an_app_would(published)) == 2


def test_edited_and_new_articles_upload_only_their_files_new_ones_first(
    published: Published,
) -> None:
    project = published.project
    publish(project)
    edited = project.seeds / "hujan.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nJalan tol tetap dibuka.\n")
    (project.seeds / "banjir.txt").write_text(
        "Banjir Rob Rendam Pesisir Utara\n\nAir laut pasang merendam permukiman di pesisir.\n",
        encoding="utf-8",
    )
    outcome = build(project, engine_name="espeak", now=NOW)
    assert (len(outcome.built), len(outcome.unchanged)) == (2, 2)
    summary = publish(project)
    hujan = next(project.audio.glob("*hujan*.mp3")).name[:-4]
    banjir = next(project.audio.glob("*banjir*.mp3")).name[:-4]
    suffixes = (".chapters.json", ".mp3", ".opus", ".srt", ".vtt")
    assert [file.name for file in summary.plan.uploads] == [
        *(banjir + suffix for suffix in suffixes),
        *(hujan + suffix for suffix in suffixes),
        banjir + ".html",
        hujan + ".html",
        "index.html",
        "feed.xml",
    ]
    assert len(summary.plan.unchanged) == 14  # two episodes' files, the covers
    assert bucket_contents(published.server) == local_contents(project)
    check_feed_as_an_app_would(published)


def test_multipart_upload_is_still_recognised_by_its_hash(published: Published) -> None:
    project, server = published.project, published.server
    big = random.Random(7).randbytes(9_000_000)
    (project.audio / "extras").mkdir()
    (project.audio / "extras" / "long.mp3").write_bytes(big)
    seen: list[int] = []

    def progress(name: str, done: int, size: int) -> None:
        if name == "extras/long.mp3":
            seen.append(done)

    publish(project, progress=progress)
    head = server.client().head_object(Bucket=BUCKET, Key=f"{PREFIX}/extras/long.mp3")
    assert head["ETag"].strip('"') != hashlib.md5(big).hexdigest()  # parts, not the whole
    assert head["ContentLength"] == len(big)
    assert len(seen) >= 2 and seen[-1] == len(big) and seen == sorted(seen)
    assert len(publish(project).plan.uploads) == 0
    (project.audio / "extras" / "long.mp3").write_bytes(big[:-1] + b"\0")
    assert [file.name for file in publish(project, dry_run=True).plan.uploads] == [
        "extras/long.mp3"
    ]
    drawn = re.findall(
        r"\r\x1b\[K  extras/long\.mp3: ([\d.]+) MB of 9\.0 MB",
        terminal_output(project.root, "publish"),
    )
    assert len(drawn) >= 2 and [float(size) for size in drawn] == sorted(map(float, drawn))
    assert publish(project).plan.uploads == ()


def test_hidden_and_outside_files_are_never_published(published: Published) -> None:
    audio = published.project.audio
    (audio / ".kabar.mp3.tmp").write_bytes(b"half")
    (audio / "outside.mp3").symlink_to(published.project.config)
    publish(published.project)
    names = set(bucket_contents(published.server))
    assert ".kabar.mp3.tmp" not in names and "outside.mp3" not in names
    assert names == {file.name for file in public_files(audio)}


# The kill test: a publish killed anywhere leaves a bucket whose feed names only objects that
# are there with the length the feed says, and the next publish completes the job.
KILL_SEEDS = range(8)


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_killed_publish_never_breaks_the_feed_and_the_next_completes(
    published: Published, seed: int
) -> None:
    project, server = published.project, published.server
    chance = random.Random(seed)
    if seed % 2:  # an update: one episode's files to upload, another's to delete
        before = Project(project.root.parent / "before")
        shutil.copytree(project.root, before.root)
        remove_episode(before, "pasar.txt")
        publish(before)
        remove_episode(project, "kereta.txt")
    expected = local_contents(project)
    uploads = len(publish_plan(project))
    stop_after = chance.randint(0, uploads)
    process = subprocess.Popen(
        [sys.executable, "-m", "podcast", "publish"],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for _ in range(stop_after):
        process.stdout.readline()
    time.sleep(chance.uniform(0, 0.01))  # about one small upload
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    check_bucket_feed_is_whole(published)
    publish(project)
    assert bucket_contents(server) == expected
    check_feed_as_an_app_would(published)


def publish_plan(project: Project) -> list[str]:
    return [file.name for file in publish(project, dry_run=True).plan.uploads]


def check_bucket_feed_is_whole(published: Published) -> None:
    """Every URL the bucket's feed names answers with the length the feed gives."""
    status, _, body = fetch(published.base_url + "feed.xml")
    if status == 404:  # killed before the first feed went up: nothing is subscribed yet
        return
    parsed = podcastparser.parse(published.base_url + "feed.xml", io.BytesIO(body))
    for episode in parsed["episodes"]:
        for enclosure in episode["enclosures"]:
            status, headers, _ = fetch(enclosure["url"], "HEAD")
            assert (status, int(headers["Content-Length"])) == (200, enclosure["file_size"])
    for url in urls_in(body, published.base_url):
        assert fetch(url, "HEAD")[0] == 200, url


# Errors: one line naming the address and the cause, exit 1, nothing uploaded.


def test_missing_bucket(published: Published) -> None:
    server = published.server
    published.project.config.write_text(settings_toml(server, target="s3://no-such-bucket/kabar"))
    result = run_cli()
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: s3://no-such-bucket/kabar/: there is no bucket 'no-such-bucket' at "
        f"{server.endpoint}; create it first\n",
    )


@pytest.mark.parametrize(
    ("keys", "cause"),
    [
        ((PUBLISHER[0], "not-the-secret"), "the secret key does not match the access key"),
        (("AKIAUNKNOWNKEY", PUBLISHER[1]), "the access key is not known there"),
    ],
)
def test_wrong_credentials(
    published: Published, monkeypatch: pytest.MonkeyPatch, keys: tuple[str, str], cause: str
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", keys[0])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", keys[1])
    result = run_cli()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: s3://{BUCKET}/{PREFIX}/: the credentials were refused ({cause}); check "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile in ~/.aws/credentials\n"
    )
    assert bucket_contents(published.server) == {}


def test_credentials_from_a_named_profile(published: Published, tmp_path: Path) -> None:
    shared = Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    shared.write_text(
        f"[default]\naws_access_key_id = {READER[0]}\naws_secret_access_key = {READER[1]}\n"
        f"[newsroom]\naws_access_key_id = {PUBLISHER[0]}\n"
        f"aws_secret_access_key = {PUBLISHER[1]}\n"
    )
    config = published.project.config
    config.write_text(settings_toml(published.server, profile="newsroom"))
    assert run_cli("-q").exit_code == 0
    assert bucket_contents(published.server) == local_contents(published.project)
    config.write_text(settings_toml(published.server, profile="nobody"))
    assert run_cli().stderr == (
        "Error: profile 'nobody' is not in the shared credentials or config file\n"
    )


def test_no_credentials_at_all(published: Published, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
    result = run_cli()
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: s3://{BUCKET}/{PREFIX}/: no credentials found; check AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or the profile in ~/.aws/credentials\n",
    )


def test_unreachable_endpoint(published: Published) -> None:
    (port,) = free_ports(1)
    endpoint = f"http://127.0.0.1:{port}"
    published.project.config.write_text(settings_toml(published.server, endpoint_url=endpoint))
    result = run_cli()
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: s3://{BUCKET}/{PREFIX}/: {endpoint} cannot be reached; "
        "check [publish] endpoint_url and the network\n",
    )


def test_denied_write_publishes_nothing(
    published: Published, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(published.project)
    before = bucket_contents(published.server)
    remove_episode(published.project, "pasar.txt")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", READER[0])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", READER[1])
    result = run_cli()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: s3://{BUCKET}/{PREFIX}/index.html: writing was denied; "
        "these credentials may not do it in this bucket\n"
    )
    assert bucket_contents(published.server) == before


def test_refuses_the_local_base_url_and_unready_projects(published: Published) -> None:
    project, server = published.project, published.server
    config = project.config
    settings = settings_toml(server)
    config.write_text(settings.replace(published.base_url, "http://127.0.0.1:8000/"))
    assert run_cli().stderr == (
        f"Error: {config.name}: [show] base_url is still the local default "
        "http://127.0.0.1:8000/; set it to the public address of s3://shows/kabar/ "
        "(the bucket's or its CDN's), then run podcast build\n"
    )
    config.write_text(settings.replace(published.base_url, "https://cdn.example.id/kabar/"))
    assert run_cli().stderr == (
        f"Error: audio/feed.xml: its URLs point at {published.base_url}feed.xml, not at "
        "base_url https://cdn.example.id/kabar/; run podcast build to rewrite it\n"
    )
    config.write_text(settings.replace(f"target = 's3://{BUCKET}/{PREFIX}'\n", ""))
    assert run_cli().stderr == (
        f"Error: {config.name}: [publish] target is not set; "
        "set it to the bucket, s3://bucket/prefix\n"
    )
    config.write_text(settings.replace("s3://shows/kabar", "https://shows/kabar"))
    assert run_cli().stderr == (
        f"Error: {config.name}: [publish] target: 'https://shows/kabar' is not a bucket "
        "address like s3://bucket/prefix\n"
    )
    config.write_text(settings_toml(server, endpoint_url="ftp://s3.example.id"))
    assert run_cli().stderr == (
        f"Error: {config.name}: [publish] endpoint_url: 'ftp://s3.example.id' is not an "
        "http:// or https:// URL\n"
    )
    config.write_text(settings)
    shutil.rmtree(project.audio)
    assert run_cli().stderr == "Error: audio/feed.xml: not built yet; run podcast build first\n"
    assert bucket_contents(server) == {}


def test_library_errors_are_upload_errors_and_os_errors(published: Published) -> None:
    published.project.config.write_text(settings_toml(published.server, target="s3://nope/x"))
    with pytest.raises(UploadError) as raised:
        publish(published.project)
    assert isinstance(raised.value, OSError)
