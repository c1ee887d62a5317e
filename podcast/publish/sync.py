"""Publish audio/ to the bucket: compare by content hash, upload feeds last, then delete.

Every object is stored whole or not at all, files go up before the pages and feeds that
name them, and objects left by removed episodes go only after the new feed is up. So
however a publish ends, the bucket's feed names only objects that are there, and the next
publish finishes the work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree

from podcast.config import Publish, Show, load_settings
from podcast.errors import ConfigError, UploadError
from podcast.feed import FEED_FILE
from podcast.files import project_lock
from podcast.project import Project
from podcast.publish.bucket import (
    HASH_METADATA,
    Stored,
    Target,
    delete,
    open_bucket,
    stored_hash,
    stored_objects,
    transfers,
    upload,
)
from podcast.publish.ledger import Ledger, Sent, open_ledger
from podcast.publish.local import LocalFile, public_files

ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
LOOKUPS = 8
"""Objects whose stored hash is read at a time."""

Progress = Callable[[str, int, int], None]
"""Told (file name, bytes sent, its size) as each upload goes on; last when done == size."""


@dataclass(frozen=True)
class Plan:
    """What a publish does: files to upload (in order), files already there, objects to delete."""

    target: Target
    uploads: tuple[LocalFile, ...]
    unchanged: tuple[LocalFile, ...]
    deletions: tuple[Stored, ...]
    trusted: bool = False
    """Whether the ledger was trusted (else it is written anew from this publish)."""

    @property
    def upload_bytes(self) -> int:
        return sum(file.size for file in self.uploads)


@dataclass(frozen=True)
class Summary:
    """What a publish did (or, in a dry run, would do) and how long it took."""

    plan: Plan
    seconds: float
    dry_run: bool


def publish(
    project: Project, *, dry_run: bool = False, progress: Progress | None = None
) -> Summary:
    """Upload what changed in ``project``'s audio/ to its [publish] target, feeds last."""
    started = time.monotonic()
    settings = load_settings(project.config)
    target = check_ready(project, settings.show, settings.publish)
    with project_lock(project.state):
        client = open_bucket(settings.publish)
        ledger = open_ledger(project.state, f"{settings.publish.endpoint_url} {target.address()}")
        try:
            rows = ledger.rows()
            known = {name: (row.size, row.mtime_ns, row.sha256) for name, row in rows.items()}
            plan = make_plan(client, target, public_files(project.audio, known), rows)
            if not dry_run:
                carry_out(client, plan, progress or _quiet, ledger)
        finally:
            ledger.connection.close()
    return Summary(plan, time.monotonic() - started, dry_run)


def check_ready(project: Project, show: Show, settings: Publish) -> Target:
    """The target, once podcast.toml and audio/ are fit to publish; else why not."""
    config = project.config
    if not settings.target:
        raise ConfigError(
            f"{config}: [publish] target is not set; set it to the bucket, s3://bucket/prefix"
        )
    target = Target.parse(settings.target)
    if show.base_url == Show().base_url:
        raise ConfigError(
            f"{config}: [show] base_url is still the local default {show.base_url}; set it to "
            f"the public address of {target.address()} (the bucket's or its CDN's), then run "
            "podcast build"
        )
    feed = project.audio / FEED_FILE
    if not feed.is_file():
        raise UploadError(f"{feed}: not built yet; run podcast build first")
    named = _self_url(feed)
    if named != show.url(FEED_FILE):
        raise UploadError(
            f"{feed}: its URLs point at {named or 'nothing'}, not at base_url "
            f"{show.base_url}; run podcast build to rewrite it"
        )
    return target


def _self_url(feed: Path) -> str | None:
    """The feed's own URL, as its ``atom:link rel="self"`` says."""
    try:
        channel = etree.parse(str(feed)).getroot().find("channel")
    except etree.XMLSyntaxError:
        return None
    if channel is None:
        return None
    link = next((item for item in channel.iter(ATOM_LINK) if item.get("rel") == "self"), None)
    return None if link is None else link.get("href")


