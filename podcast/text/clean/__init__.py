"""The cleaner: article prose told from the boilerplate news sites wrap around it.

``lines`` runs the two layers over an article's lines; ``rules``, ``datelines``
and ``dates`` hold the tables of what is certain, ``features`` and ``classify``
decide the rest, ``blocks`` the paragraph breaks, ``title`` the title,
``markup`` and ``layout`` ready a saved web page, ``repair`` mends raw text.
"""

from podcast.text.clean.lines import clean_lines

__all__ = ["clean_lines"]
