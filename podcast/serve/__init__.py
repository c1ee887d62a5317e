"""Serving: ``audio/`` over HTTP for podcast apps on this computer or its network.

Takes a built project; answers GET and HEAD with byte ranges and validators,
the feed rewritten for the address it was fetched from, optionally under a
secret path, and rebuilds when ``seeds/`` changes. Hands on nothing: it is the
last stage, what listeners' apps reach.
"""

from podcast.serve.address import ServeError, banner, bind, load_token
from podcast.serve.app import serve, serve_app
from podcast.serve.editor import editor_secret, revoke_editor
from podcast.serve.listeners import (
    Listener,
    ListenerError,
    add_listener,
    read_listeners,
    remove_listener,
)

__all__ = [
    "Listener",
    "ListenerError",
    "ServeError",
    "add_listener",
    "banner",
    "bind",
    "editor_secret",
    "load_token",
    "read_listeners",
    "remove_listener",
    "revoke_editor",
    "serve",
    "serve_app",
]
