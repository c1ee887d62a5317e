"""The seed becomes a real episode: audio that decodes, with every paragraph audible, tagged."""

from __future__ import annotations

import audioop
from pathlib import Path

from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from podcast.audio import SAMPLE_RATE, Pauses, master
from podcast.build import Outcome, Project, build
from tests.conftest import NOW, pcm

BYTES_PER_MS = SAMPLE_RATE * 2 / 1000


def episode_path(seed_build: tuple[Project, Outcome]) -> Path:
    project, outcome = seed_build
    (episode,) = outcome.built
    return project.audio / episode.file


def window(audio: bytes, start_ms: float, end_ms: float) -> bytes:
    return audio[int(start_ms * BYTES_PER_MS) // 2 * 2 : int(end_ms * BYTES_PER_MS) // 2 * 2]


def test_build_names_the_file_by_date_and_slug(seed_build: tuple[Project, Outcome]) -> None:
    _, outcome = seed_build
    assert [e.file for e in outcome.built] == [
        "2025-12-21-berita-as-dan-rusia-bertemu-di-miami-bahas-akhiri-perang.mp3"
    ]
    assert outcome.failures == ()
    assert outcome.engine_line == "engine: espeak (chosen with --engine)"


def test_mp3_is_mono_44k_constant_128k(seed_build: tuple[Project, Outcome]) -> None:
    info = MP3(episode_path(seed_build)).info
    assert (info.channels, info.sample_rate, info.bitrate, info.bitrate_mode) == (
        1,
        44100,
        128000,
        BitrateMode.CBR,
    )


def test_timeline_is_title_then_paragraphs_with_the_configured_pauses(
    seed_build: tuple[Project, Outcome],
) -> None:
    pauses = Pauses()
    (episode,) = seed_build[1].built
    starts = [start for start, _ in episode.timeline]
    ends = [end for _, end in episode.timeline]
    assert len(episode.timeline) == 15
    assert starts[0] == pauses.lead_ms
    assert starts[1] - ends[0] == pauses.after_title_ms
    # spans are rounded to whole milliseconds from sample counts: a gap may read 1 ms off
    gaps = {start - end for start, end in zip(starts[2:], ends[1:-1], strict=True)}
    assert gaps <= {pauses.between_paragraphs_ms + d for d in (-1, 0, 1)}
    assert episode.duration_ms == ends[-1] + pauses.tail_ms


def test_decoded_duration_is_clips_plus_pauses(seed_build: tuple[Project, Outcome]) -> None:
    (episode,) = seed_build[1].built
    decoded_ms = len(pcm(episode_path(seed_build))) / BYTES_PER_MS
    assert abs(decoded_ms - episode.duration_ms) < 50


def test_every_paragraph_is_audible_and_pauses_are_silent(
    seed_build: tuple[Project, Outcome],
) -> None:
    (episode,) = seed_build[1].built
    audio = pcm(episode_path(seed_build))
    previous_end = 0
    for start, end in episode.timeline:
        assert audioop.rms(window(audio, previous_end + 60, start - 60), 2) < 30
        assert audioop.rms(window(audio, start, end), 2) > 1000
        previous_end = end


def test_master_joins_exact_lengths() -> None:
    from pydub.generators import Sine

    tones = [
        Sine(440, sample_rate=SAMPLE_RATE).to_audio_segment(duration=ms).set_channels(1)
        for ms in (1000, 2500, 1500)
    ]
    pauses = Pauses(lead_ms=100, after_title_ms=1000, between_paragraphs_ms=500, tail_ms=200)
    episode, timeline = master(tones, pauses)
    assert timeline == ((100, 1100), (2100, 4600), (5100, 6600))
    assert len(episode) == 6800
    assert audioop.rms(window(episode.raw_data, 1100, 2100), 2) == 0


def test_tags_read_back_field_by_field(seed_build: tuple[Project, Outcome]) -> None:
    tags = ID3(str(episode_path(seed_build)))
    assert tags.version == (2, 3, 0)
    assert str(tags["TIT2"]) == "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina"
    assert str(tags["TPE1"]) == "Pahami.id"
    assert str(tags["TALB"]) == "Kabar Indonesia"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TDRC"]) == "2025-12-21"
    (comment,) = tags.getall("COMM")
    assert comment.lang == "ind"
    assert comment.text[0].startswith("resmi Amerika Serikat (AS) dan Rusia bertemu di Miami")


def test_unchanged_article_is_not_rebuilt(project: Project) -> None:
    first = build(project, engine_name="espeak", now=NOW)
    mp3 = project.audio / first.built[0].file
    before = mp3.stat().st_mtime_ns
    second = build(project, engine_name="espeak", now=NOW)
    assert (second.built, [e.file for e in second.unchanged]) == ((), [first.built[0].file])
    assert mp3.stat().st_mtime_ns == before
