"""The command line: a thin click layer over the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from podcast.article import format_article, read_article
from podcast.build import Outcome, Project, build
from podcast.errors import PodcastError
from podcast.normalize import speakable
from podcast.speech import ENGINE_CHOICES


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
    progress = None if quiet else _progress_bar()
    outcome = build(Project(Path.cwd()), list(paths), engine, progress)
    _report(outcome, quiet)
    if outcome.failures:
        sys.exit(1)


@main.command("clean")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--spoken", is_flag=True, help="Print the words the voice will say.")
def clean_command(file: Path, spoken: bool) -> None:
    """Print an article as the cleaner leaves it: title, blank line, paragraphs.

    Example: podcast clean seeds/000_f270e526a9c4b75d.txt
    """
    article = read_article(file)
    if spoken:
        article = type(article)(
            **{
                **article.__dict__,
                "title": speakable(article.title),
                "paragraphs": tuple(speakable(p) for p in article.paragraphs),
            }
        )
    click.echo(format_article(article), nl=False)


def _progress_bar() -> Callable[[str, int, int], None]:
    """A one-line progress display on stderr, drawn only on a terminal."""
    stream = click.get_text_stream("stderr")

    def show(source: str, done: int, total: int) -> None:
        if stream.isatty():
            end = "\n" if done == total else ""
            stream.write(f"\r  {source}: {done}/{total} paragraphs spoken{end}")
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
    for failure in outcome.failures:
        click.echo(f"error: {failure}", err=True)
    if outcome.failures:
        click.echo(f"{len(outcome.failures)} article(s) failed; the others were built.", err=True)
