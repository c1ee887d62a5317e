"""Each listener of a private show has an address of their own; removing one closes only it."""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import podcastparser
import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.project import Project
from podcast.run import build
from podcast.serve import load_token, read_listeners, serve_app
from podcast.serve.listeners import Keys
from tests.support.project import NOW, make_project
from tests.support.web import Fetch, fetcher, running


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("listeners"))
    assert not build(project, engine_name="espeak", now=NOW).failures
    return project


@pytest.fixture
def runner(built: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.chdir(built.root)
    yield CliRunner(mix_stderr=False)
    (built.state / "listeners.json").unlink(missing_ok=True)


def added(runner: CliRunner, name: str) -> str:
    result = runner.invoke(main, ["listeners", "add", name])
    assert result.exit_code == 0, result.output + result.stderr
    first = result.output.splitlines()[0]
    match = re.fullmatch(rf"{name}  /([A-Za-z0-9_-]{{22}})/feed\.xml", first)
    assert match, first
    return match.group(1)


def test_a_removed_listener_gets_404_at_once_and_the_others_still_listen(
    runner: CliRunner, built: Project
) -> None:
    ayu, budi = added(runner, "ayu"), added(runner, "budi")
    token = load_token(built)
    with running(serve_app(built, token=token)) as port:
        fetch: Fetch = fetcher(port)
        for secret in (token, ayu, budi):
            status, _, xml = fetch(f"/{secret}/feed.xml")
            assert status == 200
            parsed = podcastparser.parse(f"http://x/{secret}/feed.xml", io.BytesIO(xml))
            enclosure = parsed["episodes"][0]["enclosures"][0]["url"]
            assert enclosure.startswith(f"http://127.0.0.1:{port}/{secret}/")  # their own
        episode = enclosure.split(f"/{budi}/", 1)[1]
        assert fetch(f"/{ayu}/{episode}", headers={"Range": "bytes=0-2"})[2] == b"ID3"
        result = runner.invoke(main, ["listeners", "remove", "ayu"])
        assert (result.exit_code, result.output) == (
            0,
            "ayu: removed; their address no longer opens the show\n",
        )
        for path in (f"/{ayu}/feed.xml", f"/{ayu}/", f"/{ayu}/{episode}"):
            assert fetch(path)[0] == 404
        assert fetch(f"/{budi}/feed.xml")[0] == 200
        assert fetch(f"/{token}/feed.xml")[0] == 200
        assert fetch(f"/{budi[:-1]}/feed.xml")[0] == 404
        assert fetch("/feed.xml")[0] == 404
    listed = runner.invoke(main, ["listeners", "list"]).output
    assert listed == f"budi  /{budi}/feed.xml\n"
    mode = stat.S_IMODE(os.stat(built.state / "listeners.json").st_mode)
    assert mode == 0o600


def test_bad_names_taken_names_and_unknown_names_are_one_clear_line(runner: CliRunner) -> None:
    added(runner, "ayu")
    cases = {
        ("add", "ayu"): "Error: ayu: already a listener (podcast listeners list)\n",
        ("add", "a/b"): (
            "Error: 'a/b': a listener's name is 1 to 40 letters, digits, '.', '_' or '-'\n"
        ),
        ("remove", "citra"): "Error: citra: no such listener (podcast listeners list)\n",
    }
    for args, message in cases.items():
        result = runner.invoke(main, ["listeners", *args])
        assert (result.exit_code, result.stderr) == (1, message)
    assert [listener.name for listener in read_listeners(Project(Path()))] == ["ayu"]


def test_a_broken_listeners_file_opens_only_the_owners_address(built: Project) -> None:
    (built.state / "listeners.json").write_text('{"ayu": "short"}', encoding="utf-8")
    try:
        keys = Keys(built, "o" * 22)
        assert (keys.match("o" * 22), keys.match("short"), keys.match("")) == ("o" * 22, None, None)
    finally:
        (built.state / "listeners.json").unlink()
