"""A real WebSocket server on 127.0.0.1 speaking Microsoft Edge's read-aloud protocol.

The unmodified ``edge-tts`` client talks to it once its two URLs point here.
It checks the handshake as the service does (the trusted-client token, a
connection id, the time-based ``Sec-MS-GEC`` token for the server's own clock
with a ``Date`` header on a 403 so the client can correct its clock skew,
the Edge extension's ``Origin`` and a ``muid`` cookie), reads the
``speech.config`` and SSML messages, and answers with ``turn.start``, binary
``audio`` frames (a two-byte header length, the header, then 24 kHz 48 kbit/s
mono MP3), ``audio.metadata`` word boundaries in 100 ns ticks and
``turn.end``. The speech is eSpeak NG's, word by word, so durations are
plausible for the text and every boundary is exactly where its word is.

By default every word comes back as written, one boundary per message. With
``Quirks`` it reports words the way the real service does (seen in subtitle
files made by edge-tts from known input): the first word starts 0.1 s in and
the audio runs 0.3 to 1.1 s past the last one; punctuation around a word is
dropped and ``&<>`` are escaped; now and then a token is split at an inner
dot or hyphen, a number or an abbreviation is spelled out as it is said, two
words come back as one boundary, a word has none, and several boundaries
share one ``audio.metadata`` message (edge-tts keeps only the first of them).

Besides good answers it misbehaves the ways the service and networks do:
refuse the handshake (403, 429, 503), answer a turn without audio, cut the
socket mid-audio, stall with the socket open, or wait before answering. Which
connection misbehaves is decided from the text and how often it was asked
before, so a run repeats exactly however connections interleave.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import io
import json
import random
import re
import subprocess
import threading
import time
import uuid
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import escape, unescape

import imageio_ffmpeg
from aiohttp import web
from edge_tts.constants import TRUSTED_CLIENT_TOKEN
from edge_tts.drm import generate_sec_ms_gec_v2

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
SYNTHESIS_PATH = "/consumer/speech/synthesize/readaloud/edge/v1"
VOICES_PATH = "/consumer/speech/synthesize/readaloud/voices/list"
ORIGIN = "chrome-extension://jdiccldimpdaibmpdkjnbmckianbfold"
OUTPUT_FORMAT = "audio-24khz-48kbitrate-mono-mp3"
REFUSALS = ("403", "429", "503")
"""Refusals of the handshake: drawn per connection, since the text comes after it."""
FAULTS = ("no_audio", "cut", "stall")
"""Misbehaviours of a turn: drawn per text and attempt."""
TICKS_PER_MS = 10_000
FRAME_BYTES = 144  # MPEG-2 layer III, 24 kHz, 48 kbit/s: 576 samples (24 ms) per frame
FRAME_MS = 24
LEAD_MS = 100
GAP_MS = {",": 180, ";": 220, ":": 220, ".": 380, "!": 380, "?": 380}
TAIL_MS = 300
SSML = re.compile(
    r"<voice name='(?P<voice>[^']+)'><prosody pitch='(?P<pitch>[^']+)' "
    r"rate='(?P<rate>[^']+)' volume='(?P<volume>[^']+)'>(?P<text>.*)</prosody></voice></speak>$",
    re.S,
)
TOKEN = re.compile(r"^[0-9A-F]{16}-[0-9A-F]{64}$")
EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?…"

VOICES = [
    ("id-ID", "ArdiNeural", "Male", "Indonesian (Indonesia)", ["Warm", "Confident"]),
    ("id-ID", "GadisNeural", "Female", "Indonesian (Indonesia)", ["Friendly", "Positive"]),
    ("jv-ID", "DimasNeural", "Male", "Javanese (Indonesia)", ["Friendly", "Positive"]),
    ("jv-ID", "SitiNeural", "Female", "Javanese (Indonesia)", ["Friendly", "Positive"]),
    ("su-ID", "JajangNeural", "Male", "Sundanese (Indonesia)", ["Friendly", "Positive"]),
    ("su-ID", "TutiNeural", "Female", "Sundanese (Indonesia)", ["Friendly", "Positive"]),
    ("ms-MY", "OsmanNeural", "Male", "Malay (Malaysia)", ["Friendly", "Positive"]),
    ("ms-MY", "YasminNeural", "Female", "Malay (Malaysia)", ["Friendly", "Positive"]),
    ("en-US", "AriaNeural", "Female", "English (United States)", ["Positive", "Confident"]),
    ("en-US", "GuyNeural", "Male", "English (United States)", ["Passion"]),
    ("en-GB", "SoniaNeural", "Female", "English (United Kingdom)", ["Friendly", "Positive"]),
]


def voice_list() -> list[dict[str, object]]:
    """The voice list as the service answers it (a subset of its voices, same fields)."""
    return [
        {
            "Name": f"Microsoft Server Speech Text to Speech Voice ({locale}, {name})",
            "ShortName": f"{locale}-{name}",
            "Gender": gender,
            "Locale": locale,
            "SuggestedCodec": OUTPUT_FORMAT,
            "FriendlyName": f"Microsoft {name.removesuffix('Neural')} Online (Natural)"
            f" - {language}",
            "Status": "GA",
            "VoiceTag": {"ContentCategories": ["General"], "VoicePersonalities": personalities},
        }
        for locale, name, gender, language, personalities in VOICES
    ]


LETTERS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        [
            "a",
            "be",
            "ce",
            "de",
            "e",
            "ef",
            "ge",
            "ha",
            "i",
            "je",
            "ka",
            "el",
            "em",
            "en",
            "o",
            "pe",
            "ki",
            "er",
            "es",
            "te",
            "u",
            "ve",
            "we",
            "eks",
            "ye",
            "zet",
        ],
        strict=True,
    )
)
"""How an Indonesian voice says each letter of an abbreviation."""
DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
OLD_SPELLING = (("kh", "ch"), ("c", "tj"), ("j", "dj"), ("y", "j"), ("u", "oe"))
"""Indonesian's spelling before 1972, the other way round: a word written as it once was."""


