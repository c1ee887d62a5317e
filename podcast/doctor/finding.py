"""A line of the doctor's report."""

from __future__ import annotations

from dataclasses import dataclass

from podcast.config import Settings
from podcast.project import Project


@dataclass(frozen=True)
class Finding:
    """How one thing stands (ok, warn or fail), what it is, and what to do about it."""

    level: str
    subject: str
    text: str


@dataclass(frozen=True)
class Case:
    """What every check is given."""

    project: Project
    settings: Settings
    problems: tuple[str, ...]
    write: bool
