"""The tool's server run on 127.0.0.1 and fetched as a client would."""

from __future__ import annotations

import http.client
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette

from podcast.project import Project
from podcast.serve import bind
from tests.support.project import podcast_process

Fetch = Callable[..., tuple[int, dict[str, str], bytes]]


def fetcher(port: int) -> Fetch:
    """GET (or another method) a path as sent, byte for byte, over a new connection."""

    def fetch(
        path: str, method: str = "GET", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    return fetch


@contextmanager
def running(app: Starlette) -> Iterator[int]:
    """Run ``app`` with uvicorn in a thread on a free loopback port; yield the port."""
    listener = bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield listener.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(30)
        listener.close()


def wait_for(condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.2)


def serving(project: Project, *options: str) -> Iterator[str]:
    """Run ``podcast serve`` on a free port; yield the page URL it prints."""
    with podcast_process(project, "serve", "--port", "0", "--no-qr", *options) as server:
        assert server.stdout is not None
        try:
            for _ in range(5):
                line = server.stdout.readline()
                if line.startswith("page: "):
                    yield line.split()[1]
                    break
            else:
                raise AssertionError("podcast serve printed no page address")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