@dataclass(frozen=True)
class Quirks:
    """How the service reports words unlike they are written, as a share of words."""

    spell: float = 0.0
    """A number or an abbreviation (two capitals or more) reported as the words it is said as."""
    split: float = 0.0
    """A token with an inner dot or hyphen (``detik.com``, ``Rusia-Ukraina``) reported in pieces."""
    merge: float = 0.0
    """A word reported together with the next, as one boundary."""
    drop: float = 0.0
    """A word reported with no boundary."""
    together: float = 0.0
    """A boundary sent in the same message as the one before it."""
    respell_last: bool = False
    """Every text's last word reported in another spelling."""
    tail_ms: tuple[int, int] = (TAIL_MS, TAIL_MS)
    """The silence after the last word: drawn between these, per text."""
    seed: int = 0


REALISTIC = Quirks(spell=0.6, split=0.5, merge=0.02, drop=0.01, together=0.05, tail_ms=(300, 1100))
"""Rates in the range of the service's captures (spelling out varies by voice and text)."""


@dataclass(frozen=True)
class Faults:
    """How often each misbehaviour answers a connection, as a share of connections."""

    rates: dict[str, float] = field(default_factory=dict)
    latency_s: float = 0.0
    """Wait before the first audio of every turn."""
    stall_s: float = 30.0
    """How long a stalled turn keeps the socket open without a word."""
    cut_share: float = 0.4
    """The share of a turn's audio sent before a cut."""
    skew_s: float = 0.0
    """How far the server's clock is ahead of the client's: tokens are checked against it."""
    seed: int = 0
    first: tuple[str, ...] = ()
    """Answers for the first connections in arrival order, before the rates apply."""
    always: tuple[tuple[str, str], ...] = ()
    """(text fragment, answer): every connection for a text holding the fragment gets it."""
    quirks: Quirks = Quirks()
    """How the words are reported: as written unless told otherwise."""

    def pick(self, text: str, attempt: int) -> str:
        """The answer to the ``attempt``-th connection (from 0) for ``text``: ``ok`` or a fault."""
        for fragment, fault in self.always:
            if fragment in text:
                return fault
        draw = random.Random(f"{self.seed}:{attempt}:{text}").random()
        for fault in FAULTS:
            draw -= self.rates.get(fault, 0.0)
            if draw < 0:
                return fault
        return "ok"


