"""The command line: a thin click layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from podcast.build import Outcome, build, build_edition
from podcast.cli_web import first_run, read_any, web_commands
from podcast.config import write_config
from podcast.episodes import published, remove_episode
from podcast.errors import PodcastError
from podcast.project import Project
from podcast.speech import ENGINE_CHOICES
from podcast.text import format_article, speakable

if TYPE_CHECKING:
    from podcast.publish import Summary


class _Group(click.Group):
    """Turns every library error into one clear line and exit code 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PodcastError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group, commands=web_commands())
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
    if first_run(Project(Path()), paths):
        return
    progress = None if quiet else _progress_bar()
    outcome = build(Project(Path()), list(paths), engine, progress)
    _report(outcome, quiet)
    if outcome.failures:
        sys.exit(1)


@main.command("edition")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Default: today in the show's time zone.",
)
@click.option(
    "--engine", type=click.Choice(ENGINE_CHOICES), default="auto", help="The voice, as for build."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def edition_command(day: datetime | None, engine: str, quiet: bool) -> None:
    """Build the day's articles as one episode with a chapter per story.

    Example: podcast edition --date 2026-11-30
    """
    progress = None if quiet else _progress_bar()
    outcome = build_edition(Project(Path()), day.date() if day else None, engine, progress)
    _report(outcome, quiet)
    if outcome.failures:
        sys.exit(1)


@main.command("clean")
@click.argument("file")
@click.option("--spoken", is_flag=True, help="Print the words the voice will say.")
def clean_command(file: str, spoken: bool) -> None:
    """Print an article (a file, or a page's URL) as the cleaner leaves it: title, paragraphs.

    Example: podcast clean seeds/000_f270e526a9c4b75d.txt
    """
    article = read_any(file)
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


@main.command("publish")
@click.option(
    "--dry-run", is_flag=True, help="List what would be uploaded and deleted; change nothing."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def publish_command(dry_run: bool, quiet: bool) -> None:
    """Upload what changed in audio/ to [publish] target in podcast.toml, the feed last.

    Example: podcast publish --dry-run
    """
    from podcast.publish import publish  # here: only this command needs the S3 client

    bar = None if quiet else _upload_bar()
    summary = publish(Project(Path()), dry_run=dry_run, progress=bar)
    if not quiet:
        for line in _published_lines(summary):
            click.echo(line)


def _published_lines(summary: Summary) -> list[str]:
    """What a publish did (or would do): deletions, then one line of totals."""
    plan, dry = summary.plan, summary.dry_run
    uploads = [f"would upload {file.name} ({_size(file.size)})" for file in plan.uploads]
    deletions = [
        f"{'would delete' if dry else 'deleted'} {plan.target.address(stored.name)}"
        for stored in plan.deletions
    ]
    totals = (
        f"{'dry run: ' if dry else ''}{plan.target.address()}: "
        f"{len(plan.uploads)} {'to upload' if dry else 'uploaded'} "
        f"({_size(plan.upload_bytes)}), {len(plan.unchanged)} unchanged, "
        f"{len(plan.deletions)} {'to delete' if dry else 'deleted'} in {summary.seconds:.1f} s"
    )
    return [*(uploads if dry else ()), *deletions, totals]


def _upload_bar() -> Callable[[str, int, int], None]:
    """Each finished upload on its own line; a running count of bytes on a terminal."""
    stream = click.get_text_stream("stderr")

    def show(name: str, done: int, size: int) -> None:
        if done == size:
            if stream.isatty():
                stream.write("\r\033[K")
            click.echo(f"uploaded {name} ({_size(size)})")
        elif stream.isatty():
            stream.write(f"\r\033[K  {name}: {_size(done)} of {_size(size)}")
            stream.flush()

    return show


def _size(size: int) -> str:
    """Bytes for people: 812 B, 3.6 kB, 3.6 MB."""
    if size < 1000:
        return f"{size} B"
    return f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


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
