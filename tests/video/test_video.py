"""Episodes as videos: the MP4 read back with PyAV, its frames, its description, the command."""

from __future__ import annotations

import audioop
import json
import math
import struct
import unicodedata
from pathlib import Path

import av
import fontpkg_noto_sans_thai
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageDraw, ImageStat

from podcast.catalog import Episode, Section, episodes, open_catalog
from podcast.cli import main
from podcast.config import Show, load_settings
from podcast.errors import ConfigError
from podcast.project import Project
from podcast.publish.local import public_files
from podcast.run import build
from podcast.run.episodes import remove_episode
from podcast.video import make_videos, youtube_chapters
from podcast.video.describe import description
from podcast.video.fonts import NOTO_SANS, Type, draw_text, runs, uncovered, width, wrap
from podcast.video.make import pictures, storyboard
from tests.support import DATA
from tests.support.audio import meter, pcm
from tests.support.project import NOW, make_project

ARTICLE = DATA / "video_article.txt"
STEM = "2025-12-21-banjir-rob-genangi-pesisir-utara-semarang"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Episode]:
    """A four-paragraph article built with the offline voice, as a wide and an upright video."""
    project = make_project(tmp_path_factory.mktemp("video"), ARTICLE)
    build(project, engine_name="espeak", now=NOW)
    for size in ("1280x720", "1080x1920"):
        made, failures = make_videos(project, size=size)
        assert failures == [] and [video.made for video in made] == [True]
    connection = open_catalog(project.catalog)
    (episode,) = episodes(connection)
    connection.close()
    return project, episode


EPISODE_FILES = (".opus", ".vtt", ".srt", ".chapters.json", ".html")
"""What a build leaves beside an episode's MP3 besides its videos."""


def boxes(path: Path) -> list[str]:
    """The top-level boxes of an MP4 file, in order."""
    found, data, at = [], path.read_bytes(), 0
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        found.append(kind.decode())
        at += size
    return found


@pytest.mark.parametrize(
    ("suffix", "size"), [(".mp4", (1280, 720)), (".vertical.mp4", (1080, 1920))]
)
def test_the_video_is_h264_and_aac_with_the_index_first_and_lasts_as_long_as_the_mp3(
    rendered: tuple[Project, Episode], suffix: str, size: tuple[int, int]
) -> None:
    project, episode = rendered
    path, mp3 = project.audio / (STEM + suffix), project.audio / episode.file
    assert boxes(path)[:3] == ["ftyp", "moov", "free"] or boxes(path)[:2] == ["ftyp", "moov"]
    with av.open(str(path)) as video, av.open(str(mp3)) as audio:
        picture, sound = video.streams.video[0], video.streams.audio[0]
        assert (picture.codec_context.name, sound.codec_context.name) == ("h264", "aac")
        assert (picture.width, picture.height) == size
        assert (sound.rate, sound.channels) == (44100, 1)
        heard = sum(frame.samples for frame in audio.decode(audio=0)) / 44.1
        assert video.duration is not None
        assert abs(video.duration / 1000 - heard) <= 50
        assert abs(sum(f.samples for f in video.decode(audio=0)) / 44.1 - heard) <= 50
    assert abs(heard - episode.duration_ms) <= 50


def test_the_audio_is_as_loud_as_the_episode(rendered: tuple[Project, Episode]) -> None:
    project, episode = rendered
    video_lufs, _ = meter(project.audio / (STEM + ".mp4"))
    audio_lufs, _ = meter(project.audio / episode.file)
    assert abs(video_lufs - audio_lufs) <= 0.1  # the meter prints tenths
    video_rms = audioop.rms(pcm(project.audio / (STEM + ".mp4")), 2)
    audio_rms = audioop.rms(pcm(project.audio / episode.file), 2)
    assert abs(20 * math.log10(video_rms / audio_rms)) < 0.05  # dB, over the whole episode


def frames(path: Path) -> dict[int, Image.Image]:
    """Every frame of the video by its start in milliseconds."""
    with av.open(str(path)) as video:
        return {round(f.time * 1000): f.to_image() for f in video.decode(video=0)}


