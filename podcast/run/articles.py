"""Articles into episodes: each article's script, spoken one at a time or several at once.

``build_articles`` reads every article and keeps the episodes that are up to
date; the rest are spoken and mastered in this process when there is one (or
``jobs`` is 1), else in worker processes (podcast/run/parallel.py), one per core.
When the voice gives up and the ``Choice`` has a next one (``auto`` walks its
order), the articles it gave up on, and every one after them, are made with
that voice instead.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from podcast import __version__, catalog
from podcast.audio import pauses
from podcast.catalog import Episode, record
from podcast.config import Show, Speech
from podcast.episode import Script, slugify, summarize, write_companions
from podcast.errors import PodcastError
from podcast.pcm import Word
from podcast.run.finish import Run, Studio, place, put_in_place, render, sound, unchanged
from podcast.run.parallel import Job, cores, run_jobs, shared
from podcast.speech import Choice, Engine, accepted, synthesize
from podcast.text import Article, language_warning, pronounced, read_article, speakable


@dataclass(frozen=True)
class Made:
    """One article's outcome: its episode, made now or kept, or why it has none."""

    source: Path
    episode: Episode | None = None
    made: bool = False
    failure: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pending:
    """An article whose episode must be spoken and mastered."""

    source: Path
    article: Article
    script: Script


def build_articles(
    sources: Sequence[Path],
    choice: Choice,
    run: Run,
    *,
    jobs: int | None = None,
    after_each: Callable[[], object] = lambda: None,
) -> list[Made]:
    """Every article's outcome in the order of ``sources``, spoken by ``choice``'s voices.

    ``after_each`` is called after each new episode is recorded, so the feed can follow.
    """
    engine = choice.engine
    outcomes: dict[Path, Made] = {}
    pending: list[Pending] = []
    for source in sources:
        try:
            article = read_article(source)
            script = article_script(article, run)
            known = unchanged(script, run, accepted(engine))
            if known is None:
                pending.append(Pending(source, article, script))
                continue
            outcomes[source] = _kept(source, article, known, run, made=False)
        except PodcastError as error:
            outcomes[source] = Made(source, failure=naming(source, str(error)))
    workers = min(jobs or cores(), len(pending))
    if workers > 1:
        gave_up = _in_parallel(pending, engine, choice.speech, run, workers, outcomes, after_each)
        first = gave_up[0] if gave_up else None
        turned = first is not None and choice.turn(f"from {first[0].source.name} on", first[1])
        pending = [item for item, _ in gave_up] if turned else []
    for item in pending:
        try:
            speak = partial(_speak, item, run=run)
            episode, notes = choice.speak(speak, f"from {item.source.name} on")
            outcomes[item.source] = _kept(item.source, item.article, episode, run, notes)
            after_each()
        except PodcastError as error:
            outcomes[item.source] = Made(item.source, failure=naming(item.source, str(error)))
    return [outcomes[source] for source in sources]


def _speak(item: Pending, engine: Engine, run: Run) -> tuple[Episode, list[str]]:
    """Speak and render one article's script in this process; its episode and notes."""
    episode, _, notes = produce(item.script, engine, run, str(item.source))
    return episode, notes


def produce(
    script: Script, engine: Engine, run: Run, source: str
) -> tuple[Episode, bool, list[str]]:
    """Speak and render ``script`` in this process, or keep its episode when nothing changed.

    Returns the episode, whether a new MP3 was written and the notes on it; ``source`` names
    it in messages.
    """
    if known := unchanged(script, run, accepted(engine)):
        return known, False, []
    progress, total = run.progress, len(script.spoken)
    report = (lambda done: progress(source, done, total)) if progress else None
    words: list[tuple[Word, ...]] = []
    texts = script.spoken_by(engine.kind)
    clips = synthesize(texts, engine, run.project.state / "clips", report, words)
    episode, notes = render(script, clips, run, engine, source, words)
    return episode, True, notes


def _in_parallel(
    pending: list[Pending],
    engine: Engine,
    speech: Speech,
    run: Run,
    workers: int,
    outcomes: dict[Path, Made],
    after_each: Callable[[], object],
) -> list[tuple[Pending, str]]:
    """Make ``pending`` in worker processes; return those the voice gave up on, and why."""
    kind = engine.kind
    share, workers = shared(speech, kind, workers)
    reserved: set[str] = set()
    studio, cache = Studio.of(run), run.project.state / "clips"
    jobs = [
        Job(
            item.script,
            place(item.script, run, reserved),
            studio,
            kind,
            share,
            cache,
            str(item.source),
        )
        for item in pending
    ]
    by_name = {str(item.source): item for item in pending}
    gave_up: list[tuple[Pending, str]] = []
    for done in run_jobs(jobs, workers):
        item = by_name[done.source]
        if done.episode is None:
            outcomes[item.source] = Made(item.source, failure=naming(item.source, done.failure))
            if done.gave_up is not None:
                gave_up.append((item, done.gave_up))
            continue
        try:
            put_in_place(run.project.audio, done.episode)
        except PodcastError as error:
            outcomes[item.source] = Made(item.source, failure=naming(item.source, str(error)))
            continue
        record(run.connection, done.episode)
        outcomes[item.source] = _kept(item.source, item.article, done.episode, run, done.notes)
        if run.progress:
            run.progress(str(item.source), len(item.script.spoken), len(item.script.spoken))
        after_each()
    return sorted(gave_up, key=lambda given_up: pending.index(given_up[0]))