@dataclass
class Connection:
    """One connection as the server saw it."""

    query: dict[str, str]
    headers: dict[str, str]
    answer: str = ""
    text: str = ""
    voice: str = ""
    rate: str = ""
    pitch: str = ""
    config: dict[str, object] = field(default_factory=dict)
    audio_bytes: int = 0
    words: int = 0
    opened: float = 0.0
    closed: float = 0.0


@dataclass
class Edge:
    """What the server was asked, and how it answers."""

    faults: Faults = Faults()
    log: list[Connection] = field(default_factory=list)
    voice_requests: int = 0
    texts: list[str] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    wss_url: str = ""
    voices_url: str = ""
    message_bytes: int = 4096
    lock: threading.Lock = field(default_factory=threading.Lock)

    def token_ok(self, token: str) -> bool:
        """Whether ``token`` is the Sec-MS-GEC of the server's clock now (or 5 minutes ago)."""
        now = time.time() + self.faults.skew_s
        return token in {generate_sec_ms_gec_v2(now), generate_sec_ms_gec_v2(now - 300)}

    def decide(self, text: str, index: int) -> str:
        """Choose the answer to the ``index``-th connection (from 0), asking for ``text``."""
        with self.lock:
            attempt = self.texts.count(text)
            self.texts.append(text)
        if index < len(self.faults.first):
            return self.faults.first[index]
        return self.faults.pick(text, attempt)

    def connections(self) -> int:
        """Connections opened so far (refused handshakes included)."""
        with self.lock:
            return len(self.log)


@dataclass(frozen=True)
class Word:
    """A word boundary: the word as written and where it is in the audio, in ms."""

    text: str
    offset_ms: int
    duration_ms: int


@dataclass(frozen=True)
class Speech:
    """One turn's audio (bare MP3 frames) and its word boundaries, message by message."""

    mp3: bytes
    messages: tuple[tuple[Word, ...], ...]

    @property
    def words(self) -> tuple[Word, ...]:
        """Every boundary the service sends."""
        return tuple(word for message in self.messages for word in message)

    @property
    def received(self) -> tuple[Word, ...]:
        """The boundaries edge-tts hands on: the first of each message."""
        return tuple(message[0] for message in self.messages)


def _wav_pcm(wav: bytes) -> tuple[bytes, int]:
    with wave.open(io.BytesIO(wav)) as reader:
        return reader.readframes(reader.getnframes()), reader.getframerate()


def _encode(pcm: bytes, rate_hz: int, tempo: float) -> bytes:
    """Mono 16-bit PCM as bare MP3 frames, 24 kHz, 48 kbit/s CBR, sped up by ``tempo``."""
    command = [FFMPEG, "-v", "error", "-f", "s16le", "-ar", str(rate_hz), "-ac", "1"]
    command += ["-i", "pipe:0", "-ar", "24000", "-ac", "1", "-b:a", "48k"]
    if tempo != 1.0:
        command += ["-af", f"atempo={tempo:.4f}"]
    command += ["-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", "-"]
    return subprocess.run(command, input=pcm, capture_output=True, check=True).stdout


def tempo_of(rate: str) -> float:
    """The speed an SSML rate such as ``+10%`` asks for."""
    return max(0.5, min(2.0, 1 + int(rate.rstrip("%")) / 100))


def speak(text: str, rate: str = "+0%", quirks: Quirks = Quirks()) -> Speech:
    """``text`` spoken by eSpeak NG word by word, with Edge-like pauses and word boundaries.

    Remembered per text, rate and quirks: like the service, the same text always
    gets the same audio.
    """
    return _spoken(text, rate, quirks)


