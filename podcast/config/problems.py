"""Every bad value of podcast.toml at once, for podcast doctor (a build stops at the first)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from podcast.config.load import SECTIONS, _section
from podcast.config.records import Settings
from podcast.config.topics import sources_of, topics_of
from podcast.errors import ConfigError

LISTS = {"sources": sources_of, "feeds": topics_of}
"""The list tables of podcast.toml and what reads each."""


def config_problems(path: Path) -> tuple[Settings, list[str]]:
    """Every bad value of podcast.toml at ``path``, one line each, and the settings without
    them (``load_settings`` stops at the first).

    Each key is checked on its own (a subcategory with its category), so one bad key does
    not hide the next; a bad key is left at its default.
    """
    if not path.exists():
        return Settings(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: not valid TOML ({error})"]
    problems = [
        f"{path}: unknown section [{name}]; known: {', '.join([*SECTIONS, *LISTS])}"
        for name in sorted(set(data) - set(SECTIONS) - set(LISTS))
    ]
    sections: dict[str, Any] = {}
    for name, record in SECTIONS.items():
        values = data.get(name, {})
        if not isinstance(values, dict):
            problems.append(f"{path}: [{name}] must be a table of settings")
            values = {}
        good = {}
        for key, value in values.items():
            alone = {key: value}
            if key == "subcategory" and "category" in values:
                alone["category"] = values["category"]
            try:
                _section(path, name, record, alone)
            except ConfigError as error:
                problems.append(str(error))
            else:
                good[key] = value
        try:
            sections[name] = _section(path, name, record, good)
        except ConfigError as error:
            problems.append(str(error))
            sections[name] = record()
    lists: dict[str, list[Any]] = {}
    for name, read in LISTS.items():
        tables = data.get(name, [])
        lists[name] = []
        for number, table in enumerate(tables if isinstance(tables, list) else [tables], 1):
            try:
                lists[name].extend(read(path, [table]))
            except ConfigError as error:
                problems.append(str(error).replace(f"[[{name}]] 1", f"[[{name}]] {number}", 1))
    sections.update((name, tuple(found)) for name, found in lists.items())
    return Settings(**sections), problems
