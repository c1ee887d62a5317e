"""What is published, and taking an episode down: the catalog, its files and the feed."""

from __future__ import annotations

from pathlib import Path

from podcast import catalog
from podcast.catalog import Episode
from podcast.config import load_settings
from podcast.edition import write_feeds
from podcast.episode import companion_names, cover_name, episode_page, extra_names
from podcast.errors import PublishError
from podcast.project import Project
from podcast.site import write_site


def published(project: Project) -> list[Episode]:
    """Every episode in the catalog, newest first."""
    connection = catalog.open_catalog(project.state / "catalog.db")
    try:
        return catalog.episodes(connection)
    finally:
        connection.close()


def remove_episode(project: Project, name: str) -> tuple[Episode, list[Path]]:
    """Take an episode out of the catalog, delete its files from audio/ and rewrite the feed.

    ``name`` is the article's file name (or path), the MP3's file name or the guid.
    Returns the episode and the files deleted.
    """
    settings = load_settings(project.config)
    show = settings.show
    connection = catalog.open_catalog(project.state / "catalog.db")
    try:
        episode = catalog.find(connection, name) or catalog.find(connection, Path(name).name)
        if episode is None:
            raise PublishError(
                f"{name}: no such episode; `podcast episodes` lists them "
                "(give an article file name, an MP3 file name or a guid)"
            )
        catalog.delete(connection, episode.guid)
        remaining = catalog.episodes(connection)
    finally:
        connection.close()
    deleted = []
    companions = companion_names(episode).values()
    for file in (episode.file, *companions, *extra_names(episode.file), episode_page(episode.file)):
        path = project.audio / file
        if path.exists():
            try:
                path.unlink()
            except OSError as error:
                raise PublishError(f"{path}: cannot be deleted ({error.strerror})") from None
            deleted.append(path)
    write_feeds(show, remaining, project.audio, cover_name(show, project.root), settings.edition)
    write_site(show, remaining, project.audio, cover_name(show, project.root))
    return episode, deleted
