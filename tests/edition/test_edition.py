"""Daily editions: the day's articles as one episode, a chapter per story, built on their clips."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from podcast.catalog import Episode, Section
from podcast.cli import main
from podcast.config import Edition, load_settings
from podcast.edition import choose_stories, spoken_date, written_date
from podcast.errors import ConfigError, EditionError
from podcast.feed import show_notes
from podcast.project import Project
from podcast.run import Outcome, build, build_edition
from podcast.serve.page import render_feed
from podcast.speech.google import Google
from podcast.text import speakable
from tests import support
from tests.servers.google import Google as Server
from tests.support.audio import meter
from tests.support.project import make_project

DATA = support.DATA / "edition"
FIVE = sorted(DATA.glob("0[1-5]_*.html"))
SIXTH = DATA / "06_republika_hutan.html"
DAY_BEFORE = DATA / "07_bisnis_kemarin.html"
JAKARTA = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 30)
MORNING = datetime(2026, 11, 30, 11, 0, tzinfo=JAKARTA)
EVENING = datetime(2026, 11, 30, 18, 0, tzinfo=JAKARTA)
TITLES = (
    "Banjir Rob Genangi Pesisir Utara Jakarta",
    "Tarif Kereta Bandara Turun Mulai Desember",
    "Petani Sulawesi Selatan Mulai Panen Raya",
    "Gempa Ringan Guncang Sukabumi, Tak Ada Kerusakan",
    "Sekolah di Bandung Uji Coba Makan Siang Bersama",
)
URLS = (
    "https://www.kompas.com/tren/read/2026/11/30/061500065/banjir-rob-genangi-pesisir-utara-jakarta",
    "https://www.tempo.co/ekonomi/tarif-kereta-bandara-turun-mulai-desember-1234567",
    "https://www.antaranews.com/berita/4812345/petani-sulawesi-selatan-mulai-panen-raya",
    "https://news.detik.com/berita/d-7654321/gempa-ringan-guncang-sukabumi-tak-ada-kerusakan",
    "https://www.cnnindonesia.com/nasional/20261130101500-20-1100001/"
    "sekolah-di-bandung-uji-coba-makan-siang-bersama",
)
OWN_WORDS_OF_FIVE = 8
"""The opening, the running order, five transitions and the close."""


def clips(project: Project) -> set[Path]:
    """Every clip in the project's cache."""
    return set((project.state / "clips").rglob("*.*"))


