"""What audio/ holds to publish: every public file, its key, hash, headers and upload stage."""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from podcast.files import media_type

HASH_CHUNK_BYTES = 1 << 20

# A file goes up after every file it names, so that no reader meets a link to a missing
# object: pages name episodes and the cover; feeds name everything; first match wins.
STAGES = (
    (".xml", 2),  # feeds: feed.xml, edition.xml
    (".html", 1),  # the show's web pages
)

# How long browsers and CDNs may keep a file without asking again, first match wins.
# Feeds and pages change with every build: five minutes, so a new episode shows up soon.
# An episode's files keep their names when it is rebuilt (its guid and URL never change),
# so they cannot be cached forever: one hour is the longest a CDN serves an old version.
CACHE_CONTROL = (
    (".xml", "public, max-age=300"),
    (".html", "public, max-age=300"),
    ("", "public, max-age=3600"),
)


@dataclass(frozen=True)
class LocalFile:
    """One public file of audio/ and how it is stored in the bucket."""

    name: str
    """Its path relative to audio/, with ``/`` separators."""
    path: Path
    size: int
    sha256: str
    content_type: str
    cache_control: str
    stage: int
    """Upload order: 0 before 1 before 2 (feeds)."""
    mtime_ns: int = 0
    vouched: bool = False
    """Whether the hash comes from the ledger (the object holds it), not from reading."""


def public_files(
    audio: Path, known: Mapping[str, tuple[int, int, str | None]] | None = None
) -> list[LocalFile]:
    """Every public file under ``audio``, in upload order: what others name comes first.

    ``known`` gives (size, modification time in ns, sha256) of files as last uploaded; a
    file that still has that size and time is not read again.
    """
    root = audio.resolve()
    files = [_describe(path, name, info, known or {}) for path, name, info in _walk(root)]
    return sorted(files, key=lambda file: (file.stage, file.name))


def named_files(
    audio: Path, names: set[str], known: Mapping[str, tuple[int, int, str | None]]
) -> list[LocalFile]:
    """The public files of ``audio`` among ``names`` (those that are there), in upload order:
    what ``public_files`` gives of them, without looking at any other file."""
    root = audio.resolve()
    files = []
    for name in names:
        path = root / name
        if name.startswith(".") or "/" in name or not path.is_file():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            continue
        files.append(_describe(path, name, path.stat(), known))
    return sorted(files, key=lambda file: (file.stage, file.name))


def _walk(
    folder: Path, prefix: str = "", root: Path | None = None
) -> Iterator[tuple[Path, str, os.stat_result]]:
    """Each regular file under ``folder``, its name below it and its status; never hidden
    ones nor a link leading out of it. One ``stat`` per file: audio/ may hold thousands."""
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, f"{prefix}{entry.name}/", root or folder)
            continue
        if not entry.is_file():
            continue
        if entry.is_symlink() and not path.resolve().is_relative_to(root or folder):
            continue
        yield path, prefix + entry.name, entry.stat()


def _describe(
    path: Path, name: str, info: os.stat_result, known: Mapping[str, tuple[int, int, str | None]]
) -> LocalFile:
    size, mtime_ns, digest = known.get(name, (-1, -1, None))
    vouched = digest is not None and (size, mtime_ns) == (info.st_size, info.st_mtime_ns)
    if not vouched or digest is None:
        with path.open("rb") as file:
            size, digest = sha256_of(file)
    return LocalFile(
        name=name,
        path=path,
        size=size,
        sha256=digest,
        **_headers(name[name.rfind("/") + 1 :].partition(".")[2]),
        mtime_ns=info.st_mtime_ns,
        vouched=vouched,
    )


@functools.lru_cache(maxsize=256)
def _headers(suffixes: str) -> dict[str, Any]:
    """Content type, cache control and upload stage of a file whose name ends in ``suffixes``
    (all after its first dot): the same for every file of a kind, worked out once."""
    name = "file." + suffixes if suffixes else "file"
    return {
        "content_type": content_type(name),
        "cache_control": next(rule for suffix, rule in CACHE_CONTROL if name.endswith(suffix)),
        "stage": next((stage for suffix, stage in STAGES if name.endswith(suffix)), 0),
    }


def sha256_of(file: BinaryIO) -> tuple[int, str]:
    """The size in bytes and the sha256 (hex) of what ``file`` holds from where it stands."""
    digest = hashlib.sha256()
    size = 0
    while chunk := file.read(HASH_CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def content_type(name: str) -> str:
    """The Content-Type ``podcast serve`` sends for ``name``; text is UTF-8.

    >>> content_type("feed.xml"), content_type("index.html"), content_type("a.vtt")
    ('application/rss+xml', 'text/html; charset=utf-8', 'text/vtt; charset=utf-8')
    """
    kind = media_type(name) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    text = kind.startswith("text/") and "charset=" not in kind
    return f"{kind}; charset=utf-8" if text else kind
