"""A real HTTP server on 127.0.0.1 answering gTTS as Google Translate's batchexecute does.

Besides good answers it can misbehave the ways Google and networks do: wait,
rate-limit (429), fail (500), stall past the client's timeout, drop the
connection halfway through an answer, send a tenth of the audio, or answer
without audio. Which request misbehaves is decided from the text and how often
it was asked before, so a run repeats exactly however requests interleave.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import random
import socket
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from podcast.pcm import FFMPEG

PATH = "/_/TranslateWebserverUi/data/batchexecute"
FAULTS = ("429", "500", "cut_body", "cut_audio", "garbage", "stall")
GARBAGE = b')]}\'\n\n25\n[["di",12],["af.httprm",11]]\n'


@dataclass(frozen=True)
class Faults:
    """How often each misbehaviour answers a request, as a share of requests."""

    rates: dict[str, float] = field(default_factory=dict)
    latency_s: float = 0.0
    stall_s: float = 1.0
    seed: int = 0
    first: tuple[str, ...] = ()
    """Answers for the first requests in arrival order, before the rates apply."""
    always: tuple[tuple[str, str], ...] = ()
    """(text fragment, answer): every request for a text holding the fragment gets it."""

    def pick(self, text: str, attempt: int) -> str:
        """The answer to the ``attempt``-th request (from 0) for ``text``: ``ok`` or a fault."""
        for fragment, fault in self.always:
            if fragment in text:
                return fault
        draw = random.Random(f"{self.seed}:{attempt}:{text}").random()
        for fault in FAULTS:
            draw -= self.rates.get(fault, 0.0)
            if draw < 0:
                return fault
        return "ok"


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    text: str
    in_flight: int
    answer: str


@dataclass
class Google:
    """What the server was asked, and how it answers."""

    speak: Callable[[str], bytes]
    faults: Faults = Faults()
    requests: list[str] = field(default_factory=list)
    log: list[Request] = field(default_factory=list)
    connections: int = 0
    in_flight: int = 0
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def decide(self, text: str) -> Request:
        """Count the request in and choose its answer."""
        with self.lock:
            attempt = self.requests.count(text)
            self.requests.append(text)
            self.in_flight += 1
            index = len(self.log)
            if index < len(self.faults.first):
                answer = self.faults.first[index]
            else:
                answer = self.faults.pick(text, attempt)
            request = Request(text, self.in_flight, answer)
            self.log.append(request)
            return request


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
def serve(speak: Callable[[str], bytes], faults: Faults = Faults()) -> Iterator[Google]:
    """Run the server on a free port while the block runs."""
    google = Google(speak, faults)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep connections open, as Google does

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes: without this, Nagle's algorithm
            # and delayed ACKs add 40 ms to every kept-alive request.
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with google.lock:
                google.connections += 1

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            request = google.decide(request_text(body))
            try:
                time.sleep(faults.latency_s + (faults.stall_s if request.answer == "stall" else 0))
                status, reply = self.reply(request)
            finally:
                with google.lock:
                    google.in_flight -= 1
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                if request.answer == "cut_body":
                    self.wfile.write(reply[: len(reply) // 2])
                    self.close_connection = True
                else:
                    self.wfile.write(reply)
            except OSError:  # the client gave up waiting (a stall)
                self.close_connection = True

        def reply(self, request: Request) -> tuple[int, bytes]:
            if request.answer in ("429", "500"):
                return int(request.answer), b"Too Many Requests or Internal Error"
            if request.answer == "garbage":
                return 200, GARBAGE
            mp3 = google.speak(request.text)
            if request.answer == "cut_audio":
                mp3 = mp3[: len(mp3) // 10]
            return 200, answer(mp3)

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


MS_PER_CHAR = 65
FRAME_BYTES = 96  # MPEG-2 layer III, 24 kHz, 32 kbps, no padding
FRAME_MS = 24
TONES_HZ = (220, 330, 440, 550)


@functools.cache
def _tone_frames(hz: int) -> bytes:
    """A minute of a sine tone as bare MP3 frames (no ID3, no Xing header)."""
    command = [
        FFMPEG,
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency={hz}:sample_rate=24000:duration=60",
        "-ac",
        "1",
        "-b:a",
        "32k",
        "-id3v2_version",
        "0",
        "-write_xing",
        "0",
        "-f",
        "mp3",
        "-",
    ]
    return subprocess.run(command, capture_output=True, check=True).stdout


def tone(text: str) -> bytes:
    """MP3 like Google's (24 kHz mono, 32 kbps), 65 ms per character, pitched by the text.

    Cheap and the same for the same text: whole frames cut from one encoded tone.
    """
    hz = TONES_HZ[hashlib.sha256(text.encode()).digest()[0] % len(TONES_HZ)]
    frames = -(-len(text) * MS_PER_CHAR // FRAME_MS)
    return _tone_frames(hz)[: frames * FRAME_BYTES]
