"""The command line: a thin click layer over the library."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from podcast import __version__
from podcast.cli.episodes import episode_commands
from podcast.cli.listeners import listener_commands
from podcast.cli.log import log_event, start_log
from podcast.cli.ops import ops_commands
from podcast.cli.output import progress_bar, published_lines, report, upload_bar
from podcast.cli.web import first_run, read_any, web_commands
from podcast.config import load_settings, write_config
from podcast.errors import PodcastError
from podcast.project import Project
from podcast.run import build, build_edition
from podcast.run.say import say, spoken_article
from podcast.speech import ENGINE_CHOICES, ENGINES
from podcast.speech.voices import CHOICES, voice_choices
from podcast.text import format_article

if TYPE_CHECKING:
    pass


STOPPED = "stopped: the episodes made so far are kept; build again to make the rest"
INTERRUPTED = 128 + 2
"""The exit code of a command stopped by Ctrl+C (SIGINT), as shells report it."""


class _Group(click.Group):
    """Turns every library error into one clear line and exit code 1, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PodcastError as error:
            raise click.ClickException(str(error)) from None


@click.group(
    cls=_Group,
    commands=[*web_commands(), *episode_commands(), *ops_commands(), *listener_commands()],
)
@click.version_option(__version__, prog_name="podcast")
def main() -> None:
    """Turn news articles into podcast episodes and a podcast feed."""


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(ENGINE_CHOICES),
    default="auto",
    show_default=True,
    help="Voice: Microsoft Edge's (edge), Google's (gtts), the offline eSpeak NG (espeak), or"
    " the first of [speech] order that answers (auto).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Articles made at once, each in its own process.  [default: one per core]",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build_command(paths: tuple[Path, ...], engine: str, jobs: int | None, quiet: bool) -> None:
    """Build an episode per article and the feed, in audio/.

    Example: podcast build seeds/
    """
    if first_run(Project(Path()), paths):
        return
    progress = None if quiet else progress_bar()
    try:
        outcome = build(Project(Path()), list(paths), engine, progress, jobs=jobs)
    except KeyboardInterrupt:
        click.echo(STOPPED, err=True)
        sys.exit(INTERRUPTED)
    report(outcome, quiet)
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
    progress = None if quiet else progress_bar()
    outcome = build_edition(Project(Path()), day.date() if day else None, engine, progress)
    report(outcome, quiet)
    if outcome.failures:
        sys.exit(1)


@main.command("clean")
@click.argument("file")
@click.option(
    "--spoken", is_flag=True, help="Print the words the voice will say, pronunciation list applied."
)
@click.option(
    "--engine",
    type=click.Choice(tuple(ENGINES)),
    help="With --spoken: also the list's entries for this voice.",
)
def clean_command(file: str, spoken: bool, engine: str | None) -> None:
    """Print an article (a file, or a page's URL) as the cleaner leaves it: title, paragraphs.

    Example: podcast clean seeds/000_f270e526a9c4b75d.txt
    """
    article = read_any(file)
    if spoken:
        article = spoken_article(Project(Path()), article, engine)
    click.echo(format_article(article), nl=False)


@main.command("say")
@click.argument("text")
@click.option(
    "--engine", type=click.Choice(ENGINE_CHOICES), default="auto", help="The voice, as for build."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("say.mp3"),
    show_default=True,
    help="The MP3 to write.",
)
def say_command(text: str, engine: str, output: Path) -> None:
    """Speak one line with the project's voice and pronunciation list, to try an entry.

    Example: podcast say "Zelensky membuka startup di Kyiv" --engine espeak
    """
    said = say(Project(Path()), text, engine, output)
    click.echo(said.engine_line)
    click.echo(f"said: {said.spoken}")
    click.echo(f"wrote {said.path} ({said.duration_ms / 1000:.1f} s)")


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
@click.option("--editor", is_flag=True, help="Serve the editor's page (see podcast editor).")
def serve_command(
    host: str,
    port: int,
    private: bool,
    use_base_url: bool,
    watch_engine: str | None,
    no_qr: bool,
    editor: bool,
) -> None:
    """Serve audio/ to podcast apps, with HEAD and byte ranges, until Ctrl+C.

    Example: podcast serve --host 0.0.0.0
    """
    from podcast.serve import serve  # here: only this command needs the web server

    start_log()
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
            rebuilt=log_event,
            editor=editor,
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


@main.command("voices")
@click.option(
    "--engine",
    type=click.Choice(tuple(CHOICES)),
    multiple=True,
    help="Only this engine's voices (may be repeated).",
)
def voices_command(engine: tuple[str, ...]) -> None:
    """List the voices each engine offers for the show's language, as podcast.toml settings.

    Example: podcast voices --engine edge
    """
    settings = load_settings(Project(Path()).config)
    choices, problems = voice_choices(
        settings.show.language,
        engine or tuple(CHOICES),
        settings.speech.timeout_s,
        settings.speech.piper_model,
    )
    width = max((len(c.setting) + len(c.value) for c in choices), default=0) + 5
    for choice in choices:
        setting = f'{choice.setting} = "{choice.value}"'
        click.echo(f"{choice.engine:<7} {setting:<{width}}  {choice.description}")
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)


@main.command("publish")
@click.option(
    "--dry-run", is_flag=True, help="List what would be uploaded and deleted; change nothing."
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option(
    "--full",
    is_flag=True,
    help="Read every file of audio/ again and compare each with the bucket: finds files "
    "changed by hand, which a publish otherwise does not look at.",
)
def publish_command(dry_run: bool, quiet: bool, full: bool) -> None:
    """Upload what changed in audio/ to [publish] target in podcast.toml, the feed last.

    Example: podcast publish --dry-run
    """
    from podcast.publish import publish  # here: only this command needs the S3 client

    bar = None if quiet else upload_bar()
    summary = publish(Project(Path()), dry_run=dry_run, progress=bar, full=full)
    if not quiet:
        for line in published_lines(summary):
            click.echo(line)
