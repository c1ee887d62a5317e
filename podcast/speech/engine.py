"""What every speech engine offers (see the package's description)."""

from __future__ import annotations

from typing import Protocol

from podcast.pcm import Clip


class Engine(Protocol):
    """What every speech engine offers."""

    @property
    def kind(self) -> str:
        """The engine as a user names it: one of ``ENGINES``."""
        ...

    @property
    def name(self) -> str:
        """The voice exactly, with its settings (``espeak:id``): it goes into an episode's hash."""
        ...

    @property
    def concurrency(self) -> int: ...

    def split(self, text: str) -> list[str]: ...

    def speak(self, text: str) -> Clip: ...
