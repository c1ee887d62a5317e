"""The list tables of podcast.toml, each checked and named in errors: [[sources]], the
outlets' feeds to follow, and [[feeds]], per-topic feeds."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from podcast.config.images import image_problem
from podcast.config.records import Source, Topic
from podcast.errors import ConfigError

TOPIC_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
RESERVED_NAMES = ("feed", "edition", "index", "cover", "cover-page")


def topics_of(path: Path, tables: Any) -> tuple[Topic, ...]:
    """The [[feeds]] tables: each a name, a title and what selects its episodes."""
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{path}: feeds must be [[feeds]] tables, each with a name and title")
    topics: list[Topic] = []
    known = [field.name for field in dataclasses.fields(Topic)]
    for number, table in enumerate(tables, start=1):
        where = f"{path}: [[feeds]] {number}"
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ConfigError(f"{where} has no setting {unknown[0]!r}; known: {', '.join(known)}")
        values: dict[str, Any] = {}
        for key in known:
            value = table.get(key, getattr(Topic(), key))
            if isinstance(getattr(Topic(), key), tuple):
                if not isinstance(value, list | tuple) or not all(
                    isinstance(word, str) and word.strip() for word in value
                ):
                    raise ConfigError(f"{where}: {key} must be a list of words, not {value!r}")
                value = tuple(word.strip().lower() for word in value)
            elif not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string, not {value!r}")
            values[key] = value
        topic = Topic(**values)
        if not TOPIC_NAME.fullmatch(topic.name) or topic.name in RESERVED_NAMES:
            raise ConfigError(
                f"{where}: name {topic.name!r} must be lowercase letters, digits and dashes, "
                f'such as "olahraga", and none of {", ".join(RESERVED_NAMES)}'
            )
        if topic.name.startswith("archive-") or topic.name in (t.name for t in topics):
            raise ConfigError(f"{where}: name {topic.name!r} is taken; give each feed its own")
        if not topic.title.strip():
            raise ConfigError(f"{where}: title must not be empty")
        if not (topic.outlets or topic.sites or topic.words):
            raise ConfigError(f"{where}: select its episodes with outlets, sites or words")
        if topic.image and (problem := image_problem(path.parent / topic.image)):
            raise ConfigError(f"{where}: image {topic.image} {problem}")
        topics.append(topic)
    return tuple(topics)


def sources_of(path: Path, tables: Any) -> tuple[Source, ...]:
    """The [[sources]] tables: each a feed URL, a limit and words to include or exclude."""
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{path}: sources must be [[sources]] tables, each with a url")
    sources = []
    for number, table in enumerate(tables, start=1):
        where = f"{path}: [[sources]] {number}"
        unknown = sorted(set(table) - {"url", "limit", "include", "exclude"})
        if unknown:
            raise ConfigError(
                f"{where} has no setting {unknown[0]!r}; known: url, limit, include, exclude"
            )
        url = table.get("url")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            raise ConfigError(
                f"{where}: url must be the http:// or https:// URL of a feed, not {url!r}"
            )
        limit = table.get("limit", Source.limit)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise ConfigError(f"{where}: limit must be a whole number of 1 or more, not {limit!r}")
        words = {}
        for key in ("include", "exclude"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(w, str) and w.strip() for w in value
            ):
                raise ConfigError(f"{where}: {key} must be a list of words, not {value!r}")
            words[key] = tuple(value)
        sources.append(Source(url, limit, words["include"], words["exclude"]))
    return tuple(sources)
