"""A real HTTP server on 127.0.0.1 answering gTTS as Google Translate's batchexecute does."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/_/TranslateWebserverUi/data/batchexecute"


@dataclass
class Google:
    """What the server was asked, and how it answers."""

    speak: Callable[[str], bytes]
    requests: list[str] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


def request_text(body: str) -> str:
    """The text gTTS asked to speak, from its form-encoded batchexecute body."""
    rpc = json.loads(urllib.parse.parse_qs(body)["f.req"][0])
    return str(json.loads(rpc[0][0][1])[0])


def answer(mp3: bytes) -> bytes:
    """A batchexecute response line carrying ``mp3`` as base64, as Google sends it."""
    payload = json.dumps([base64.b64encode(mp3).decode()], separators=(",", ":"))
    line = json.dumps(
        [["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], separators=(",", ":")
    )
    return f")]}}'\n\n{len(line)}\n{line}\n".encode()


@contextmanager
def serve(speak: Callable[[str], bytes]) -> Iterator[Google]:
    """Run the server on a free port while the block runs."""
    google = Google(speak)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            text = request_text(body)
            with google.lock:
                google.requests.append(text)
            reply = answer(google.speak(text))
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    google.url = f"http://127.0.0.1:{server.server_address[1]}{PATH}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield google
    finally:
        server.shutdown()
        server.server_close()