def make_plan(
    client: Any, target: Target, files: list[LocalFile], rows: dict[str, Sent] | None = None
) -> Plan:
    """Compare audio/ with the ledger's ``rows`` when the bucket's feed bears them out,
    else with the bucket itself, by size and stored content hash."""
    sent = (rows or {}).get(FEED_FILE)
    if rows and sent and sent.sha256 and stored_hash(client, target, FEED_FILE) == sent.sha256:
        return _plan_from_ledger(client, target, files, rows)
    files = [replace(file, vouched=False) for file in files]
    stored = stored_objects(client, target)
    local = {file.name for file in files}
    same_size = [file.name for file in files if _size(stored, file.name) == file.size]
    extra = [name for name in stored if name not in local]
    hashes = _hashes(client, target, same_size + extra)
    changed = [file for file in files if hashes.get(file.name) != file.sha256]
    changed_names = {file.name for file in changed}
    # Within a stage, new files go first and files replacing an object last, so that the
    # moment a rebuilt episode's object is newer than the feed's length for it is short.
    uploads = tuple(sorted(changed, key=lambda file: (file.stage, file.name in stored)))
    return Plan(
        target=target,
        uploads=uploads,
        unchanged=tuple(file for file in files if file.name not in changed_names),
        # Only what a publish put there (it carries a content hash) is ever deleted.
        deletions=tuple(stored[name] for name in sorted(extra) if hashes.get(name)),
        trusted=False,
    )


def _plan_from_ledger(
    client: Any, target: Target, files: list[LocalFile], rows: dict[str, Sent]
) -> Plan:
    """Ask the bucket only about files the ledger does not vouch for; delete what it knows
    this project put there and audio/ no longer holds."""
    unsure = [file for file in files if not file.vouched]
    hashes = _hashes(client, target, [file.name for file in unsure])
    changed = {file.name for file in unsure if hashes.get(file.name) != file.sha256}
    local = {file.name for file in files}
    return Plan(
        target=target,
        uploads=tuple(
            sorted(
                (file for file in files if file.name in changed),
                key=lambda file: (file.stage, file.name in rows),
            )
        ),
        unchanged=tuple(file for file in files if file.name not in changed),
        deletions=tuple(
            Stored(name, row.size, "") for name, row in sorted(rows.items()) if name not in local
        ),
        trusted=True,
    )


def _size(stored: dict[str, Stored], name: str) -> int | None:
    found = stored.get(name)
    return None if found is None else found.size


def _hashes(client: Any, target: Target, names: Iterable[str]) -> dict[str, str | None]:
    """The stored content hash of each object ``names``, read a few at a time."""
    names = list(names)
    with ThreadPoolExecutor(LOOKUPS) as pool:
        found = pool.map(lambda name: stored_hash(client, target, name), names)
        return dict(zip(names, found, strict=True))


def carry_out(client: Any, plan: Plan, progress: Progress, ledger: Ledger | None = None) -> None:
    """Upload in the plan's order (feeds last), then delete what removed episodes left.

    The ``ledger`` learns each object before its upload starts and again once it is whole.
    """
    if ledger is not None:
        if not plan.trusted:  # known from the bucket: what is there, and what is to go
            ledger.clear()
            ledger.note([Sent(stored.name, stored.size, 0, None) for stored in plan.deletions])
        ledger.note([_sent(file) for file in plan.unchanged if not file.vouched])
        ledger.note([replace(_sent(file), sha256=None) for file in plan.uploads])
    with transfers(client) as manager:
        for file in plan.uploads:
            _upload(manager, plan.target, file, progress)
            if ledger is not None:
                ledger.note([_sent(file)])
    if plan.deletions:
        names = [stored.name for stored in plan.deletions]
        delete(client, plan.target, names)
        if ledger is not None:
            ledger.forget(names)


def _sent(file: LocalFile) -> Sent:
    return Sent(file.name, file.size, file.mtime_ns, file.sha256)


def _upload(manager: Any, target: Target, file: LocalFile, progress: Progress) -> None:
    """Upload one file with its headers and content hash, telling ``progress`` as it goes."""
    headers = {
        "ContentType": file.content_type,
        "CacheControl": file.cache_control,
        "Metadata": {HASH_METADATA: file.sha256},
    }
    sent = _Counter(file, progress)
    try:
        data = file.path.open("rb")
    except FileNotFoundError:
        raise UploadError(
            f"{file.path}: gone while publishing; run podcast publish again"
        ) from None
    with data:
        upload(manager, target, file.name, data, headers, sent)
    progress(file.name, file.size, file.size)


class _Counter:
    """Adds up the byte counts boto3 reports (from several threads) for one file."""

    def __init__(self, file: LocalFile, progress: Progress) -> None:
        self.file, self.progress, self.done = file, progress, 0
        self.lock = threading.Lock()

    def __call__(self, sent: int) -> None:
        with self.lock:  # one total, told in order, however the threads interleave
            self.done += sent
            if self.done < self.file.size:
                self.progress(self.file.name, self.done, self.file.size)


def _quiet(name: str, done: int, size: int) -> None:
    """Progress nobody watches."""