@dataclass(frozen=True)
class Built:
    project: Project
    articles: Outcome
    edition: Outcome
    new_clips: int


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Five articles of 30 November built as episodes, then their edition, with eSpeak NG."""
    project = make_project(tmp_path_factory.mktemp("edition"), *FIVE, DAY_BEFORE)
    articles = build(project, engine_name="espeak", now=MORNING)
    before = clips(project)
    edition = build_edition(project, DAY, "espeak", now=EVENING)
    return Built(project, articles, edition, len(clips(project) - before))


def edition_of(built: Built) -> Episode:
    (episode,) = built.edition.built
    return episode


# Held out: written with their expected words before the code spoke any date.
SPOKEN_DATES = [
    (date(2026, 11, 30), "Senin, tiga puluh November dua ribu dua puluh enam"),
    (date(2027, 1, 1), "Jumat, satu Januari dua ribu dua puluh tujuh"),
    (date(2025, 8, 17), "Minggu, tujuh belas Agustus dua ribu dua puluh lima"),
    (date(2026, 2, 11), "Rabu, sebelas Februari dua ribu dua puluh enam"),
    (date(2026, 3, 21), "Sabtu, dua puluh satu Maret dua ribu dua puluh enam"),
    (date(2028, 6, 12), "Senin, dua belas Juni dua ribu dua puluh delapan"),
    (date(2031, 10, 14), "Selasa, empat belas Oktober dua ribu tiga puluh satu"),
    (date(2100, 5, 19), "Rabu, sembilan belas Mei dua ribu seratus"),
]


@pytest.mark.parametrize(("day", "words"), SPOKEN_DATES)
def test_the_date_is_said_the_way_indonesian_radio_says_it(day: date, words: str) -> None:
    assert spoken_date(day) == words


def test_the_written_date_names_the_weekday() -> None:
    assert written_date(DAY) == "Senin, 30 November 2026"
    assert written_date(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"


def test_an_edition_of_five_already_built_articles_asks_only_for_its_own_words(
    five: Built,
) -> None:
    assert len(five.articles.built) == 6
    assert five.new_clips == OWN_WORDS_OF_FIVE
    episode = edition_of(five)
    assert episode.title == "Edisi Senin, 30 November 2026"
    assert episode.file == "2026-11-30-edisi-harian.mp3"
    assert episode.key == "edition:2026-11-30"
    assert episode.pub_date == EVENING


def test_the_edition_opens_with_show_and_date_then_stories_then_a_close(five: Built) -> None:
    episode = edition_of(five)
    assert episode.parts[0] == "Kabar Indonesia. Edisi Senin, 30 November 2026."
    assert (
        episode.parts[1]
        == "Dalam edisi ini: " + "; ".join(TITLES[:-1]) + "; dan " + TITLES[-1] + "."
    )
    assert episode.parts[2] == "Berita pertama, dari Kompas.com."
    assert episode.parts[3] == TITLES[0]
    assert episode.parts[7] == "Berita berikutnya, dari Tempo."
    assert episode.parts[22] == "Berita terakhir, dari CNN Indonesia."
    assert episode.parts[-1] == (
        "Demikian Kabar Indonesia, edisi Senin, 30 November 2026. Terima kasih telah mendengarkan."
    )
    assert len(episode.parts) == 2 + 5 * 5 + 1
    assert speakable(episode.parts[0]) == (
        "Kabar Indonesia. Edisi Senin, tiga puluh November dua ribu dua puluh enam."
    )


def test_pauses_between_stories_are_longer_than_between_paragraphs(five: Built) -> None:
    episode = edition_of(five)
    pacing = load_settings(five.project.config).pacing
    gaps = [b[0] - a[1] for a, b in zip(episode.timeline, episode.timeline[1:], strict=False)]
    between_stories = Edition().between_stories_ms
    # Before the first and the second story's transition, and between two paragraphs.
    assert gaps[1] == gaps[6] == between_stories
    assert gaps[7] == pacing.between_paragraphs_ms  # transition, title
    assert gaps[8] == pacing.after_title_ms
    assert gaps[9] == pacing.between_paragraphs_ms
    assert between_stories > gaps[9]
    assert gaps[-1] == between_stories


def test_chapters_per_story_in_the_mp3_and_the_json(five: Built) -> None:
    episode = edition_of(five)
    audio = five.project.audio
    tags = ID3(audio / episode.file)
    (toc,) = tags.getall("CTOC")
    chaps = {frame.element_id: frame for frame in tags.getall("CHAP")}
    ordered = [chaps[element_id] for element_id in toc.child_element_ids]
    titles = [str(chap.sub_frames["TIT2"]) for chap in ordered]
    assert titles == ["Edisi Senin, 30 November 2026", *TITLES]
    assert [
        chap.sub_frames.get("WXXX:").url if "WXXX:" in chap.sub_frames else None for chap in ordered
    ] == [None, *URLS]
    starts = [chap.start_time for chap in ordered]
    assert starts[0] == 0
    # Each story's chapter starts where its transition is spoken.
    assert starts[1:] == [episode.timeline[2 + 5 * n][0] for n in range(5)]
    ends = [chap.end_time for chap in ordered]
    assert ends == [*starts[1:], episode.duration_ms]
    document = json.loads((audio / "2026-11-30-edisi-harian.chapters.json").read_text("utf-8"))
    assert document["version"] == "1.2.0"
    listed = document["chapters"]
    assert [c["title"] for c in listed] == titles
    assert [c.get("url") for c in listed] == [None, *URLS]
    assert [round(c["startTime"] * 1000) for c in listed] == starts
    assert str(tags["TIT2"]) == "Edisi Senin, 30 November 2026"
    assert str(tags["TALB"]) == "Kabar Indonesia"


def test_the_edition_is_mastered_like_every_episode(five: Built) -> None:
    episode = edition_of(five)
    path = five.project.audio / episode.file
    integrated, peak = meter(path)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0
    info = MP3(path).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)
    assert abs(info.length * 1000 - episode.duration_ms) < 60
    assert episode.length == path.stat().st_size


def test_the_transcript_covers_the_whole_edition(five: Built) -> None:
    episode = edition_of(five)
    vtt = (five.project.audio / "2026-11-30-edisi-harian.vtt").read_text("utf-8")
    cues = vtt.split("\n\n")[1:]
    assert len(cues) == len(episode.parts) == len(episode.timeline)
    assert cues[0].splitlines()[-1] == "Kabar Indonesia. Edisi Senin, 30 November 2026."
    assert cues[-1].splitlines()[-1].startswith("Demikian Kabar Indonesia")
    assert str(ID3(five.project.audio / episode.file)["USLT::ind"]).startswith(
        "Kabar Indonesia. Edisi Senin, 30 November 2026.\n\nDalam edisi ini: "
    )


def test_the_feed_lists_the_edition_with_its_stories_and_links(five: Built) -> None:
    episode = edition_of(five)
    xml = (five.project.audio / "feed.xml").read_bytes()
    parsed = podcastparser.parse("http://127.0.0.1:8000/feed.xml", io.BytesIO(xml))
    items = {item["guid"]: item for item in parsed["episodes"]}
    assert len(items) == 7
    item = items[episode.guid]
    assert item["title"] == "Edisi Senin, 30 November 2026"
    assert item["enclosures"][0]["url"] == "http://127.0.0.1:8000/2026-11-30-edisi-harian.mp3"
    assert item["total_time"] == round(episode.duration_ms / 1000)
    notes = item["description_html"]
    assert re.findall(r'href="([^"]+)"', notes) == list(URLS)
    assert re.findall(r"<li><a [^>]+>([^<]+)</a></li>", notes) == list(TITLES)
    entry = next(e for e in feedparser.parse(xml).entries if e.id == episode.guid)
    assert re.findall(r'href="([^"]+)"', entry.content[0].value) == list(URLS)
    assert entry.podcast_chapters == {
        "url": "http://127.0.0.1:8000/2026-11-30-edisi-harian.chapters.json",
        "type": "application/json+chapters",
    }


def test_a_sixth_article_rebuilds_the_edition_in_place(five: Built, tmp_path: Path) -> None:
    project = Project(tmp_path / "copy")
    shutil.copytree(five.project.root, project.root)
    first = edition_of(five)
    shutil.copy(SIXTH, project.seeds / SIXTH.name)
    build(project, engine_name="espeak", now=EVENING)
    before = clips(project)
    later = datetime(2026, 11, 30, 20, 0, tzinfo=JAKARTA)
    again = build_edition(project, DAY, "espeak", now=later)
    (episode,) = again.built
    assert (episode.guid, episode.file, episode.pub_date) == (
        first.guid,
        first.file,
        first.pub_date,
    )
    # The running order, the fifth story's transition (no longer the last) and the sixth's.
    assert len(clips(project) - before) == 3
    chapters = json.loads(
        (project.audio / "2026-11-30-edisi-harian.chapters.json").read_text("utf-8")
    )["chapters"]
    assert [c["title"] for c in chapters][-1] == "Relawan Tanam Seribu Pohon di Lereng Merapi"
    assert len(chapters) == 7
    assert episode.duration_ms > first.duration_ms
    unchanged = build_edition(project, DAY, "espeak", now=later)
    assert unchanged.built == () and unchanged.unchanged == (episode,)


def test_no_articles_for_a_day_builds_nothing(five: Built) -> None:
    with pytest.raises(EditionError, match=r"^no articles for 2026-11-28$"):
        build_edition(five.project, date(2026, 11, 28), "espeak", now=EVENING)


def test_the_command_says_no_articles_for_the_day(tmp_path: Path) -> None:
    make_project(tmp_path, DAY_BEFORE)
    os.chdir(tmp_path)
    result = CliRunner(mix_stderr=False).invoke(
        main, ["edition", "--date", "2026-11-28", "--engine", "espeak"]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: no articles for 2026-11-28\n"
    assert not (tmp_path / "audio" / "2026-11-28-edisi-harian.mp3").exists()


def test_a_story_that_fails_to_read_is_reported_and_left_out(tmp_path: Path) -> None:
    project = make_project(tmp_path, *FIVE[:2])
    broken = project.seeds / "rusak.txt"
    broken.write_bytes(b"Judul\n\x00\x01binary")
    added = EVENING.timestamp()
    os.utime(broken, (added, added))
    outcome = build_edition(project, DAY, "espeak", now=EVENING)
    assert outcome.failures == (f"{broken}: binary file, not text (NUL byte at offset 6)",)
    (episode,) = outcome.built
    assert len(episode.parts) == 2 + 2 * 5 + 1


def test_the_command_builds_and_reports_the_edition(tmp_path: Path) -> None:
    make_project(tmp_path, FIVE[0])
    os.chdir(tmp_path)
    result = CliRunner(mix_stderr=False).invoke(
        main, ["edition", "--date", "2026-11-30", "--engine", "espeak"]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "engine: espeak (chosen with --engine)"
    assert re.fullmatch(
        r"built audio/2026-11-30-edisi-harian\.mp3 \(0:\d\d, 0\.\d MB\)", lines[1]
    ), lines
    assert lines[2] == "feed: audio/feed.xml (1 episodes)"


def test_stories_are_chosen_by_day_order_and_limits(tmp_path: Path) -> None:
    project = make_project(tmp_path, *FIVE, DAY_BEFORE)
    for number, path in enumerate(sorted(project.seeds.iterdir())):
        moment = datetime(2026, 11, 30, 6 + number, 0, tzinfo=JAKARTA).timestamp()
        os.utime(path, (moment, moment))
    undated = project.seeds / "tanpa_tanggal.txt"
    undated.write_text(
        "Pasar Malam Dibuka di Alun-alun\n\nPasar malam dibuka lagi setelah tiga tahun.\n",
        encoding="utf-8",
    )
    late = datetime(2026, 11, 30, 23, 30, tzinfo=JAKARTA).timestamp()
    os.utime(undated, (late, late))
    paths = sorted(project.seeds.iterdir())

    def titles(edition: Edition, day: date = DAY) -> list[str]:
        stories, failures = choose_stories(paths, day, edition, JAKARTA, {})
        assert failures == []
        return [story.article.title for story in stories]

    everything = [*TITLES, "Pasar Malam Dibuka di Alun-alun"]
    assert titles(Edition()) == everything
    assert titles(Edition(order="newest")) == everything[::-1]
    assert titles(Edition(max_stories=3)) == everything[:3]
    assert titles(Edition(), date(2026, 11, 29)) == ["Harga Cabai Naik Jelang Akhir Tahun"]
    # Each story of three short paragraphs is well under a minute: one minute holds a few.
    assert 1 <= len(titles(Edition(max_minutes=1))) < 6


def test_an_edition_of_its_own_feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, *FIVE[:2])
    project.config.write_text("[edition]\nseparate_feed = true\n", encoding="utf-8")
    build(project, engine_name="espeak", now=MORNING)
    outcome = build_edition(project, DAY, "espeak", now=EVENING)
    (episode,) = outcome.built
    assert outcome.feed == project.audio / "edition.xml"
    main_feed = feedparser.parse((project.audio / "feed.xml").read_bytes())
    assert {e.title for e in main_feed.entries} == set(TITLES[:2])
    editions = feedparser.parse((project.audio / "edition.xml").read_bytes())
    assert [e.id for e in editions.entries] == [episode.guid]
    assert editions.feed.title == "Kabar Indonesia: Edisi Harian"
    assert "http://127.0.0.1:8000/edition.xml" in [link.href for link in editions.feed.links]
    served = render_feed(project, "http://10.0.0.2:8000/", tmp_path / "served")
    assert served is not None
    assert {e.title for e in feedparser.parse(served.read_bytes()).entries} == set(TITLES[:2])
    served = render_feed(project, "http://10.0.0.2:8000/", tmp_path / "served", "edition.xml")
    assert served is not None
    served_editions = feedparser.parse(served.read_bytes())
    assert [e.id for e in served_editions.entries] == [episode.guid]
    assert served_editions.feed.title == "Kabar Indonesia: Edisi Harian"
    assert served_editions.entries[0].enclosures[0].href == (
        "http://10.0.0.2:8000/2026-11-30-edisi-harian.mp3"
    )
    assert render_feed(project, "http://10.0.0.2:8000/", tmp_path / "served", "other.xml") is None
    monkeypatch.chdir(project.root)
    removed = CliRunner().invoke(main, ["remove", "2026-11-30-edisi-harian.mp3"])
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.splitlines()[-1] == (
        f"removed 'Edisi Senin, 30 November 2026' ({episode.guid}) from audio/edition.xml"
    )
    assert feedparser.parse((project.audio / "edition.xml").read_bytes()).entries == []
    main_feed = feedparser.parse((project.audio / "feed.xml").read_bytes())
    assert {e.title for e in main_feed.entries} == set(TITLES[:2])


def test_build_keeps_todays_edition_up_to_date_when_configured(tmp_path: Path) -> None:
    project = make_project(tmp_path, *FIVE[:2])
    project.config.write_text("[edition]\nauto = true\n", encoding="utf-8")
    outcome = build(project, engine_name="espeak", now=EVENING)
    assert [e.title for e in outcome.built] == [*TITLES[:2], "Edisi Senin, 30 November 2026"]
    shutil.copy(FIVE[2], project.seeds / FIVE[2].name)
    later = build(project, engine_name="espeak", now=datetime(2026, 11, 30, 21, tzinfo=JAKARTA))
    assert [e.title for e in later.built] == [TITLES[2], "Edisi Senin, 30 November 2026"]
    assert later.built[-1].guid == outcome.built[-1].guid


def test_edition_settings_are_checked(tmp_path: Path) -> None:
    config = tmp_path / "podcast.toml"
    config.write_text('[edition]\norder = "oldest"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"\[edition\] order: 'oldest' is not one of: added, newest$"
    ):
        load_settings(config)
    for wrong in (0, 255):
        config.write_text(f"[edition]\nmax_stories = {wrong}\n", encoding="utf-8")
        with pytest.raises(
            ConfigError, match=rf"\[edition\] max_stories: must be 1 to 254 .+, not {wrong}$"
        ):
            load_settings(config)
    config.write_text("[edition]\nmax_minutes = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[edition\] max_minutes: must be 0 or more, not -1$"):
        load_settings(config)


def test_google_is_asked_only_for_the_editions_own_words(tmp_path: Path, google: Server) -> None:
    project = make_project(tmp_path, *FIVE[:2])
    project.config.write_text(f'[speech]\ngoogle_url = "{google.url}"\n', encoding="utf-8")
    build(project, engine_name="gtts", now=MORNING)
    asked = len(google.requests)
    outcome = build_edition(project, DAY, "gtts", now=EVENING)
    (episode,) = outcome.built
    sent = google.requests[asked:]
    articles = set(TITLES[:2])
    own = [
        part
        for index, part in enumerate(episode.parts)
        if index in (0, 1, len(episode.parts) - 1) or part.startswith("Berita ")
    ]
    assert len(own) == 5 and not articles & set(own)
    splitter = Google(google.url)
    expected = [chunk for part in own for chunk in splitter.split(speakable(part))]
    assert sorted(sent) == sorted(expected)


def test_show_notes_list_the_stories_linked_to_their_sources() -> None:
    episode = Episode(
        key="edition:2026-11-30",
        guid="g",
        file="2026-11-30-edisi-harian.mp3",
        title="Edisi Senin, 30 November 2026",
        outlet=None,
        summary="Edisi Senin, 30 November 2026: 2 berita dari Tempo.",
        source_url=None,
        pub_date=EVENING,
        content_hash="h",
        length=1,
        duration_ms=1000,
        sections=(
            Section(2, "Harga <Cabai> & Bawang", "https://a.example/x?a=1&b=2"),
            Section(7, "Tanpa Tautan"),
        ),
    )
    assert show_notes(episode) == (
        "<p>Edisi Senin, 30 November 2026: 2 berita dari Tempo.</p>"
        '<ol><li><a href="https://a.example/x?a=1&amp;b=2">'
        "Harga &lt;Cabai&gt; &amp; Bawang</a></li>"
        "<li>Tanpa Tautan</li></ol>"
    )
    many = replace(
        episode,
        sections=tuple(
            Section(n, "Judul " * 30, "https://a.example/" + "x" * 200) for n in range(40)
        ),
    )
    notes = show_notes(many)
    assert len(notes.encode()) <= 4000
    assert notes.startswith("<p>Edisi Senin") and notes.endswith("</li></ol>")
    assert 5 < notes.count("<li>") < 40


def test_an_article_edited_since_its_episode_is_read_again(tmp_path: Path) -> None:
    project = make_project(tmp_path, *FIVE[:2])
    build(project, engine_name="espeak", now=MORNING)
    edited = project.seeds / FIVE[0].name
    html = edited.read_text(encoding="utf-8")
    edited.write_text(html.replace("Senin pagi", "Senin siang"), encoding="utf-8")
    mp3 = next(project.audio.glob("2026-11-30-banjir-*.mp3"))
    later = mp3.stat().st_mtime + 60
    os.utime(edited, (later, later))
    outcome = build_edition(project, DAY, "espeak", now=EVENING)
    (episode,) = outcome.built
    assert episode.parts[4] == (
        "Banjir rob menggenangi sejumlah permukiman di pesisir utara Jakarta pada Senin siang."
    )
    # The other article comes from the catalog, as its episode recorded it.
    assert episode.parts[8] == "Tarif Kereta Bandara Turun Mulai Desember"


def test_the_web_page_lists_the_edition_with_its_chapters(five: Built) -> None:
    audio = five.project.audio
    index = (audio / "index.html").read_text(encoding="utf-8")
    assert "Edisi Senin, 30 November 2026" in index
    page = (audio / "2026-11-30-edisi-harian.html").read_text(encoding="utf-8")
    positions = [page.index(html.escape(title)) for title in TITLES]
    assert positions == sorted(positions)
