"""Shared fixtures: a project folder holding the seed, and real audio helpers."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from podcast.build import Outcome, build
from podcast.catalog import Episode
from podcast.pcm import FFMPEG, SAMPLE_RATE
from podcast.project import Project
from podcast.speech.espeak import Espeak
from tests import google_server

# gTTS hands the environment's proxies to requests: keep loopback traffic direct.
for _name in list(os.environ):
    if _name.lower().endswith("_proxy"):
        del os.environ[_name]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f270e526a9c4b75d.txt"
NOW = datetime(2025, 12, 21, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def podcast_process(project: Project, *arguments: str, **options: Any) -> subprocess.Popen[str]:
    """Start ``podcast`` from this checkout as a separate process in ``project``."""
    return subprocess.Popen(
        [sys.executable, "-m", "podcast", *arguments],
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def make_project(folder: Path, *articles: Path) -> Project:
    """A project folder whose seeds/ holds ``articles`` (the seed when none are given)."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    for article in articles or (SEED,):
        shutil.copy(article, seeds / article.name)
    return Project(folder)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Outcome]:
    """The seed built once with the offline voice, shared by read-only tests."""
    built = make_project(tmp_path_factory.mktemp("seed"))
    return built, build(built, engine_name="espeak", now=NOW)


def pcm(path: Path, rate: int | None = None) -> bytes:
    """Decode any audio file to mono 16-bit PCM at the episode's rate with ffmpeg.

    ``rate`` says that the file is raw mono 16-bit PCM at that rate (a mix's lossless copy).
    """
    given = ["-f", "s16le", "-ar", str(rate), "-ac", "1"] if rate else []
    command = [FFMPEG, "-v", "error", *given, "-i", str(path), "-f", "s16le", "-ac", "1"]
    command += ["-ar", str(SAMPLE_RATE), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout


@functools.cache
def google_voice(text: str) -> bytes:
    """MP3 like Google's (24 kHz mono, 32 kbps) for ``text``, spoken by eSpeak NG.

    Remembered per text: like Google, the same text always gets the same bytes.
    """
    wav = Espeak().speak(text).data
    result = subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-f",
            "wav",
            "-i",
            "pipe:0",
            "-ar",
            "24000",
            "-ac",
            "1",
            "-b:a",
            "32k",
            "-f",
            "mp3",
            "-",
        ],
        input=wav,
        capture_output=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def google() -> Iterator[google_server.Google]:
    """A loopback server speaking Google Translate's TTS protocol."""
    with google_server.serve(google_voice) as server:
        yield server


Speak = Callable[[str], bytes]


def as_listed(episodes: Iterable[Episode]) -> tuple[Episode, ...]:
    """Episodes as a build reports those it kept: the catalog's headers, without their parts."""
    return tuple(replace(e, timeline=(), parts=(), sections=(), cues=()) for e in episodes)
