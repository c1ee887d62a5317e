"""The commented podcast.toml that `podcast init` writes, made from the settings records."""

from __future__ import annotations

import dataclasses
import inspect
import textwrap
from pathlib import Path

from podcast.config.described import LISTS, field_notes, sections, toml_value
from podcast.errors import ConfigError

WIDTH = 88
HEAD = """\
# The podcast's settings. Every setting is optional: delete a line to use its default.
# docs/settings.md describes every key."""


def _comment(text: str, prefix: str = "# ") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append(prefix.rstrip())
        flat = " ".join(paragraph.split()).replace("``", "")
        lines += textwrap.wrap(
            flat, WIDTH - len(prefix), initial_indent=prefix, subsequent_indent=prefix
        )
    return lines


def template() -> str:
    """podcast.toml with every table and key at its default, each described in a comment.

    The tables of a list (``[[sources]]``, ``[[feeds]]``) are shown commented out: by
    default there are none.
    """
    parts = [HEAD]
    for table, record in sections():
        listed = table.strip("[]") in LISTS
        mark = "# " if listed else ""
        notes = field_notes(record)
        lines = ["", *_comment(inspect.cleandoc(record.__doc__ or "")), mark + table]
        for field in dataclasses.fields(record):
            value = toml_value(getattr(record(), field.name))
            lines += [*_comment(notes[field.name], mark + "# "), f"{mark}{field.name} = {value}"]
        parts.append("\n".join(lines))
    return "\n".join(parts) + "\n"


def write_config(path: Path) -> Path:
    """Write a commented podcast.toml holding the defaults at ``path``; never overwrite."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(template())
    except FileExistsError:
        raise ConfigError(f"{path} already exists; edit it, or remove it to start over") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be written ({error.strerror})") from None
    return path
