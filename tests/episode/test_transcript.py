"""Transcripts, chapters and ID3 frames, read back: VTT/SRT cues, JSON chapters, CHAP/CTOC."""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

from mutagen.id3 import ID3, CTOCFlags, PictureType
from PIL import Image

from podcast.config import Show
from podcast.episode.tags import tag
from podcast.episode.transcript import chapter_title
from podcast.project import Project
from podcast.run import Outcome

CUE = re.compile(
    r"(\d+)\n(\d\d):(\d\d):(\d\d)[.,](\d{3}) --> (\d\d):(\d\d):(\d\d)[.,](\d{3})\n(.+)\n"
)


def cues(text: str) -> list[tuple[int, int, int, str]]:
    """(number, start_ms, end_ms, text) of every cue in a VTT or SRT document."""
    found = []
    for match in CUE.finditer(text):
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(match[i]) for i in range(2, 10))
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
        end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
        found.append((int(match[1]), start, end, match[10]))
    return found


def companion(seed_build: tuple[Project, Outcome], suffix: str) -> Path:
    project, outcome = seed_build
    return project.audio / (Path(outcome.built[0].file).stem + suffix)


def test_vtt_has_one_cue_per_part_timed_by_the_timeline(
    seed_build: tuple[Project, Outcome],
) -> None:
    (episode,) = seed_build[1].built
    text = companion(seed_build, ".vtt").read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n\n")
    found = cues(text)
    assert len(found) == len(episode.parts) == 15
    assert [(start, end) for _, start, end, _ in found] == list(episode.timeline)
    assert found[0][3] == "Berita AS dan Rusia Bertemu di Miami Bahas Akhiri Perang Ukraina"
    assert found[3][3] == episode.parts[3]  # the article's words, not the spoken form


def test_srt_matches_the_vtt(seed_build: tuple[Project, Outcome]) -> None:
    vtt = cues(companion(seed_build, ".vtt").read_text(encoding="utf-8"))
    srt_text = companion(seed_build, ".srt").read_text(encoding="utf-8")
    (episode,) = seed_build[1].built
    seconds, ms = divmod(episode.timeline[0][0], 1000)
    assert srt_text.startswith(f"1\n00:00:{seconds:02d},{ms:03d} --> ")
    assert cues(srt_text) == vtt


def test_chapters_json_is_version_1_2_0_in_time_order(
    seed_build: tuple[Project, Outcome],
) -> None:
    (episode,) = seed_build[1].built
    document = json.loads(companion(seed_build, ".chapters.json").read_text(encoding="utf-8"))
    assert document["version"] == "1.2.0"
    chapters = document["chapters"]
    starts = [chapter["startTime"] for chapter in chapters]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts == [0, *(start / 1000 for start, _ in episode.timeline[1:])]
    assert chapters[-1]["endTime"] == episode.duration_ms / 1000
    assert chapters[0]["title"] == episode.title
    assert chapters[1]["title"] == "resmi Amerika Serikat (AS) dan Rusia bertemu di …"


def test_mp3_chapters_read_back_in_time_order(seed_build: tuple[Project, Outcome]) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    tags = ID3(str(project.audio / episode.file))
    (toc,) = tags.getall("CTOC")
    assert toc.flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    assert str(toc.sub_frames["TIT2"]) == episode.title
    chapters = [tags[f"CHAP:{element_id}"] for element_id in toc.child_element_ids]
    assert toc.child_element_ids == [f"chp{n}" for n in range(15)]
    assert [(c.start_time, c.end_time) for c in chapters] == [
        (start, end)
        for start, end in zip(
            [0, *(s for s, _ in episode.timeline[1:])],
            [*(s for s, _ in episode.timeline[1:]), episode.duration_ms],
            strict=True,
        )
    ]
    assert [str(c.sub_frames["TIT2"]) for c in chapters] == [
        episode.title,
        *(chapter_title(p) for p in episode.parts[1:]),
    ]


def test_transcript_cover_and_language_frames_read_back(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    tags = ID3(str(project.audio / episode.file))
    assert tags.version == (2, 3, 0)
    assert str(tags["TLAN"]) == "ind"
    (lyrics,) = tags.getall("USLT")
    assert lyrics.lang == "ind"
    assert lyrics.text == "\n\n".join(episode.parts) + "\n"
    (picture,) = tags.getall("APIC")
    assert (picture.mime, picture.type) == ("image/jpeg", PictureType.COVER_FRONT)
    assert len(picture.data) <= 500_000
    with Image.open(io.BytesIO(picture.data)) as image:
        assert (image.format, image.size) == ("JPEG", (1400, 1400))
    assert tags.getall("WOAS") == []  # the seed names no source URL


def test_source_url_becomes_woas(seed_build: tuple[Project, Outcome], tmp_path: Path) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    copy = tmp_path / "copy.mp3"
    shutil.copy(project.audio / episode.file, copy)
    tag(copy, replace(episode, source_url="https://example.id/berita?id=1&x=2"), Show())
    assert ID3(str(copy))["WOAS"].url == "https://example.id/berita?id=1&x=2"


def test_a_long_article_gets_at_most_255_chapters_covering_it(
    seed_build: tuple[Project, Outcome], tmp_path: Path
) -> None:
    project, outcome = seed_build
    (episode,) = outcome.built
    paragraphs = [f"Paragraf nomor {n} dari artikel yang panjang." for n in range(600)]
    timeline = tuple((1000 + n * 2000, 2500 + n * 2000) for n in range(601))
    long = replace(
        episode,
        parts=("Judul", *paragraphs),
        timeline=timeline,
        duration_ms=timeline[-1][1] + 1000,
    )
    copy = tmp_path / "long.mp3"
    shutil.copy(project.audio / episode.file, copy)
    tag(copy, long, Show())
    tags = ID3(str(copy))
    (toc,) = tags.getall("CTOC")
    frames = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    assert len(toc.child_element_ids) == len(frames) == 1 + 200  # runs of 3 paragraphs
    assert [str(frame.sub_frames["TIT2"]) for frame in frames[:3]] == [
        "Judul",
        "Paragraf nomor 0 dari artikel yang panjang.",
        "Paragraf nomor 3 dari artikel yang panjang.",
    ]
    assert [(frame.start_time, frame.end_time) for frame in frames[:2]] == [(0, 3000), (3000, 9000)]
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(frames))
    assert frames[-1].end_time == long.duration_ms
