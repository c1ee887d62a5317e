"""Mastering, measured on the built MP3 with ffmpeg's EBU R128 meter and on decoded samples."""

from __future__ import annotations

import audioop
import itertools
import math
import subprocess
from pathlib import Path
from typing import ClassVar

import pytest

from podcast import speech
from podcast.audio.layout import DUCK_MS, master
from podcast.audio.shape import Pauses, pauses
from podcast.config import Music, Pacing, load_settings
from podcast.errors import ConfigError
from podcast.pcm import FFMPEG, SAMPLE_RATE, Clip
from podcast.project import Project
from podcast.run import Outcome, build
from podcast.speech.espeak import Espeak
from podcast.text.article import read_article
from tests.servers.google import Google as Server
from tests.support.audio import BYTES_PER_MS, SHORT, meter, pcm
from tests.support.project import NOW, make_project


def window(audio: bytes, start_ms: float, end_ms: float) -> bytes:
    return audio[int(start_ms * BYTES_PER_MS) // 2 * 2 : int(end_ms * BYTES_PER_MS) // 2 * 2]


def tone_level(audio: bytes, hertz: float) -> float:
    """The amplitude of the ``hertz`` component of ``audio``, by correlation."""
    samples = memoryview(audio).cast("h")
    step = 2 * math.pi * hertz / SAMPLE_RATE
    real = sum(x * math.cos(step * i) for i, x in enumerate(samples))
    imaginary = sum(x * math.sin(step * i) for i, x in enumerate(samples))
    return 2 * math.hypot(real, imaginary) / len(samples)


def built(project: Project) -> tuple[Path, Outcome]:
    outcome = build(project, engine_name="espeak", now=NOW)
    assert outcome.failures == ()
    (episode,) = outcome.built
    return project.audio / episode.file, outcome


def test_seed_is_at_16_lufs_with_true_peak_under_1_dbtp(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    integrated, peak = meter(project.audio / outcome.built[0].file)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0


class Uneven:
    """eSpeak NG with one paragraph 30 dB too quiet and another 12 dB too loud (clipping)."""

    kind = "espeak"
    name = "espeak:id:uneven"
    concurrency = 1
    gains: ClassVar = {"mengguyur": 10 ** (-30 / 20), "Warga": 10 ** (12 / 20)}

    def split(self, text: str) -> list[str]:
        return [text]

    def speak(self, text: str) -> Clip:
        clip = Espeak().speak(text)
        gain = next((gain for word, gain in self.gains.items() if word in text), 1.0)
        header, data = clip.data[:44], clip.data[44:]
        return Clip(header + audioop.mul(data, 2, gain), clip.format)


def test_a_quiet_and_a_loud_paragraph_are_leveled_with_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(speech.ENGINES, "espeak", lambda voice: Uneven())
    path, outcome = built(make_project(tmp_path, SHORT))
    integrated, peak = meter(path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0
    audio = pcm(path)
    levels = [meter(window(audio, start, end))[0] for start, end in outcome.built[0].timeline]
    assert max(levels) - min(levels) <= 2.0, levels


def test_pauses_come_from_podcast_toml(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHORT)
    project.config.write_text(
        "[pacing]\nafter_title_ms = 2000\nbetween_paragraphs_ms = 300\n"
        "around_quote_ms = 900\nbetween_sections_ms = 1000\nlead_ms = 0\n",
        encoding="utf-8",
    )
    _, outcome = built(project)
    timeline = outcome.built[0].timeline
    gaps = [start - end for (_, end), (start, _) in itertools.pairwise(timeline)]
    assert gaps == [2000, 900, 900, 300]


def test_every_part_keeps_exactly_its_edge_silence(seed_build: tuple[Project, Outcome]) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    audio = pcm(project.audio / episode.file)
    edge_ms = Pacing().edge_silence_ms
    for start, end in episode.timeline:
        part = window(audio, start, end)
        threshold = audioop.rms(part, 2) / 100
        steps = range(0, len(part) // 88)
        onset_ms = next(ms for ms in steps if audioop.max(window(part, ms, ms + 1), 2) > threshold)
        offset_ms = next(
            ms
            for ms in steps
            if audioop.max(window(part, end - start - ms - 1, end - start - ms), 2) > threshold
        )
        # Measured on the MP3: at 64 kbit/s its coding noise spreads up to a granule (576
        # samples, 13 ms) into the silence, over the 1 % threshold.
        assert abs(onset_ms - edge_ms) <= 15
        assert abs(offset_ms - edge_ms) <= 15


def test_joins_fade_so_they_never_click(tmp_path: Path) -> None:
    from pydub.generators import Sine

    loud = Sine(1000, sample_rate=SAMPLE_RATE).to_audio_segment(duration=500, volume=-1)
    tones = [loud.set_channels(1), (loud - 20).set_channels(1)]
    mix = master(tones, Pauses((0, 300), tail_ms=0), 0, tmp_path / "mix.pcm")
    audio = pcm(mix.path, mix.rate)
    peaks = []
    for start, end in mix.spans:
        first, last = window(audio, start, start + 0.5), window(audio, end - 0.5, end)
        assert audioop.max(first, 2) < 100
        assert audioop.max(last, 2) < 100
        peaks.append(audioop.max(window(audio, start + 20, end - 20), 2))
    assert 2000 < peaks[0] < 4000
    assert abs(peaks[0] - peaks[1]) < 30


def test_the_intro_and_the_outro_are_spoken_around_the_article(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    audio = pcm(project.audio / episode.file)
    pacing = Pacing()
    intro = window(audio, pacing.lead_ms, episode.timeline[0][0] - pacing.between_sections_ms)
    outro_start = episode.timeline[-1][1] + pacing.between_sections_ms
    outro = window(audio, outro_start, episode.duration_ms - pacing.tail_ms)
    assert len(intro) > 1000 * BYTES_PER_MS
    assert len(outro) > 1000 * BYTES_PER_MS
    assert audioop.rms(intro, 2) > 1000
    assert audioop.rms(outro, 2) > 1000
    assert audioop.rms(window(audio, 0, pacing.lead_ms), 2) == 0


def test_music_plays_before_the_intro_and_ducks_under_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHORT)
    theme = ["-f", "lavfi", "-i", "sine=frequency=55:duration=30", "-ac", "1", "-b:a", "128k"]
    subprocess.run([FFMPEG, "-v", "error", *theme, str(tmp_path / "theme.mp3")], check=True)
    project.config.write_text(
        '[music]\nintro = "theme.mp3"\noutro = "theme.mp3"\nduck_db = -18\n', encoding="utf-8"
    )
    path, outcome = built(project)
    (episode,) = outcome.built
    audio = pcm(path)
    lead_ms, sections_ms = 3000, Pacing().between_sections_ms
    alone = window(audio, 500, lead_ms - DUCK_MS - 100)
    under = window(audio, lead_ms + 100, episode.timeline[0][0] - sections_ms - 100)
    after = window(audio, episode.duration_ms - 3500, episode.duration_ms - 1600)
    assert audioop.rms(alone, 2) > 1000
    assert audioop.rms(after, 2) > 1000
    assert 20 * math.log10(tone_level(alone, 55) / tone_level(under, 55)) >= 12
    integrated, peak = meter(path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0


def test_pauses_follow_the_article_structure() -> None:
    article = read_article(SHORT)
    pacing = Pacing(lead_ms=1, after_title_ms=2, between_paragraphs_ms=3, around_quote_ms=4)
    assert pauses(article.paragraphs, pacing) == Pauses(
        (1, pacing.between_sections_ms, 2, 4, 4, 3, pacing.between_sections_ms), pacing.tail_ms
    )


def test_google_voice_is_mastered_to_the_same_loudness(tmp_path: Path, google: Server) -> None:
    project = make_project(tmp_path, SHORT)
    project.config.write_text(f'[speech]\ngoogle_url = "{google.url}"\n', encoding="utf-8")
    outcome = build(project, engine_name="gtts", now=NOW)
    (episode,) = outcome.built
    integrated, peak = meter(project.audio / episode.file)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0
    assert len(episode.timeline) == 5


def test_pacing_and_music_settings_are_checked(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHORT)
    project.config.write_text("[pacing]\nlead_ms = -5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(project.config)
    assert str(error.value) == f"{project.config}: [pacing] lead_ms must be 0 or more, not -5"
    project.config.write_text('[music]\nintro = "theme.mp3"\n', encoding="utf-8")
    assert load_settings(project.config).music == Music(intro="theme.mp3")
    with pytest.raises(ConfigError) as error:
        build(project, engine_name="espeak", now=NOW)
    assert str(error.value) == f"{project.config}: [music] intro 'theme.mp3': no such file"
