"""The seed becomes a real episode: audio that decodes, with every paragraph audible, tagged."""

from __future__ import annotations

import audioop
from pathlib import Path

from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from podcast.audio.layout import master
from podcast.audio.shape import Pauses, pauses
from podcast.config import Pacing
from podcast.pcm import SAMPLE_RATE
from podcast.project import Project
from podcast.run import Outcome, build
from podcast.text.article import read_article
from tests.support.audio import pcm
from tests.support.project import NOW, SEED

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


def test_mp3_is_mono_44k_constant_64k(seed_build: tuple[Project, Outcome]) -> None:
    info = MP3(episode_path(seed_build)).info
    assert (info.channels, info.sample_rate, info.bitrate, info.bitrate_mode) == (
        1,
        44100,
        64000,
        BitrateMode.CBR,
    )


def test_timeline_is_title_then_paragraphs_with_the_configured_pauses(
    seed_build: tuple[Project, Outcome],
) -> None:
    pacing = Pacing()
    (episode,) = seed_build[1].built
    expected = pauses(read_article(SEED).paragraphs, pacing)
    starts = [start for start, _ in episode.timeline]
    ends = [end for _, end in episode.timeline]
    assert len(episode.timeline) == 15
    gaps = [start - end for start, end in zip(starts[1:], ends, strict=False)]
    assert gaps == list(expected.before[2:-1])
    assert gaps[:4] == [pacing.after_title_ms, 700, 700, pacing.around_quote_ms]
    assert starts[0] > pacing.lead_ms + pacing.between_sections_ms
    assert episode.duration_ms > ends[-1] + pacing.between_sections_ms + pacing.tail_ms


def test_decoded_duration_is_clips_plus_pauses(seed_build: tuple[Project, Outcome]) -> None:
    (episode,) = seed_build[1].built
    decoded_ms = len(pcm(episode_path(seed_build))) / BYTES_PER_MS
    assert abs(decoded_ms - episode.duration_ms) < 50


def test_every_part_is_audible_and_pauses_are_silent(
    seed_build: tuple[Project, Outcome],
) -> None:
    pacing = Pacing()
    (episode,) = seed_build[1].built
    audio = pcm(episode_path(seed_build))
    intro_end = episode.timeline[0][0] - pacing.between_sections_ms
    outro_start = episode.timeline[-1][1] + pacing.between_sections_ms
    outro_end = episode.duration_ms - pacing.tail_ms
    intro, outro = (pacing.lead_ms, intro_end), (outro_start, outro_end)
    previous_end = 0
    for start, end in [intro, *episode.timeline, outro]:
        assert audioop.rms(window(audio, previous_end + 10, start + 10), 2) < 30
        assert audioop.rms(window(audio, start, end), 2) > 1000
        previous_end = end
    assert audioop.rms(window(audio, outro_end + 10, episode.duration_ms), 2) < 30


def test_master_joins_exact_lengths(tmp_path: Path) -> None:
    from pydub.generators import Sine

    tones = [
        Sine(440, sample_rate=SAMPLE_RATE).to_audio_segment(duration=ms).set_channels(1)
        for ms in (1000, 2500, 1500)
    ]
    mix = master(tones, Pauses((100, 1000, 500), tail_ms=200), 40, tmp_path / "mix.pcm")
    assert mix.spans == ((100, 1180), (2180, 4760), (5260, 6840))
    assert mix.duration_ms == 7040
    audio = pcm(mix.path, mix.rate)
    assert len(audio) == 7040 * BYTES_PER_MS
    # Each tone keeps 40 ms of silence at both ends: 1140 to 2220 is silent.
    assert audioop.rms(window(audio, 1140, 2220), 2) == 0
    assert audioop.rms(window(audio, 1100, 1140), 2) > 1000
    assert audioop.rms(window(audio, 2220, 2260), 2) > 1000


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
