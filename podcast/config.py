"""The show's settings: defaults that suit the seed, overridden by podcast.toml."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from podcast.artwork import image_problem
from podcast.categories import APPLE_CATEGORIES
from podcast.errors import ConfigError


@dataclass(frozen=True)
class Show:
    """What a podcast app shows about the whole podcast."""

    title: str = "Kabar Indonesia"
    description: str = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    author: str = "Kabar Indonesia"
    owner_name: str = "Kabar Indonesia"
    owner_email: str = "podcast@example.com"
    language: str = "id"
    category: str = "News"
    subcategory: str = "Daily News"
    explicit: bool = False
    locked: bool = False
    base_url: str = "http://127.0.0.1:8000/"
    link: str = "http://127.0.0.1:8000/"
    copyright: str = ""
    image: str = ""
    timezone: str = "Asia/Jakarta"

    def url(self, name: str) -> str:
        """The public URL of a file published as ``name``."""
        return self.base_url.rstrip("/") + "/" + name


@dataclass(frozen=True)
class Speech:
    """Where the voices come from."""

    google_url: str = ""
    tld: str = "com"
    timeout_s: float = 10.0
    concurrency: int = 4
    tries: int = 5
    backoff_s: float = 1.0


@dataclass(frozen=True)
class Pacing:
    """Silence in milliseconds around the spoken parts of an episode.

    The parts are the intro, the title, each paragraph and the outro; each
    pause sits between two parts. ``edge_silence_ms`` is the silence every
    clip keeps at both of its ends once its own silence is trimmed, so the
    quiet a listener hears between two parts is the pause plus twice that.
    """

    lead_ms: int = 400
    """Before the intro (without intro music)."""
    after_title_ms: int = 1200
    between_paragraphs_ms: int = 700
    around_quote_ms: int = 1000
    """Before and after a paragraph that opens with a quotation mark."""
    between_sections_ms: int = 1400
    """After the intro and before the outro."""
    tail_ms: int = 1000
    """After the outro (without outro music)."""
    edge_silence_ms: int = 40


@dataclass(frozen=True)
class Music:
    """Optional music under the intro and the outro, ducked under the speech.

    ``intro`` and ``outro`` are audio files, relative to the project folder.
    """

    intro: str = ""
    outro: str = ""
    duck_db: float = -18.0
    """The music's level under speech, relative to its level alone."""
    lead_ms: int = 3000
    """Music alone before the intro speech."""
    tail_ms: int = 4000
    """Music after the outro speech, fading out."""


NO_MUSIC = Music()
DEFAULT_PACING = Pacing()


@dataclass(frozen=True)
class Settings:
    """Everything podcast.toml can set."""

    show: Show = Show()
    speech: Speech = Speech()
    pacing: Pacing = Pacing()
    music: Music = Music()


SECTIONS: dict[str, type[Any]] = {"show": Show, "speech": Speech, "pacing": Pacing, "music": Music}

TOML_TYPES = {bool: "true or false", str: "a string", int: "a whole number", float: "a number"}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class _Given:
    """What a check may look at: the section's other values and the project's folder."""

    values: dict[str, Any]
    root: Path


def _not_blank(value: str, given: _Given) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _email(value: str, given: _Given) -> str:
    if not EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an e-mail address like name@example.com")
    return value


def _language(value: str, given: _Given) -> str:
    if not LANGUAGE.fullmatch(value):
        raise ValueError(f"{value!r} is not a language code like id, en or en-US")
    return value


def _category(value: str, given: _Given) -> str:
    if value not in APPLE_CATEGORIES:
        raise ValueError(
            f"{value!r} is not an Apple Podcasts category; one of: {', '.join(APPLE_CATEGORIES)}"
        )
    return value


def _subcategory(value: str, given: _Given) -> str:
    category = given.values.get("category", Show.category)
    allowed = APPLE_CATEGORIES.get(category, ())
    if value and value not in allowed:
        choices = ", ".join(allowed) if allowed else "none (leave it empty)"
        raise ValueError(f"{value!r} is not a subcategory of {category!r}; one of: {choices}")
    return value


def _web_url(value: str, given: _Given) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not an http:// or https:// URL")
    return value


def _base_url(value: str, given: _Given) -> str:
    return _web_url(value, given).rstrip("/") + "/"


def _timezone(value: str, given: _Given) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not a time zone name like Asia/Jakarta") from None
    return value


def _image(value: str, given: _Given) -> str:
    if value:
        problem = image_problem(given.root / value)
        if problem:
            raise ValueError(f"{value} {problem}")
    return value


