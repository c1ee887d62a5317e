"""The references in docs/ are made from the code: a stale file or an undocumented setting fails."""

from __future__ import annotations

import dataclasses

import click
import pytest

from podcast import reference
from podcast.cli import main
from podcast.config import field_notes, undocumented


@pytest.mark.parametrize("path", sorted(reference.references()), ids=lambda path: path.name)
def test_generated_docs_are_current(path):
    made = reference.references()[path]
    assert path.read_text(encoding="utf-8") == made, (
        f"docs/{path.name} is stale: run python -m podcast.reference"
    )


def test_every_setting_has_a_description():
    assert undocumented() == []


def test_a_changed_help_text_makes_the_command_reference_stale():
    build = main.commands["build"]
    option = next(param for param in build.params if param.name == "quiet")
    assert isinstance(option, click.Option)
    was = option.help
    try:
        option.help = "Print nothing but errors."
        made = reference.commands_markdown(main)
    finally:
        option.help = was
    assert made != (reference.DOCS / "commands.md").read_text(encoding="utf-8")
    assert "Print nothing but errors." in made


def test_a_setting_without_a_description_is_found():
    @dataclasses.dataclass(frozen=True)
    class Record:
        """A record."""

        known: int = 1
        """Described."""
        unknown: str = ""

    assert field_notes(Record) == {"known": "Described."}


def test_the_settings_reference_gives_each_key_its_type_default_and_note():
    text = reference.settings_markdown()
    assert '| `owner_email` | str | `"podcast@example.com"` |' in text
    assert "| `order` | list of strings | `[]` | The engines ``auto`` tries" in text
    assert "## `[[sources]]`" in text
