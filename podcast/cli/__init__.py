"""The command line: a thin click layer over the library.

Takes the words a user types; hands on to the library's verbs and prints one line
per outcome. ``main`` is the ``podcast`` command.
"""

from podcast.cli.commands import main

__all__ = ["main"]
