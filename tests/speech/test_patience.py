"""Giving up on Google as a whole, not on one unlucky chunk: independent random faults, outages,
Retry-After bursts and stalls, against the loopback Google."""

from __future__ import annotations

import hashlib
import math
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.config import Speech, load_settings
from podcast.errors import ConfigError
from podcast.speech import GaveUp, Patience
from podcast.speech.cache import clip_key, is_cached
from podcast.speech.google import Google
from podcast.speech.synthesis import synthesize
from tests.servers import google as google_server
from tests.support.voices import FLOOD, attempts, google_project

REALISTIC = {"429": 0.15, "500": 0.15, "cut_body": 0.025, "cut_audio": 0.025}
"""30 % of requests answered 429 or 500, 5 % of answers cut: a bad day, not an outage."""
SEEDS = (3, 4, 5)
"""Seeds on which some chunk needs six or seven tries: five per chunk, as before, would fail."""
FAST = Patience(backoff_s=0.01, give_up_s=5.0)


def paragraph(n: int) -> str:
    """A news paragraph of four chunks, each one naming ``n`` so that no two are alike."""
    return (
        f"Pada hari ke-{n} operasi pasar, harga beras medium di Pasar Induk Cipinang turun "
        f"menjadi {n} ribu rupiah. Pedagang di los {n} mengatakan pasokan dari Karawang dan "
        f"Cianjur mulai lancar kembali. Dinas setempat menjanjikan {n} ton beras tambahan pekan "
        f"depan."
    )


LONG = [paragraph(n) for n in range(1, 76)]
"""About 20 minutes of speech: 75 paragraphs of 4 chunks each."""


def fingerprints(segments: list[bytes]) -> list[str]:
    return [hashlib.sha256(segment).hexdigest() for segment in segments]


@pytest.fixture(scope="module", autouse=True)
def warm_tones() -> None:
    """Encode the stand-in's tones before any test times its requests."""
    for n in range(16):
        google_server.tone(f"nada {n}")


@pytest.fixture(scope="module")
def clean_long() -> list[str]:
    """The long article's decoded audio from a Google that never fails, one hash per text."""
    with google_server.serve(google_server.tone) as google:
        segments = [s.raw_data for s in synthesize(LONG, Google(google.url, timeout_s=5))]
    return fingerprints(segments)


def test_the_long_article_has_300_distinct_chunks() -> None:
    chunks = [part for text in LONG for part in Google().split(text)]
    assert (len(chunks), len(set(chunks))) == (300, 300)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_bad_day_completes_every_time_with_the_clean_audio(
    seed: int, clean_long: list[str], tmp_path: Path
) -> None:
    faults = google_server.Faults(rates=REALISTIC, seed=seed, latency_s=0.002)
    chunks = [part for text in LONG for part in Google().split(text)]
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=5, patience=FAST)
        segments = [s.raw_data for s in synthesize(LONG, engine, tmp_path)]
    assert fingerprints(segments) == clean_long
    answers = Counter(request.answer for request in google.log)
    assert set(answers) == {"ok", "429", "500", "cut_body", "cut_audio"}
    assert answers["ok"] == 300
    assert Counter(r.text for r in google.log if r.answer == "ok") == Counter(chunks)
    assert len(google.requests) == sum(attempts(faults, chunk) for chunk in chunks)
    assert all(is_cached(tmp_path, clip_key(engine.name, chunk)) for chunk in chunks)


def test_five_tries_per_chunk_would_have_failed_on_every_one_of_these_seeds() -> None:
    chunks = [part for text in LONG for part in Google().split(text)]
    most = [
        max(attempts(google_server.Faults(rates=REALISTIC, seed=seed), c) for c in chunks)
        for seed in SEEDS
    ]
    assert most == [6, 6, 7]


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner(mix_stderr=False)


