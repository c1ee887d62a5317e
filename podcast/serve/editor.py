"""The editor's role in ``podcast serve``: a secret page that sends articles to the queue.

The editor secret is made once and kept in ``.podcast/editor`` (readable by its owner
only); ``podcast editor revoke`` deletes it and its page answers 404 at the next request.
Without the secret every editor path answers 404, so the page cannot even be found. A
submission is a POST that must carry the secret in its path and come from the page
itself (its ``Origin``); its body, the queue and each client's pace are bounded.
"""

from __future__ import annotations

import io
import secrets
import threading
import time
from collections import deque
from dataclasses import asdict
from urllib.parse import parse_qs, urlsplit

from PIL import Image
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from podcast.config import load_settings
from podcast.episode import cover_name
from podcast.project import Project
from podcast.serve.address import kept_secret
from podcast.serve.queue import enqueue, queued
from podcast.site import ICON_SIZES, editor_page, manifest, shared_url

EDITOR_FILE = "editor"
MAX_BODY = 4096
MAX_URL = 2000
RATE = (6, 60.0)
"""Submissions a client may make per so many seconds."""
CLIENTS = 1024


def editor_secret(project: Project) -> str:
    """The editor's secret, made once and kept in .podcast/editor."""
    return kept_secret(project.state / EDITOR_FILE, 18)


def revoke_editor(project: Project) -> bool:
    """Delete the editor's secret; whether there was one."""
    path = project.state / EDITOR_FILE
    existed = path.is_file()
    path.unlink(missing_ok=True)
    return existed


def _current(project: Project) -> str | None:
    """The secret as kept now (read on every request, so a revocation acts at once)."""
    try:
        return (project.state / EDITOR_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


class Pace:
    """At most ``RATE`` submissions per client in a sliding window; few clients kept."""

    def __init__(self) -> None:
        self.times: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        most, window = RATE
        now = time.monotonic()
        with self.lock:
            if client not in self.times and len(self.times) >= CLIENTS:
                self.times.pop(next(iter(self.times)))
            times = self.times.setdefault(client, deque())
            while times and now - times[0] > window:
                times.popleft()
            if len(times) >= most:
                return False
            times.append(now)
            return True


def editor_routes(project: Project, wake: threading.Event) -> list[Route]:
    """The editor's page, its submissions, queue, manifest and icons under /editor/<secret>/."""
    pace = Pace()
    not_found = PlainTextResponse("Not Found", status_code=404)

    def opened(request: Request) -> bool:
        secret = _current(project)
        given = str(request.path_params["secret"])
        return secret is not None and secrets.compare_digest(given.encode(), secret.encode())

    def page_url(request: Request) -> str:
        host = request.headers.get("host", "")
        return f"{request.url.scheme}://{host}/editor/{request.path_params['secret']}/"

    async def endpoint(request: Request) -> Response:
        if not opened(request):
            return not_found
        name = request.path_params["name"]
        show = load_settings(project.config).show
        if name == "" and request.method in ("GET", "HEAD"):
            query = request.query_params
            url = shared_url(query.get("url", ""), query.get("text", ""))
            html = editor_page(show, page_url(request), url[:MAX_URL], queued(project))
            return Response(html, media_type="text/html; charset=utf-8", headers=PRIVATE)
        if name == "add" and request.method == "POST":
            return await submit(request)
        if name == "queue.json" and request.method == "GET":
            return JSONResponse([asdict(entry) for entry in queued(project)], headers=PRIVATE)
        if name == "manifest.webmanifest" and request.method == "GET":
            body = manifest(show, page_url(request))
            return Response(body, media_type="application/manifest+json", headers=PRIVATE)
        if name in {f"icon-{px}.png" for px in ICON_SIZES} and request.method == "GET":
            return Response(icon(project, int(name[5:-4])), media_type="image/png")
        return not_found

    async def submit(request: Request) -> Response:
        origin = request.headers.get("origin", "")
        expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if not secrets.compare_digest(origin.encode(), expected.encode()):
            return PlainTextResponse("refused: not sent from the editor's page", status_code=403)
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return PlainTextResponse("refused: the request is too large", status_code=413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("refused: the request is too large", status_code=413)
        client = request.client.host if request.client else ""
        if not pace.allow(client):
            return PlainTextResponse("refused: too many articles at once; wait a minute", 429)
        url = parse_qs(body.decode("utf-8", "replace")).get("url", [""])[0].strip()
        parts = urlsplit(url)
        if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
            return PlainTextResponse(f"refused: {url[:80]!r} is not a web address", 400)
        if enqueue(project, url) is None:
            return PlainTextResponse("refused: the queue is full; try again later", 503)
        wake.set()
        return RedirectResponse(page_url(request), status_code=303)

    methods = ["GET", "HEAD", "POST"]
    return [Route("/editor/{secret}/{name:path}", endpoint, methods=methods)]


PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}


def icon(project: Project, px: int) -> bytes:
    """The show's cover as a square PNG icon of ``px`` pixels."""
    show = load_settings(project.config).show
    with Image.open(project.audio / cover_name(show, project.root)) as image:
        small = image.convert("RGB").resize((px, px), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
