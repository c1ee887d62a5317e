"""A real HTTP server on 127.0.0.1 answering gTTS as Google Translate's batchexecute does.

Besides good answers it can misbehave the ways Google and networks do: wait,
rate-limit (429), fail (500, 503), stall past the client's timeout, drop the
connection halfway through an answer, send a tenth of the audio, answer
without audio, start a burst of 429s with ``Retry-After``, or go down
altogether. Which request misbehaves is drawn from a seeded generator keyed by
the text and how often it was asked before, so each request's fault is
independent of the others and a run repeats exactly however requests
interleave. Every request is logged with the times it arrived and was answered.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import math
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
FAULTS = ("429", "500", "cut_body", "cut_audio", "garbage", "stall", "503", "burst")
"""Faults drawn by rate; ``burst`` starts ``burst_s`` of 429s with ``Retry-After`` for everyone."""
RETRY_AFTER = "retry_after"
"""The answer logged for a request that came in during a burst."""
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
    burst_s: float = 1.0
    """How long a burst of 429s lasts; its answers say ``Retry-After`` the whole seconds left."""
    down_after: int | None = None
    """From this request on (counted from 0), every request gets ``down_answer``: an outage."""
    down_answer: str = "503"
    jitter_s: float = 0.0
    """Up to this much more latency, drawn per request."""

    def pick(self, text: str, attempt: int) -> str:
        """The answer to the ``attempt``-th request (from 0) for ``text``: ``ok`` or a fault."""
        for fragment, fault in self.always:
            if fragment in text:
                return fault
        draw = self.draw(text, attempt)
        for fault in FAULTS:
            draw -= self.rates.get(fault, 0.0)
            if draw < 0:
                return fault
        return "ok"

    def draw(self, text: str, attempt: int, purpose: str = "") -> float:
        """A number in [0, 1) for this request alone, the same in every run with this seed."""
        return random.Random(f"{self.seed}:{purpose}{attempt}:{text}").random()

    def delay_s(self, request: Request) -> float:
        """How long the server waits before it answers ``request``."""
        stall = self.stall_s if request.answer == "stall" else 0.0
        jitter = self.jitter_s * self.draw(request.text, request.attempt, "latency:")
        return self.latency_s + jitter + stall


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    text: str
    in_flight: int
    answer: str
    attempt: int = 0
    """How many requests for the same text came before this one."""
    at: float = 0.0
    """Seconds from the server's start to the request's arrival."""
    done: float | None = None
    """Seconds from the server's start to the answer's end (None: not answered yet)."""
    retry_after: int | None = None
    """The ``Retry-After`` the answer carried, in seconds."""


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
    started: float = field(default_factory=time.monotonic)
    burst_until: float = 0.0
    asked: dict[str, int] = field(default_factory=dict)

    def decide(self, text: str) -> tuple[int, Request]:
        """Count the request in and choose its answer; return its place in the log and it."""
        with self.lock:
            now = time.monotonic() - self.started
            attempt = self.asked.get(text, 0)
            self.asked[text] = attempt + 1
            self.requests.append(text)
            self.in_flight += 1
            index = len(self.log)
            faults = self.faults
            if faults.down_after is not None and index >= faults.down_after:
                answer = faults.down_answer
            elif now < self.burst_until:
                answer = RETRY_AFTER
            elif index < len(faults.first):
                answer = faults.first[index]
            else:
                answer = faults.pick(text, attempt)
            if answer == "burst":
                self.burst_until = now + faults.burst_s
            late = math.ceil(self.burst_until - now)
            wait = max(1, late) if answer in ("burst", RETRY_AFTER) else None
            request = Request(text, self.in_flight, answer, attempt, now, None, wait)
            self.log.append(request)
            return index, request

    def answered(self, index: int) -> None:
        """Note that the request at ``index`` in the log has had its answer."""
        with self.lock:
            self.in_flight -= 1
            done = time.monotonic() - self.started
            self.log[index] = dataclasses.replace(self.log[index], done=done)

    def in_flight_over_time(self) -> list[tuple[float, int]]:
        """(seconds from the start, requests in flight) at every arrival and answer."""
        with self.lock:
            events = [(request.at, 1) for request in self.log]
            events += [(request.done, -1) for request in self.log if request.done is not None]
        counts, count = [], 0
        for at, change in sorted(events):
            count += change
            counts.append((at, count))
        return counts


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
            index, request = google.decide(request_text(body))
            try:
                time.sleep(faults.delay_s(request))
                status, reply = self.reply(request)
            finally:
                google.answered(index)
            if request.answer == "refuse":  # the connection closes with no answer at all
                self.close_connection = True
                return
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(reply)))
                if request.retry_after is not None:
                    self.send_header("Retry-After", str(request.retry_after))
                self.end_headers()
                if request.answer == "cut_body":
                    self.wfile.write(reply[: len(reply) // 2])
                    self.close_connection = True
                else:
                    self.wfile.write(reply)
            except OSError:  # the client gave up waiting (a stall)
                self.close_connection = True

        def reply(self, request: Request) -> tuple[int, bytes]:
            if request.answer in ("429", "500", "503", "refuse"):
                return int(request.answer.replace("refuse", "500")), b"Not now"
            if request.answer in ("burst", RETRY_AFTER):
                return 429, b"Too Many Requests"
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
