"""Work done in a process of its own: its value or its error comes back, what it logs is
logged here in order, and a child that dies, hangs or is stopped is reported and gone."""

from __future__ import annotations

import ast
import io
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import podcastparser
import pytest

from podcast.cli.log import log_event, start_log
from podcast.errors import ConfigError, PodcastError
from podcast.feed import FEED_FILE
from podcast.project import Project
from podcast.run import build
from podcast.serve import apart
from podcast.serve.address import ServeError
from podcast.serve.apart import run_apart
from podcast.serve.watch import rebuild_apart
from tests.support import DATA, ROOT
from tests.support.project import NOW, SEED, make_project, podcast_process
from tests.support.web import wait_for


def where(logged: int) -> tuple[int, int]:
    """This process's id and its parent's, after logging ``logged`` lines (in the child)."""
    log = logging.getLogger("podcast.test")
    for number in range(logged):
        (log.warning if number % 2 else log.info)("line %d of %d", number + 1, logged)
    log.debug("not at the parent's level")
    return os.getpid(), os.getppid()


def fails(kind: str) -> None:
    """Fail as ``kind`` says (in the child)."""
    if kind == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "bug":
        raise KeyError("a bug")
    raise ConfigError(f"podcast.toml: {kind}")


def waits(marker: Path) -> None:
    """Say it started in ``marker`` (its process id), then wait; note an interrupt there."""
    marker.write_text(str(os.getpid()), encoding="utf-8")
    try:
        time.sleep(60)
    except KeyboardInterrupt:
        marker.write_text("interrupted", encoding="utf-8")
        raise


