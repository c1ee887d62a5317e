"""Where a podcast lives: the folders and files of one project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
