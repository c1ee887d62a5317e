"""The command line of running a podcast for months: `podcast doctor`, `podcast sources`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

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


def ops_commands() -> list[click.Command]:
    """The commands of running a podcast unattended, for the command group."""
    return [doctor_command]
