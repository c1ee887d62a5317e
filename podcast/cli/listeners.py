"""The command line of who may reach the server: `podcast listeners`, `podcast editor`."""

from __future__ import annotations

from pathlib import Path

import click

from podcast.project import Project
from podcast.serve import (
    add_listener,
    editor_secret,
    read_listeners,
    remove_listener,
    revoke_editor,
)


@click.group("listeners")
def listeners_group() -> None:
    """Give each listener of a private show (podcast serve --private) an address of their own.

    One leaked address then means revoking one listener, not re-subscribing everyone.

    Example: podcast listeners add ayu
    """


@listeners_group.command("add")
@click.argument("name")
def add_command(name: str) -> None:
    """Make NAME an address of their own and print its path on the server.

    Example: podcast listeners add ayu
    """
    listener = add_listener(Project(Path()), name)
    click.echo(f"{listener.name}  /{listener.secret}/feed.xml")
    click.echo("Send it after the address podcast serve --private shows; keep it secret.")


@listeners_group.command("list")
def list_command() -> None:
    """Print each listener's name and the path of their address.

    Example: podcast listeners list
    """
    listeners = read_listeners(Project(Path()))
    if not listeners:
        click.echo("No listeners yet: podcast listeners add NAME")
    width = max((len(listener.name) for listener in listeners), default=0)
    for listener in listeners:
        click.echo(f"{listener.name:<{width}}  /{listener.secret}/feed.xml")


@listeners_group.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Revoke NAME's address: from the next request on it answers 404.

    Example: podcast listeners remove ayu
    """
    remove_listener(Project(Path()), name)
    click.echo(f"{name}: removed; their address no longer opens the show")


@click.group("editor")
def editor_group() -> None:
    """The editor's page of podcast serve --editor, where articles are sent from a phone.

    Example: podcast editor show
    """


@editor_group.command("show")
def show_command() -> None:
    """Print the path of the editor's page (its secret is made the first time).

    Example: podcast editor show
    """
    secret = editor_secret(Project(Path()))
    click.echo(f"/editor/{secret}/")
    click.echo("Open it after the address podcast serve --editor shows; keep it secret.")


@editor_group.command("revoke")
def revoke_command() -> None:
    """Revoke the editor's secret: its page answers 404 at once; show makes a new one.

    Example: podcast editor revoke
    """
    had = revoke_editor(Project(Path()))
    click.echo("editor's secret revoked" if had else "no editor's secret to revoke")


def listener_commands() -> list[click.Command]:
    """The commands this module adds to `podcast`."""
    return [listeners_group, editor_group]
