"""The command and settings references in docs/, made from the code so that they cannot drift.

``python -m podcast.reference`` writes them; a test fails when a file in docs/ differs from
what this module makes, or when a setting has no description.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path
from typing import Any

import click

from podcast.config import field_notes, sections, toml_value

HELP_WIDTH = 88
"""Columns of the help texts quoted, whatever the terminal that writes them."""

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands_markdown(group: click.Group) -> str:
    """Every command's ``--help``, as the terminal prints it, under one heading each."""
    root = click.Context(group, info_name="podcast", terminal_width=HELP_WIDTH)
    parts = [
        "# Commands",
        "",
        "Each command's own `--help`, made from the code by `python -m podcast.reference`.",
        "",
        "```text",
        group.get_help(root),
        "```",
    ]
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        assert command is not None
        context = click.Context(command, info_name=name, parent=root, terminal_width=HELP_WIDTH)
        parts += ["", f"## `podcast {name}`", "", "```text", command.get_help(context), "```"]
    return "\n".join(parts) + "\n"


def _kind(field: dataclasses.Field[Any]) -> str:
    kind = str(field.type)
    return {"tuple[str, ...]": "list of strings"}.get(kind, kind)


def settings_markdown() -> str:
    """Every table and key of podcast.toml: type, default and description, from the records."""
    parts = [
        "# Settings",
        "",
        "Every key of `podcast.toml`, made from the settings records by",
        "`python -m podcast.reference`. Every key is optional; `podcast init` writes the file",
        "with its defaults.",
    ]
    for table, record in sections():
        notes = field_notes(record)
        parts += ["", f"## `{table}`", "", inspect.cleandoc(record.__doc__ or ""), ""]
        parts += ["| key | type | default | what it does |", "| --- | --- | --- | --- |"]
        for field in dataclasses.fields(record):
            note = " ".join(notes.get(field.name, "").split()).replace("|", "\\|")
            default = toml_value(getattr(record(), field.name))
            parts.append(f"| `{field.name}` | {_kind(field)} | `{default}` | {note} |")
    return "\n".join(parts) + "\n"


def references() -> dict[Path, str]:
    """Each generated file of docs/ and what it must hold."""
    from podcast.cli import main

    return {
        DOCS / "commands.md": commands_markdown(main),
        DOCS / "settings.md": settings_markdown(),
    }


def write() -> list[Path]:
    """Write the files that differ; return them."""
    written = []
    for path, text in references().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(f"wrote {path.relative_to(DOCS.parent)}")
    sys.exit(0)
