"""Lay an edition out: its own words around the stories, the pauses between them, one chapter
per story, as one script the build speaks like any episode."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from podcast.audio import Pauses, pauses
from podcast.catalog import Section
from podcast.config import Edition, Music, Pacing, Show
from podcast.edition.listing import EDITION_KEY
from podcast.edition.stories import Story
from podcast.edition.words import (
    Line,
    close,
    edition_title,
    opening,
    running_order,
    summary,
    transition,
)
from podcast.episode import Script
from podcast.text import Lexicon, pronounced, speakable

SLUG = "edisi-harian"


def edition_script(
    stories: Sequence[Story],
    day: date,
    show: Show,
    edition: Edition,
    *,
    pacing: Pacing,
    music: Music,
    lexicon: Lexicon,
    sound: Sequence[str] = (),
) -> Script:
    """The edition of ``day``: opening, running order, each story after its transition, close.

    A story's title and paragraphs are spoken exactly as in its own episode, so
    their clips come from the cache. ``sound`` is what else goes into the audio.
    """
    bare = pauses((), pacing, music)
    lines = [
        opening(show.title, day),
        running_order([s.article.title for s in stories]),
    ]
    before = [bare.before[0], pacing.between_sections_ms]
    sections: list[Section] = []
    for number, story in enumerate(stories):
        article = story.article
        sections.append(Section(len(lines), article.title, article.url))
        lines.append(transition(number, len(stories), article.outlet))
        lines += [Line(text, speakable(text)) for text in (article.title, *article.paragraphs)]
        within = pauses(article.paragraphs, pacing).before[2:-1]
        before += [edition.between_stories_ms, pacing.between_paragraphs_ms, *within]
    lines.append(close(show.title, day))
    before.append(edition.between_stories_ms)
    spoken, voiced = pronounced([line.spoken for line in lines], lexicon)
    shown = tuple(line.shown for line in lines)
    notes = summary(day, [story.article.outlet for story in stories])
    stories_facts = [[s.first_part, s.title, s.url] for s in sections]
    facts = (spoken, shown, stories_facts, show.title, show.author, notes, before, *sound)
    return Script(
        key=f"{EDITION_KEY}{day.isoformat()}",
        title=edition_title(day),
        outlet=None,
        summary=notes,
        source_url=None,
        day=day,
        slug=SLUG,
        spoken=spoken,
        shown=shown,
        pauses=Pauses(tuple(before), bare.tail_ms),
        facts=facts,
        sections=tuple(sections),
        voiced=voiced,
    )