def test_an_outage_ends_the_article_in_the_configured_time_with_no_mp3(
    runner: CliRunner, tmp_path: Path
) -> None:
    faults = google_server.Faults(down_after=0, down_answer="503", latency_s=0.002)
    speech = "give_up_s = 1.5\nfailure_window = 1000\n"
    with google_server.serve(google_server.tone, faults) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD}, speech)
        started = time.monotonic()
        result = runner.invoke(main, ["build", "--engine", "gtts"])
        ended = time.monotonic()
        first = google.started + google.log[0].at
    assert result.exit_code == 1
    assert result.stderr == (
        "error: seeds/banjir.txt: Google TTS gave no good answer in 1.5 s; "
        "last it answered 503 (server error); no audio for 5 of 5 paragraphs; "
        "0 clips are cached; run again later or use --engine espeak\n"
        "1 article(s) failed; the others were built.\n"
    )
    assert ended - started >= 1.5
    assert ended - first < 1.5 + 1.0
    assert list(project.audio.glob("*.mp3")) == []
    assert {request.answer for request in google.log} == {"503"}


def test_an_outage_under_auto_finishes_with_espeak_and_says_why(
    runner: CliRunner, tmp_path: Path
) -> None:
    faults = google_server.Faults(down_after=1, down_answer="refuse", latency_s=0.002)
    speech = "give_up_s = 1.0\nfailure_window = 1000\n"
    with google_server.serve(google_server.tone, faults) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD}, speech)
        result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "engine: gtts (Google TTS answered)",
        "engine: espeak from banjir.txt on "
        "(Google TTS gave no good answer in 1 s; last it could not be reached)",
    ]
    assert [request.answer for request in google.log][:2] == ["ok", "refuse"]
    assert len(list(project.audio.glob("*.mp3"))) == 1


def test_a_failing_share_gives_up_with_its_own_message() -> None:
    texts = [f"Berita nomor {n} dari Jakarta hari ini." for n in range(20)]
    faults = google_server.Faults(down_after=0, down_answer="500")
    patience = Patience(backoff_s=0.01, give_up_s=60, failure_window=10)
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=5, patience=patience)
        with pytest.raises(GaveUp) as raised:
            list(synthesize(texts, engine))
    assert str(raised.value) == (
        "Google TTS failed 10 of the last 10 requests; last it answered 500 (server error); "
        "no audio for 20 of 20 paragraphs; 0 clips are cached; "
        "run again later or use --engine espeak"
    )
    assert len(google.log) <= 10 + engine.concurrency


def test_the_wait_cap_ends_a_build_that_retry_after_would_hold_forever() -> None:
    texts = [f"Berita nomor {n} dari Jakarta hari ini." for n in range(20)]
    faults = google_server.Faults(down_after=0, down_answer=google_server.RETRY_AFTER)
    patience = Patience(
        backoff_s=0.01, give_up_s=60, failure_window=1000, max_pause_s=0.2, max_wait_s=0.7
    )
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=5, patience=patience)
        started = time.monotonic()
        with pytest.raises(GaveUp) as raised:
            list(synthesize(texts, engine))
        ended = time.monotonic()
        first = google.started + google.log[0].at
    assert raised.value.cause == (
        "Google TTS kept the build waiting 0.7 s in all; last it answered 429 (rate limit)"
    )
    assert ended - started >= 0.7
    assert ended - first < 0.7 + 1.0
    assert {request.retry_after for request in google.log} == {1}
    arrivals = [request.at for request in google.log]
    assert any(0.15 < at - arrivals[0] < 0.9 for at in arrivals)  # paused 0.2 s, not 1 s


def test_an_outage_keeps_what_arrived_and_the_next_run_asks_only_for_the_rest(
    tmp_path: Path,
) -> None:
    texts = [f"Berita nomor {n} dari Jakarta hari ini." for n in range(40)]
    faults = google_server.Faults(down_after=15, latency_s=0.002)
    patience = Patience(backoff_s=0.01, give_up_s=0.5)
    with google_server.serve(google_server.tone, faults) as down:
        engine = Google(down.url, timeout_s=5, patience=patience)
        with pytest.raises(GaveUp):
            list(synthesize(texts, engine, tmp_path))
    arrived = {request.text for request in down.log if request.answer == "ok"}
    assert len(arrived) == 15
    cached = {text for text in texts if is_cached(tmp_path, clip_key(engine.name, text))}
    assert cached == arrived
    with google_server.serve(google_server.tone) as up:
        segments = list(synthesize(texts, Google(up.url), tmp_path))
    assert sorted(up.requests) == sorted(set(texts) - arrived)
    with google_server.serve(google_server.tone) as clean:
        expected = [s.raw_data for s in synthesize(texts, Google(clean.url))]
    assert [s.raw_data for s in segments] == expected


