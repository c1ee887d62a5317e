"""Google's voice at scale: parallel, retried, checked and cached, against a loopback Google."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from podcast.cli import main
from podcast.config import Show
from podcast.run import build
from podcast.run.articles import bookends
from podcast.speech import synthesis
from podcast.speech.google import Google
from podcast.speech.patience import Patience
from podcast.speech.synthesis import synthesize
from podcast.text.article import read_article
from podcast.text.pronounce import respell
from podcast.text.pronunciations import builtin_pronunciations
from podcast.text.spoken import speakable
from tests.servers import google as google_server
from tests.support.audio import pcm
from tests.support.project import NOW, SEED, as_listed
from tests.support.voices import FIRE, FLOOD, attempts, google_project, google_voice

FLAKY = google_server.Faults(
    rates={"429": 0.15, "500": 0.15, "cut_body": 0.025, "cut_audio": 0.025, "garbage": 0.02},
    seed=26,
)
"""30 % 429 or 500 and 5 % cut answers, on a seed where one chunk needs seven tries."""


def requests_for(path: Path) -> list[str]:
    """Every distinct chunk of an article, in order: what Google is asked for once each."""
    article = read_article(path)
    intro, outro = bookends(Show(), article)
    written = (intro, article.title, *article.paragraphs, outro)
    texts = [respell(speakable(text), builtin_pronunciations()) for text in written]
    return list(dict.fromkeys(part for text in texts for part in Google().split(text)))


def test_flaky_google_gives_the_same_episode_as_a_clean_one(tmp_path: Path) -> None:
    chunks = requests_for(SEED)
    assert max(attempts(FLAKY, text) for text in chunks) == 7
    with google_server.serve(google_voice) as clean:
        calm = google_project(tmp_path / "calm", clean.url)
        (calm_episode,) = build(calm, engine_name="gtts", now=NOW).built
    with google_server.serve(google_voice, FLAKY) as flaky:
        rough = google_project(tmp_path / "rough", flaky.url)
        outcome = build(rough, engine_name="gtts", now=NOW)
    assert outcome.failures == ()
    assert sorted(clean.requests) == sorted(chunks)
    assert clean.connections <= 4
    assert {request.answer for request in flaky.log} == {
        "ok",
        "429",
        "500",
        "cut_body",
        "cut_audio",
        "garbage",
    }
    assert len(flaky.requests) == sum(attempts(FLAKY, text) for text in chunks)
    (episode,) = outcome.built
    assert pcm(rough.audio / episode.file) == pcm(calm.audio / calm_episode.file)


def test_rebuild_asks_nothing_and_an_edit_asks_only_for_its_chunks(tmp_path: Path) -> None:
    with google_server.serve(google_voice) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD})
        first = build(project, engine_name="gtts", now=NOW)
        assert sorted(google.requests) == sorted(requests_for(project.seeds / "banjir.txt"))
        assert len(google.requests) == 6  # intro, title, two chunks, paragraph, outro
        google.requests.clear()
        again = build(project, engine_name="gtts", now=NOW)
        assert (google.requests, again.built, again.unchanged) == ([], (), as_listed(first.built))
        edited = "Petugas pemadam kebakaran membantu warga mengungsi ke masjid terdekat."
        (project.seeds / "banjir.txt").write_text(
            FLOOD.replace(
                "Petugas pemadam kebakaran dan relawan membantu warga mengungsi ke masjid dan "
                "sekolah terdekat.",
                edited,
            ),
            encoding="utf-8",
        )
        third = build(project, engine_name="gtts", now=NOW)
    assert google.requests == [edited]
    assert [e.file for e in third.built] == [e.file for e in first.built]


def test_a_429_slows_the_whole_pool_down() -> None:
    texts = [f"Berita nomor {n} hari ini dari Jakarta." for n in range(12)]
    faults = google_server.Faults(first=("429",) * 4, latency_s=0.05)
    with google_server.serve(google_server.tone, faults) as google:
        engine = Google(google.url, timeout_s=2, concurrency=4, patience=Patience(backoff_s=0.05))
        segments = list(synthesize(texts, engine))
    assert len(segments) == 12 and all(len(segment) > 1000 for segment in segments)
    in_flight = [request.in_flight for request in google.log]
    assert len(in_flight) == 16
    assert max(in_flight[:4]) == 4
    assert in_flight[4] == 1
    assert max(in_flight[4:7]) <= 2


def test_synthesis_runs_a_window_ahead_and_keeps_audio_only_while_it_is_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(synthesis, "LOOK_AHEAD_CHARS", 100)
    texts = [f"Berita nomor {n} hari ini dari Jakarta." for n in range(8)]  # 37 characters each
    texts += [texts[7], texts[0]]  # one repeat inside the window, one far behind it
    with google_server.serve(google_server.tone) as google:
        segments = synthesize(texts, Google(google.url, concurrency=2))
        next(segments)
        deadline = time.monotonic() + 10
        while len(google.requests) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # time for anything else queued to be asked
        asked_first = sorted(google.requests)
        rest = list(segments)
    assert asked_first == texts[:3]
    assert len(rest) == 9 and all(len(segment) > 1000 for segment in rest)
    assert sorted(google.requests) == sorted([*texts[:8], texts[0]])


def test_a_stalled_request_times_out_and_the_retry_answers() -> None:
    faults = google_server.Faults(first=("stall",), stall_s=1.5)
    text = "Selamat pagi, Indonesia."
    expected = google_voice(text)  # spoken before the clock starts: the retry is answered at once
    with google_server.serve(google_voice, faults) as google:
        started = time.monotonic()
        clip = Google(google.url, timeout_s=0.3, patience=Patience(backoff_s=0.01)).speak(text)
        elapsed = time.monotonic() - started
    assert clip.data == expected
    assert google.requests == [text, text]
    assert elapsed < 1.4  # the stall lasts 1.5 s: only the timeout answers sooner


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner(mix_stderr=False)


def test_gtts_keeps_failing_exit_1_with_the_cause_and_no_mp3(
    runner: CliRunner, tmp_path: Path
) -> None:
    faults = google_server.Faults(always=(("Petugas", "429"),))
    with google_server.serve(google_voice, faults) as google:
        project = google_project(tmp_path, google.url, {"banjir.txt": FLOOD}, "tries = 5\n")
        result = runner.invoke(main, ["build", "--engine", "gtts"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: seeds/banjir.txt: Google TTS answered 429 (rate limit) after 5 tries; "
        "no audio for 1 of 5 paragraphs; 5 clips are cached; "
        "run again later or use --engine espeak\n"
        "1 article(s) failed; the others were built.\n"
    )
    assert list(project.audio.glob("*.mp3")) == []
    assert len(google.requests) == 5 + 5
    assert len(list((project.state / "clips").glob("*/*.mp3"))) == 5


def test_auto_finishes_with_espeak_when_google_fails_mid_build(
    runner: CliRunner, tmp_path: Path
) -> None:
    faults = google_server.Faults(always=(("Tidak ada korban", "500"),))
    with google_server.serve(google_voice, faults) as google:
        project = google_project(
            tmp_path, google.url, {"a.txt": FLOOD, "b.txt": FIRE}, "tries = 5\n"
        )
        result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "engine: gtts (Google TTS answered)",
        "engine: espeak from b.txt on (Google TTS answered 500 (server error) after 5 tries)",
    ]
    assert [re.sub(r"\d{4}-\d\d-\d\d-| \(.*", "", line) for line in lines[2:]] == [
        "built audio/banjir-melanda-jakarta-utara.mp3",
        "built audio/kebakaran-pasar-senen-dipadamkan.mp3",
        "feed: audio/feed.xml",
    ]
    assert google.requests.count("Halo.") == 1
    assert len(list(project.audio.glob("*.mp3"))) == 2
