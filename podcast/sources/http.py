"""A polite HTTP client over urllib3: one per run, shared by every page and feed it fetches.

It names the tool in its User-Agent, honours robots.txt (the standard library's
parser), waits between requests to one host, follows a few redirects and
detects loops, stops at a size cap and a deadline per page, and says in one
line what went wrong.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3

from podcast import __version__
from podcast.config import Fetch
from podcast.errors import WebError
from podcast.sources.guard import Refused

MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
REASONS = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden"}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Response:
    """A page or feed as fetched."""

    url: str
    """The URL asked for."""
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched: datetime

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def user_agent() -> str:
    """The User-Agent that names the tool and its version."""
    return f"podcast/{__version__} (article-to-podcast tool)"


@dataclass
class Client:
    """Fetches pages and feeds politely; keeps robots.txt and request times per host."""

    fetch: Fetch = field(default_factory=Fetch)
    """The limits: timeouts, the deadline and size cap per page, the delay per host."""
    pool: urllib3.PoolManager = field(default_factory=urllib3.PoolManager)
    robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    last_request: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Threads share the client: each host's turns are handed out one at a time."""

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url``, following redirects; 2xx and 304 answers are returned, others raised."""
        started = time.monotonic()
        seen = [url]
        current = url
        while True:
            self._check_robots(url, current)
            response = self._request(url, current, headers or {}, started)
            if response.status not in REDIRECTS:
                break
            location = response.headers.get("location")
            if not location:
                raise WebError(f"{url}: redirect ({response.status}) without a Location")
            current = urljoin(current, location)
            if current in seen:
                loop = " -> ".join(urlsplit(u).path or "/" for u in [*seen, current])
                raise WebError(f"{url}: redirect loop ({loop})")
            seen.append(current)
            if len(seen) > MAX_REDIRECTS + 1:
                raise WebError(f"{url}: more than {MAX_REDIRECTS} redirects")
        if response.status >= 500:
            raise WebError(f"{url}: server error ({response.status})")
        if response.status >= 400:
            reason = REASONS.get(response.status, "refused")
            raise WebError(f"{url}: {reason} ({response.status})")
        return response

    def _wait_turn(self, host: str, delay_s: float) -> None:
        """Wait until ``delay_s`` after the last request to ``host`` (or one booked by another
        thread) and book this one."""
        with self.lock:
            last = self.last_request.get(host)
            turn = time.monotonic() if last is None else max(time.monotonic(), last + delay_s)
            self.last_request[host] = turn
        time.sleep(max(0.0, turn - time.monotonic()))

    def _request(self, url: str, current: str, headers: dict[str, str], started: float) -> Response:
        """One request, its body read within the size cap and the deadline."""
        limits = self.fetch
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WebError(f"{url}: not a web address (http:// or https://)")
        robots = self.robots.get(parts.netloc)
        delay = max(limits.delay_s, float((robots and robots.crawl_delay("podcast")) or 0))
        self._wait_turn(parts.netloc, delay)
        remaining = limits.deadline_s - (time.monotonic() - started)
        timeout = urllib3.Timeout(
            connect=limits.timeout_s, read=max(0.01, min(limits.timeout_s, remaining))
        )
        try:
            answer = self.pool.request(
                "GET",
                current,
                headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate", **headers},
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=timeout,
            )
        except Refused as error:
            raise WebError(f"{url}: refused: {error}; only public addresses are fetched") from None
        except urllib3.exceptions.NewConnectionError as error:
            raise WebError(f"{url}: cannot connect ({_cause(error)})") from None
        except urllib3.exceptions.ConnectTimeoutError:
            raise WebError(
                f"{url}: no connection within {limits.timeout_s:g} s (timed out)"
            ) from None
        except urllib3.exceptions.ReadTimeoutError:
            raise WebError(f"{url}: no answer within {limits.timeout_s:g} s (timed out)") from None
        except urllib3.exceptions.HTTPError as error:
            raise WebError(f"{url}: cannot connect ({_cause(error)})") from None
        try:
            body = self._read(url, answer, started)
        finally:
            answer.release_conn()
        return Response(
            url,
            current,
            answer.status,
            {name.lower(): value for name, value in answer.headers.items()},
            body,
            datetime.now(UTC).replace(microsecond=0),
        )

    def _read(self, url: str, answer: urllib3.BaseHTTPResponse, started: float) -> bytes:
        limits = self.fetch
        declared = int(answer.headers.get("content-length") or 0)
        if declared > limits.max_bytes and "content-encoding" not in answer.headers:
            raise WebError(f"{url}: {declared / 1e6:.1f} MB is too large (at most {_mb(limits)})")
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := answer.read1(CHUNK, decode_content=True):
                size += len(chunk)
                chunks.append(chunk)
                if size > limits.max_bytes:
                    raise WebError(f"{url}: larger than {_mb(limits)}, too large for a page")
                if time.monotonic() - started > limits.deadline_s:
                    raise WebError(
                        f"{url}: not downloaded within {limits.deadline_s:g} s (timed out)"
                    )
        except urllib3.exceptions.ReadTimeoutError:
            raise WebError(f"{url}: no answer within {limits.timeout_s:g} s (timed out)") from None
        except urllib3.exceptions.ProtocolError:
            got = f" after {size:,} of {declared:,} bytes" if declared else ""
            raise WebError(f"{url}: the connection was cut mid-page{got}") from None
        except urllib3.exceptions.DecodeError:
            raise WebError(f"{url}: the compressed page does not decompress") from None
        return b"".join(chunks)

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WebError(f"{url}: not a web address (http:// or https://)")
        robots = self.robots.get(parts.netloc)
        if robots is None:
            robots = self._load_robots(url, current)
            with self.lock:
                robots = self.robots.setdefault(parts.netloc, robots)
        if not robots.can_fetch("podcast", current):
            raise WebError(f"{url}: {parts.netloc}/robots.txt does not allow fetching it")

    def _load_robots(self, url: str, current: str) -> urllib.robotparser.RobotFileParser:
        """robots.txt of the host: 401 and 403 forbid everything; no file, or none to be had,
        allows everything (a page that cannot be had fails on its own)."""
        robots = urllib.robotparser.RobotFileParser()
        try:
            answer = self._request(url, urljoin(current, "/robots.txt"), {}, time.monotonic())
        except WebError:
            answer = None
        if answer is not None and answer.status in (401, 403):
            robots.parse(["User-agent: *", "Disallow: /"])
        elif answer is not None and answer.status == 200:
            robots.parse(answer.body.decode("utf-8", "replace").splitlines())
        else:
            robots.parse([])
        return robots


def _mb(limits: Fetch) -> str:
    return f"{limits.max_mb:g} MB"


def _cause(error: Exception) -> str:
    """The innermost reason of a urllib3 error, without the pool's wording."""
    reason = getattr(error, "reason", None) or error
    text = str(reason)
    return text.rsplit("connection: ", 1)[-1]