def difference(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The mean difference of two pictures inside ``box``, 0 to 255."""
    return sum(ImageStat.Stat(ImageChops.difference(a.crop(box), b.crop(box))).mean) / 3


@pytest.mark.parametrize("size", ["1280x720", "1080x1920"])
def test_each_caption_is_on_screen_from_its_cue_and_shows_the_expected_words(
    rendered: tuple[Project, Episode], size: str
) -> None:
    project, episode = rendered
    board = storyboard(project, episode, load_settings(project.config), size)
    layout = board.look.layout
    shown = frames(project.audio / (STEM + layout.suffix))
    expected = dict(pictures(board))
    # Every picture change is a frame at its exact millisecond, so every caption page
    # (the first of each cue at the cue's start) is on screen when its words are spoken.
    assert set(expected) <= set(shown)
    assert {cue[0] for cue in board.cues} <= {page.start_ms for page in board.pages}
    first_page = board.pages[0]
    mid_sentence = next(
        b
        for a, b in zip(board.pages, board.pages[1:], strict=False)
        if a.end_ms == b.start_ms and not a.lines[-1].endswith((".", "”", "?", "!"))
    )
    chapter_change = next(s for s in board.screens if s.chapter == 2)
    top, height = layout.band
    band = (0, top, layout.width, top + height)
    for moment in (first_page.start_ms, mid_sentence.start_ms, chapter_change.start_ms):
        before = max(m for m in expected if m < moment)
        assert difference(shown[moment], expected[moment], band) < 3
        assert difference(shown[moment], expected[before], band) > 3 * difference(
            shown[moment], expected[moment], band
        )
        assert difference(shown[moment], expected[moment], (0, 0, layout.width, layout.height)) < 3
    keys: list[int] = []
    for screen in board.screens:
        if not keys or screen.start_ms - keys[-1] >= 30_000:
            keys.append(screen.start_ms)
    with av.open(str(project.audio / (STEM + layout.suffix))) as video:
        packets = [p for p in video.demux(video=0) if p.pts is not None]
        found = [round(p.pts * p.time_base * 1000) for p in packets if p.is_keyframe]
    assert found == keys  # a keyframe at least every 30 s of pictures, for seeking
    heading = (0, 0, layout.width, top)
    moment = chapter_change.start_ms
    before = max(m for m in expected if m < moment)
    assert difference(shown[before], shown[moment], heading) > 0.5  # the chapter line changed


def test_the_description_has_notes_and_the_chapters_youtube_keeps(
    rendered: tuple[Project, Episode],
) -> None:
    project, episode = rendered
    text = (project.audio / (STEM + ".youtube.txt")).read_text(encoding="utf-8")
    chapters = json.loads((project.audio / (STEM + ".chapters.json")).read_text())["chapters"]
    starts = [(round(c["startTime"] * 1000), c["title"]) for c in chapters]
    kept = youtube_chapters(starts, episode.duration_ms)
    lines = [line for line in text.splitlines() if line[:2].isdigit() and line[2] == ":"]
    assert lines == [f"{s // 60000:02d}:{s // 1000 % 60:02d} {title}" for s, title in kept]
    assert lines[0] == "00:00 Banjir Rob Genangi Pesisir Utara Semarang"
    # The first paragraph starts less than ten seconds in: YouTube would drop every chapter.
    assert starts[1][0] < 10_000 and len(lines) == len(chapters) - 1
    assert text.startswith(episode.summary)
    assert text.endswith(
        "Kabar Indonesia: http://127.0.0.1:8000/\nRSS: http://127.0.0.1:8000/feed.xml\n"
    )


def test_the_description_fits_youtube_limits() -> None:
    episode = Episode(
        "k",
        "g",
        "x.mp3",
        "T",
        "Outlet",
        "Kurs <naik> & turun",
        "https://o.example/a",
        NOW,
        "h",
        1,
        10_000_000,
    )
    chapters = [(n * 20_000, f"Bagian {n} " + "kata " * 20) for n in range(400)]
    text = description(episode, Show(), chapters, "https://x.example/feed.xml")
    assert "<" not in text and ">" not in text and "Kurs ‹naik› & turun" in text
    assert len(text) <= 5000 and "Outlet: https://o.example/a" in text
    lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert lines[:2] == [f"00:00 Bagian 0 {'kata ' * 19}kata", f"00:20 Bagian 1 {'kata ' * 19}kata"]
    following = f"{len(lines) * 20 // 60:02d}:{len(lines) * 20 % 60:02d} Bagian {len(lines)} "
    assert len(text) + len(following) + 100 > 5000  # the next chapter line would not fit
    assert len(lines) == 42


def test_the_command_names_what_it_made_and_leaves_up_to_date_videos_alone(
    rendered: tuple[Project, Episode], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, episode = rendered
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["video", episode.key])
    assert (result.exit_code, result.output) == (0, f"unchanged audio/{STEM}.mp4\n")
    result = CliRunner().invoke(main, ["video", "--size", "1080x1920"])
    assert (result.exit_code, result.output) == (0, f"unchanged audio/{STEM}.vertical.mp4\n")
    result = CliRunner().invoke(main, ["video", "nope.txt"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: nope.txt: no such episode; `podcast episodes` lists them "
        "(give an article file name, an MP3 file name or a guid)\n"
    )


def test_build_makes_videos_when_asked_and_they_are_published_and_removed_with_the_episode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = DATA / "short_article.txt"
    project = make_project(tmp_path, short)
    project.config.write_text('[video]\nauto = true\nsize = "1080x1920"\n', encoding="utf-8")
    outcome = build(project, engine_name="espeak", now=NOW)
    stem = "2025-12-21-hujan-deras-guyur-jakarta-sore-ini"
    assert [(v.path.name, v.made) for v in outcome.videos] == [(f"{stem}.vertical.mp4", True)]
    again = build(project, engine_name="espeak", now=NOW)
    assert [(v.path.name, v.made) for v in again.videos] == [(f"{stem}.vertical.mp4", False)]
    kinds = {file.name: file.content_type for file in public_files(project.audio)}
    assert kinds[f"{stem}.vertical.mp4"] == "video/mp4"
    assert kinds[f"{stem}.youtube.txt"] == "text/plain; charset=utf-8"
    assert kinds[f"{stem}.srt"] == "application/x-subrip"

    (project.audio / f"{stem}.mp3").unlink()
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["video"])
    assert result.exit_code == 1
    assert result.output == f"error: audio/{stem}.mp3: missing; run podcast build first\n"

    _, deleted = remove_episode(project, short.name)
    assert {path.name for path in deleted} == {
        f"{stem}{suffix}" for suffix in (*EPISODE_FILES, ".vertical.mp4", ".youtube.txt")
    }


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'size = "640x480"',
            "[video] size: '640x480' is not like 1280x720, 1920x1080, 1080x1920",
        ),
        ('font = "podcast.toml"', "[video] font: podcast.toml is not a font file that can be read"),
    ],
)
def test_video_settings_are_checked(tmp_path: Path, setting: str, message: str) -> None:
    project = Project(tmp_path)
    project.config.write_text(f"[video]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(project.config)
    assert str(raised.value).startswith(f"{project.config}: {message}")


def test_a_script_noto_sans_lacks_is_drawn_with_the_shows_font_or_reported() -> None:
    thai = str(fontpkg_noto_sans_thai.ROOT / "files" / "NotoSansThai[wdth,wght].ttf")
    text = "Berita ข่าวไทย hari ini"
    assert uncovered([text], Type(48)) == "ขาวไทย"  # its letters; the tone mark goes with ข
    assert uncovered([text], Type(48, extra=thai)) == ""
    lent = Type(48, extra=thai)
    assert [(font.path, part) for font, part in runs(text, lent)] == [
        (str(NOTO_SANS), "Berita "),
        (thai, "ข่าวไทย"),
        (str(NOTO_SANS), " hari ini"),
    ]

    def drawn(type_: Type) -> Image.Image:
        image = Image.new("L", (700, 80))
        draw_text(ImageDraw.Draw(image), (0, 0), text, type_, (255,))
        return image

    boxes, letters = drawn(Type(48)), drawn(lent)
    latin = (0, 0, round(width("Berita", lent)), 80)
    assert ImageChops.difference(boxes.crop(latin), letters.crop(latin)).getbbox() is None
    assert ImageChops.difference(boxes, letters).getbbox() is not None
    # Without spaces a line breaks between letters, never between a letter and its tone mark.
    lines = wrap("ข่าวไทย" * 6, lent, 200)
    assert len(lines) > 1 and all(
        not unicodedata.category(line[0]).startswith("M") for line in lines
    )
    assert "".join(lines) == "ข่าวไทย" * 6


def test_an_editions_description_links_each_story() -> None:
    stories = (Section(0, "Banjir <rob>", "https://a.example/1"), Section(3, "Tarif", None))
    episode = Episode(
        "edition",
        "g",
        "e.mp3",
        "Edisi",
        None,
        "Dua berita.",
        None,
        NOW,
        "h",
        1,
        60_000,
        sections=stories,
    )
    chapters = [(0, "Edisi"), (15_000, "Banjir <rob>"), (35_000, "Tarif")]
    text = description(episode, Show(), chapters, "http://127.0.0.1:8000/feed.xml")
    assert text == (
        "Dua berita.\n\nBanjir ‹rob›: https://a.example/1\n\n"
        "00:00 Edisi\n00:15 Banjir ‹rob›\n00:35 Tarif\n\n"
        "Kabar Indonesia: http://127.0.0.1:8000/\nRSS: http://127.0.0.1:8000/feed.xml\n"
    )
