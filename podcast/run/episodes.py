"""What is published, and taking episodes down: the catalog, their files and the feed.

An episode is taken down by ``podcast remove`` or expires by the ``[show]`` retention
settings (``keep_episodes``, ``keep_editions``, ``keep_days``). Either way it leaves the
catalog first, then the feeds and pages are rewritten without it, and only then are its
files deleted: a kill at any point leaves a feed naming only files that are there. An
expired article is remembered, so that a build does not make it again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from podcast import catalog
from podcast.audio import LOW_DATA_TYPES
from podcast.catalog import Episode
from podcast.config import Show, load_settings
from podcast.edition import is_edition
from podcast.episode import COMPANIONS, cover_name, episode_page, extra_names
from podcast.errors import OutputError
from podcast.files import project_lock
from podcast.project import Project
from podcast.run.outputs import write_outputs


def episode_files(file: str) -> tuple[str, ...]:
    """Every file in audio/ that belongs to the episode whose MP3 is ``file``.

    >>> episode_files("2026-11-30-berita.mp3")  # doctest: +NORMALIZE_WHITESPACE
    ('2026-11-30-berita.mp3', '2026-11-30-berita.opus', '2026-11-30-berita.vtt',
     '2026-11-30-berita.srt', '2026-11-30-berita.chapters.json', '2026-11-30-berita.mp4',
     '2026-11-30-berita.vertical.mp4', '2026-11-30-berita.youtube.txt', '2026-11-30-berita.html')
    """
    stem = Path(file).stem
    low_data = (stem + suffix for _, _, suffix in LOW_DATA_TYPES.values())
    companions = (stem + suffix for suffix in COMPANIONS)
    return (file, *low_data, *companions, *extra_names(file), episode_page(file))


def list_episodes(project: Project) -> list[Episode]:
    """Every episode in the catalog, newest first, without its parts (see catalog.headers)."""
    connection = catalog.open_catalog(project.catalog)
    try:
        return catalog.headers(connection)
    finally:
        connection.close()


def expiring(show: Show, episodes: list[Episode], now: datetime) -> list[Episode]:
    """The episodes (newest first) that the show's retention settings let go at ``now``.

    Articles and editions are counted apart; with both a count and ``keep_days`` set, an
    episode stays only while it is within both.
    """
    if not (show.keep_episodes or show.keep_editions or show.keep_days):
        return []
    oldest = now - timedelta(days=show.keep_days) if show.keep_days else None
    gone = []
    for edition, most in ((False, show.keep_episodes), (True, show.keep_editions)):
        listed = [episode for episode in episodes if is_edition(episode) == edition]
        for position, episode in enumerate(listed):
            if (most and position >= most) or (oldest and episode.pub_date < oldest):
                gone.append(episode)
    return sorted(gone, key=lambda episode: (episode.pub_date, episode.key), reverse=True)


def expire_in(
    show: Show, connection: sqlite3.Connection, now: datetime, *, dry_run: bool = False
) -> list[Episode]:
    """Take the expiring episodes out of the catalog (not with ``dry_run``); return them."""
    if not (show.keep_episodes or show.keep_editions or show.keep_days):
        return []
    gone = expiring(show, catalog.headers(connection), now)
    if gone and not dry_run:
        catalog.expire(connection, gone)
    return gone


def sweep(audio: Path, connection: sqlite3.Connection) -> list[Path]:
    """Delete the files of every expired episode still in ``audio``; return them.

    Called once the feeds no longer name them.
    """
    deleted, done = [], []
    for guid, file in catalog.unswept(connection):
        deleted += delete_files(audio, file)
        done.append(guid)
    catalog.swept(connection, done)
    return deleted


def delete_files(audio: Path, file: str) -> list[Path]:
    """Delete every file of the episode whose MP3 is ``file``; return those that were there."""
    deleted = []
    for name in episode_files(file):
        path = audio / name
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise OutputError(f"{path}: cannot be deleted ({error.strerror})") from None
        deleted.append(path)
    return deleted


@dataclass(frozen=True)
class Expiry:
    """What retention took down (or, in a dry run, would take down), and the files deleted."""

    gone: tuple[Episode, ...]
    deleted: tuple[Path, ...]
    dry_run: bool


def expire(project: Project, now: datetime | None = None, *, dry_run: bool = False) -> Expiry:
    """Apply the show's retention settings now: the catalog, then the feeds, then the files."""
    settings = load_settings(project.config)
    show = settings.show
    moment = now or datetime.now(ZoneInfo(show.timezone))
    with project_lock(project.state):
        connection = catalog.open_catalog(project.catalog)
        try:
            gone = expire_in(show, connection, moment, dry_run=dry_run)
            deleted: list[Path] = []
            if not dry_run:
                cover = cover_name(show, project.root)
                write_outputs(project, settings, connection, cover)
                deleted = sweep(project.audio, connection)
        finally:
            connection.close()
    return Expiry(tuple(gone), tuple(deleted), dry_run)


def remove_episode(project: Project, name: str) -> tuple[Episode, list[Path]]:
    """Take an episode out of the catalog, delete its files from audio/ and rewrite the feed.

    ``name`` is the article's file name (or path), the MP3's file name or the guid.
    Returns the episode and the files deleted.
    """
    settings = load_settings(project.config)
    show = settings.show
    connection = catalog.open_catalog(project.catalog)
    try:
        episode = catalog.find(connection, name) or catalog.find(connection, Path(name).name)
        if episode is None:
            raise OutputError(
                f"{name}: no such episode; `podcast episodes` lists them "
                "(give an article file name, an MP3 file name or a guid)"
            )
        catalog.delete(connection, episode.guid)
        cover = cover_name(show, project.root)
        write_outputs(project, settings, connection, cover)
    finally:
        connection.close()
    return episode, delete_files(project.audio, episode.file)
