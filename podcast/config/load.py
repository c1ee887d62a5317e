"""Read podcast.toml: each value checked, each bad one refused naming the file, key and cause."""

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

import espeakng_loader

from podcast.config.categories import APPLE_CATEGORIES
from podcast.config.encoding import AUDIO_CHECKS
from podcast.config.images import font_problem, image_problem
from podcast.config.records import (
    EDITION_ORDERS,
    MAX_STORIES,
    Settings,
    Show,
)
from podcast.config.renditions import VIDEO_SIZES
from podcast.config.topics import sources_of, topics_of
from podcast.errors import ConfigError

SECTIONS: dict[str, type[Any]] = {
    field.name: type(getattr(Settings(), field.name))
    for field in dataclasses.fields(Settings)
    if field.name not in ("sources", "feeds")
}
"""Each table of podcast.toml and the record it fills: one per field of ``Settings``."""

TOML_TYPES = {bool: "true or false", str: "a string", int: "a whole number", float: "a number"}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
SPEECH_ENGINES = ("edge", "gtts", "espeak", "piper")


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


def _target(value: str, given: _Given) -> str:
    parts = urlsplit(value)
    if value and (parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment):
        raise ValueError(f"{value!r} is not a bucket address like s3://bucket/prefix")
    return value


def _endpoint_url(value: str, given: _Given) -> str:
    return value and _web_url(value, given)


def _timezone(value: str, given: _Given) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not a time zone name like Asia/Jakarta") from None
    return value


def _file(problem_of: Callable[[Path], str | None]) -> Callable[[str, _Given], str]:
    def check(value: str, given: _Given) -> str:
        problem = value and problem_of(given.root / value)
        if problem:
            raise ValueError(f"{value} {problem}")
        return value

    return check


def _order(value: str, given: _Given) -> str:
    if value not in EDITION_ORDERS:
        raise ValueError(f"{value!r} is not one of: {', '.join(EDITION_ORDERS)}")
    return value


def _stories(value: int, given: _Given) -> int:
    if not 1 <= value <= MAX_STORIES:
        raise ValueError(
            f"must be 1 to {MAX_STORIES} (an MP3 holds 255 chapters, one is the opening),"
            f" not {value!r}"
        )
    return value


def _engine_order(value: tuple[object, ...], given: _Given) -> tuple[str, ...]:
    for name in value:
        if name not in SPEECH_ENGINES:
            raise ValueError(f"{name!r} is not an engine; each one of: {', '.join(SPEECH_ENGINES)}")
    if len(set(value)) != len(value):
        raise ValueError("names an engine twice")
    return tuple(str(name) for name in value)


def _espeak_variant(value: str, given: _Given) -> str:
    folder = Path(espeakng_loader.get_data_path()) / "voices" / "!v"
    if value and (value != Path(value).name or not (folder / value).is_file()):
        raise ValueError(f"{value!r} is not one of eSpeak NG's variants; see podcast voices")
    return value


def _piper_model(value: str, given: _Given) -> str:
    model = given.root / value
    for path in (model, model.with_name(model.name + ".json")) if value else ():
        if not path.is_file():
            raise ValueError(f"{path}: no such file; a Piper voice is a .onnx and its .onnx.json")
    return str(model) if value else value


def _pattern(pattern: str, example: str) -> Callable[[str, _Given], str]:
    def check(value: str, given: _Given) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"{value!r} is not like {example}")
        return value

    return check


def _not_negative(value: float, given: _Given) -> float:
    if value < 0:
        raise ValueError(f"must be 0 or more, not {value!r}")
    return value


def _positive(value: float, given: _Given) -> float:
    if value <= 0:
        raise ValueError(f"must be more than 0, not {value!r}")
    return value


def _share(value: float, given: _Given) -> float:
    if not 0 < value <= 1:
        raise ValueError(f"must be a share above 0 and at most 1, not {value!r}")
    return value


CHECKS: dict[tuple[str, str], Callable[[Any, _Given], Any]] = {
    ("speech", "order"): _engine_order,
    ("speech", "edge_voice"): _pattern(r"[a-z]{2,3}-[A-Z]{2,}-\w+Neural", "id-ID-GadisNeural"),
    ("speech", "edge_rate"): _pattern(r"[+-]\d+%", "+10% or -5%"),
    ("speech", "edge_pitch"): _pattern(r"[+-]\d+Hz", "+0Hz or -10Hz"),
    ("speech", "espeak_variant"): _espeak_variant,
    ("speech", "piper_model"): _piper_model,
    ("speech", "piper_speed"): _positive,
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
    ("show", "image"): _file(image_problem),
    ("video", "size"): _pattern("|".join(VIDEO_SIZES), ", ".join(VIDEO_SIZES)),
    ("video", "font"): _file(font_problem),
    ("show", "keep_episodes"): _not_negative,
    ("show", "keep_editions"): _not_negative,
    ("show", "keep_days"): _not_negative,
    ("show", "feed_items"): _positive,
    ("show", "page_episodes"): _positive,
    ("publish", "target"): _target,
    ("publish", "endpoint_url"): _endpoint_url,
    ("edition", "order"): _order,
    **AUDIO_CHECKS,
    ("edition", "max_stories"): _stories,
    ("edition", "max_minutes"): _not_negative,
    ("speech", "tries"): _not_negative,
    ("speech", "backoff_s"): _not_negative,
    ("speech", "give_up_s"): _positive,
    ("speech", "failure_window"): _positive,
    ("speech", "failure_share"): _share,
    ("speech", "max_wait_s"): _not_negative,
    ("speech", "max_pause_s"): _not_negative,
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
    unknown = sorted(set(data) - set(SECTIONS) - {"sources", "feeds"})
    if unknown:
        known = ", ".join([*SECTIONS, "sources", "feeds"])
        raise ConfigError(f"{path}: unknown section [{unknown[0]}]; known: {known}")
    return Settings(
        **{name: _section(path, name, SECTIONS[name], data.get(name, {})) for name in SECTIONS},
        sources=sources_of(path, data.get("sources", [])),
        feeds=topics_of(path, data.get("feeds", [])),
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
        if expected is tuple and isinstance(value, list):
            checked[key] = tuple(value)
            continue
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
