"""A built project whose catalog also holds an episode with a hostile title, for the page tests."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta

from podcast import catalog
from podcast.catalog import Episode
from podcast.project import Project

HOSTILE_TITLE = (
    "<b>Banjir</b> & \"Hujan\" 'Deras' ]]> <script>alert(1)</script> "
    "<img src=x onerror=alert(2)> שלום مرحبا 🌧️🇮🇩"
)
HOSTILE_PARAGRAPHS = (
    "Paragraf <i>pertama</i> & </details> ]]> <!-- komentar -->",
    "مرحبا بالعالم — teks kanan ke kiri, lalu 😀 emoji.",
)
HOSTILE_OUTLET = "Kabar & <u>Co</u>"
HOSTILE_URL = 'https://example.com/berita?a=1&b="2"<x>'
SCRIPTED_URL = "javascript:alert(3)"


def add_hostile_episodes(project: Project) -> tuple[Episode, Episode]:
    """Add two episodes with hostile text to the catalog, their MP3s copied from the first one.

    The first links its source; the second's source is a ``javascript:`` URL.
    """
    connection = catalog.open_catalog(project.catalog)
    try:
        (seed,) = catalog.episodes(connection)
        added = []
        for number, url in enumerate((HOSTILE_URL, SCRIPTED_URL), start=1):
            file = f"2025-12-2{number + 1}-hostile-{number}.mp3"
            shutil.copy(project.audio / seed.file, project.audio / file)
            parts = (HOSTILE_TITLE, *HOSTILE_PARAGRAPHS)
            episode = dataclasses.replace(
                seed,
                key=f"hostile-{number}.txt",
                guid=f"hostile-{number}",
                file=file,
                title=HOSTILE_TITLE,
                outlet=HOSTILE_OUTLET,
                source_url=url,
                summary=" ".join(HOSTILE_PARAGRAPHS),
                pub_date=seed.pub_date + timedelta(days=number),
                timeline=seed.timeline[: len(parts)],
                parts=parts,
            )
            catalog.record(connection, episode)
            added.append(episode)
    finally:
        connection.close()
    return added[0], added[1]
