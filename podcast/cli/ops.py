"""The command line of running a podcast for months: `podcast doctor`, `podcast sources`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from podcast.config import load_settings
from podcast.files import write_atomic
from podcast.project import Project


@click.command("doctor")
@click.option(
    "--write-test",
    is_flag=True,
    help="Also store one small object in the [publish] bucket and delete it again.",
)
def doctor_command(write_test: bool) -> None:
    """Check the settings, tools, voices, bucket, disk, catalog and sources; say what to do.

    One line per check: ok, warn or fail. The exit code is 0 when all are ok, 1 when the
    worst is a warning, 2 when something fails. Nothing is written unless --write-test.

    Example: podcast doctor
    """
    from podcast.doctor import examine, worst  # here: only this command needs the checks

    findings = examine(Project(Path()), write=write_test)
    width = max(len(finding.subject) for finding in findings)
    for finding in findings:
        click.echo(f"{finding.level:<4}  {finding.subject:<{width}}  {finding.text}")
    sys.exit(worst(findings))


@click.group("sources")
def sources_group() -> None:
    """Move the followed feeds ([[sources]]) in and out as OPML, as podcast apps do.

    Example: podcast sources export subscriptions.opml
    """


@sources_group.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
def export_command(file: Path | None) -> None:
    """Write the [[sources]] of podcast.toml as OPML to FILE (default: print it).

    Example: podcast sources export subscriptions.opml
    """
    from podcast.sources import sources_opml

    settings = load_settings(Project(Path()).config)
    opml = sources_opml(settings.sources, f"{settings.show.title}: sources")
    if file is None:
        click.echo(opml.decode("utf-8"), nl=False)
        return
    write_atomic(file, opml)
    click.echo(f"wrote {file}: {len(settings.sources)} feeds")


@sources_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_command(file: Path) -> None:
    """Follow every feed of an OPML file: add each new one to podcast.toml as [[sources]].

    Example: podcast sources import subscriptions.opml
    """
    from podcast.sources import import_opml

    added, known = import_opml(Project(Path()).config, file)
    for source in added:
        click.echo(f"added {source.url}")
    for source in known:
        click.echo(f"already followed: {source.url}")
    click.echo(f"podcast.toml: {len(added)} feeds added, {len(known)} already followed")


def ops_commands() -> list[click.Command]:
    """The commands of running a podcast unattended, for the command group."""
    return [doctor_command, sources_group]
