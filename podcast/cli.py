"""The command line: a thin click layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from podcast.build import Outcome, build
from podcast.config import load_settings, write_config
from podcast.episodes import published, remove_episode
from podcast.errors import PodcastError
from podcast.project import Project
from podcast.speech import ENGINE_CHOICES
from podcast.text import find_articles, format_article, read_article, speakable

if TYPE_CHECKING:
    from podcast.sources import Intake


class _Group(click.Group):
    """Turns every library error into one clear line and exit code 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PodcastError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group)
@click.version_option(package_name="podcast")
def main() -> None:
    """Turn news articles into podcast episodes and a podcast feed."""


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(ENGINE_CHOICES),
    default="auto",
    show_default=True,
    help="Voice: Google's (gtts), the offline eSpeak NG (espeak), or gtts when Google answers.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build_command(paths: tuple[Path, ...], engine: str, quiet: bool) -> None:
    """Build an episode per article and the feed, in audio/.

    Example: podcast build seeds/
    """
    project = Project(Path())
    if not paths and not find_articles([project.seeds])[0] and not project.audio.is_dir():
        click.echo(FIRST_RUN)
        return
    progress = None if quiet else _progress_bar()
    outcome = build(project, list(paths), engine, progress)
    _report(outcome, quiet)
    if outcome.failures:
        sys.exit(1)


FIRST_RUN = """\
no articles yet in seeds/. To get some in:
  put article files (.txt, .md, .html) in seeds/, then: podcast build
  or add a web page and build its episode:  podcast add URL
  or follow an outlet's RSS or Atom feed: add a [[sources]] table with its url to
  podcast.toml (podcast init writes an example), then: podcast fetch"""


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


@main.command("add")
@click.argument("urls", nargs=-1, required=True)
@_intake_options
def add_command(urls: tuple[str, ...], no_build: bool, engine: str, quiet: bool) -> None:
    """Fetch web pages' articles into seeds/ and build their episodes.

    Example: podcast add https://www.example.com/read/2026/11/30/banjir
    """
    from podcast.sources import add_urls, client_for  # here: only the web input needs them

    project = Project(Path())
    intake = add_urls(project, urls, client_for(load_settings(project.config).fetch))
    _take_in(project, intake, no_build, engine, quiet)


@main.command("fetch")
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
    _take_in(project, intake, no_build, engine, quiet)


def _take_in(project: Project, intake: Intake, no_build: bool, engine: str, quiet: bool) -> None:
    """Report what an add or fetch saved, build it unless told not to, and exit 1 on failures."""
    if not quiet:
        for added in intake.added:
            if added.new:
                pages = f", {added.pages} pages" if added.pages > 1 else ""
                click.echo(f"saved seeds/{added.seed.name} from {added.url}{pages}")
            else:
                click.echo(f"already added: {added.url} is seeds/{added.seed.name}")
    for failure in intake.failures:
        click.echo(f"error: {failure}", err=True)
    failed = bool(intake.failures)
    if intake.new_seeds and not no_build:
        outcome = build(project, intake.new_seeds, engine, None if quiet else _progress_bar())
        _report(outcome, quiet)
        failed = failed or bool(outcome.failures)
    if intake.failures:
        click.echo(f"{len(intake.failures)} URL(s) failed; the others went through.", err=True)
    if failed:
        sys.exit(1)


