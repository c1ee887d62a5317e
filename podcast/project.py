"""Where a podcast lives: the folders and files of one project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATALOG_FILE = "catalog.db"
"""The catalog's file name, in the project's state folder."""


@dataclass(frozen=True)
class Project:
    """Where a podcast lives: its settings, inputs, published files and local state."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "podcast.toml"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def audio(self) -> Path:
        return self.root / "audio"

    @property
    def state(self) -> Path:
        return self.root / ".podcast"

    @property
    def catalog(self) -> Path:
        """The catalog: every episode ever built, and the fetch log (SQLite)."""
        return self.state / CATALOG_FILE
