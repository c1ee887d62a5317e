"""The show's settings: defaults that suit the seed, overridden by podcast.toml."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podcast.errors import ConfigError


@dataclass(frozen=True)
class Show:
    """What a podcast app shows about the whole podcast."""

    title: str = "Kabar Indonesia"
    description: str = "Berita Indonesia pilihan, dibacakan untuk didengar di mana saja."
    author: str = "Kabar Indonesia"
    owner_name: str = "Kabar Indonesia"
    owner_email: str = "podcast@example.com"
    language: str = "id"
    category: str = "News"
    subcategory: str = "Daily News"
    explicit: bool = False
    base_url: str = "http://127.0.0.1:8000/"
    link: str = "http://127.0.0.1:8000/"
    copyright: str = ""
    image: str = ""
    timezone: str = "Asia/Jakarta"

    def url(self, name: str) -> str:
        """The public URL of a file published as ``name``."""
        return self.base_url.rstrip("/") + "/" + name


@dataclass(frozen=True)
class Speech:
    """Where the voices come from."""

    google_url: str = ""
    tld: str = "com"
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Pacing:
    """Silence in milliseconds around the spoken parts of an episode.

    The parts are the intro, the title, each paragraph and the outro; each
    pause sits between two parts. ``edge_silence_ms`` is the silence every
    clip keeps at both of its ends once its own silence is trimmed, so the
    quiet a listener hears between two parts is the pause plus twice that.
    """

    lead_ms: int = 400
    """Before the intro (without intro music)."""
    after_title_ms: int = 1200
    between_paragraphs_ms: int = 700
    around_quote_ms: int = 1000
    """Before and after a paragraph that opens with a quotation mark."""
    between_sections_ms: int = 1400
    """After the intro and before the outro."""
    tail_ms: int = 1000
    """After the outro (without outro music)."""
    edge_silence_ms: int = 40


@dataclass(frozen=True)
class Music:
    """Optional music under the intro and the outro, ducked under the speech.

    ``intro`` and ``outro`` are audio files, relative to the project folder.
    """

    intro: str = ""
    outro: str = ""
    duck_db: float = -18.0
    """The music's level under speech, relative to its level alone."""
    lead_ms: int = 3000
    """Music alone before the intro speech."""
    tail_ms: int = 4000
    """Music after the outro speech, fading out."""


NO_MUSIC = Music()
DEFAULT_PACING = Pacing()


@dataclass(frozen=True)
class Settings:
    """Everything podcast.toml can set."""

    show: Show = Show()
    speech: Speech = Speech()
    pacing: Pacing = Pacing()
    music: Music = Music()


SECTIONS: dict[str, type[Any]] = {"show": Show, "speech": Speech, "pacing": Pacing, "music": Music}


def load_settings(path: Path) -> Settings:
    """Read podcast.toml at ``path``; a missing file means all defaults."""
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ConfigError(f"{path}: unknown section [{unknown[0]}]; known: {', '.join(SECTIONS)}")
    return Settings(
        **{name: _section(path, name, SECTIONS[name], data.get(name, {})) for name in SECTIONS}
    )


def _section(path: Path, name: str, record: type[Any], values: dict[str, Any]) -> Any:
    fields = {field.name: field for field in dataclasses.fields(record)}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(
                f"{path}: [{name}] has no setting {key!r}; known: {', '.join(fields)}"
            )
        expected = type(getattr(record(), key))
        if expected is float and isinstance(value, int):
            continue
        if not isinstance(value, expected):
            raise ConfigError(
                f"{path}: [{name}] {key} must be a {expected.__name__}, not {value!r}"
            )
        if key.endswith("_ms") and value < 0:
            raise ConfigError(f"{path}: [{name}] {key} must be 0 or more, not {value!r}")
    return record(**values)
