"""Following the outlets while serving: fetch every source now and again each interval."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import anyio

from podcast.config import load_settings
from podcast.errors import PodcastError, WebError
from podcast.project import Project
from podcast.sources.intake import fetch_sources


async def follow_sources(
    project: Project, stop: asyncio.Event, failed: Callable[[PodcastError], None]
) -> None:
    """Fetch the [[sources]] into seeds/ every [fetch] interval_min until ``stop`` is set.

    Only saves: whatever watches seeds/ builds the new articles. Each failure goes to ``failed``.
    """
    while not stop.is_set():
        try:
            settings = load_settings(project.config)
        except PodcastError as error:
            failed(error)
            return
        if not settings.sources:
            return
        intake = await anyio.to_thread.run_sync(fetch_sources, project, settings)
        for failure in intake.failures:
            failed(WebError(failure))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), settings.fetch.interval_min * 60)
