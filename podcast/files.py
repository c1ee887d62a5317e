"""Writing that survives a crash: atomic file replacement and one build at a time."""

from __future__ import annotations

import fcntl
import fnmatch
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from podcast.errors import OutputError

# First match wins, so compound suffixes come before their tails.
MEDIA_TYPES = (
    (".chapters.json", "application/json+chapters"),
    (".json", "application/json"),
    (".mp3", "audio/mpeg"),
    (".opus", "audio/ogg"),
    (".xml", "application/rss+xml"),
    (".vtt", "text/vtt"),
    (".srt", "application/x-subrip"),
    (".jpg", "image/jpeg"),
    (".jpeg", "image/jpeg"),
    (".png", "image/png"),
    (".html", "text/html; charset=utf-8"),
    (".mp4", "video/mp4"),
    (".txt", "text/plain; charset=utf-8"),
)
LOCK_FILE = "build.lock"
LEFTOVER_PATTERN = ".*.tmp"


def temporary_for(path: Path) -> Path:
    """The hidden name a file is written under before it is published as ``path``."""
    return path.with_name(f".{path.name}.tmp")


def replace_atomic(temporary: Path, path: Path) -> None:
    """Move a completely written file into place in one step, durably.

    A reader (a podcast app, ``podcast serve``) sees the old file or the
    new one, never a part of either, whatever happens to this process.
    """
    try:
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        temporary.replace(path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({error.strerror})") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is there whole or not at all.

    A file that already holds exactly ``data`` is left alone, so that its
    date and ETag only change when its content does.
    """
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    temporary = temporary_for(path)
    try:
        temporary.write_bytes(data)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({error.strerror})") from None
    replace_atomic(temporary, path)


def discard_leftovers(folder: Path) -> list[Path]:
    """Delete the half-written files a killed build left behind; return them."""
    with os.scandir(folder) as entries:  # a plain scan: audio/ may hold many thousand files
        names = [
            entry.name for entry in entries if fnmatch.fnmatchcase(entry.name, LEFTOVER_PATTERN)
        ]
    leftovers = sorted(folder / name for name in names)
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    return leftovers


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed and make sure files can be written in it."""
    probe = folder / ".write-test.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise OutputError(
            f"{folder}: cannot write there ({error.strerror}); "
            "check that it is a folder you may write to"
        ) from None


@contextmanager
def project_lock(state: Path) -> Iterator[None]:
    """Hold the project's build lock; refuse at once when another build holds it."""
    prepare_folder(state)
    path = state / LOCK_FILE
    with path.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "unknown"
            raise OutputError(
                f"another build is running in this project (process {holder}); "
                "wait for it to finish, then run this again"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)
            fcntl.flock(lock, fcntl.LOCK_UN)


def media_type(name: str) -> str | None:
    """The media type a podcast app expects for a published file; None leaves it to guessing.

    >>> media_type("2025-12-21-berita.chapters.json")
    'application/json+chapters'
    >>> media_type("cover.PNG")
    'image/png'
    """
    lowered = name.lower()
    return next((kind for suffix, kind in MEDIA_TYPES if lowered.endswith(suffix)), None)
