"""Microsoft Edge's voice through the real edge-tts client, against a loopback Edge service."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from edge_tts.drm import DRM

from podcast.build import build
from podcast.catalog import Episode
from podcast.pcm import decode
from podcast.speech import GaveUp, Patience
from podcast.speech.edge import Edge
from podcast.speech.synthesis import synthesize
from podcast.text import read_article, speakable
from tests import edge_server
from tests.conftest import NOW, SEED, as_listed, make_project

TEXT = "Presiden meresmikan jalan tol baru di Jawa Barat, kata dia. Pertemuan itu selesai sore."
QUICK = Patience(backoff_s=0.01, give_up_s=20)
FULL_VOICE = "Microsoft Server Speech Text to Speech Voice (id-ID, GadisNeural)"


@pytest.fixture(autouse=True, scope="module")
def _spoken_ahead() -> None:
    """The service's speech for the texts below, made before any deadline runs."""
    for text in (TEXT, *PARAGRAPHS):
        edge_server.speak(text)


@pytest.fixture
def edge() -> Iterator[edge_server.Edge]:
    """A loopback Edge service that answers well, with edge-tts pointed at it."""
    with edge_server.serve() as server, edge_server.redirected(server):
        yield server


def timings(speech: edge_server.Speech) -> list[tuple[str, int, int]]:
    """The word timings the service sent, as the engine should report them (ms)."""
    return [(w.text, w.offset_ms, w.offset_ms + w.duration_ms) for w in speech.words]


def test_a_paragraph_comes_back_with_every_word_timed(edge: edge_server.Edge) -> None:
    engine = Edge(patience=QUICK)
    clip = engine.speak(TEXT)
    assert engine.name == "edge:id-ID-GadisNeural:+0%:+0Hz"
    assert [(w.text, w.start_ms, w.end_ms) for w in clip.words] == timings(edge_server.speak(TEXT))
    assert clip.data == edge_server.speak(TEXT).mp3
    assert clip.decoded is not None and len(clip.decoded) == len(edge_server.speak(TEXT).mp3) // 6
    (connection,) = edge.log
    assert connection.answer == "ok"
    assert (connection.voice, connection.rate, connection.pitch) == (FULL_VOICE, "+0%", "+0Hz")
    assert connection.text == TEXT
    assert connection.words == len(clip.words) == 14
    assert re.fullmatch(r"[0-9a-f]{32}", connection.query["ConnectionId"])
    assert connection.headers["Origin"] == edge_server.ORIGIN
    options = connection.config["context"]["synthesis"]["audio"]  # type: ignore[index]
    assert options["metadataoptions"]["wordBoundaryEnabled"] == "true"
    assert options["outputFormat"] == "audio-24khz-48kbitrate-mono-mp3"


def test_voice_rate_and_pitch_reach_the_service_and_name_the_clips(
    edge: edge_server.Edge,
) -> None:
    engine = Edge("id-ID-ArdiNeural", "+25%", "-5Hz", patience=QUICK)
    clip = engine.speak(TEXT)
    assert engine.name == "edge:id-ID-ArdiNeural:+25%:-5Hz"
    (connection,) = edge.log
    assert connection.voice == "Microsoft Server Speech Text to Speech Voice (id-ID, ArdiNeural)"
    assert (connection.rate, connection.pitch) == ("+25%", "-5Hz")
    normal = len(edge_server.speak(TEXT).mp3)
    assert clip.decoded is not None
    assert len(clip.decoded) == pytest.approx(normal / 6 / 1.25, abs=30)


FAULT_TABLE = [
    # fault at the first connection, the answers the service gave, in order
    ("403", ["403", "ok"]),  # edge-tts' own retry, after correcting its clock
    ("429", ["429", "ok"]),
    ("503", ["503", "ok"]),
    ("no_audio", ["no_audio", "ok"]),
    ("cut", ["cut", "ok"]),
    ("stall", ["stall", "ok"]),
]


@pytest.mark.parametrize(("fault", "answers"), FAULT_TABLE)
def test_each_fault_is_retried_to_the_same_clip(fault: str, answers: list[str]) -> None:
    faults = edge_server.Faults(first=(fault,), stall_s=30)
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        started = time.monotonic()
        clip = Edge(timeout_s=1.0, patience=QUICK).speak(TEXT)
        elapsed = time.monotonic() - started
    assert [c.answer for c in server.log] == answers
    assert clip.data == edge_server.speak(TEXT).mp3
    assert [(w.text, w.start_ms, w.end_ms) for w in clip.words] == timings(edge_server.speak(TEXT))
    if fault == "stall":
        assert server.log[0].audio_bytes > 0  # it stalled mid-audio, with the socket open
        assert 1.0 <= elapsed < 2.5
    else:
        assert elapsed < 1.0


