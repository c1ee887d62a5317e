"""A real HTTP server on 127.0.0.1 playing a small Indonesian news site.

It serves article pages in the layouts of several outlets (tests/data/web/),
articles split over pages, an RSS 2.0 and an Atom feed with ETag and
Last-Modified (and 304 to conditional requests), robots.txt, redirects and a
redirect loop, and every way a page can fail: 404, 500, a slow answer, a page
that trickles in, a huge page, a gzip bomb, a PDF, an image, a section front
page, a page that needs JavaScript, a connection cut mid-page, a Windows-1252
page and a feed that is not a feed. Every request is logged.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from tests import support

DATA = support.DATA / "web"
HTML = "text/html; charset=utf-8"

# path -> (file in tests/data/web, Content-Type as sent)
PAGES: dict[str, tuple[str, str]] = {
    "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur": (
        "kompas_banjir.html",
        HTML,
    ),
    "/detik/berita/d-7712345/gempa-m-56-guncang-garut": ("detik_gempa.html", HTML),
    "/cnn/ekonomi/20261130130500-92-1100200/harga-beras-medium-turun": ("cnn_beras.html", HTML),
    "/cnn/ekonomi/20261130130500-92-1100200/harga-beras-medium-turun?page=1": (
        "cnn_beras.html",
        HTML,
    ),
    "/cnn/ekonomi/20261130130500-92-1100200/harga-beras-medium-turun?page=2": (
        "cnn_beras.2.html",
        HTML,
    ),
    "/tempo/read/1999001/uji-coba-sekolah-lima-hari": ("tempo_sekolah.html", HTML),
    "/antara/berita/4400100/pelabuhan-tanjung-perak-layani-12-juta-peti-kemas": (
        "antara_pelabuhan.html",
        HTML,
    ),
    "/liputan6/bisnis/read/6100200/kereta-cepat-tambah-perjalanan": ("liputan6_kereta.html", HTML),
    "/liputan6/bisnis/read/6100200/kereta-cepat-tambah-perjalanan/2": (
        "liputan6_kereta.2.html",
        HTML,
    ),
    "/liputan6/bisnis/read/6100200/kereta-cepat-tambah-perjalanan/3": (
        "liputan6_kereta.3.html",
        HTML,
    ),
    # Windows-1252 bytes: declared only by the page's meta tag...
    "/tribun/2026/11/28/harga-kopi-arabika-gayo-tembus-rp-180-ribu": (
        "tribun_kopi.html",
        "text/html",
    ),
    # ...and by an HTTP charset of ISO-8859-1, which browsers read as Windows-1252.
    "/tribun/amp/2026/11/28/harga-kopi-arabika-gayo-tembus-rp-180-ribu": (
        "tribun_kopi.html",
        "text/html; charset=ISO-8859-1",
    ),
    # UTF-8 declared nowhere: found by detection.
    "/kumparan/kumparansains/vaksin-dengue-gratis-anak-sd-bali-1zX9": (
        "kumparan_vaksin.html",
        "text/html",
    ),
    "/kompas/megapolitan": ("kompas_section.html", HTML),
    "/app/berita/5512": ("js_only.html", HTML),
    "/private/laporan-internal": ("kompas_banjir.html", HTML),
    "/notafeed.xml": ("kompas_section.html", HTML),
}

# The article pages with their expected text: URL path -> name in tests/data/web.
ARTICLES: dict[str, str] = {
    "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur": "kompas_banjir",
    "/detik/berita/d-7712345/gempa-m-56-guncang-garut": "detik_gempa",
    "/cnn/ekonomi/20261130130500-92-1100200/harga-beras-medium-turun": "cnn_beras",
    "/tempo/read/1999001/uji-coba-sekolah-lima-hari": "tempo_sekolah",
    "/antara/berita/4400100/pelabuhan-tanjung-perak-layani-12-juta-peti-kemas": "antara_pelabuhan",
    "/liputan6/bisnis/read/6100200/kereta-cepat-tambah-perjalanan": "liputan6_kereta",
    "/tribun/2026/11/28/harga-kopi-arabika-gayo-tembus-rp-180-ribu": "tribun_kopi",
    "/kumparan/kumparansains/vaksin-dengue-gratis-anak-sd-bali-1zX9": "kumparan_vaksin",
}

REDIRECTS: dict[str, tuple[int, str]] = {
    "/s/banjir": (301, "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur"),
    "/go/1": (302, "/go/2"),
    "/go/2": (307, "/go/3"),
    "/go/3": (301, "/tempo/read/1999001/uji-coba-sekolah-lima-hari"),
    "/loop/a": (302, "/loop/b"),
    "/loop/b": (302, "/loop/a"),
    **{f"/far/{n}": (302, f"/far/{n + 1}") for n in range(1, 12)},
    "/ke/metadata": (302, "http://169.254.169.254/latest/meta-data/"),
    "/ke/router": (301, "http://192.168.1.1/"),
}

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + bytes(200)
    + b"\xff\xd9"
)
NOT_FOUND = b"<html><body><h1>404 Halaman tidak ditemukan</h1></body></html>"
# path -> the handler method that misbehaves there
SPECIAL = {
    "/error": "_error",
    "/doc.pdf": "_doc_pdf",
    "/foto.jpg": "_foto_jpg",
    "/slow": "_slow",
    "/trickle": "_trickle",
    "/huge": "_huge",
    "/bomb": "_bomb",
    "/cut": "_cut",
}
FEED_TIME = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    """One entry of a feed."""

    path: str
    title: str
    guid: str
    published: datetime


RSS_ITEMS = (
    Item(
        "/kompas/read/2026/11/30/07150051/banjir-rendam-40-rt-di-jakarta-timur",
        "Banjir Rendam 40 RT di Jakarta Timur, Warga Mengungsi ke Masjid",
        "kompas-07150051",
        datetime(2026, 11, 30, 0, 15, tzinfo=UTC),
    ),
    Item(
        "/tempo/read/1999001/uji-coba-sekolah-lima-hari",
        "Kemendikdasmen Uji Coba Sekolah Lima Hari di 300 SD",
        "tempo-1999001",
        datetime(2026, 11, 29, 9, 40, tzinfo=UTC),
    ),
    Item(
        "/antara/berita/4400100/pelabuhan-tanjung-perak-layani-12-juta-peti-kemas",
        "Pelabuhan Tanjung Perak Layani 1,2 Juta Peti Kemas hingga November",
        "",
        datetime(2026, 11, 30, 2, 0, tzinfo=UTC),
    ),
)
ATOM_ITEMS = (
    Item(
        "/detik/berita/d-7712345/gempa-m-56-guncang-garut",
        "Gempa M 5,6 Guncang Garut, Warga Berhamburan Keluar Rumah",
        "tag:detik,2026:d-7712345",
        datetime(2026, 11, 30, 3, 42, tzinfo=UTC),
    ),
    Item(
        "/kumparan/kumparansains/vaksin-dengue-gratis-anak-sd-bali-1zX9",
        "Vaksin Dengue Gratis untuk Anak SD di Bali Mulai Januari",
        "tag:kumparan,2026:1zX9",
        datetime(2026, 11, 30, 1, 30, tzinfo=UTC),
    ),
)


@dataclass(frozen=True)
class Request:
    """One request as the server saw it, and its answer's status."""

    at: float
    method: str
    path: str
    status: int
    headers: dict[str, str]


