"""What the commands print: progress on a terminal, and one line per outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from podcast.errors import PodcastError
from podcast.run import Outcome

if TYPE_CHECKING:
    from podcast.publish import Summary
    from podcast.video import Made


def published_lines(summary: Summary) -> list[str]:
    """What a publish did (or would do): deletions, then one line of totals."""
    plan, dry = summary.plan, summary.dry_run
    uploads = [f"would upload {file.name} ({readable_size(file.size)})" for file in plan.uploads]
    deletions = [
        f"{'would delete' if dry else 'deleted'} {plan.target.address(stored.name)}"
        for stored in plan.deletions
    ]
    totals = (
        f"{'dry run: ' if dry else ''}{plan.target.address()}: "
        f"{len(plan.uploads)} {'to upload' if dry else 'uploaded'} "
        f"({readable_size(plan.upload_bytes)}), {len(plan.unchanged)} unchanged, "
        f"{len(plan.deletions)} {'to delete' if dry else 'deleted'} in {summary.seconds:.1f} s"
    )
    return [*(uploads if dry else ()), *deletions, totals]


def upload_bar() -> Callable[[str, int, int], None]:
    """Each finished upload on its own line; a running count of bytes on a terminal."""
    stream = click.get_text_stream("stderr")

    def show(name: str, done: int, size: int) -> None:
        if done == size:
            if stream.isatty():
                stream.write("\r\033[K")
            click.echo(f"uploaded {name} ({readable_size(size)})")
        elif stream.isatty():
            stream.write(f"\r\033[K  {name}: {readable_size(done)} of {readable_size(size)}")
            stream.flush()

    return show


def readable_size(size: int) -> str:
    """Bytes for people: 812 B, 3.6 kB, 3.6 MB."""
    if size < 1000:
        return f"{size} B"
    return f"{size / 1000:.1f} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"


def progress_bar() -> Callable[[str, int, int], None]:
    """A one-line progress display on stderr, drawn only on a terminal."""
    stream = click.get_text_stream("stderr")

    def show(source: str, done: int, total: int) -> None:
        if stream.isatty():
            end = "\n" if done == total else ""
            stream.write(f"\r  {source}: {done}/{total} parts spoken{end}")
            stream.flush()

    return show


def report(outcome: Outcome, quiet: bool) -> None:
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
        for episode in outcome.expired:
            click.echo(f"expired audio/{episode.file} ({episode.pub_date:%Y-%m-%d})")
        for video in outcome.videos:
            if video.made:
                click.echo(video_line(video))
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


def rebuilt(outcome: Outcome | PodcastError) -> None:
    if isinstance(outcome, PodcastError):
        click.echo(f"error: {outcome}", err=True)
    else:
        report(outcome, quiet=False)


def video_line(video: Made) -> str:
    """One video: made now (its length, size and render time), or already up to date."""
    if not video.made:
        return f"unchanged audio/{video.path.name}"
    minutes, seconds = divmod(round(video.episode.duration_ms / 1000), 60)
    return (
        f"video audio/{video.path.name} ({minutes}:{seconds:02d}, "
        f"{readable_size(video.path.stat().st_size)}, {video.frames} pictures, "
        f"rendered in {video.seconds:.1f} s); description audio/{video.description.name}"
    )