def test_a_retry_after_burst_pauses_the_whole_pool_then_completes() -> None:
    texts = [f"Berita nomor {n} dari Jakarta hari ini." for n in range(48)]
    faults = google_server.Faults(first=("ok",) * 12 + ("burst",), burst_s=1.0, latency_s=0.02)
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=5, concurrency=4, patience=FAST)
        segments = [s.raw_data for s in synthesize(texts, engine)]
    with google_server.serve(google_server.tone) as clean:
        assert segments == [s.raw_data for s in synthesize(texts, Google(clean.url))]
    log = google.log
    burst = next(request for request in log if request.answer == "burst")
    refused = [request for request in log if request.answer in ("burst", google_server.RETRY_AFTER)]
    after = [request for request in log if request.at > burst.at + 0.3]
    assert burst.retry_after == 1
    assert len(refused) <= 2 * engine.concurrency
    assert all(request.at < burst.at + 0.3 for request in refused)
    assert after[0].at >= burst.at + 1.0
    assert max(request.in_flight for request in after[:2]) <= engine.concurrency // 2
    assert Counter(r.text for r in log if r.answer == "ok") == Counter(texts)


def test_a_stall_times_out_and_is_retried_at_once() -> None:
    texts = [f"Berita nomor {n} dari Jakarta hari ini." for n in range(40)]
    faults = google_server.Faults(rates={"stall": 0.1}, stall_s=1.5, seed=5, latency_s=0.002)
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=0.2, patience=FAST)
        segments = [s.raw_data for s in synthesize(texts, engine)]
    with google_server.serve(google_server.tone) as clean:
        assert segments == [s.raw_data for s in synthesize(texts, Google(clean.url))]
    stalls = [request for request in google.log if request.answer == "stall"]
    assert len(stalls) >= 3
    for stall in stalls:
        retry = next(
            r for r in google.log if r.text == stall.text and r.attempt == stall.attempt + 1
        )
        hung_until = math.inf if stall.done is None else stall.done  # None: it still hangs
        assert retry.at < hung_until  # asked again while it hung


SETTINGS = """[speech]
give_up_s = 90
failure_window = 30
failure_share = 0.8
max_wait_s = 120.0
max_pause_s = 10.0
tries = 0
backoff_s = 0.5
"""


def test_the_patience_rules_come_from_podcast_toml(tmp_path: Path) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    speech = load_settings(path).speech
    assert (speech.give_up_s, speech.failure_window, speech.failure_share) == (90.0, 30, 0.8)
    assert (speech.max_wait_s, speech.max_pause_s, speech.tries, speech.backoff_s) == (
        120.0,
        10.0,
        0,
        0.5,
    )
    assert Speech().tries == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("failure_share = 1.5", "failure_share: must be a share above 0 and at most 1, not 1.5"),
        ("failure_share = 0", "failure_share: must be a share above 0 and at most 1, not 0.0"),
        ("give_up_s = 0", "give_up_s: must be more than 0, not 0.0"),
        ("failure_window = -3", "failure_window: must be more than 0, not -3"),
        ("max_wait_s = -1", "max_wait_s: must be 0 or more, not -1.0"),
        ("tries = -1", "tries: must be 0 or more, not -1"),
        ("max_pause_s = 'long'", "max_pause_s must be a number, not 'long'"),
    ],
)
def test_a_bad_patience_setting_names_the_key_and_the_cause(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "podcast.toml"
    path.write_text(f"[speech]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: [speech] {message}"
