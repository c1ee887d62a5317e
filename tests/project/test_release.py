"""The release: one version, a changelog entry for it, and systemd examples that run podcast
with options it has (CI also checks them with systemd-analyze verify)."""

from __future__ import annotations

import re
import shlex
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from podcast import __version__
from podcast.cli import main
from tests.support import ROOT

UNITS = sorted((ROOT / "docs" / "systemd").glob("*.service"))


def test_the_version_is_written_once_and_the_changelog_has_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "podcast-berita"
    assert "version" not in project and project["dynamic"] == ["version"]
    assert project["scripts"] == {"podcast": "podcast.cli:main"}
    assert version("podcast-berita") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (\S+)", changelog, re.MULTILINE)[0] == __version__


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_each_example_unit_runs_podcast_with_options_it_has(unit: Path) -> None:
    commands = [
        shlex.split(line.split("=", 1)[1].lstrip("-"))
        for line in unit.read_text(encoding="utf-8").splitlines()
        if line.startswith("ExecStart=")
    ]
    assert commands
    for command in commands:
        assert Path(command[0]).name == "podcast"
        context = main.make_context("podcast", command[1:])
        assert context.protected_args[0] in main.commands
        subcommand = main.commands[context.protected_args[0]]
        subcommand.make_context(context.protected_args[0], context.args)  # raises on a bad option