@dataclass
class NewsSite:
    """The site's state: its address, its feeds' items and the request log."""

    base: str = ""
    rss: list[Item] = field(default_factory=lambda: list(RSS_ITEMS))
    atom: list[Item] = field(default_factory=lambda: list(ATOM_ITEMS))
    feed_time: datetime = FEED_TIME
    slow_s: float = 3.0
    trickle_s: float = 6.0
    huge_bytes: int = 30_000_000
    faults: dict[str, str] = field(default_factory=dict)
    """path -> "404", "500", "cut" or "hang" (answers after slow_s): how that page misbehaves."""
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    extra: dict[str, bytes] = field(default_factory=dict)
    """path -> an HTML page published while the site runs."""
    fault_for: Callable[[str], str | None] | None = None
    """Draws a fault (as in ``faults``) for each request's path, or None: random faults."""
    keep_log: bool = True

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.base + path

    def requests_to(self, path: str) -> list[Request]:
        """The logged requests whose path (with its query) is ``path``."""
        with self.lock:
            return [request for request in self.log if request.path == path]

    def add_rss_item(self, item: Item) -> None:
        """Publish a new item at the top of the RSS feed; its validators change."""
        self.rss.insert(0, item)
        self.feed_time = max(self.feed_time, item.published)

    def page(self, name: str) -> bytes:
        """A page from tests/data/web with this site's address filled in."""
        return (DATA / name).read_bytes().replace(b"@BASE@", self.base.encode())

    def rss_xml(self) -> bytes:
        """The RSS 2.0 feed."""
        items = "".join(
            f"<item><title>{escape(item.title)}</title><link>{self.url(item.path)}</link>"
            + (f'<guid isPermaLink="false">{item.guid}</guid>' if item.guid else "")
            + f"<pubDate>{format_datetime(item.published)}</pubDate>"
            f"<description>{escape(item.title)}</description></item>"
            for item in self.rss
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>Berita Terkini</title><link>{self.base}/</link>"
            "<description>Berita terkini dari Indonesia</description><language>id</language>"
            f"<lastBuildDate>{format_datetime(self.feed_time)}</lastBuildDate>"
            f"{items}</channel></rss>\n"
        ).encode()

    def atom_xml(self) -> bytes:
        """The Atom feed."""
        entries = "".join(
            f'<entry><title>{escape(item.title)}</title><link rel="alternate" '
            f'href="{self.url(item.path)}"/><id>{item.guid}</id>'
            f"<updated>{item.published.isoformat()}</updated></entry>"
            for item in self.atom
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Berita Sains</title>'
            f"<id>{self.base}/atom.xml</id><updated>{self.feed_time.isoformat()}</updated>"
            f"{entries}</feed>\n"
        ).encode()


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the site keeps its own log."""

        def _log(self, status: int) -> None:
            if not site.keep_log:
                return
            with site.lock:
                site.log.append(
                    Request(time.monotonic(), self.command, self.path, status, dict(self.headers))
                )

        def _send(self, status: int, body: bytes, content_type: str = HTML, **headers: str) -> None:
            self._log(status)
            gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and content_type == HTML
            if gzipped and status == 200:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = self.path
            fault = site.faults.get(path)
            if fault is None and site.fault_for is not None:
                fault = site.fault_for(path)
            if fault == "hang":
                time.sleep(site.slow_s)
            if fault == "cut":
                return self._cut()
            if fault in ("404", "500"):
                return self._send(int(fault), NOT_FOUND if fault == "404" else b"error")
            if path == "/robots.txt":
                return self._send(200, ROBOTS, "text/plain")
            if path in site.extra:
                return self._send(200, site.extra[path])
            if path in PAGES:
                name, content_type = PAGES[path]
                return self._send(200, site.page(name), content_type)
            if path in REDIRECTS:
                status, target = REDIRECTS[path]
                return self._send(status, b"", HTML, Location=target)
            if path in ("/rss.xml", "/atom.xml"):
                return self._feed(path)
            if path.startswith("/endless"):
                return self._endless(path)
            if path in SPECIAL:
                return getattr(self, SPECIAL[path])()  # type: ignore[no-any-return]
            return self._send(
                404, b"<html><body><h1>404 Halaman tidak ditemukan</h1></body></html>"
            )

        def _feed(self, path: str) -> None:
            body, content_type = (
                (site.rss_xml(), "application/rss+xml; charset=utf-8")
                if path == "/rss.xml"
                else (site.atom_xml(), "application/atom+xml")
            )
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = format_datetime(site.feed_time, usegmt=True)
            since = self.headers.get("If-Modified-Since")
            unchanged = self.headers.get("If-None-Match") == etag or (
                "If-None-Match" not in self.headers
                and since is not None
                and parsedate_to_datetime(since) >= site.feed_time
            )
            if unchanged:
                self._log(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.end_headers()
                return None
            return self._send(200, body, content_type, ETag=etag, Last_Modified=modified)

        def _error(self) -> None:
            self._send(500, b"<html><body>Internal Server Error</body></html>")

        def _doc_pdf(self) -> None:
            self._send(200, PDF, "application/pdf")

        def _foto_jpg(self) -> None:
            self._send(200, JPEG, "image/jpeg")

        def _slow(self) -> None:
            time.sleep(site.slow_s)
            self._send(200, site.page("kompas_banjir.html"))

        def _trickle(self) -> None:
            """Headers at once, then a byte every tenth of a second for trickle_s."""
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Connection", "close")
            self.end_headers()
            deadline = time.monotonic() + site.trickle_s
            try:
                self.wfile.write(b"<html><body><p>")
                while time.monotonic() < deadline:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True

        def _huge(self) -> None:
            """An endless-looking page without a length: the client must stop reading."""
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"Berita panjang sekali. " * 400 + b"</p>\n"
            sent = 0
            try:
                self.wfile.write(b"<html><body>")
                while sent < site.huge_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            self.close_connection = True

        def _bomb(self) -> None:
            """A small gzip body that inflates to a huge page."""
            body = gzip.compress(b"<html><body>" + b" " * site.huge_bytes, compresslevel=9)
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _endless(self, path: str) -> None:
            """An article whose every page links a next one: /endless, /endless/2, ..."""
            number = int(path.rsplit("/", 1)[-1]) if path.count("/") > 1 else 1
            page = (
                "<html><head><title>Berita Bersambung</title>"
                f'<link rel="next" href="/endless/{number + 1}"></head><body><article>'
                "<h1>Berita Bersambung</h1>"
                f"<p>Ini adalah paragraf halaman {number} dari berita yang tidak pernah "
                "selesai karena setiap halaman menunjuk halaman berikutnya.</p>"
                "</article></body></html>"
            )
            self._send(200, page.encode())

        def _cut(self) -> None:
            """A page whose connection closes a third of the way through."""
            body = site.extra.get(self.path) or site.page(
                PAGES.get(self.path, ("kompas_banjir.html",))[0]
            )
            self._log(200)
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (as after its timeout) is no error of the site's."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def news_site(host: str = "127.0.0.1", **settings: object) -> Iterator[NewsSite]:
    """Run the news site on a free port of ``host`` (a loopback address) for the block."""
    site = NewsSite(**settings)  # type: ignore[arg-type]
    server = _Server((host, 0), _handler(site))
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def expected_text(name: str) -> str:
    """The expected cleaned text of an article page, written before the tool ran on it."""
    return (DATA / f"{name}.expected.txt").read_text(encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - to look at the site by hand
    with news_site() as running:
        print(running.base, flush=True)
        threading.Event().wait()
