"""The low-data edition: Opus beside every MP3, a quarter of its size or less, as loud, as long.

Measured on the built files with ffmpeg's EBU R128 meter, read back with mutagen and ffmpeg,
and its feed entry read by Podcast Index's own parser (podcast-partytime, under node) as well
as feedparser and podcastparser.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import feedparser
import podcastparser
import pytest
from mutagen.mp3 import MP3
from mutagen.oggopus import OggOpus

from podcast.catalog import Episode, LowData
from podcast.config import load_settings
from podcast.episode import chapters
from podcast.errors import ConfigError
from podcast.pcm import FFMPEG, SAMPLE_RATE
from podcast.project import Project
from podcast.run import Outcome, build
from tests.servers.google import Google as Server
from tests.support import TESTS
from tests.support.audio import SHORT, meter, pcm
from tests.support.project import NOW, as_listed, make_project

PARTYTIME = TESTS / "partytime"
SETTINGS = "opus:16k:-5.0:1.0"


def only(outcome: Outcome) -> Episode:
    assert outcome.failures == ()
    (episode,) = (*outcome.built, *outcome.unchanged)
    return episode


def milliseconds(path: Path) -> float:
    """How long ``path`` plays, from the samples ffmpeg decodes."""
    return len(pcm(path)) / 2 * 1000 / SAMPLE_RATE


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_the_seed_gets_an_opus_edition_a_quarter_of_its_mp3(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    episode = only(outcome)
    opus = project.audio / (Path(episode.file).stem + ".opus")
    length = opus.stat().st_size
    assert episode.low_data == LowData(
        file=opus.name,
        type="audio/ogg",
        codecs="opus",
        length=length,
        bitrate=round(length * 8 * 1000 / episode.duration_ms),
        integrity=sri(opus),
        settings=SETTINGS,
    )
    assert length * 4 <= episode.length
    assert 10_000 <= episode.low_data.bitrate <= 17_000
    integrated, peak = meter(opus)
    assert -17.0 <= integrated <= -15.0
    assert peak <= -1.0
    mp3 = project.audio / episode.file
    assert abs(milliseconds(opus) - episode.duration_ms) < 1
    assert abs(milliseconds(mp3) - episode.duration_ms) < 1


def test_the_opus_edition_carries_the_tags_and_the_chapters(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    episode = only(outcome)
    assert episode.low_data is not None
    opus = OggOpus(project.audio / episode.low_data.file)
    assert opus.info.channels == 1
    assert opus.tags is not None
    assert (opus.tags["title"], opus.tags["artist"], opus.tags["album"], opus.tags["genre"]) == (
        [episode.title],
        [episode.outlet],
        ["Kabar Indonesia"],
        ["Podcast"],
    )
    assert opus.tags["date"] == ["2025-12-21"]
    assert opus.tags["description"] == [episode.summary]
    assert "metadata_block_picture" not in opus.tags
    source = str(project.audio / episode.low_data.file)
    listed = subprocess.run(
        [FFMPEG, "-v", "error", "-i", source, "-f", "ffmetadata", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(r"\[CHAPTER\]\nTIMEBASE=1/1000\nSTART=(\d+)\nEND=\d+\ntitle=(.*)", listed)
    expected = [(str(c.start_ms), c.title) for c in chapters(episode)]
    assert found == expected
    assert len(found) == len(episode.timeline)


def partytime(feed: bytes) -> dict[str, object]:
    """The feed as Podcast Index's parser reads it (its npm package, under node)."""
    if not (PARTYTIME / "node_modules" / "podcast-partytime").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PARTYTIME, check=True)
    result = subprocess.run(
        ["node", str(PARTYTIME / "read_feed.js")],
        input=feed,
        capture_output=True,
        check=True,
        env={**os.environ, "PARTYTIME_LOG": "error"},
    )
    read: dict[str, object] = json.loads(result.stdout)
    return read


def test_podcast_index_reads_the_alternate_enclosures(
    seed_build: tuple[Project, Outcome],
) -> None:
    project, outcome = seed_build
    episode = only(outcome)
    low = episode.low_data
    assert low is not None
    feed = (project.audio / "feed.xml").read_bytes()
    base = "http://127.0.0.1:8000/"
    read = partytime(feed)
    assert read["pc20support"] == {
        "1": ["locked", "transcript", "chapters"],
        "3": ["guid", "alternateEnclosure"],
    }
    (item,) = read["items"]  # type: ignore[misc]
    assert item["enclosure"] == {
        "url": base + episode.file,
        "length": episode.length,
        "type": "audio/mpeg",
    }
    assert item["alternativeEnclosures"] == [
        {
            "type": "audio/mpeg",
            "length": episode.length,
            "source": [{"uri": base + episode.file, "contentType": "audio/mpeg"}],
            "default": True,
            "title": "MP3",
        },
        {
            "type": "audio/ogg",
            "length": low.length,
            "source": [{"uri": base + low.file, "contentType": "audio/ogg"}],
            "default": False,
            "integrity": {"type": "sri", "value": sri(project.audio / low.file)},
            "bitrate": low.bitrate,
            "title": "Hemat kuota",
            "codecs": "opus",
        },
    ]
    entry = feedparser.parse(feed).entries[0]
    assert entry.podcast_alternateenclosure == {
        "type": "audio/ogg",
        "length": str(low.length),
        "bitrate": str(low.bitrate),
        "title": "Hemat kuota",
        "codecs": "opus",
    }
    assert entry.podcast_source == {"uri": base + low.file}
    assert entry.podcast_integrity == {"type": "sri", "value": low.integrity}
    parsed = podcastparser.parse(base + "feed.xml", io.BytesIO(feed))
    assert parsed["episodes"][0]["enclosures"] == [
        {"url": base + episode.file, "file_size": episode.length, "mime_type": "audio/mpeg"}
    ]


