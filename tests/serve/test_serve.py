"""podcast serve over real sockets: HEAD, byte ranges, validators, types, privacy, the feed."""

from __future__ import annotations

import doctest
import io
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner

import podcast.serve
from podcast.cli import main
from podcast.errors import PodcastError
from podcast.project import Project
from podcast.run import Outcome, build
from podcast.serve import ServeError, banner, bind, load_token, serve_app
from tests.support import ROOT
from tests.support.project import NOW, make_project
from tests.support.web import Fetch, fetcher, running, wait_for

SECRET = b"[never-served] secret = 42\n"
SMALL_FILES = {
    "ep.vtt": b"WEBVTT\n\n00:00.000 --> 00:01.000\nHalo\n",
    "ep.srt": b"1\n00:00:00,000 --> 00:00:01,000\nHalo\n",
    "ep.chapters.json": b'{"version": "1.2.0", "chapters": []}',
    "extra.json": b"{}",
    "art.png": b"\x89PNG\r\n\x1a\n",
}
SECOND_ARTICLE = (
    "Hujan Deras Guyur Jakarta Sore Ini\n\nJakarta, Pahami.id\n\n"
    "Hujan deras mengguyur sebagian wilayah Jakarta pada Senin sore.\n\n"
    "Warga diimbau berhati-hati di jalan.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seed built once with the offline voice, plus files nobody may download."""
    project = make_project(tmp_path_factory.mktemp("serve"))
    outcome = build(project, engine_name="espeak", now=NOW)
    assert not outcome.failures
    (project.root / "pyproject.toml").write_bytes(SECRET)
    (project.audio / ".hidden.mp3.tmp").write_bytes(SECRET)
    (project.audio / "outside.mp3").symlink_to(project.root / "pyproject.toml")
    for name, data in SMALL_FILES.items():
        (project.audio / name).write_bytes(data)
    return project


@pytest.fixture(scope="module")
def mp3(built: Project) -> Path:
    (path,) = built.audio.glob("2025-*.mp3")
    return path


@pytest.fixture(scope="module")
def port(built: Project) -> Iterator[int]:
    with running(serve_app(built)) as port:
        yield port


@pytest.fixture(scope="module")
def fetch(port: int) -> Fetch:
    return fetcher(port)


@pytest.fixture(scope="module")
def private(built: Project) -> Iterator[tuple[Fetch, str]]:
    token = load_token(built)
    with running(serve_app(built, token=token)) as port:
        yield fetcher(port), token


def raw_exchange(port: int, request: bytes) -> bytes:
    """Send ``request`` on a socket and return every byte the server sends back."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize("name", ["episode", "feed.xml", "cover.jpg"])
def test_head_gives_the_size_and_no_body(built: Project, mp3: Path, name: str) -> None:
    name = mp3.name if name == "episode" else name
    with running(serve_app(built)) as port:
        request = f"HEAD /{name} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        head, _, body = raw_exchange(port, request.encode()).partition(b"\r\n\r\n")
        status, headers, _ = fetcher(port)(f"/{name}")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 200 OK"
    fields = dict(line.lower().split(": ", 1) for line in lines[1:])
    assert body == b""
    size = len(built.audio.joinpath(name).read_bytes()) if name != "feed.xml" else None
    assert fields["content-length"] == headers["content-length"]
    if size is not None:
        assert int(fields["content-length"]) == size
    assert fields["accept-ranges"] == "bytes"
    assert fields["etag"] == headers["etag"]
    assert status == 200


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=0-0", 0, 0),
        ("bytes=1000-1999", 1000, 1999),
        ("bytes=-500", -500, -1),
        ("bytes=100-", 100, -1),
        ("bytes=0-999999999", 0, -1),
    ],
)
def test_a_satisfiable_range_is_206_with_exactly_those_bytes(
    fetch: Fetch, mp3: Path, header: str, first: int, last: int
) -> None:
    data = mp3.read_bytes()
    size = len(data)
    start, end = first % size, last % size
    status, headers, body = fetch(f"/{mp3.name}", headers={"Range": header})
    assert status == 206
    assert headers["content-range"] == f"bytes {start}-{end}/{size}"
    assert int(headers["content-length"]) == end - start + 1
    assert body == data[start : end + 1]
    assert headers["content-type"] == "audio/mpeg"


def test_the_low_data_edition_is_served_as_ogg_with_ranges(
    fetch: Fetch, mp3: Path, port: int
) -> None:
    opus = mp3.with_suffix(".opus")
    data = opus.read_bytes()
    status, headers, body = fetch(f"/{opus.name}", headers={"Range": "bytes=100-1099"})
    assert (status, body) == (206, data[100:1100])
    assert headers["content-range"] == f"bytes 100-1099/{len(data)}"
    assert (headers["content-type"], headers["accept-ranges"]) == ("audio/ogg", "bytes")
    _, _, xml = fetch("/feed.xml")
    entry = feedparser.parse(xml).entries[0]
    assert entry.podcast_source == {"uri": f"http://127.0.0.1:{port}/{opus.name}"}
    assert entry.podcast_alternateenclosure["length"] == str(len(data))


def test_head_with_a_range_is_206_without_a_body(built: Project, mp3: Path) -> None:
    with running(serve_app(built)) as port:
        request = (
            f"HEAD /{mp3.name} HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-99\r\n"
            "Connection: close\r\n\r\n"
        )
        head, _, body = raw_exchange(port, request.encode()).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 206 ")
    assert b"\r\ncontent-length: 100\r\n" in head
    assert body == b""


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{size}", "bytes=-0"])
def test_a_range_past_the_end_is_416_naming_the_size(fetch: Fetch, mp3: Path, header: str) -> None:
    size = mp3.stat().st_size
    status, headers, body = fetch(f"/{mp3.name}", headers={"Range": header.format(size=size)})
    assert status == 416
    assert headers["content-range"] == f"bytes */{size}"
    assert body == b""


@pytest.mark.parametrize(
    "header", ["bytes=abc", "bytes=", "bytes=9-0", "items=0-9", "bytes 0-9", "bytes=--5"]
)
def test_a_malformed_range_is_ignored_and_the_whole_file_sent(
    fetch: Fetch, mp3: Path, header: str
) -> None:
    status, headers, body = fetch(f"/{mp3.name}", headers={"Range": header})
    assert status == 200
    assert "content-range" not in headers
    assert body == mp3.read_bytes()


def test_several_ranges_come_back_as_multipart_byteranges(fetch: Fetch, mp3: Path) -> None:
    data = mp3.read_bytes()
    status, headers, body = fetch(f"/{mp3.name}", headers={"Range": "bytes=0-9,20-29"})
    assert status == 206
    kind, _, boundary = headers["content-type"].partition("; boundary=")
    assert kind == "multipart/byteranges"
    assert int(headers["content-length"]) == len(body)
    parts = body.split(f"--{boundary}".encode())
    assert parts[-1] == b"--"
    assert [part.split(b"\r\n\r\n", 1)[1] for part in parts[1:-1]] == [
        data[0:10] + b"\r\n",
        data[20:30] + b"\r\n",
    ]


def test_validators_answer_304_and_if_range_guards_ranges(fetch: Fetch, mp3: Path) -> None:
    path = f"/{mp3.name}"
    _, headers, _ = fetch(path, "HEAD")
    etag, modified = headers["etag"], headers["last-modified"]
    assert modified == formatdate(mp3.stat().st_mtime, usegmt=True)
    assert fetch(path, headers={"If-None-Match": etag})[0] == 304
    assert fetch(path, headers={"If-None-Match": f'W/{etag}, "other"'})[0] == 304
    assert fetch(path, headers={"If-Modified-Since": modified})[0] == 304
    assert fetch(path, headers={"If-None-Match": '"other"'})[0] == 200
    old = formatdate(mp3.stat().st_mtime - 3600, usegmt=True)
    assert fetch(path, headers={"If-Modified-Since": old})[0] == 200
    status, _, body = fetch(path, headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert (status, body) == (200, mp3.read_bytes())
    assert fetch(path, headers={"Range": "bytes=0-9", "If-Range": etag})[0] == 206
    assert fetch(path, headers={"Range": "bytes=0-9", "If-Range": modified})[0] == 206


def test_the_feed_has_stable_validators(fetch: Fetch) -> None:
    _, first, body = fetch("/feed.xml")
    _, second, again = fetch("/feed.xml")
    assert (second["etag"], again) == (first["etag"], body)
    assert fetch("/feed.xml", headers={"If-None-Match": first["etag"]})[0] == 304


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("episode", "audio/mpeg"),
        ("feed.xml", "application/rss+xml"),
        ("cover.jpg", "image/jpeg"),
        ("art.png", "image/png"),
        ("ep.vtt", "text/vtt"),
        ("ep.srt", "application/x-subrip"),
        ("ep.chapters.json", "application/json+chapters"),
        ("extra.json", "application/json"),
    ],
)
def test_each_published_type_has_its_media_type(
    fetch: Fetch, mp3: Path, name: str, kind: str
) -> None:
    status, headers, _ = fetch("/" + (mp3.name if name == "episode" else name), "HEAD")
    assert status == 200
    assert headers["content-type"].split(";")[0] == kind


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/..%2fpyproject.toml",
        "/..%2Fpyproject.toml",
        "/%2e%2e%2fpyproject.toml",
        "/..\\pyproject.toml",
        "/..%5cpyproject.toml",
        "/./../pyproject.toml",
        "//pyproject.toml",
        "/.podcast/catalog.db",
        "/../.podcast/catalog.db",
        "/%2epodcast/catalog.db",
        "/.hidden.mp3.tmp",
        "/outside.mp3",
        "/nothing.mp3",
        "/" + "x" * 300 + ".mp3",
        "/%00.mp3",
    ],
)
def test_nothing_outside_audio_nor_hidden_is_served(fetch: Fetch, path: str) -> None:
    for method in ("GET", "HEAD"):
        status, _, body = fetch(path, method)
        assert status == 404, (method, path)
        assert SECRET not in body
        assert b"SQLite" not in body


def test_only_get_and_head_are_allowed(fetch: Fetch) -> None:
    status, headers, _ = fetch("/feed.xml", "POST")
    assert status == 405
    assert set(headers["allow"].split(", ")) == {"GET", "HEAD"}


def test_the_served_feed_points_here_and_every_enclosure_downloads_whole(
    fetch: Fetch, port: int, built: Project
) -> None:
    status, _, xml = fetch("/feed.xml")
    assert status == 200
    parsed = podcastparser.parse("http://127.0.0.1/feed.xml", io.BytesIO(xml))
    assert parsed["episodes"]
    urls = [parsed["cover_url"]] + [
        enclosure["url"] for episode in parsed["episodes"] for enclosure in episode["enclosures"]
    ]
    for url in urls:
        prefix = f"http://127.0.0.1:{port}/"
        assert url.startswith(prefix), url
        name = url.removeprefix(prefix)
        status, _, body = fetch("/" + name)
        assert status == 200
        assert body == (built.audio / name).read_bytes()
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert (
            enclosure["file_size"]
            == (built.audio / enclosure["url"].rsplit("/")[-1]).stat().st_size
        )


def test_the_feed_names_the_host_the_client_used(fetch: Fetch) -> None:
    _, _, xml = fetch("/feed.xml", headers={"Host": "192.168.1.23:8000"})
    parsed = podcastparser.parse("http://192.168.1.23:8000/feed.xml", io.BytesIO(xml))
    assert parsed["cover_url"] == "http://192.168.1.23:8000/cover.jpg"
    _, _, xml = fetch("/feed.xml", headers={"Host": "evil/<x>"})
    assert b"evil" not in xml


def test_use_base_url_serves_the_feed_as_built(built: Project) -> None:
    with running(serve_app(built, use_base_url=True)) as port:
        status, _, xml = fetcher(port)("/feed.xml")
    assert status == 200
    assert xml == (built.audio / "feed.xml").read_bytes()


def test_a_private_feed_lives_under_its_token_only(
    private: tuple[Fetch, str], built: Project, mp3: Path
) -> None:
    fetch, token = private
    assert fetch("/feed.xml")[0] == 404
    assert fetch(f"/{mp3.name}")[0] == 404
    assert fetch("/wrong-token-wrong-token/feed.xml")[0] == 404
    assert fetch(f"/{token[:-1]}/feed.xml")[0] == 404
    assert fetch(f"/{token}")[0] == 404
    assert fetch("/")[0] == 404
    assert fetch(f"/{token}/../feed.xml")[0] == 404
    assert fetch(f"/{token}/.hidden.mp3.tmp")[0] == 404
    status, _, xml = fetch(f"/{token}/feed.xml")
    assert status == 200
    parsed = podcastparser.parse("http://127.0.0.1/feed.xml", io.BytesIO(xml))
    (url,) = [e["url"] for episode in parsed["episodes"] for e in episode["enclosures"]]
    assert url.endswith(f"/{token}/{mp3.name}")
    status, _, body = fetch(f"/{token}/{mp3.name}", headers={"Range": "bytes=0-99"})
    assert (status, body) == (206, mp3.read_bytes()[:100])


def test_the_token_is_made_once_and_kept(tmp_path: Path) -> None:
    project = Project(tmp_path)
    token = load_token(project)
    serve_app(project, token=load_token(project))
    assert load_token(project) == token
    assert len(token) >= 16
    path = project.state / "token"
    assert path.read_text(encoding="utf-8") == token + "\n"
    assert path.stat().st_mode & 0o077 == 0


def test_watch_rebuilds_when_a_seed_arrives(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    outcomes: list[Outcome | PodcastError] = []
    app = serve_app(project, watch_engine="espeak", rebuilt=outcomes.append)
    with running(app) as port:
        fetch = fetcher(port)

        def episodes_listed() -> int:
            status, _, xml = fetch("/feed.xml")
            if status != 200:
                return 0
            return len(podcastparser.parse("http://x/feed.xml", io.BytesIO(xml))["episodes"])

        wait_for(lambda: episodes_listed() == 1)
        (project.seeds / "hujan.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
        wait_for(lambda: episodes_listed() == 2)
    assert all(isinstance(outcome, Outcome) for outcome in outcomes)
    built = [episode.key for o in outcomes if isinstance(o, Outcome) for episode in o.built]
    assert sorted(built) == ["000_f270e526a9c4b75d.txt", "hujan.txt"]


def test_the_banner_says_where_and_what_to_subscribe_to(built: Project) -> None:
    lines = banner(built, "127.0.0.1", 8000, None, False, qr=False)
    assert lines == [
        "serving audio/ on http://127.0.0.1:8000/ "
        "(this computer only; use --host 0.0.0.0 to reach it from your phone)",
        "subscribe: http://127.0.0.1:8000/feed.xml",
        "page: http://127.0.0.1:8000/",
    ]
    private = banner(built, "127.0.0.1", 8000, "t0ken", False, qr=True)
    assert (
        private[1]
        == "subscribe: http://127.0.0.1:8000/t0ken/feed.xml (private: keep this address secret)"
    )
    assert "▀" in private[3]
    with_base = banner(built, "127.0.0.1", 8000, None, True, qr=False)
    assert with_base[1] == "feed URLs point at http://127.0.0.1:8000/ (base_url in podcast.toml)"


def test_a_taken_port_is_one_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"cannot listen on 127.0.0.1:{port} .*--port"):
            bind("127.0.0.1", port)


def test_serving_before_building_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner(mix_stderr=False).invoke(main, ["serve", "--no-qr"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: audio/feed.xml: not built yet; run podcast build first (or podcast serve --watch)\n"
    )


def test_doctests() -> None:
    assert doctest.testmod(podcast.serve).failed == 0


def test_symlinks_inside_audio_are_served(built: Project, fetch: Fetch, mp3: Path) -> None:
    link = built.audio / "latest.mp3"
    if not link.exists():
        os.symlink(mp3.name, link)
    status, _, body = fetch("/latest.mp3", headers={"Range": "bytes=0-9"})
    assert (status, body) == (206, mp3.read_bytes()[:10])


def test_the_command_serves_until_interrupted(built: Project, mp3: Path) -> None:
    command = [sys.executable, "-m", "podcast", "serve", "--port", "0", "--no-qr"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        command, cwd=built.root, env=environment, stdout=subprocess.PIPE, text=True
    ) as server:
        assert server.stdout is not None
        first = server.stdout.readline()
        match = re.fullmatch(
            r"serving audio/ on http://127\.0\.0\.1:(\d+)/ \(this computer only; "
            r"use --host 0\.0\.0\.0 to reach it from your phone\)\n",
            first,
        )
        assert match, first
        port = int(match[1])
        assert server.stdout.readline() == f"subscribe: http://127.0.0.1:{port}/feed.xml\n"
        assert server.stdout.readline() == f"page: http://127.0.0.1:{port}/\n"
        # The socket listens before the banner is printed: no need to wait.
        status, _, body = fetcher(port)(f"/{mp3.name}", headers={"Range": "bytes=-100"})
        assert (status, body) == (206, mp3.read_bytes()[-100:])
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        assert server.stdout.read() == "stopped\n"