def test_the_value_comes_back_from_another_process_and_its_log_lines_in_order(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    child, parent = run_apart(where, 4)
    assert child != os.getpid() and parent != child
    logged = [r for r in caplog.records if r.name == "podcast.test"]
    assert [(r.levelname, r.getMessage(), r.process) for r in logged] == [
        ("INFO", "line 1 of 4", child),
        ("WARNING", "line 2 of 4", child),
        ("INFO", "line 3 of 4", child),
        ("WARNING", "line 4 of 4", child),
    ]
    assert run_apart(where, 0)[0] not in (child, os.getpid())  # a new process each time


def test_where_there_is_no_fork_server_each_child_starts_afresh(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Windows and macOS: the same values, log lines and errors, from a child that
    imported what it runs on its own."""
    monkeypatch.setattr(apart.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    caplog.set_level(logging.INFO)
    child, parent = run_apart(where, 2)
    assert parent == os.getpid()  # spawned by this process, not by a fork server
    logged = [(r.getMessage(), r.process) for r in caplog.records if r.name == "podcast.test"]
    assert logged == [("line 1 of 2", child), ("line 2 of 2", child)]
    with pytest.raises(ConfigError) as raised:
        run_apart(fails, "bad key")
    assert str(raised.value) == "podcast.toml: bad key"


def test_a_build_apart_makes_what_a_build_here_makes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "show")
    outcome = run_apart(build, project, engine_name="espeak", now=NOW)
    assert [episode.key for episode in outcome.built] == [SEED.name]
    assert (outcome.failures, outcome.feed, outcome.episodes_in_feed) == (
        (),
        project.audio / FEED_FILE,
        1,
    )
    parsed = podcastparser.parse("http://x/feed.xml", io.BytesIO(outcome.feed.read_bytes()))
    (episode,) = parsed["episodes"]
    assert episode["enclosures"][0]["file_size"] == outcome.built[0].length
    again = build(project, engine_name="espeak", now=NOW)  # here, it finds nothing to do
    assert (again.built, [e.key for e in again.unchanged]) == ((), [SEED.name])
    (project.seeds / "short.txt").write_bytes((DATA / "short_article.txt").read_bytes())
    apart = run_apart(build, project, engine_name="espeak", now=NOW)
    assert ([e.key for e in apart.built], apart.unchanged) == (["short.txt"], again.unchanged)


def test_serve_gets_the_count_of_the_episodes_kept_not_the_archive(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path / "show")
    first = run_apart(rebuild_apart, project, "espeak")
    (project.seeds / "short.txt").write_bytes((DATA / "short_article.txt").read_bytes())
    second = run_apart(rebuild_apart, project, "espeak")
    assert ([e.key for e in first.built], first.unchanged, first.also_unchanged) == (
        [SEED.name],
        (),
        0,
    )
    assert ([e.key for e in second.built], second.unchanged, second.also_unchanged) == (
        ["short.txt"],
        (),
        1,
    )
    caplog.set_level(logging.INFO)
    log_event(second)
    assert caplog.messages[-1] == "feed: audio/feed.xml (2 episodes, 1 unchanged)"


def test_a_failed_build_raises_here_the_error_it_raises_there(tmp_path: Path) -> None:
    project = make_project(tmp_path / "show")
    project.config.write_text("[show]\ntitel = 'Kabar'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as here:
        build(project, engine_name="espeak", now=NOW)
    with pytest.raises(ConfigError) as there:
        run_apart(build, project, engine_name="espeak", now=NOW)
    assert str(there.value) == str(here.value)
    assert "titel" in str(there.value)
    assert not project.audio.exists() or not any(project.audio.iterdir())


@pytest.mark.parametrize(
    ("kind", "error", "message"),
    [
        ("bad key", ConfigError, "podcast.toml: bad key"),
        ("killed", ServeError, "the work in its own process was killed (SIGKILL)"),
        ("bug", ServeError, "the work in its own process ended with exit code 1"),
    ],
)
def test_a_child_that_fails_or_dies_is_one_error_here(
    kind: str, error: type[PodcastError], message: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(error) as raised:
        run_apart(fails, kind)
    assert str(raised.value) == message
    logged = [(r.levelname, r.getMessage()) for r in caplog.records if r.process != os.getpid()]
    if kind == "bug":  # its traceback goes to the log, where a service's operator looks
        ((level, text),) = logged
        assert level == "ERROR"
        assert text.startswith("the work in its own process failed\nTraceback")
        assert text.endswith("KeyError: 'a bug'")
    else:
        assert logged == []


def test_serve_logs_a_childs_traceback_with_a_timestamp_and_level_on_every_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    start_log()
    try:
        with pytest.raises(ServeError):
            run_apart(fails, "bug")
    finally:
        root.handlers[:], root.level = handlers, level
    lines = capsys.readouterr().err.splitlines()
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ERROR "
    assert re.fullmatch(stamp + "the work in its own process failed", lines[0])
    assert re.fullmatch(stamp + "  Traceback \\(most recent call last\\):", lines[1])
    assert re.fullmatch(stamp + "  KeyError: 'a bug'", lines[-1])
    assert len(lines) > 4
    assert all(re.match(stamp + "  ", line) for line in lines[1:])
    assert len({line[:20] for line in lines}) == 1  # one record, one time


class Interrupting(int):
    """A number that, as it is sent back, has a thread send this process SIGINT every
    0.1 ms: as a parent stopping at the moment its child finishes."""

    def __reduce__(self) -> tuple[type[int], tuple[int]]:
        def keep_interrupting() -> None:
            for _ in range(500):
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.0001)

        threading.Thread(target=keep_interrupting, daemon=True).start()
        return int, (int(self),)


def interrupted_as_it_ends(number: int) -> int:
    """``number``, interrupted as it is sent back (in the child)."""
    return Interrupting(number)


ENDINGS = """
from podcast.errors import PodcastError
from podcast.serve.apart import run_apart
from tests.serve.test_apart import interrupted_as_it_ends
ends = []
for number in range(40):
    try:
        ends.append(run_apart(interrupted_as_it_ends, number) == number)
    except PodcastError as error:
        ends.append(str(error))
print(sorted(set(map(str, ends))))
"""


def test_a_child_interrupted_once_its_work_is_done_still_hands_back_its_value() -> None:
    ended = subprocess.run(
        [sys.executable, "-c", ENDINGS],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    # Each value came back whole however the child was interrupted after its work, and
    # no child's traceback landed on the parent's stderr.
    assert (ast.literal_eval(ended.stdout), ended.stderr) == (["True"], "")


def test_a_stopped_child_is_interrupted_and_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    started = time.monotonic()
    with pytest.raises(ServeError) as raised:
        run_apart(waits, marker, stopping=marker.exists)
    assert str(raised.value) == "stopped before the work in its own process was done"
    assert time.monotonic() - started < 10  # not the minute it meant to wait
    assert marker.read_text(encoding="utf-8") == "interrupted"  # as Ctrl+C: it unwound


def test_the_child_is_gone_when_its_work_is_done(tmp_path: Path) -> None:
    child, _ = run_apart(where, 0)
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


def project_with(tmp_path: Path, articles: int) -> Project:
    project = make_project(tmp_path / "show")
    for number in range(articles):
        text = (DATA / "short_article.txt").read_text(encoding="utf-8")
        (project.seeds / f"extra-{number}.txt").write_text(
            text.replace("\n", f" Laporan nomor {number + 1}.\n", 1), encoding="utf-8"
        )
    return project


def in_session(session: int) -> list[int]:
    """The processes still in ``session`` (a process group leader's id)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getsid(int(name)) == session:
                    found.append(int(name))
            except OSError:  # gone meanwhile
                continue
    return found


@pytest.mark.parametrize("signalled", ["Ctrl+C to the group", "SIGTERM to the server"])
def test_serve_watch_stops_mid_build_leaving_no_process_and_nothing_half_written(
    tmp_path: Path, signalled: str
) -> None:
    project = project_with(tmp_path, 5)
    server = podcast_process(
        project, "serve", "--watch", "espeak", "--port", "0", "--no-qr", start_new_session=True
    )
    try:
        wait_for((project.audio / FEED_FILE).is_file, seconds=60)  # an episode is in
        if signalled == "SIGTERM to the server":
            server.send_signal(signal.SIGTERM)
        else:
            os.killpg(server.pid, signal.SIGINT)
        stdout, stderr = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    if signalled.startswith("Ctrl+C"):
        assert (server.returncode, stdout.splitlines()[-1]) == (0, "stopped"), stderr
    else:  # uvicorn shuts down, then ends by the signal it was sent, as a service should
        assert server.returncode == -signal.SIGTERM, stderr
    assert stderr.splitlines()[-1].endswith(f" INFO Finished server process [{server.pid}]")
    wait_for(lambda: in_session(server.pid) == [], seconds=10)
    made = sorted(path.name for path in project.audio.glob("*.mp3"))
    assert 1 <= len(made) < 6  # stopped mid-build
    # What was cut short is hidden (.name.tmp); what the feed lists is whole.
    hidden = [path.name for path in project.audio.iterdir() if path.name.startswith(".")]
    assert all(name.endswith(".tmp") for name in hidden), hidden
    feed = (project.audio / FEED_FILE).read_bytes()
    listed = podcastparser.parse("http://x/feed.xml", io.BytesIO(feed))["episodes"]
    sizes = {
        e["enclosures"][0]["url"].rsplit("/", 1)[1]: e["enclosures"][0]["file_size"] for e in listed
    }
    assert sizes and sizes == {name: (project.audio / name).stat().st_size for name in sizes}
    again = build(project, engine_name="espeak", now=NOW)  # the next run takes it up
    assert again.failures == ()
    keys = sorted(e.key for e in (*again.built, *again.unchanged))
    assert keys == sorted(path.name for path in project.seeds.iterdir())
    assert [path.name for path in project.audio.iterdir() if path.name.startswith(".")] == []