@main.command("clean")
@click.argument("file")
@click.option("--spoken", is_flag=True, help="Print the words the voice will say.")
def clean_command(file: str, spoken: bool) -> None:
    """Print an article (a file, or a web page's URL) as the cleaner leaves it.

    It prints the title, a blank line, then the paragraphs. A URL is fetched, never saved.

    Example: podcast clean seeds/000_f270e526a9c4b75d.txt
    """
    if file.startswith(("http://", "https://")):
        from podcast.sources import client_for, fetch_article

        settings = load_settings(Project(Path()).config)
        article = fetch_article(client_for(settings.fetch), file)[1]
    else:
        article = read_article(Path(file))
    if spoken:
        article = type(article)(
            **{
                **article.__dict__,
                "title": speakable(article.title),
                "paragraphs": tuple(speakable(p) for p in article.paragraphs),
            }
        )
    click.echo(format_article(article), nl=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--private", is_flag=True, help="Serve only under a secret path kept in .podcast/token."
)
@click.option(
    "--use-base-url",
    is_flag=True,
    help="Keep the feed's URLs at base_url from podcast.toml instead of this server's address.",
)
@click.option(
    "--watch",
    "watch_engine",
    type=click.Choice(ENGINE_CHOICES),
    default=None,
    help="Build now and again whenever seeds/ changes, with this voice.",
)
@click.option("--no-qr", is_flag=True, help="Do not draw the subscribe URL as a QR code.")
def serve_command(
    host: str, port: int, private: bool, use_base_url: bool, watch_engine: str | None, no_qr: bool
) -> None:
    """Serve audio/ to podcast apps, with HEAD and byte ranges, until Ctrl+C.

    Example: podcast serve --host 0.0.0.0
    """
    from podcast.serve import serve  # here: only this command needs the web server

    try:
        serve(
            Project(Path()),
            host,
            port,
            private=private,
            use_base_url=use_base_url,
            watch_engine=watch_engine,
            qr=not no_qr,
            say=click.echo,
            rebuilt=_rebuilt,
        )
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command("init")
def init_command() -> None:
    """Write a commented podcast.toml with the default show details; never overwrite one.

    Example: podcast init
    """
    path = write_config(Project(Path()).config)
    click.echo(f"wrote {path.name}: edit the show's details, then run podcast build")


@main.command("episodes")
def episodes_command() -> None:
    """List the published episodes, newest first: date, duration, size, file, title.

    Example: podcast episodes
    """
    episodes = published(Project(Path()))
    if not episodes:
        click.echo("no episodes yet: run podcast build")
    for episode in episodes:
        minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
        click.echo(
            f"{episode.pub_date:%Y-%m-%d}  {minutes:3d}:{seconds:02d}  "
            f"{episode.length / 1_000_000:5.1f} MB  {episode.file}  {episode.title}"
        )


@main.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Take an episode out of the feed and delete its files from audio/.

    NAME is the article's file name, the MP3's file name or the episode's guid.
    Deleting an article from seeds/ does not remove its episode; this does.

    Example: podcast remove 000_f270e526a9c4b75d.txt
    """
    project = Project(Path())
    episode, deleted = remove_episode(project, name)
    for path in deleted:
        click.echo(f"deleted audio/{path.name}")
    seed = project.seeds / episode.key
    again = (
        f"; seeds/{episode.key} would build it again: delete or move it" if seed.exists() else ""
    )
    click.echo(f"removed {episode.title!r} ({episode.guid}) from audio/feed.xml{again}")


def _progress_bar() -> Callable[[str, int, int], None]:
    """A one-line progress display on stderr, drawn only on a terminal."""
    stream = click.get_text_stream("stderr")

    def show(source: str, done: int, total: int) -> None:
        if stream.isatty():
            end = "\n" if done == total else ""
            stream.write(f"\r  {source}: {done}/{total} parts spoken{end}")
            stream.flush()

    return show


def _report(outcome: Outcome, quiet: bool) -> None:
    if not quiet:
        click.echo(outcome.engine_line)
        for note in outcome.engine_notes:
            click.echo(note)
        for episode in outcome.built:
            minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
            size_mb = episode.length / 1_000_000
            click.echo(f"built audio/{episode.file} ({minutes}:{seconds:02d}, {size_mb:.1f} MB)")
        for episode in outcome.unchanged:
            click.echo(f"unchanged audio/{episode.file}")
        click.echo(
            f"feed: audio/{outcome.feed.name if outcome.feed else '-'} "
            f"({outcome.episodes_in_feed} episodes)"
        )
    for warning in outcome.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in outcome.failures:
        click.echo(f"error: {failure}", err=True)
    if outcome.failures:
        click.echo(f"{len(outcome.failures)} article(s) failed; the others were built.", err=True)


def _rebuilt(outcome: Outcome | PodcastError) -> None:
    if isinstance(outcome, PodcastError):
        click.echo(f"error: {outcome}", err=True)
    else:
        _report(outcome, quiet=False)