@pytest.mark.parametrize(
    ("case", "config"),
    [
        ("google voice", ""),
        ("music under intro and outro", '[music]\nintro = "theme.mp3"\noutro = "theme.mp3"\n'),
        ("compact MP3 preset", '[audio]\npreset = "compact"\n'),
        ("opus at 24 kbit/s", "[audio]\nlow_data_kbps = 24\n"),
    ],
)
def test_held_out_episodes_meet_the_low_data_targets(
    tmp_path: Path, google: Server, case: str, config: str
) -> None:
    """Cases the limiter's ceiling was not chosen on: written before they were first run."""
    project = make_project(tmp_path, SHORT)
    theme = ["-f", "lavfi", "-i", "sine=frequency=220:duration=30", "-ac", "1"]
    subprocess.run([FFMPEG, "-v", "error", *theme, str(tmp_path / "theme.mp3")], check=True)
    speech = f'[speech]\ngoogle_url = "{google.url}"\n'
    project.config.write_text(speech + config, encoding="utf-8")
    episode = only(build(project, engine_name="gtts", now=NOW))
    assert episode.low_data is not None
    opus = project.audio / episode.low_data.file
    mp3 = project.audio / episode.file
    for path in (mp3, opus):
        integrated, peak = meter(path)
        print(f"{case}: {path.suffix} {path.stat().st_size} B {integrated} LUFS {peak} dBTP")
        assert -17.0 <= integrated <= -15.0, (case, path.suffix, integrated)
        assert peak <= -1.0, (case, path.suffix, peak)
        assert abs(milliseconds(path) - episode.duration_ms) < 1, (case, path.suffix)
    kbps, rate = load_settings(project.config).audio.mp3()
    info = MP3(mp3).info
    assert (info.bitrate, info.sample_rate) == (kbps * 1000, rate)
    if case != "opus at 24 kbit/s":
        assert episode.low_data.length * 4 <= episode.length, case


def test_audio_settings_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "podcast.toml"
    cases = {
        '[audio]\npreset = "radio"\n': "[audio] preset: 'radio' is not a preset; known: speech,"
        " compact, music",
        "[audio]\nsample_rate = 32000\n": "[audio] sample_rate: 32000 Hz is not an MP3 sample rate"
        " for speech; known: 44100, 48000, 22050, 24000",
        '[audio]\npreset = "compact"\nmp3_kbps = 192\n': "[audio] mp3_kbps: an MP3 at 24000 Hz"
        " cannot be 192 kbit/s; it can be 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144,"
        " 160",
        '[audio]\nlow_data = "aac"\n': "[audio] low_data: 'aac' is not a low-data format; known:"
        " opus, none",
        "[audio]\nlow_data_kbps = 96\n": "[audio] low_data_kbps: must be from 6 to 64 kbit/s"
        " (Opus for speech), not 96",
    }
    for text, message in cases.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load_settings(path)
        assert str(raised.value) == f"{path}: {message}"
    path.write_text("[audio]\nmp3_kbps = 96\n", encoding="utf-8")
    assert load_settings(path).audio.mp3() == (96, 44100)


def test_changing_only_the_low_data_settings_remakes_only_that_edition(
    tmp_path: Path, google: Server
) -> None:
    project = make_project(tmp_path, SHORT)
    speech = f'[speech]\ngoogle_url = "{google.url}"\n'
    project.config.write_text(speech, encoding="utf-8")
    first = only(build(project, engine_name="gtts", now=NOW))
    asked = len(google.requests)
    assert asked > 0 and first.low_data is not None
    mp3 = (project.audio / first.file).read_bytes()
    opus = project.audio / first.low_data.file
    at_16k = opus.read_bytes()

    project.config.write_text(speech + "[audio]\nlow_data_kbps = 10\n", encoding="utf-8")
    outcome = build(project, engine_name="gtts", now=NOW)
    again = only(outcome)
    assert (outcome.built, len(google.requests)) == ((), asked)
    assert (project.audio / first.file).read_bytes() == mp3
    assert again.low_data is not None
    assert again.low_data.settings == "opus:10k:-5.0:1.0"
    assert again.low_data.length == opus.stat().st_size < len(at_16k)
    assert again.low_data.integrity == sri(opus)
    assert again == replace(first, low_data=again.low_data)
    integrated, peak = meter(opus)
    assert (-17.0 <= integrated <= -15.0, peak <= -1.0) == (True, True), (integrated, peak)
    assert abs(milliseconds(opus) - first.duration_ms) < 1
    feed = feedparser.parse((project.audio / "feed.xml").read_bytes()).entries[0]
    assert feed.podcast_alternateenclosure["length"] == str(again.low_data.length)

    unchanged = only(build(project, engine_name="gtts", now=NOW))
    assert (unchanged,) == as_listed([again])
    assert opus.read_bytes() == (project.audio / again.low_data.file).read_bytes()

    project.config.write_text(speech + '[audio]\nlow_data = "none"\n', encoding="utf-8")
    without = only(build(project, engine_name="gtts", now=NOW))
    assert (without.low_data, opus.exists(), len(google.requests)) == (None, False, asked)
    assert b"alternateEnclosure" not in (project.audio / "feed.xml").read_bytes()
    assert b".opus" not in (project.audio / "index.html").read_bytes()
