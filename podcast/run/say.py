"""One line spoken with a project's settings and pronunciation list, to try an entry.

``say`` runs a line through the same spoken form and list as an episode's
parts, speaks it with the chosen voice (through the project's clip cache, so
a build that says the same words later asks no voice for them again), and
masters it to an MP3 like an episode's: -16 LUFS, mono, 44.1 kHz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from podcast.audio import Pauses, export_mp3, master
from podcast.config import load_settings
from podcast.errors import ArticleError
from podcast.files import replace_atomic, temporary_for
from podcast.project import Project
from podcast.run.session import pronunciations
from podcast.speech import choose_engine, synthesize
from podcast.text import Article, respell, speakable


@dataclass(frozen=True)
class Said:
    """A line as spoken: the words the voice said, by which voice, into which file, how long."""

    spoken: str
    engine_line: str
    path: Path
    duration_ms: int


def say(project: Project, text: str, engine_name: str, path: Path) -> Said:
    """Speak ``text`` with the voice ``engine_name`` (or ``auto``) into the MP3 at ``path``."""
    settings = load_settings(project.config)
    lexicon = pronunciations(project, settings)
    engine, line = choose_engine(engine_name, settings.speech)
    spoken = respell(speakable(text), lexicon, engine.kind)
    if not re.search(r"\w", spoken):
        raise ArticleError(f"nothing to say: {text!r} holds no words a voice says")
    clips = synthesize([spoken], engine, project.state / "clips")
    temporary, scratch = temporary_for(path), temporary_for(path.with_suffix(".pcm"))
    try:
        mix = master(
            clips, Pauses((0,), 0), settings.pacing.edge_silence_ms, scratch, mp3=temporary
        )
        export_mp3(mix, temporary)
        replace_atomic(temporary, path)
    finally:
        scratch.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
    return Said(spoken, line, path, mix.duration_ms)


def spoken_article(project: Project, article: Article, engine: str | None = None) -> Article:
    """``article`` with its title and paragraphs as the voice says them (``engine``: its kind)."""
    lexicon = pronunciations(project, load_settings(project.config))

    def said(text: str) -> str:
        return respell(speakable(text), lexicon, engine)

    return Article(
        **{
            **article.__dict__,
            "title": said(article.title),
            "paragraphs": tuple(said(p) for p in article.paragraphs),
        }
    )