CHECKS: dict[tuple[str, str], Callable[[Any, _Given], Any]] = {
    ("show", "title"): _not_blank,
    ("show", "description"): _not_blank,
    ("show", "author"): _not_blank,
    ("show", "owner_name"): _not_blank,
    ("show", "owner_email"): _email,
    ("show", "language"): _language,
    ("show", "category"): _category,
    ("show", "subcategory"): _subcategory,
    ("show", "base_url"): _base_url,
    ("show", "link"): _web_url,
    ("show", "timezone"): _timezone,
    ("show", "image"): _image,
}
"""Checks of single settings, keyed by (section, key): each returns the value to use."""


def load_settings(path: Path) -> Settings:
    """Read podcast.toml at ``path``; a missing file means all defaults."""
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"{path}: unknown section [{unknown[0]}]; known: {', '.join(SECTIONS)}")
    return Settings(
        **{name: _section(path, name, SECTIONS[name], data.get(name, {})) for name in SECTIONS}
    )


def _section(path: Path, name: str, record: type[Any], values: dict[str, Any]) -> Any:
    fields = {field.name: field for field in dataclasses.fields(record)}
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [{name}] must be a table of settings")
    checked = dict(values)
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(
                f"{path}: [{name}] has no setting {key!r}; known: {', '.join(fields)}"
            )
        expected = type(getattr(record(), key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            checked[key] = float(value)
            continue
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{path}: [{name}] {key} must be {TOML_TYPES.get(expected, expected.__name__)},"
                f" not {value!r}"
            )
        if key.endswith("_ms") and value < 0:
            raise ConfigError(f"{path}: [{name}] {key} must be 0 or more, not {value!r}")
    given = _Given(checked, path.parent)
    for key in fields:
        check = CHECKS.get((name, key))
        if check:
            try:
                checked[key] = check(checked.get(key, getattr(record(), key)), given)
            except ValueError as error:
                raise ConfigError(f"{path}: [{name}] {key}: {error}") from None
    return record(**checked)


TEMPLATE = """\
# The podcast's settings. Every setting is optional: delete a line to use its default.

[show]
title = "Kabar Indonesia"
description = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
author = "Kabar Indonesia"             # shown as the artist in podcast apps
owner_name = "Kabar Indonesia"         # Apple writes to the owner about the feed
owner_email = "podcast@example.com"
language = "id"                        # a language code: id, en, en-US, ...
category = "News"                      # one of Apple Podcasts' categories
subcategory = "Daily News"             # one of that category's subcategories, or ""
explicit = false                       # true when episodes hold explicit content
locked = false                         # true forbids other platforms to import the feed
base_url = "http://127.0.0.1:8000/"    # the public URL of audio/, where the feed lives
link = "http://127.0.0.1:8000/"        # the show's web site
copyright = ""
image = ""                             # cover image, relative to this folder: a square
                                       # JPEG or PNG, RGB, 1400 to 3000 px; drawn if empty
timezone = "Asia/Jakarta"              # the zone of the episodes' publication dates

[speech]
google_url = ""     # another endpoint speaking Google Translate's TTS protocol
tld = "com"         # translate.google.<tld>; "com" or "co.id"
timeout_s = 10.0    # seconds to wait for Google before giving up on a request
concurrency = 4     # requests to Google at a time (fewer when Google asks to slow down)
tries = 5           # tries per request before giving up on Google
backoff_s = 1.0     # first wait before a retry; it doubles with each try

[pacing]            # silence in milliseconds between the spoken parts
lead_ms = 400                 # before the intro
after_title_ms = 1200
between_paragraphs_ms = 700
around_quote_ms = 1000        # before and after a paragraph opening with a quotation
between_sections_ms = 1400    # after the intro and before the outro
tail_ms = 1000                # after the outro
edge_silence_ms = 40          # silence each clip keeps at its ends once trimmed

[music]             # optional music under the intro and the outro
intro = ""                    # an audio file, relative to this folder
outro = ""
duck_db = -18.0               # the music's level under speech, relative to alone
lead_ms = 3000                # music alone before the intro speech
tail_ms = 4000                # music after the outro speech, fading out
"""


def write_config(path: Path) -> Path:
    """Write a commented podcast.toml holding the defaults at ``path``; never overwrite."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(TEMPLATE)
    except FileExistsError:
        raise ConfigError(f"{path} already exists; edit it, or remove it to start over") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be written ({error.strerror})") from None
    return path
