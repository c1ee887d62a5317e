"""A build run: articles in, tagged episodes, feeds and pages out.

Takes the project (its settings, articles and catalog) and a voice; hands on an
``Outcome``: the episodes made or kept, the articles that failed, the notes.

``session`` holds the session and the steps of ``build`` and ``build_edition``;
``articles`` speaks each article (``parallel`` several at once), ``finish`` masters,
encodes, tags and records one episode, ``rendition`` keeps its low-data edition in
step, ``outputs`` writes the feeds and pages, ``episodes`` lists, expires and removes
published episodes, and ``say`` speaks one line to try a pronunciation.
"""

from podcast.run.session import Outcome, build, build_edition

__all__ = ["Outcome", "build", "build_edition"]
