"""Where the server listens and what it tells the user to subscribe to."""

from __future__ import annotations

import io
import os
import re
import secrets
import socket
from pathlib import Path

import segno

from podcast.config import load_settings
from podcast.errors import PodcastError
from podcast.feed import FEED_FILE
from podcast.project import Project

ANY_ADDRESS = ("0.0.0.0", "::", "")
TOKEN_FILE = "token"


class ServeError(PodcastError, OSError):
    """The server cannot start: the address is taken, or there is nothing to serve."""


def load_token(project: Project) -> str:
    """The private feed's secret path segment, made once and kept in .podcast/token."""
    return kept_secret(project.state / TOKEN_FILE, 16)


def kept_secret(path: Path, size: int) -> str:
    """The secret kept in ``path`` (readable by its owner only), made of ``size`` random
    bytes the first time, or when the file holds no usable secret."""
    if path.is_file():
        secret = path.read_text(encoding="utf-8").strip()
        if re.fullmatch(r"[A-Za-z0-9_-]{16,}", secret):
            return secret
    secret = secrets.token_urlsafe(size)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secret + "\n")
    return secret
    token = secrets.token_urlsafe(16)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(token + "\n")
    return token


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (0 picks a free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)
    except OSError as error:
        listener.close()
        raise ServeError(
            f"cannot listen on {host}:{port} ({error.strerror}); "
            f"try another --port, e.g. --port {port + 1}"
        ) from None
    return listener


def banner(
    project: Project, host: str, port: int, token: str | None, use_base_url: bool, qr: bool
) -> list[str]:
    """The lines that tell the user where the podcast is served, its feed and its page.

    The QR code opens the page, whose buttons subscribe in the podcast app of the phone.
    """
    if host in ANY_ADDRESS:
        address = f"http://{lan_address()}:{port}/"
        lines = [f"serving audio/ on {address} (every network of this computer)"]
    else:
        address = f"http://{_bracketed(host)}:{port}/"
        where = (
            "this computer only; use --host 0.0.0.0 to reach it from your phone"
            if host in ("127.0.0.1", "localhost", "::1")
            else "this network"
        )
        lines = [f"serving audio/ on {address} ({where})"]
    page_url = address + (f"{token}/" if token else "")
    feed_url = page_url + FEED_FILE
    if use_base_url:
        base_url = load_settings(project.config).show.base_url
        lines.append(f"feed URLs point at {base_url} (base_url in podcast.toml)")
    secret = " (private: keep this address secret)" if token else ""
    lines.append(f"subscribe: {feed_url}{secret}")
    lines.append(f"page: {page_url}{secret}")
    if qr:
        code = io.StringIO()
        segno.make(page_url).terminal(out=code, compact=True)
        lines.append(code.getvalue().rstrip("\n"))
    return lines


def lan_address() -> str:
    """This computer's address on its local network, as a phone would reach it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # picks a route; sends nothing
            address: str = probe.getsockname()[0]
        except OSError:
            return socket.gethostname()
    return address


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
