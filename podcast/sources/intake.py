"""Articles from the web into seeds/: pages added by URL and new items of followed feeds."""

from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from podcast.config import Fetch, Settings
from podcast.episode import slugify
from podcast.errors import ConfigError, PodcastError, PublishError
from podcast.files import write_atomic
from podcast.project import Project
from podcast.sources import state
from podcast.sources.feeds import read_feed, wanted
from podcast.sources.http import Client, Limits
from podcast.sources.pages import fetch_article
from podcast.text import format_saved


@dataclass(frozen=True)
class Added:
    """A URL taken in: the seed it was saved as, or the seed that already holds it."""

    url: str
    seed: Path
    new: bool
    pages: int = 1


@dataclass(frozen=True)
class Intake:
    """What adding or fetching did: feeds read, pages added, failures (one line each)."""

    added: tuple[Added, ...] = ()
    failures: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    @property
    def new_seeds(self) -> list[Path]:
        """The seeds saved by this intake, to build."""
        return [added.seed for added in self.added if added.new]


def client_for(fetch: Fetch) -> Client:
    """A client with the limits set in podcast.toml's [fetch]."""
    return Client(
        Limits(
            connect_s=fetch.timeout_s,
            read_s=fetch.timeout_s,
            deadline_s=fetch.deadline_s,
            max_bytes=int(fetch.max_mb * 1_000_000),
            delay_s=fetch.delay_s,
        )
    )


def add_urls(project: Project, urls: Sequence[str], client: Client) -> Intake:
    """Fetch each URL's article into seeds/; a URL that fails is reported and the rest go on."""
    connection = state.open_state(project.state / "catalog.db")
    added: list[Added] = []
    failures: list[str] = []
    try:
        for url in urls:
            try:
                added.append(add_url(project, connection, client, url))
            except PodcastError as error:
                failures.append(str(error))
    finally:
        connection.close()
    return Intake(tuple(added), tuple(failures))


def add_url(project: Project, connection: sqlite3.Connection, client: Client, url: str) -> Added:
    """Fetch one article page (and its later pages) and save it as a seed, unless already added."""
    url = url.split("#")[0]
    if (key := state.known_page(connection, url)) and (project.seeds / key).is_file():
        return Added(url, project.seeds / key, new=False)
    saved, article, canonical = fetch_article(client, url)
    key = state.known_page(connection, url, saved.final, canonical)
    if key and (project.seeds / key).is_file():
        state.remember_page(connection, key, url)
        return Added(url, project.seeds / key, new=False)
    seed = project.seeds / (key or _free_name(project.seeds, article.title))
    try:
        project.seeds.mkdir(parents=True, exist_ok=True)
        # The BOM tells a browser opening the seed that it is UTF-8, whatever its meta says.
        write_atomic(seed, codecs.BOM_UTF8 + format_saved(saved).encode("utf-8"))
    except OSError as error:
        raise PublishError(f"{seed}: cannot be written ({error})") from None
    state.remember_page(connection, seed.name, url, saved.final, canonical)
    return Added(url, seed, new=True, pages=len(saved.pages))


def _free_name(seeds: Path, title: str) -> str:
    """``<slug>.html``, numbered when a file of that name exists."""
    name, number = f"{slugify(title)}.html", 2
    while (seeds / name).exists():
        name, number = f"{slugify(title)}-{number}.html", number + 1
    return name


def fetch_sources(project: Project, settings: Settings, client: Client | None = None) -> Intake:
    """Read every followed feed and add the items it has not seen before, up to each limit."""
    if not settings.sources:
        raise ConfigError(
            f"{project.config}: no [[sources]] to fetch; "
            "add one with the url of an RSS or Atom feed"
        )
    client = client or client_for(settings.fetch)
    connection = state.open_state(project.state / "catalog.db")
    added: list[Added] = []
    failures: list[str] = []
    feeds: list[str] = []
    try:
        for source in settings.sources:
            try:
                feed = read_feed(client, source.url, state.validators(connection, source.url))
            except PodcastError as error:
                failures.append(str(error))
                continue
            if feed.items is None:
                state.keep_validators(connection, source.url, feed.validators)
                feeds.append(f"{source.url}: unchanged (304)")
                continue
            new = [item for item in feed.items if not state.seen(connection, source.url, item.id)]
            taken = [item for item in new if wanted(source, item)][: source.limit]
            failed = 0
            for item in taken:
                try:
                    added.append(add_url(project, connection, client, item.link))
                except PodcastError as error:
                    failures.append(str(error))
                    failed += 1
                    continue
                state.mark_seen(connection, source.url, item.id)
            for item in new:
                if item not in taken:
                    state.mark_seen(connection, source.url, item.id)
            if not failed:
                state.keep_validators(connection, source.url, feed.validators)
            feeds.append(
                f"{source.url}: {len(feed.items)} items, {len(new)} new, "
                f"{len(taken) - failed} taken"
                + (
                    f", {len(new) - len(taken)} left out by limit or words"
                    if len(new) > len(taken)
                    else ""
                )
            )
    finally:
        connection.close()
    return Intake(tuple(added), tuple(failures), tuple(feeds))
