"""The settings described by their records: each table, each key's default and description.

A field's description is the string literal under it in the record's class body, so the
defaults and their meaning are written once, in ``records.py``; ``podcast init``'s file
and the settings reference in docs/ are both made from them.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap
from typing import Any

from podcast.config.records import Settings, Source, Topic

LISTS: dict[str, type[Any]] = {"sources": Source, "feeds": Topic}
"""The settings written as a list of tables, ``[[name]]``, and the record of each table."""


def field_notes(record: type[Any]) -> dict[str, str]:
    """Each field's description: the string literal that stands under it in the class body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(record)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    notes: dict[str, str] = {}
    for field, after in zip(body, [*body[1:], None], strict=True):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            notes[field.target.id] = inspect.cleandoc(after.value.value)
    return notes


def sections() -> list[tuple[str, type[Any]]]:
    """Each table of podcast.toml, as written there, and the record it fills."""
    tables: list[tuple[str, type[Any]]] = []
    for field in dataclasses.fields(Settings):
        if field.name in LISTS:
            tables.append((f"[[{field.name}]]", LISTS[field.name]))
        else:
            tables.append((f"[{field.name}]", type(getattr(Settings(), field.name))))
    return tables


def undocumented() -> list[str]:
    """The settings that have no description, as ``[table] key``."""
    return [
        f"{table} {field.name}"
        for table, record in sections()
        for field in dataclasses.fields(record)
        if field.name not in field_notes(record)
    ]


def toml_value(value: Any) -> str:
    """``value`` as TOML writes it.

    >>> toml_value(("edge", "espeak")), toml_value(False), toml_value('a "b"'), toml_value(1.0)
    ('["edge", "espeak"]', 'false', '"a \\\\"b\\\\""', '1.0')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)
