"""What `podcast serve --watch` logs: one line per event, with a UTC timestamp and a level
(on every line of an event that takes more, such as a traceback)."""

from __future__ import annotations

import logging
import time

from podcast.cli.output import readable_size
from podcast.errors import PodcastError
from podcast.run import Outcome
from podcast.sources import Intake

LOG = logging.getLogger("podcast")
FORMAT = "%(asctime)s %(levelname)s %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class EveryLine(logging.Formatter):
    """Each line of a record's text begins with its timestamp and level: a traceback's lines
    too, so that whatever reads the log a line at a time (journald, grep) loses none.

    >>> record = logging.makeLogRecord({"msg": "failed\\nTraceback", "levelname": "ERROR"})
    >>> EveryLine("%(levelname)s %(message)s").format(record)
    'ERROR failed\\nERROR   Traceback'
    """

    def format(self, record: logging.LogRecord) -> str:
        first, *rest = super().format(record).split("\n")
        if not rest:
            return first
        stamp = self.formatMessage(logging.makeLogRecord({**record.__dict__, "message": ""}))
        return "\n".join([first, *(f"{stamp}  {line}" for line in rest)])


def start_log() -> None:
    """Log to stderr, UTC timestamps and levels, for this process (the server's lines too)."""
    handler = logging.StreamHandler()
    formatter = EveryLine(FORMAT, DATE_FORMAT)
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def log_event(event: Outcome | Intake | PodcastError) -> None:
    """One line per thing a rebuild or a fetch did; warnings and errors at their level."""
    if isinstance(event, PodcastError):
        LOG.error("%s", event)
    elif isinstance(event, Intake):
        for line in event.feeds:
            LOG.info("feed: %s", line)
        for added in event.added:
            if added.new:
                LOG.info("saved seeds/%s from %s", added.seed.name, added.url)
    else:
        if event.built:
            LOG.info("%s", event.engine_line)
        for note in event.engine_notes:
            LOG.info("%s", note)
        for episode in event.built:
            minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
            LOG.info(
                "built audio/%s (%d:%02d, %s)",
                episode.file,
                minutes,
                seconds,
                readable_size(episode.length),
            )
        feed = event.feed.name if event.feed else "-"
        LOG.info(
            "feed: audio/%s (%d episodes, %d unchanged)",
            feed,
            event.episodes_in_feed,
            len(event.unchanged) + event.also_unchanged,
        )
        for warning in event.warnings:
            LOG.warning("%s", warning)
        for failure in event.failures:
            LOG.error("%s", failure)
