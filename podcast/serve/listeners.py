"""Listeners of a private show, each with an address of their own, revoked one at a time.

``.podcast/listeners.json`` maps each listener's name to the secret path segment of their
address (``/<secret>/feed.xml``); the server reads it again whenever it changes, so
removing a listener closes their address at the next request while every other one works.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from podcast.errors import PodcastError
from podcast.project import Project

LISTENERS_FILE = "listeners.json"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
SECRET = re.compile(r"[A-Za-z0-9_-]{16,}")


class ListenerError(PodcastError, ValueError):
    """A listener's name is malformed, taken or unknown, or the listeners' file is unreadable."""


@dataclass(frozen=True)
class Listener:
    """One listener of the private show and the secret of their address."""

    name: str
    secret: str


def read_listeners(project: Project) -> tuple[Listener, ...]:
    """The project's listeners, in the order they were added."""
    path = project.state / LISTENERS_FILE
    if not path.is_file():
        return ()
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ListenerError(f"{path}: unreadable ({error}); remove it to start again") from None
    if not isinstance(kept, dict) or not all(
        isinstance(secret, str) and SECRET.fullmatch(secret) for secret in kept.values()
    ):
        raise ListenerError(f"{path}: not a table of names and secrets; remove it to start again")
    return tuple(Listener(name, secret) for name, secret in kept.items())


def add_listener(project: Project, name: str) -> Listener:
    """Give ``name`` an address of their own; the secret is made here, once."""
    if not NAME.fullmatch(name):
        raise ListenerError(
            f"{name!r}: a listener's name is 1 to 40 letters, digits, '.', '_' or '-'"
        )
    listeners = read_listeners(project)
    if any(listener.name == name for listener in listeners):
        raise ListenerError(f"{name}: already a listener (podcast listeners list)")
    added = Listener(name, secrets.token_urlsafe(16))
    _write(project, (*listeners, added))
    return added


def remove_listener(project: Project, name: str) -> Listener:
    """Revoke ``name``'s address: from the next request on it answers 404."""
    listeners = read_listeners(project)
    gone = [listener for listener in listeners if listener.name == name]
    if not gone:
        raise ListenerError(f"{name}: no such listener (podcast listeners list)")
    _write(project, tuple(listener for listener in listeners if listener.name != name))
    return gone[0]


def _write(project: Project, listeners: tuple[Listener, ...]) -> None:
    """Replace the listeners' file at once, readable by its owner only."""
    path = project.state / LISTENERS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump({listener.name: listener.secret for listener in listeners}, file, indent=1)
        file.write("\n")
    temporary.replace(path)


class Keys:
    """The secrets that open a private show: the owner's and each listener's, kept current."""

    def __init__(self, project: Project, owner: str) -> None:
        self.path: Path = project.state / LISTENERS_FILE
        self.project = project
        self.owner = owner
        self.seen: tuple[int, int] | None = None
        self.secrets: tuple[str, ...] = (owner,)

    def match(self, segment: str) -> str | None:
        """The secret ``segment`` is, or None; every secret is compared in constant time."""
        self._refresh()
        found = None
        for secret in self.secrets:  # no early exit: the time says nothing of which matched
            if secrets.compare_digest(segment.encode(), secret.encode()):
                found = secret
        return found

    def _refresh(self) -> None:
        try:
            status = self.path.stat()
            seen: tuple[int, int] | None = (status.st_mtime_ns, status.st_ino)
        except FileNotFoundError:
            seen = None
        if seen == self.seen:
            return
        try:
            listeners = read_listeners(self.project)
        except ListenerError:
            listeners = ()  # a broken file opens no listener's address
        self.secrets = (self.owner, *(listener.secret for listener in listeners))
        self.seen = seen