def _spoken(text: str, rate: str, quirks: Quirks) -> Speech:
    draw = random.Random(f"{quirks.seed}:{text}")
    mp3, words = _voiced(text, rate)
    tail_ms = draw.randint(*quirks.tail_ms) - TAIL_MS
    mp3 += _silence()[: tail_ms // FRAME_MS * FRAME_BYTES]
    return Speech(mp3, _messages(_reported(list(words), quirks, draw), quirks, draw))


@functools.cache
def _voiced(text: str, rate: str) -> tuple[bytes, tuple[Word, ...]]:
    """The MP3 of ``text`` and its words as written, ending ``TAIL_MS`` after the last."""
    from podcast.speech.espeak import Espeak

    espeak = Espeak()
    pieces: list[bytes] = []
    words: list[Word] = []
    sample_rate = 22050
    position_ms = LEAD_MS
    tempo = tempo_of(rate)
    for written in text.split():
        core = written.strip(EDGE_PUNCTUATION)
        if any(c.isalnum() for c in core):
            pcm, sample_rate = _wav_pcm(espeak.speak(core).data)
            pieces.append(pcm)
            duration_ms = len(pcm) * 1000 // (2 * sample_rate)
            words.append(Word(core, round(position_ms / tempo), round(duration_ms / tempo)))
            position_ms += duration_ms
        gap_ms = GAP_MS.get(written.rstrip("\"'”’»)]")[-1:], 40)
        pieces.append(b"\0\0" * (sample_rate * gap_ms // 1000))
        position_ms += gap_ms
    silence = b"\0\0" * (sample_rate * LEAD_MS // 1000)
    tail = b"\0\0" * (sample_rate * TAIL_MS // 1000)
    pcm = silence + b"".join(pieces) + tail
    return _encode(pcm, sample_rate, tempo), tuple(words)


@functools.cache
def _silence() -> bytes:
    """Two seconds of silent MP3 frames, to lengthen a turn's tail frame by frame."""
    return _encode(b"\0\0" * 22050 * 2, 22050, 1.0)


def cut_answer(
    speech: Speech, share: float, message_bytes: int = 4096
) -> tuple[bytes, tuple[Word, ...]]:
    """The audio and boundaries edge-tts gets when the socket dies after ``share`` of the audio.

    As the server sends them: each message of boundaries ahead of the audio it times.
    """
    audio = speech.mp3
    limit = int(len(audio) * share) // FRAME_BYTES * FRAME_BYTES
    messages = list(speech.messages)
    received: list[Word] = []
    for sent in range(0, limit + 1, message_bytes):
        end_ms = min(sent + message_bytes, len(audio)) // FRAME_BYTES * FRAME_MS
        while messages and messages[0][0].offset_ms < end_ms:
            received.append(messages.pop(0)[0])
    return audio[:limit], tuple(received)


def _reported(words: list[Word], quirks: Quirks, draw: random.Random) -> list[Word]:
    """The boundaries the service reports for ``words``, with its quirks."""
    reported: list[Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        pieces = [word.text]
        if index == len(words) and quirks.respell_last:
            pieces = respelled(word.text).split()
        elif spoken_as(word.text) and draw.random() < quirks.spell:
            pieces = spoken_as(word.text).split()
        elif re.search(r"\w[.-]\w", word.text) and draw.random() < quirks.split:
            pieces = [piece for piece in re.split(r"[.-]", word.text) if piece]
        elif index < len(words) and draw.random() < quirks.merge:
            after = words[index]
            index += 1
            end = after.offset_ms + after.duration_ms
            reported.append(Word(f"{word.text} {after.text}", word.offset_ms, end - word.offset_ms))
            continue
        elif draw.random() < quirks.drop:
            continue
        share = word.duration_ms // len(pieces)
        reported += [
            Word(piece, word.offset_ms + n * share, share) for n, piece in enumerate(pieces)
        ]
    return reported


def _messages(
    words: list[Word], quirks: Quirks, draw: random.Random
) -> tuple[tuple[Word, ...], ...]:
    """``words`` as the messages that carry them: now and then two or more in one."""
    messages: list[list[Word]] = []
    for word in words:
        if messages and draw.random() < quirks.together:
            messages[-1].append(word)
        else:
            messages.append([word])
    return tuple(tuple(message) for message in messages)


def spoken_as(token: str) -> str:
    """A number or abbreviation as an Indonesian voice says it, or "" for other tokens.

    >>> spoken_as("2025"), spoken_as("DPR"), spoken_as("Jakarta")
    ('dua ribu dua puluh lima', 'de pe er', '')
    """
    if token.isdigit() and len(token) <= 9:
        return number_words(int(token))
    if len(token) >= 2 and token.isalpha() and token.isupper():
        return " ".join(LETTERS.get(letter, letter) for letter in token.lower())
    return ""


def number_words(number: int) -> str:
    """``number`` in Indonesian words.

    >>> number_words(0), number_words(11), number_words(115), number_words(1250)
    ('nol', 'sebelas', 'seratus lima belas', 'seribu dua ratus lima puluh')
    """
    if number < 10:
        return DIGITS[number]
    for size, name in ((1_000_000, "juta"), (1000, "ribu"), (100, "ratus"), (10, "puluh")):
        if number >= size:
            high, low = divmod(number, size)
            if size == 10 and high == 1:
                head = "sepuluh" if low == 0 else "sebelas" if low == 1 else ""
                return head or f"{DIGITS[low]} belas"
            head = (
                f"se{name}" if high == 1 and size in (1000, 100) else f"{number_words(high)} {name}"
            )
            return head if low == 0 else f"{head} {number_words(low)}"
    raise AssertionError(number)


def respelled(word: str) -> str:
    """``word`` in another spelling: as said, or as written before 1972, or letter by letter.

    >>> respelled("2025"), respelled("Ukraina"), respelled("konflik")
    ('dua ribu dua puluh lima', 'Oekraina', 'ka o en ef el i ka')
    """
    said = spoken_as(word)
    if said:
        return said
    old = word
    for new, before in OLD_SPELLING:
        old = old.replace(new, before).replace(new.capitalize(), before.capitalize())
    if old != word:
        return old
    return " ".join(LETTERS.get(letter, letter) for letter in word.lower())


def _text_message(request_id: str, path: str, body: str) -> str:
    return (
        f"X-RequestId:{request_id}\r\nContent-Type:application/json; charset=utf-8\r\n"
        f"Path:{path}\r\n\r\n{body}"
    )


def _audio_message(request_id: str, stream_id: str, data: bytes) -> bytes:
    kind = "Content-Type:audio/mpeg\r\n" if data else ""
    header = f"X-RequestId:{request_id}\r\n{kind}X-StreamId:{stream_id}\r\nPath:audio\r\n"
    encoded = header.encode()
    return len(encoded).to_bytes(2, "big") + encoded + data


def _metadata(words: tuple[Word, ...]) -> str:
    return json.dumps(
        {
            "Metadata": [
                {
                    "Type": "WordBoundary",
                    "Data": {
                        "Offset": word.offset_ms * TICKS_PER_MS,
                        "Duration": word.duration_ms * TICKS_PER_MS,
                        "text": {
                            "Text": escape(word.text),
                            "Length": len(word.text),
                            "BoundaryType": "WordBoundary",
                        },
                    },
                }
                for word in words
            ]
        }
    )


def _headers_of(message: str) -> tuple[dict[str, str], str]:
    head, _, body = message.partition("\r\n\r\n")
    headers = dict(line.split(":", 1) for line in head.split("\r\n") if ":" in line)
    return headers, body


def _app(edge: Edge) -> web.Application:
    async def synthesis(request: web.Request) -> web.StreamResponse:
        connection = Connection(dict(request.query), dict(request.headers), opened=time.time())
        with edge.lock:
            index = len(edge.log)
            edge.log.append(connection)
        try:
            return await _turn(request, connection, index)
        finally:
            connection.closed = time.time()

    async def _turn(request: web.Request, connection: Connection, index: int) -> web.StreamResponse:
        refusal = _refusal(edge, request, index)
        if refusal:
            connection.answer = refusal
            return web.Response(status=int(refusal), headers={"Date": _server_date(edge)})
        socket = web.WebSocketResponse(compress=True, max_msg_size=0)
        await socket.prepare(request)
        config_message = await socket.receive_str(timeout=10)
        headers, body = _headers_of(config_message)
        if headers.get("Path") != "speech.config":
            connection.answer = "bad speech.config"
            await socket.close()
            return socket
        connection.config = json.loads(body)
        ssml_message = await socket.receive_str(timeout=10)
        headers, body = _headers_of(ssml_message)
        found = SSML.search(body)
        if headers.get("Path") != "ssml" or not found:
            connection.answer = "bad ssml"
            await socket.close()
            return socket
        request_id = headers["X-RequestId"]
        connection.voice, connection.rate = found["voice"], found["rate"]
        connection.pitch = found["pitch"]
        connection.text = unescape(found["text"])
        answer = edge.decide(connection.text, index)
        if answer in REFUSALS:  # refused at the handshake already, or asked for by text
            answer = "ok" if index < len(edge.faults.first) else "no_audio"
        connection.answer = answer
        with edge.lock:
            edge.in_flight += 1
            edge.most_in_flight = max(edge.most_in_flight, edge.in_flight)
        try:
            await _answer(socket, connection, request_id, answer)
        except ConnectionResetError:  # the client gave up on the turn (a stall, a deadline)
            pass
        finally:
            with edge.lock:
                edge.in_flight -= 1
        return socket

    async def _answer(
        socket: web.WebSocketResponse, connection: Connection, request_id: str, answer: str
    ) -> None:
        stream_id = uuid.uuid4().hex.upper()
        await socket.send_str(
            _text_message(request_id, "turn.start", '{"context":{"serviceTag":"loopback"}}')
        )
        await socket.send_str(
            _text_message(request_id, "response", '{"context":{"serviceTag":"loopback"}}')
        )
        word_metadata = connection.config == {} or _words_wanted(connection.config)
        loop = asyncio.get_running_loop()
        speech = await loop.run_in_executor(
            None, speak, connection.text, connection.rate, edge.faults.quirks
        )
        await asyncio.sleep(edge.faults.latency_s)
        audio = b"" if answer == "no_audio" else speech.mp3
        cut = answer in ("cut", "stall")
        limit = (
            int(len(audio) * edge.faults.cut_share) // FRAME_BYTES * FRAME_BYTES
            if cut
            else len(audio)
        )
        messages = list(speech.messages) if word_metadata and audio else []
        sent = 0
        while sent < len(audio):
            data = audio[sent : sent + edge.message_bytes]
            end_ms = (sent + len(data)) // FRAME_BYTES * FRAME_MS
            while messages and messages[0][0].offset_ms < end_ms:
                await socket.send_str(
                    _text_message(request_id, "audio.metadata", _metadata(messages[0]))
                )
                connection.words += len(messages.pop(0))
            if sent + len(data) > limit:
                if limit > sent:
                    part = data[: limit - sent]
                    await socket.send_bytes(_audio_message(request_id, stream_id, part))
                    connection.audio_bytes += len(part)
                if answer == "stall":  # the socket stays open, and nothing more comes
                    await asyncio.sleep(edge.faults.stall_s)
                    await socket.close()
                    return
                transport = socket._req.transport if socket._req else None
                if transport:
                    transport.abort()  # the socket dies: no close frame, no turn.end
                return
            await socket.send_bytes(_audio_message(request_id, stream_id, data))
            connection.audio_bytes += len(data)
            sent += len(data)
        for message in messages:
            await socket.send_str(_text_message(request_id, "audio.metadata", _metadata(message)))
            connection.words += len(message)
        await socket.send_bytes(_audio_message(request_id, stream_id, b""))
        await socket.send_str(
            _text_message(request_id, "turn.end", '{"context":{"serviceTag":"loopback"}}')
        )
        await socket.receive(timeout=5)  # the client closes once the turn has ended

    async def voices(request: web.Request) -> web.Response:
        with edge.lock:
            edge.voice_requests += 1
        if request.query.get("trustedclienttoken") != TRUSTED_CLIENT_TOKEN:
            return web.Response(status=403, headers={"Date": _server_date(edge)})
        if not edge.token_ok(request.query.get("Sec-MS-GEC", "")):
            return web.Response(status=403, headers={"Date": _server_date(edge)})
        return web.json_response(voice_list())

    app = web.Application()
    app.router.add_get(SYNTHESIS_PATH, synthesis)
    app.router.add_get(VOICES_PATH, voices)
    return app


def _words_wanted(config: dict[str, object]) -> bool:
    options = (
        config.get("context", {}).get("synthesis", {}).get("audio", {}).get("metadataoptions", {})  # type: ignore[union-attr]
    )
    return str(options.get("wordBoundaryEnabled", "false")) == "true"


def _server_date(edge: Edge) -> str:
    return formatdate(time.time() + edge.faults.skew_s, usegmt=True)


def _refusal(edge: Edge, request: web.Request, index: int) -> str:
    """The status refusing this handshake, or "" to accept it."""
    query = request.query
    checks = (
        query.get("TrustedClientToken") == TRUSTED_CLIENT_TOKEN,
        bool(re.fullmatch(r"[0-9a-f]{32}", query.get("ConnectionId", ""))),
        bool(TOKEN.match(query.get("Sec-MS-GEC", ""))),
        query.get("Sec-MS-GEC-Version", "").startswith(("1-", "2-")),
        request.headers.get("Origin") == ORIGIN,
        "muid=" in request.headers.get("Cookie", ""),
    )
    if not all(checks) or not edge.token_ok(query["Sec-MS-GEC"]):
        return "403"
    if index < len(edge.faults.first):
        return edge.faults.first[index] if edge.faults.first[index] in REFUSALS else ""
    draw = random.Random(f"{edge.faults.seed}:handshake:{index}").random()
    for fault in REFUSALS:
        draw -= edge.faults.rates.get(fault, 0.0)
        if draw < 0:
            return fault
    return ""


@contextmanager
def serve(faults: Faults = Faults()) -> Iterator[Edge]:
    """Run the server on a free port while the block runs."""
    edge = Edge(faults)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(_app(edge), handle_signals=False, shutdown_timeout=0.5)
    started = threading.Event()
    port: list[int] = []

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[union-attr]
        port.append(server.sockets[0].getsockname()[1])  # type: ignore[union-attr]

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        pending = asyncio.all_tasks(loop)  # turns still stalling
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    base = f"127.0.0.1:{port[0]}"
    edge.wss_url = f"ws://{base}{SYNTHESIS_PATH}?TrustedClientToken={TRUSTED_CLIENT_TOKEN}"
    edge.voices_url = f"http://{base}{VOICES_PATH}?trustedclienttoken={TRUSTED_CLIENT_TOKEN}"
    try:
        yield edge
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


@contextmanager
def redirected(edge: Edge) -> Iterator[None]:
    """Point the edge-tts library's two URLs at ``edge`` while the block runs.

    The clock skew the library learns from a 403 is forgotten afterwards.
    """
    import edge_tts.communicate
    import edge_tts.voices
    from edge_tts.drm import DRM

    saved = edge_tts.communicate.WSS_URL, edge_tts.voices.VOICE_LIST, DRM.clock_skew_seconds
    edge_tts.communicate.WSS_URL = edge.wss_url
    edge_tts.voices.VOICE_LIST = edge.voices_url
    try:
        yield
    finally:
        edge_tts.communicate.WSS_URL, edge_tts.voices.VOICE_LIST, DRM.clock_skew_seconds = saved


def digest(data: bytes) -> str:
    """A short fingerprint of audio bytes, for logs."""
    return hashlib.sha256(data).hexdigest()[:12]