def test_the_librarys_clock_skew_correction_stays_in_use() -> None:
    with edge_server.serve(edge_server.Faults(skew_s=3600)) as server:
        with edge_server.redirected(server):
            Edge(patience=QUICK).speak(TEXT)
            skew = DRM.clock_skew_seconds
        restored = DRM.clock_skew_seconds
    assert [c.answer for c in server.log] == ["403", "ok"]
    assert skew == pytest.approx(3600, abs=5)
    assert restored == 0


def test_cut_audio_is_never_kept(tmp_path: Path) -> None:
    faults = edge_server.Faults(always=(("Pertemuan", "cut"),))
    texts = ["Api padam setelah tiga jam.", TEXT]
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        engine = Edge(timeout_s=1.0, patience=Patience(backoff_s=0.01, tries=3))
        with pytest.raises(GaveUp) as raised:
            list(synthesize(texts, engine, tmp_path))
    message = re.fullmatch(
        r"Edge TTS cut the audio off at (\d+\.\d\d) s, before its last word after 3 tries; "
        r"no audio for 1 of 2 paragraphs; 1 clip is cached; "
        r"run again later or use --engine gtts or --engine espeak",
        str(raised.value),
    )
    assert message, str(raised.value)
    whole_s = len(edge_server.speak(TEXT).mp3) / 6000
    assert float(message[1]) == pytest.approx(whole_s * faults.cut_share, abs=0.08)
    assert sorted(c.answer for c in server.log) == ["cut", "cut", "cut", "ok"]
    assert len(list(tmp_path.glob("*/*.mp3"))) == 1


def test_a_stall_without_audio_and_a_dead_service_give_up_in_bounded_time() -> None:
    faults = edge_server.Faults(rates={"stall": 1.0}, stall_s=60, cut_share=0.0)
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        started = time.monotonic()
        with pytest.raises(GaveUp) as raised:
            Edge(timeout_s=0.5, patience=Patience(backoff_s=0.05, give_up_s=2)).speak(TEXT)
        elapsed = time.monotonic() - started
    assert raised.value.cause == (
        "Edge TTS gave no good answer in 2 s; last it gave no audio within 0.5 s"
    )
    assert 2.0 <= elapsed < 3.5
    assert all(c.answer == "stall" and c.audio_bytes == 0 for c in server.log)


PARAGRAPHS = [
    "Hujan deras sejak Jumat malam membuat sejumlah kawasan di Jakarta Utara tergenang.",
    "Petugas pemadam kebakaran dan relawan membantu warga mengungsi ke masjid terdekat.",
    "Api yang melalap sebagian los pedagang di Pasar Senen berhasil dipadamkan.",
    "Tidak ada korban jiwa, tetapi ratusan pedagang kehilangan barang dagangan mereka.",
    "Pemerintah kota berjanji membangun kembali pasar itu sebelum akhir tahun depan.",
    "Warga diminta tetap waspada karena hujan diperkirakan turun hingga pekan depan.",
]
RATES = {"403": 0.04, "429": 0.06, "503": 0.04, "no_audio": 0.04, "cut": 0.05, "stall": 0.03}


@pytest.mark.parametrize("seed", range(8))
def test_random_faults_at_realistic_rates_give_the_same_audio(seed: int, tmp_path: Path) -> None:
    faults = edge_server.Faults(rates=RATES, seed=seed, stall_s=20, latency_s=0.01)
    with edge_server.serve(faults) as server, edge_server.redirected(server):
        engine = Edge(timeout_s=0.5, concurrency=3, patience=QUICK)
        started = time.monotonic()
        timed: list[tuple[object, ...]] = []
        segments = list(synthesize(PARAGRAPHS, engine, tmp_path, timings=timed))
        elapsed = time.monotonic() - started
    for text, segment, words in zip(PARAGRAPHS, segments, timed, strict=True):
        clean = edge_server.speak(text)
        assert segment.raw_data == decode_mp3(clean.mp3)
        assert [(w.text, w.start_ms, w.end_ms) for w in words] == timings(clean)  # type: ignore[attr-defined]
    answers = [c.answer for c in server.log]
    assert answers.count("ok") >= len(PARAGRAPHS)  # an answer that came too late is asked again
    assert server.most_in_flight <= 3
    stalls = answers.count("stall")
    assert elapsed < 10 + stalls * 1.0  # a stall costs one 0.5 s deadline, never its 20 s


