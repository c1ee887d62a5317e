"""Articles from the web into seeds/: pages added by URL and new items of followed feeds."""

from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import podcast.sources.state as state
from podcast.config import Fetch, Settings, Source
from podcast.episode import slugify
from podcast.errors import ConfigError, OutputError, PodcastError
from podcast.files import write_atomic
from podcast.project import Project
from podcast.sources.articles import fetch_article
from podcast.sources.guard import public_pool
from podcast.sources.http import Client
from podcast.sources.outlets import read_feed, wanted
from podcast.text import format_saved

MAX_HOSTS_AT_ONCE = 8
"""Hosts whose feeds are read at the same time."""


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


def client_for(fetch: Fetch, *, public_only: bool = False) -> Client:
    """A client with the limits set in podcast.toml's [fetch]; ``public_only``: one that
    fetches only public addresses, unless ``private_addresses`` allows every one."""
    if public_only and not fetch.private_addresses:
        return Client(fetch, pool=public_pool())
    return Client(fetch)


def add_urls(project: Project, urls: Sequence[str], client: Client) -> Intake:
    """Fetch each URL's article into seeds/; a URL that fails is reported and the rest go on."""
    connection = state.open_state(project.catalog)
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
        raise OutputError(f"{seed}: cannot be written ({error})") from None
    state.remember_page(connection, seed.name, url, saved.final, canonical)
    return Added(url, seed, new=True, pages=len(saved.pages))


def _free_name(seeds: Path, title: str) -> str:
    """``<slug>.html``, numbered when a file of that name exists."""
    name, number = f"{slugify(title)}.html", 2
    while (seeds / name).exists():
        name, number = f"{slugify(title)}-{number}.html", number + 1
    return name


def fetch_sources(project: Project, settings: Settings, client: Client | None = None) -> Intake:
    """Read every followed feed and add the items it has not seen before, up to each limit.

    The feeds of different hosts are read at once, each host's in turn on its own thread,
    so a slow or broken outlet delays only itself; the client keeps each host's pace.
    """
    if not settings.sources:
        raise ConfigError(
            f"{project.config}: no [[sources]] to fetch; "
            "add one with the url of an RSS or Atom feed"
        )
    client = client or client_for(settings.fetch)
    groups = by_host(settings.sources)
    # Made here, once: threads making the tables at once would refuse each other's locks.
    state.open_state(project.catalog).close()
    with ThreadPoolExecutor(min(len(groups), MAX_HOSTS_AT_ONCE)) as pool:
        done = list(pool.map(lambda group: _fetch_host(project, client, group), groups.values()))
    order = {source.url: number for number, source in enumerate(settings.sources)}
    results = sorted((result for group in done for result in group), key=lambda r: order[r[0]])
    return Intake(
        tuple(added for _, intake in results for added in intake.added),
        tuple(failure for _, intake in results for failure in intake.failures),
        tuple(line for _, intake in results for line in intake.feeds),
    )


def by_host(sources: Sequence[Source]) -> dict[str, list[Source]]:
    """The sources grouped by the host their feed is on, in the order given."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(urlsplit(source.url).netloc.lower(), []).append(source)
    return groups


def _fetch_host(
    project: Project, client: Client, sources: list[Source]
) -> list[tuple[str, Intake]]:
    """Fetch one host's sources in turn, with a connection of this thread's own."""
    connection = state.open_state(project.catalog)
    try:
        return [
            (source.url, fetch_source(project, connection, client, source)) for source in sources
        ]
    finally:
        connection.close()


def fetch_source(
    project: Project, connection: sqlite3.Connection, client: Client, source: Source
) -> Intake:
    """Read one feed, add its new items up to its limit, and record how the fetch went."""
    try:
        feed = read_feed(client, source.url, state.validators(connection, source.url))
    except PodcastError as error:
        state.record_fetch(connection, source.url, str(error), datetime.now(UTC))
        return Intake(failures=(str(error),))
    if feed.items is None:
        state.keep_validators(connection, source.url, feed.validators)
        state.record_fetch(connection, source.url, None, datetime.now(UTC))
        return Intake(feeds=(f"{source.url}: unchanged (304)",))
    new = [item for item in feed.items if not state.seen(connection, source.url, item.id)]
    taken = [item for item in new if wanted(source, item)][: source.limit]
    added: list[Added] = []
    failures: list[str] = []
    for item in taken:
        try:
            added.append(add_url(project, connection, client, item.link))
        except PodcastError as error:
            failures.append(str(error))
            continue
        state.mark_seen(connection, source.url, item.id)
    for item in new:
        if item not in taken:
            state.mark_seen(connection, source.url, item.id)
    if not failures:
        state.keep_validators(connection, source.url, feed.validators)
    every_item_failed = bool(taken) and len(failures) == len(taken)
    state.record_fetch(
        connection,
        source.url,
        f"{len(failures)} of {len(taken)} articles failed: {failures[0]}"
        if every_item_failed
        else None,
        datetime.now(UTC),
    )
    line = (
        f"{source.url}: {len(feed.items)} items, {len(new)} new, "
        f"{len(taken) - len(failures)} taken"
        + (f", {len(new) - len(taken)} left out by limit or words" if len(new) > len(taken) else "")
    )
    return Intake(tuple(added), tuple(failures), (line,))
