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
    concurrency: int = 4
    tries: int = 5
    backoff_s: float = 1.0


@dataclass(frozen=True)
class Settings:
    """Everything podcast.toml can set."""

    show: Show = Show()
    speech: Speech = Speech()


SECTIONS: dict[str, type[Any]] = {"show": Show, "speech": Speech}


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
        raise ConfigError(f"{path}: unknown section [{unknown[0]}]; known: show, speech")
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
    return record(**values)