def decode_mp3(mp3: bytes) -> bytes:
    """The PCM of bare MP3 frames, decoded as the pipeline decodes clips."""
    from podcast.pcm import Clip

    return bytes(decode(Clip(mp3, "mp3")).raw_data)


def spoken_parts(path: Path) -> tuple[list[str], list[str]]:
    """The title and paragraphs of an article as shown, and as spoken."""
    article = read_article(path)
    shown = [article.title, *article.paragraphs]
    return shown, [speakable(text) for text in shown]


def test_the_seed_is_timed_per_sentence_from_its_words(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with edge_server.serve() as server, edge_server.redirected(server):
        outcome = build(project, engine_name="edge", now=NOW)
        opened = server.connections()
        again = build(project, engine_name="edge", now=NOW)
        assert server.connections() == opened  # a rebuild opens no connection
    assert outcome.engine_line == "engine: edge (chosen with --engine)"
    assert outcome.failures == ()
    (episode,) = outcome.built
    assert again.unchanged == as_listed([episode])
    shown, spoken = spoken_parts(SEED)
    cue_texts = [text for _, _, text in episode.cues]
    assert cue_texts[:3] == [
        "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina",
        "resmi Amerika Serikat (AS) dan Rusia bertemu di Miami, AS, untuk membahas perang "
        "Rusia-Ukraina.",
        "Pertemuan itu terjadi di tengah seruan Presiden Ukraina Volodymyr Zelensky agar "
        "Washington meningkatkan tekanan terhadap Moskow untuk mengakhiri konflik.",
    ]
    assert " ".join(cue_texts) == " ".join(shown)
    assert len(episode.cues) == 26
    _check_cues_follow_the_words(episode, shown, spoken)
    _check_companions(project.audio, episode)


def _check_cues_follow_the_words(episode: Episode, shown: list[str], spoken: list[str]) -> None:
    """Within each part, cue starts are as far apart as the service's first words of them."""
    cues = list(episode.cues)
    for (start, end), text, said in zip(episode.timeline, shown, spoken, strict=True):
        words = edge_server.speak(said).words
        inside = [cue for cue in cues if start <= cue[0] < end]
        assert inside[0][0] == start  # the part (and its chapter) starts at its first word
        # the part ends with its last word, or where its clip's audio ends, if sooner
        assert inside[-1][1] == end
        last_word_end = start + words[-1].offset_ms + words[-1].duration_ms - words[0].offset_ms
        assert last_word_end - 60 <= end <= last_word_end
        firsts = _sentence_first_words(said, words)
        assert len(inside) == len(firsts), text[:40]
        if len(inside) == 1:
            continue
        # later sentences start exactly as far after the second as the service's words say
        later = [cue[0] - inside[1][0] for cue in inside[1:]]
        assert later == [offset - firsts[1] for offset in firsts[1:]], text[:40]
        # the part starts at its first word, or up to 60 ms later where its clip's sound starts
        said_gap = firsts[1] - firsts[0]
        assert said_gap - 60 <= inside[1][0] - start <= said_gap, text[:40]


def _sentence_first_words(said: str, words: tuple[edge_server.Word, ...]) -> list[int]:
    """The service's offset of the first word of each sentence of ``said``."""
    from podcast.speech import sentences

    offsets, at = [], 0
    starts = [a for a, _ in sentences(said)]
    for word in words:
        at = said.index(word.text, at)
        if starts and at >= starts[0]:
            offsets.append(word.offset_ms)
            starts.pop(0)
        at += len(word.text)
    return offsets


def _check_companions(audio: Path, episode: Episode) -> None:
    stem = Path(episode.file).stem
    vtt = (audio / f"{stem}.vtt").read_text(encoding="utf-8")
    assert vtt.count(" --> ") == 26
    start, end, text = episode.cues[5]
    assert f"6\n{_stamp(start)} --> {_stamp(end)}\n{text}\n" in vtt
    chapters = json.loads((audio / f"{stem}.chapters.json").read_text(encoding="utf-8"))
    starts = [round(c["startTime"] * 1000) for c in chapters["chapters"][1:]]
    assert starts == [start for start, _ in episode.timeline[1:]]


def _stamp(ms: int) -> str:
    seconds, milliseconds = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"00:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"
