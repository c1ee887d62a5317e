"""Work that reads the whole archive or the web, done in a process of its own: each build
of ``serve --watch``, each fresh render of a served feed or page, and each round of
fetching a host's feeds and pages (and a page sent from the editor).

What a build or render allocates grows with the archive (the catalog's headers, the
pages' plan, the feed's items); reading pages leaves thousands of short-lived objects
among the few that live on, and a parser may crash on a hostile page. malloc and Python's
allocator keep the high-water mark of a process; a process that ends gives it all back,
and its crash is one error. So ``serve`` hands the work to a child
and gets back its result: the value, or the ``PodcastError`` it raised (raised again
here). Children are forked from a server process started once, with the build's modules
imported (``forkserver``: a child starts in milliseconds and holds none of serve's
threads); where there is none (Windows) each starts afresh (``spawn``). What the child
logs is handed to this process's loggers, in order, before its result. Asked to stop, a
child is interrupted as Ctrl+C would (a build's journal makes an interrupted build
whole again on the next run) and waited for; a child whose parent dies is killed with it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from logging.handlers import QueueHandler
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from podcast.errors import PodcastError
from podcast.serve.address import ServeError

PRELOADED = ["podcast.run", "podcast.serve", "trafilatura"]
"""Modules the fork server imports once, so that no child imports them again (trafilatura
reads every page fetched and every saved page built)."""
POLL_S = 0.2
"""How often a waiting parent looks whether it was asked to stop."""
STOP_WAIT_S = 10.0
"""How long an interrupted child may take to finish before it is killed (a build of several
articles at once waits for the episodes its workers are making)."""
PR_SET_PDEATHSIG = 1

Result = TypeVar("Result")


def run_apart(
    work: Callable[..., Result],
    *args: Any,
    stopping: Callable[[], bool] = lambda: False,
    **kwargs: Any,
) -> Result:
    """``work(*args, **kwargs)`` in a child process; its value, or its ``PodcastError``.

    ``work`` and its arguments are pickled: a function of a module, records. A child
    that ends without a result (killed, or a bug) is a ``ServeError`` saying how it ended.
    When ``stopping()`` turns true the child is interrupted and ``ServeError`` raised.
    """
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    level = logging.getLogger().getEffectiveLevel()
    child = context.Process(
        target=_child, args=(sender, level, work, args, kwargs), name="podcast-apart"
    )
    child.start()
    sender.close()
    try:
        value: Result = _receive(receiver, child, stopping)
        return value
    finally:
        receiver.close()
        _end(child)


def _context() -> Any:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)  # read when the server starts, once
    return context


def _receive(
    receiver: Connection, child: multiprocessing.process.BaseProcess, stopping: Callable[[], bool]
) -> Any:
    while True:
        if stopping():
            raise ServeError("stopped before the work in its own process was done")
        if not receiver.poll(POLL_S):
            continue
        try:
            kind, value = receiver.recv()
        except EOFError:
            child.join()
            raise ServeError(f"the work in its own process {_ended(child.exitcode)}") from None
        if kind == "log":
            record = logging.makeLogRecord(value)
            logging.getLogger(record.name).handle(record)
        elif kind == "error":
            raise value
        else:
            return value


def _ended(code: int | None) -> str:
    """How a child ended, in words.

    >>> _ended(-9), _ended(1)
    ('was killed (SIGKILL)', 'ended with exit code 1')
    """
    if code is not None and code < 0:
        return f"was killed ({signal.Signals(-code).name})"
    return f"ended with exit code {code}"


def _end(child: multiprocessing.process.BaseProcess) -> None:
    """Wait for ``child``; interrupt it first when it is still at work, kill it if it hangs."""
    if child.is_alive() and child.pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGINT)
    child.join(STOP_WAIT_S)
    if child.is_alive():
        child.kill()
        child.join()
    child.close()


class _Pipe:
    """The queue a ``QueueHandler`` in the child writes to: the pipe to the parent."""

    def __init__(self, sender: Connection) -> None:
        self.sender = sender

    def put_nowait(self, record: logging.LogRecord) -> None:
        self.sender.send(("log", record.__dict__))


def _child(
    sender: Connection,
    level: int,
    work: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    """In the child: log through the pipe, do the work, send its value or its error.

    SIGINT interrupts the work, as Ctrl+C would; once the work has ended it is let go, so
    that a parent stopping just as its child finishes gets no traceback on its stderr.
    """
    working = [True]

    def interrupt(signum: int, frame: object) -> None:
        if working[0]:
            raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGINT, interrupt)  # even where it was ignored
        with contextlib.suppress(OSError, AttributeError):  # die with the fork server (Linux)
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        root = logging.getLogger()
        root.handlers[:] = [QueueHandler(_Pipe(sender))]  # type: ignore[arg-type]
        root.setLevel(level)
        try:
            value = work(*args, **kwargs)
        except PodcastError as error:
            working[0] = False
            sender.send(("error", error))
        except Exception:  # a bug: its traceback into the parent's log, and a failed exit
            working[0] = False
            root.exception("the work in its own process failed")
            sys.exit(1)
        else:
            working[0] = False
            sender.send(("value", value))
    except KeyboardInterrupt:
        working[0] = False  # interrupted by the parent or by Ctrl+C: the parent says so
    finally:
        working[0] = False
        sender.close()
