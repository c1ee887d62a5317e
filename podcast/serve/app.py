"""Serve audio/ over HTTP the way podcast apps expect: HEAD, byte ranges, validators.

Starlette's ``FileResponse`` answers HEAD, single and multiple byte ranges (416 with
``Content-Range: bytes */size`` when no range fits), ``If-Range``, and sets ``ETag`` and
``Last-Modified``; its ``StaticFiles`` answers ``If-None-Match`` and ``If-Modified-Since``
with 304 and keeps lookups inside the folder. This module adds what a published podcast
needs on top: nothing hidden is served, a malformed ``Range`` is ignored (200) instead of
refused (400), each published file type has its podcast media type, the feed names the
address it is fetched from, an optional secret path prefix, and rebuilding on new seeds.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import stat
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.staticfiles import NotModifiedResponse, StaticFiles

from podcast.edition import EDITION_FEED
from podcast.feed import FEED_FILE
from podcast.files import media_type
from podcast.project import Project
from podcast.serve.address import ServeError, banner, bind, load_token
from podcast.serve.apart import run_apart
from podcast.serve.editor import editor_routes
from podcast.serve.heap import keep_heap_flat
from podcast.serve.listeners import Keys
from podcast.serve.page import Renders, render_feed, render_page
from podcast.serve.queue import start_queue
from podcast.serve.watch import Health, Heard, watch
from podcast.site import PAGE_FILE

BYTE_RANGES = re.compile(r"bytes=\s*(\d+-\d*|-\d+)(\s*,\s*(\d+-\d*|-\d+))*\s*", re.IGNORECASE)
HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?")
ENCODED_SEPARATORS = (b"%2f", b"%5c")
HEALTH_PATH = "healthz"
ROBOTS_PATH = "/robots.txt"
PRIVATE_ROBOTS = "User-agent: *\nDisallow: /\n"
"""A private server's robots.txt: nothing on it is for search engines. It names no path,
since naming the secret one would give it away."""
FEED_FILES = (FEED_FILE, EDITION_FEED)
"""The feeds a build may write, served with the address they are reached at."""


def serve(
    project: Project,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    private: bool = False,
    use_base_url: bool = False,
    watch_engine: str | None = None,
    qr: bool = True,
    say: Callable[[str], None],
    rebuilt: Heard | None = None,
    editor: bool = False,
) -> None:
    """Serve ``project``'s audio/ on ``host``:``port`` until interrupted.

    ``say`` receives the lines to show the user (the address, the URL to subscribe to,
    its QR code); ``rebuilt`` receives each outcome of a rebuild, and what each fetch of the
    followed feeds did, when ``watch_engine`` names the voice to rebuild with.
    """
    if watch_engine is None and not (project.audio / FEED_FILE).is_file():
        raise ServeError(
            f"{project.audio / FEED_FILE}: not built yet; run podcast build first "
            "(or podcast serve --watch)"
        )
    if watch_engine is not None and not project.seeds.is_dir():
        raise ServeError(f"{project.seeds}: no such folder to watch")
    listener = bind(host, port)
    keep_heap_flat()  # it builds and answers for months: what a build frees goes back
    token = load_token(project) if private else None
    app = serve_app(
        project,
        token=token,
        use_base_url=use_base_url,
        watch_engine=watch_engine,
        rebuilt=rebuilt,
        editor_engine=(watch_engine or "auto") if editor else None,
    )
    for line in banner(project, host, listener.getsockname()[1], token, use_base_url, qr):
        say(line)
    if editor:
        say("editor: its page is at the path podcast editor show prints")
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()


def serve_app(
    project: Project,
    *,
    token: str | None = None,
    use_base_url: bool = False,
    watch_engine: str | None = None,
    rebuilt: Heard | None = None,
    editor_engine: str | None = None,
) -> Starlette:
    """The web app serving ``project``'s audio/, under ``/<token>/`` when a token is given.

    ``/healthz`` (under the token too) says how the last build and fetches went. Each
    listener's own secret (``podcast listeners add``) opens the show as the token does.
    With an ``editor_engine``, the editor's page is served under ``/editor/<secret>/`` and
    its queue built in the background with that voice.
    """
    files = StaticFiles(directory=project.audio, check_dir=False)
    rendered = project.state / "serve"
    health = Health(project, watching=watch_engine is not None)
    keys = None if token is None else Keys(project, token)
    renders, private = Renders(project), token is not None

    def serve_file(request: Request) -> Response:
        response = answer(request)
        if token is not None:
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def answer(request: Request) -> Response:
        path = request.scope["path"]
        if token is not None and path == ROBOTS_PATH:
            return PlainTextResponse(PRIVATE_ROBOTS)
        key = None if keys is None else keys.match(path.split("/")[1] if "/" in path else "")
        if keys is not None and key is None:
            return PlainTextResponse("Not Found", status_code=404)
        name = served_name(path, request.scope.get("raw_path", b""), key)
        if name is None:
            return PlainTextResponse("Not Found", status_code=404)
        if name == HEALTH_PATH:
            return health.answer()
        range_header = request.headers.get("range")
        if range_header is not None and not well_formed_range(range_header):
            request.scope["headers"] = [
                (key, value) for key, value in request.scope["headers"] if key != b"range"
            ]
        page = None
        if name.endswith(".html") and not use_base_url and has_catalog_and_feed(project):
            base_url = served_base_url(request, key)
            render = partial(
                run_apart, render_page, project, base_url, rendered, name, private=private
            )
            page = renders.get(f"page {name} {base_url} {private}", render)
        feed, stat_result = None, None
        if name in FEED_FILES and not use_base_url and has_catalog_and_feed(project):
            base_url = served_base_url(request, key)
            render = partial(
                run_apart, render_feed, project, base_url, rendered, name, block=private
            )
            feed = renders.get(f"feed {name} {base_url} {private}", render)
        if feed is not None:
            path, stat_result = feed, feed.stat()
        elif page is not None:
            path, stat_result = page, page.stat()
        else:
            try:
                full_path, stat_result = files.lookup_path(name)
            except OSError:  # a name too long, or unreadable: nothing to serve
                full_path, stat_result = "", None
            path = Path(full_path)
        if stat_result is None or not stat.S_ISREG(stat_result.st_mode):
            return PlainTextResponse("Not Found", status_code=404)
        response = FileResponse(path, stat_result=stat_result, media_type=media_type(name))
        if files.is_not_modified(response.headers, request.headers):
            return NotModifiedResponse(response.headers)
        return response

    wake, done = threading.Event(), threading.Event()
    routes = [] if editor_engine is None else editor_routes(project, wake)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        worker = start_queue(project, editor_engine, done, wake)
        try:
            async with _watching(app):
                yield
        finally:
            done.set()
            wake.set()
            if worker is not None:
                await asyncio.to_thread(worker.join, 60)

    @asynccontextmanager
    async def _watching(app: Starlette) -> AsyncIterator[None]:
        if watch_engine is None:
            yield
            return
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch(project, watch_engine, stop, health.heard(rebuilt)))
        try:
            yield
        finally:
            stop.set()
            await watcher

    return Starlette(
        routes=[*routes, Route("/{path:path}", serve_file, methods=["GET", "HEAD"])],
        lifespan=lifespan,
    )


def has_catalog_and_feed(project: Project) -> bool:
    """Whether the feed can be remade from the catalog; else it is served as built."""
    return (project.audio / FEED_FILE).is_file() and (project.catalog).is_file()


def served_name(path: str, raw_path: bytes, token: str | None) -> str | None:
    """The file under audio/ that a request path names, or None when it names nothing servable.

    Hidden names (``.podcast``, ``.x.mp3.tmp``, ``..``), empty segments, backslashes and
    encoded slashes are refused before the path reaches the file system. The root (with
    the token: ``/<token>/``) names the show's page.

    >>> served_name("/feed.xml", b"/feed.xml", None)
    'feed.xml'
    >>> served_name("/s3cret/", b"/s3cret/", "s3cret")
    'index.html'
    >>> served_name("/../pyproject.toml", b"/..%2fpyproject.toml", None) is None
    True
    >>> served_name("/s3cret/feed.xml", b"/s3cret/feed.xml", "s3cret")
    'feed.xml'
    >>> served_name("/feed.xml", b"/feed.xml", "s3cret") is None
    True
    """
    if any(separator in raw_path.lower() for separator in ENCODED_SEPARATORS):
        return None
    segments = path.split("/")[1:]
    if token is not None:
        if not segments or not secrets.compare_digest(segments[0], token):
            return None
        segments = segments[1:]
    if segments == [""]:
        return PAGE_FILE
    if not segments or any(
        not segment or segment.startswith(".") or "\\" in segment or "\0" in segment
        for segment in segments
    ):
        return None
    return "/".join(segments)


def well_formed_range(header: str) -> bool:
    """Whether a Range header is a byte-range set whose ranges never end before they start.

    A malformed one is ignored and the whole file sent (RFC 9110 section 14.2).

    >>> [well_formed_range(h) for h in ("bytes=0-99", "bytes=-500", "bytes=100-", "bytes=0-9,20-")]
    [True, True, True, True]
    >>> [well_formed_range(h) for h in ("bytes=9-0", "bytes=abc", "items=0-9", "bytes=")]
    [False, False, False, False]
    """
    if not BYTE_RANGES.fullmatch(header):
        return False
    spans = (span.strip().split("-") for span in header.split("=", 1)[1].split(","))
    return all(not first or not last or int(first) <= int(last) for first, last in spans)


def served_base_url(request: Request, token: str | None) -> str:
    """The address the client reached this server at, with the token path when there is one."""
    host = request.headers.get("host", "")
    if not HOST.fullmatch(host):
        server = request.scope.get("server") or ("127.0.0.1", 8000)
        host = f"{server[0]}:{server[1]}"
    return f"http://{host}/" + (f"{token}/" if token else "")
