"""Every bad value of podcast.toml at once, for podcast doctor (a build stops at the first)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from podcast.config.load import SECTIONS, _section, _sources
from podcast.config.records import Settings, Source
from podcast.errors import ConfigError


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
        f"{path}: unknown section [{name}]; known: {', '.join([*SECTIONS, 'sources'])}"
        for name in sorted(set(data) - set(SECTIONS) - {"sources"})
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
    tables = data.get("sources", [])
    sources: list[Source] = []
    for number, table in enumerate(tables if isinstance(tables, list) else [tables], start=1):
        try:
            sources.extend(_sources(path, [table]))
        except ConfigError as error:
            problems.append(str(error).replace("[[sources]] 1", f"[[sources]] {number}", 1))
    return Settings(**sections, sources=tuple(sources)), problems