def _kept(
    source: Path,
    article: Article,
    episode: Episode,
    run: Run,
    notes: Sequence[str] = (),
    *,
    made: bool = True,
) -> Made:
    """The outcome of an article whose episode is published, with its companions written;
    ``notes`` are what making it had to say."""
    write_companions(episode, run.project.audio)
    warnings = [*notes]
    if warning := language_warning(" ".join(article.paragraphs)):
        warnings.append(f"{source}: {warning}")
    return Made(source, episode, made, warnings=tuple(warnings))


def current(
    sources: Sequence[Path], run: Run, engine: Engine
) -> tuple[dict[Path, Episode], list[Path], dict[Path, str]]:
    """The articles whose episode is current without reading them, the rest, and stamps.

    An article is current when its file has the size and modification time it had when
    the last build found (or made) its episode current, under the same show, sound and
    voices, and its MP3 is still whole. The stamps are what to ``remember`` once the rest
    are built.
    """
    context = _context(run, engine)
    seen = catalog.stamps(run.connection)
    known = {episode.key: episode for episode in catalog.headers(run.connection)}
    kept: dict[Path, Episode] = {}
    rest: list[Path] = []
    stamps: dict[Path, str] = {}
    for source in sources:
        try:
            info = os.stat(str(source))
        except OSError:
            rest.append(source)
            continue
        stamps[source] = f"{info.st_size}:{info.st_mtime_ns}:{context}"
        episode = known.get(source.name)
        if episode and seen.get(source.name) == stamps[source] and _whole(run, episode):
            kept[source] = episode
        else:
            rest.append(source)
    return kept, rest, stamps


def remember(made: Sequence[Made], stamps: dict[Path, str], run: Run) -> None:
    """Keep the stamp of every article whose episode is now published and current."""
    current = {
        outcome.episode.key: stamps[outcome.source]
        for outcome in made
        if outcome.episode
        and outcome.source in stamps
        and outcome.episode.key == outcome.source.name
    }
    catalog.remember(run.connection, current)


def _context(run: Run, engine: Engine) -> str:
    """What besides an article's file decides its episode: the show, sound, encoding, the
    pronunciation list, the voices and the version."""
    facts = [__version__, repr(run.show), *sound(run), repr(run.audio)]
    facts += [repr(run.pronunciations), *(known.name for known in accepted(engine))]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()[:16]


def _whole(run: Run, episode: Episode) -> bool:
    try:
        return os.stat(os.path.join(run.project.audio, episode.file)).st_size == episode.length
    except OSError:
        return False


def naming(source: Path, message: str | None) -> str:
    """A failure's message, starting with the article it happened to."""
    message = message or "failed"
    return message if message.startswith(f"{source}: ") else f"{source}: {message}"


def article_script(article: Article, run: Run) -> Script:
    """What an article's episode says: intro, title, paragraphs, outro."""
    intro, outro = bookends(run.show, article)
    written = (intro, article.title, *article.paragraphs, outro)
    texts, voiced = pronounced([speakable(t) for t in written], run.pronunciations)
    summary = summarize(article)
    show = run.show
    facts = [list(texts), show.title, show.author, article.title, article.outlet, summary]
    return Script(
        key=article.source.name,
        title=article.title,
        outlet=article.outlet,
        summary=summary,
        source_url=article.url,
        day=article.date,
        slug=slugify(article.title),
        spoken=texts,
        shown=(None, article.title, *article.paragraphs, None),
        pauses=pauses(article.paragraphs, run.pacing, run.music),
        facts=(*facts, list(article.paragraphs), *sound(run)),
        voiced=voiced,
    )


def bookends(show: Show, article: Article) -> tuple[str, str]:
    """What the voice says before the title and after the last paragraph."""
    if article.outlet:
        return (
            f"Anda mendengarkan {show.title}, berita dari {article.outlet}.",
            f"Sumber: {article.outlet}. Anda baru saja mendengarkan {show.title}. Terima kasih.",
        )
    return (
        f"Anda mendengarkan {show.title}.",
        f"Anda baru saja mendengarkan {show.title}. Terima kasih.",
    )
