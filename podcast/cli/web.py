"""The command line of the web input: `podcast add`, `podcast fetch`, and URLs for clean."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from podcast.config import load_settings
from podcast.project import Project
from podcast.speech import ENGINE_CHOICES
from podcast.text import Article, find_articles, read_article

if TYPE_CHECKING:
    from podcast.sources import Intake

FIRST_RUN = """\
no articles yet in seeds/. To get some in:
  put article files (.txt, .md, .html) in seeds/, then: podcast build
  or add a web page and build its episode:  podcast add URL
  or follow an outlet's RSS or Atom feed: add a [[sources]] table with its url to
  podcast.toml (podcast init writes an example), then: podcast fetch"""


def first_run(project: Project, paths: Sequence[Path]) -> bool:
    """Say how to get articles in when there are none and nothing was ever built."""
    if paths or project.audio.is_dir() or find_articles([project.seeds])[0]:
        return False
    click.echo(FIRST_RUN)
    return True


def read_any(file: str) -> Article:
    """The article of a file, or of a web page fetched (never saved) when ``file`` is a URL."""
    if not file.startswith(("http://", "https://")):
        return read_article(Path(file))
    from podcast.sources import client_for, fetch_article  # here: only the web input needs them

    return fetch_article(client_for(load_settings(Project(Path()).config).fetch), file)[1]


def _intake_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of add and fetch: --no-build, and those of build."""
    for option in (
        click.option("-q", "--quiet", is_flag=True, help="Print only errors."),
        click.option("--engine", type=click.Choice(ENGINE_CHOICES), default="auto",
                     show_default=True, help="Voice for the episodes built (see podcast build)."),
        click.option("--no-build", is_flag=True, help="Only save the articles into seeds/."),
    ):  # fmt: skip
        command = option(command)
    return command


@click.command("add")
@click.argument("urls", nargs=-1, required=True)
@_intake_options
def add_command(urls: tuple[str, ...], no_build: bool, engine: str, quiet: bool) -> None:
    """Fetch web pages' articles into seeds/ and build their episodes.

    Example: podcast add https://www.example.com/read/2026/11/30/banjir
    """
    from podcast.sources import add_urls, client_for

    project = Project(Path())
    intake = add_urls(project, urls, client_for(load_settings(project.config).fetch))
    _take_in(intake, no_build, engine, quiet)


@click.command("fetch")
@_intake_options
def fetch_command(no_build: bool, engine: str, quiet: bool) -> None:
    """Add the new articles of every followed feed ([[sources]] in podcast.toml) and build them.

    Example: podcast fetch --no-build
    """
    from podcast.sources import fetch_sources

    project = Project(Path())
    intake = fetch_sources(project, load_settings(project.config))
    for line in [] if quiet else intake.feeds:
        click.echo(f"feed: {line}")
    _take_in(intake, no_build, engine, quiet)


def _take_in(intake: Intake, no_build: bool, engine: str, quiet: bool) -> None:
    """Say what was saved and what failed, then build the new seeds as `podcast build` does."""
    if not quiet:
        for added in intake.added:
            if added.new:
                pages = f", {added.pages} pages" if added.pages > 1 else ""
                click.echo(f"saved seeds/{added.seed.name} from {added.url}{pages}")
            else:
                click.echo(f"already added: {added.url} is seeds/{added.seed.name}")
    for failure in intake.failures:
        click.echo(f"error: {failure}", err=True)
    if intake.failures:
        click.echo(f"{len(intake.failures)} URL(s) failed; the others went through.", err=True)
    if intake.new_seeds and not no_build:
        context = click.get_current_context()
        build = context.find_root().command.get_command(context, "build")  # type: ignore[attr-defined]
        context.invoke(build, paths=tuple(intake.new_seeds), engine=engine, quiet=quiet)
    if intake.failures:
        sys.exit(1)


def web_commands() -> list[click.Command]:
    """The commands of the web input, for the command group."""
    return [add_command, fetch_command]
