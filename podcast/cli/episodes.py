"""The commands on published episodes: list, expire, remove, and render as video."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from podcast.cli.output import video_line
from podcast.config import VIDEO_SIZES, load_settings
from podcast.edition import feed_of
from podcast.project import Project
from podcast.run.episodes import expire, expiring, list_episodes, remove_episode


@click.command("episodes")
def episodes_command() -> None:
    """List the published episodes, newest first: date, duration, size, file, title.

    Example: podcast episodes
    """
    project = Project(Path())
    episodes = list_episodes(project)
    if not episodes:
        click.echo("no episodes yet: run podcast build")
    show = load_settings(project.config).show
    going = {episode.guid for episode in expiring(show, episodes, datetime.now(UTC))}
    limited = show.keep_episodes or show.keep_editions or show.keep_days
    lines = []
    for episode in episodes:
        minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
        fate = ("expires " if episode.guid in going else "kept    ") if limited else ""
        lines.append(
            f"{fate}{episode.pub_date:%Y-%m-%d}  {minutes:3d}:{seconds:02d}  "
            f"{episode.length / 1_000_000:5.1f} MB  {episode.file}  {episode.title}"
        )
    if lines:
        click.echo("\n".join(lines))
    if limited:
        click.echo(
            f"{len(episodes) - len(going)} kept, {len(going)} would expire"
            + ("; podcast expire or the next podcast build takes them down" if going else "")
        )


@click.command("expire")
@click.option("--dry-run", is_flag=True, help="List what would expire; change nothing.")
def expire_command(dry_run: bool) -> None:
    """Take down the episodes older than [show] keep_episodes, keep_editions, keep_days.

    Example: podcast expire --dry-run
    """
    expiry = expire(Project(Path()), dry_run=dry_run)
    for episode in expiry.gone:
        verb = "would expire" if dry_run else "expired"
        click.echo(f"{verb} {episode.pub_date:%Y-%m-%d} audio/{episode.file}  {episode.title}")
    for path in expiry.deleted:
        click.echo(f"deleted audio/{path.name}")
    if not expiry.gone:
        click.echo("nothing expires: every episode is within [show] keep_* in podcast.toml")
    elif not dry_run:
        click.echo(
            f"{len(expiry.gone)} episode(s) expired; podcast publish deletes them from the "
            "bucket after the new feed is up"
        )


@click.command("remove")
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
    feed = feed_of(episode, load_settings(project.config).edition)
    click.echo(f"removed {episode.title!r} ({episode.guid}) from audio/{feed}{again}")


@click.command("video")
@click.argument("episodes", nargs=-1)
@click.option(
    "--size",
    type=click.Choice(VIDEO_SIZES),
    help="1280x720, 1920x1080, or 1080x1920 (upright, for Shorts).  [default: [video] size]",
)
@click.option("--force", is_flag=True, help="Render again even when the video is up to date.")
def video_command(episodes: tuple[str, ...], size: str | None, force: bool) -> None:
    """Render episodes as MP4 videos for YouTube, with their description, in audio/.

    EPISODES are article file names, MP3 file names or guids (default: every episode).

    Example: podcast video 000_f270e526a9c4b75d.txt --size 1080x1920
    """
    from podcast.video import make_videos  # here: only this command needs the encoder

    made, failures = make_videos(Project(Path()), episodes, size or "", force)
    for video in made:
        click.echo(video_line(video))
        if video.note:
            click.echo(f"warning: {video.note}", err=True)
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    if failures:
        sys.exit(1)


def episode_commands() -> list[click.Command]:
    """The commands on published episodes, for the command group."""
    return [episodes_command, expire_command, remove_command, video_command]
