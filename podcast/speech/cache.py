"""A content-addressed store of clips: one file per (engine, text), written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from podcast.pcm import Clip

FORMATS = ("mp3", "wav")


def clip_key(engine: str, text: str) -> str:
    """The sha256 of the engine's name (voice and options) and the text it speaks.

    >>> clip_key("espeak:id", "Halo.")[:12]
    '249aba8f1a38'
    """
    return hashlib.sha256(json.dumps([engine, text], ensure_ascii=False).encode()).hexdigest()


def clip_path(folder: Path, key: str, format: str) -> Path:
    """Where the clip with ``key`` lives: ``<folder>/<first two hex digits>/<key>.<format>``."""
    return folder / key[:2] / f"{key}.{format}"


def read_clip(folder: Path, key: str) -> Clip | None:
    """The cached clip for ``key``, or None."""
    for format in FORMATS:
        try:
            return Clip(clip_path(folder, key, format).read_bytes(), format)
        except FileNotFoundError:
            continue
    return None


def is_cached(folder: Path, key: str) -> bool:
    """Whether a clip for ``key`` is stored."""
    return any(clip_path(folder, key, format).exists() for format in FORMATS)


def write_clip(folder: Path, key: str, clip: Clip) -> None:
    """Store ``clip`` under ``key``: a temporary file renamed into place, never half a file."""
    path = clip_path(folder, key, clip.format)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(clip.data)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def drop_clip(folder: Path, key: str) -> None:
    """Forget the clip for ``key`` (one that no longer decodes)."""
    for format in FORMATS:
        clip_path(folder, key, format).unlink(missing_ok=True)
