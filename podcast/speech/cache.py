"""A content-addressed store of clips: one file per (engine, text), written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from podcast.pcm import Clip, Word

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


def words_path(folder: Path, key: str) -> Path:
    """Where the word timings of the clip with ``key`` live, beside it."""
    return folder / key[:2] / f"{key}.words.json"


def read_clip(folder: Path, key: str) -> Clip | None:
    """The cached clip for ``key`` with its word timings when it has them, or None."""
    for format in FORMATS:
        try:
            data = clip_path(folder, key, format).read_bytes()
        except FileNotFoundError:
            continue
        try:
            timings = json.loads(words_path(folder, key).read_text(encoding="utf-8"))
            words = tuple(Word(str(text), int(start), int(end)) for text, start, end in timings)
        except (FileNotFoundError, ValueError, TypeError):
            words = ()
        return Clip(data, format, words=words)
    return None


def is_cached(folder: Path, key: str) -> bool:
    """Whether a clip for ``key`` is stored."""
    return any(clip_path(folder, key, format).exists() for format in FORMATS)


def write_clip(folder: Path, key: str, clip: Clip) -> None:
    """Store ``clip`` under ``key``: a temporary file renamed into place, never half a file.

    Word timings go first, so a clip is never found without the ones it had.
    """
    path = clip_path(folder, key, clip.format)
    path.parent.mkdir(parents=True, exist_ok=True)
    if clip.words:
        timings = [[word.text, word.start_ms, word.end_ms] for word in clip.words]
        _write(words_path(folder, key), json.dumps(timings, ensure_ascii=False).encode())
    _write(path, clip.data)


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def drop_clip(folder: Path, key: str) -> None:
    """Forget the clip for ``key`` (one that no longer decodes)."""
    for format in FORMATS:
        clip_path(folder, key, format).unlink(missing_ok=True)
    words_path(folder, key).unlink(missing_ok=True)
