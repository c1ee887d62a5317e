"""Fixtures for every test: a project holding the seed, the seed built once, a loopback Google.

Helpers live in `tests.support`, the loopback servers in `tests.servers`.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from podcast.project import Project
from podcast.run import Outcome, build
from tests.servers import google as google_server
from tests.support.project import NOW, make_project
from tests.support.voices import google_voice

# gTTS hands the environment's proxies to requests: keep loopback traffic direct.
for _name in list(os.environ):
    if _name.lower().endswith("_proxy"):
        del os.environ[_name]

# A shell runs a background job with SIGINT ignored, and the processes the tests start would
# inherit that and never see the Ctrl+C the tests send them: take SIGINT as Python does.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Outcome]:
    """The seed built once with the offline voice, shared by read-only tests."""
    built = make_project(tmp_path_factory.mktemp("seed"))
    return built, build(built, engine_name="espeak", now=NOW)


@pytest.fixture
def google() -> Iterator[google_server.Google]:
    """A loopback server speaking Google Translate's TTS protocol."""
    with google_server.serve(google_voice) as server:
        yield server
