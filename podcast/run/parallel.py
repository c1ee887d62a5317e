"""Several episodes at once: one process per core, each speaking and mastering one script.

The parent keeps everything that must happen once: it reads the catalog,
gives every new episode its file name, and records what the workers made.
A worker gets a ``Job`` (the script, its slot and the voice to speak it
with) and sends back what it made or why it could not; it never writes the
catalog. Network voices share one request budget: each of ``workers``
processes gets its share of ``[speech] concurrency``, so the requests in
flight never add up to more.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from multiprocessing.synchronize import Event
from pathlib import Path

from podcast.catalog import Episode
from podcast.config import Speech
from podcast.episode import Script
from podcast.errors import PodcastError
from podcast.pcm import Word
from podcast.run.finish import Slot, Studio, make
from podcast.speech import GaveUp, make_engine, synthesize

PR_SET_PDEATHSIG = 1
LOCAL_ENGINES = ("espeak", "piper")
"""Engines that ask no service, so they take no share of a request budget."""


@dataclass(frozen=True)
class Job:
    """One episode for a worker to speak and master."""

    script: Script
    slot: Slot
    studio: Studio
    engine: str
    """The engine's kind, as a user names it (``espeak``, ``gtts``, …)."""
    speech: Speech
    cache: Path
    source: str


@dataclass(frozen=True)
class Done:
    """What a worker sends back: the episode and its notes, or why there is none."""

    source: str
    episode: Episode | None = None
    notes: tuple[str, ...] = ()
    failure: str | None = None
    gave_up: str | None = None
    """The cause, when the voice gave up (so the build may finish with another)."""


def cores() -> int:
    """The processors this process may run on."""
    return len(os.sched_getaffinity(0))


def shared(speech: Speech, engine: str, workers: int) -> tuple[Speech, int]:
    """Each worker's voice and how many workers a request budget allows."""
    if engine in LOCAL_ENGINES:
        return speech, workers
    workers = max(1, min(workers, speech.concurrency))
    return replace(speech, concurrency=max(1, speech.concurrency // workers)), workers


def work(job: Job) -> Done:
    """Speak and master one episode (in a worker process); none once the build stops."""
    if _STOPPING is not None and _STOPPING.is_set():
        return Done(job.source, failure="the build was stopped")
    engine = make_engine(job.engine, job.speech)
    try:
        words: list[tuple[Word, ...]] = []
        clips = synthesize(job.script.spoken_by(engine.kind), engine, job.cache, None, words)
        episode, notes = make(
            job.script,
            clips,
            job.slot,
            job.studio,
            engine,
            job.source,
            words,
            in_place=False,
        )
    except GaveUp as error:
        return Done(job.source, failure=str(error), gave_up=error.cause)
    except PodcastError as error:
        return Done(job.source, failure=str(error))
    return Done(job.source, episode, tuple(notes))


def run_jobs(jobs: Sequence[Job], workers: int) -> Iterator[Done]:
    """Each job's result as soon as it is done, ``workers`` at a time.

    Workers are forked from the build, which holds no thread then, and end
    with it: a build that is killed leaves no worker publishing behind it. A
    build that is stopped (Ctrl+C, or its consumer leaving) starts no further
    job: those already handed to a worker return at once, and it waits only for
    the ones being made (which Ctrl+C at a terminal interrupts too).
    """
    context = multiprocessing.get_context("fork")
    stopping = context.Event()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_end_with, initargs=(os.getpid(), stopping)
    ) as pool:
        futures = [pool.submit(work, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            stopping.set()
            pool.shutdown(cancel_futures=True)
            raise


_STOPPING: Event | None = None
"""Set once the build that started this worker stops."""


def _end_with(parent: int, stopping: Event) -> None:
    """Ask the kernel to kill this worker when the build that started it dies (Linux)."""
    global _STOPPING
    _STOPPING = stopping
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)  # the build died before this worker could ask
