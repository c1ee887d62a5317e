"""An episode's video, top to bottom: from its published MP3, chapters and cues to an MP4.

Nothing is spoken again: the audio is the episode's MP3, the captions its
transcript's cues, the chapters its chapters, all as the catalog recorded them.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import av
from PIL import Image

from podcast import catalog
from podcast.catalog import Episode
from podcast.config import Settings, load_settings
from podcast.episode import DESCRIPTION, chapters, cover_name, cues, has_parts
from podcast.errors import PodcastError, VideoError
from podcast.feed import FEED_FILE
from podcast.files import prepare_folder, project_lock, replace_atomic, temporary_for, write_atomic
from podcast.project import Project
from podcast.video.describe import description
from podcast.video.encode import write_mp4
from podcast.video.fonts import uncovered
from podcast.video.picture import (
    LAYOUTS,
    Look,
    backdrop,
    caption_lines,
    chapter_picture,
    frame,
)
from podcast.video.screens import Page, Screen, pages, screens

RENDERER = 4
"""Raised whenever the picture changes for the same inputs, so every video is made again."""


@dataclass(frozen=True)
class Made:
    """One episode's video: where it is, whether it was made now, how long that took."""

    episode: Episode
    path: Path
    description: Path
    made: bool
    seconds: float = 0.0
    frames: int = 0
    note: str = ""
    """Something the maker of the show should know (characters no font here draws)."""


def make_videos(
    project: Project, names: Sequence[str] = (), size: str = "", force: bool = False
) -> tuple[list[Made], list[str]]:
    """Render the video of each episode named (default: every one) unless it is up to date.

    Returns the videos and, for each episode that failed, the reason.
    """
    settings = load_settings(project.config)
    with project_lock(project.state):
        prepare_folder(project.audio)
        connection = catalog.open_catalog(project.catalog)
        try:
            if names:
                found = [
                    catalog.find(connection, name) or catalog.find(connection, Path(name).name)
                    for name in names
                ]
                missing = [name for name, episode in zip(names, found, strict=True) if not episode]
                if missing:
                    raise VideoError(
                        f"{missing[0]}: no such episode; `podcast episodes` lists them "
                        "(give an article file name, an MP3 file name or a guid)"
                    )
                episodes = [episode for episode in found if episode]
            else:
                episodes = catalog.episodes(connection)
        finally:
            connection.close()
        return render_videos(project, episodes, settings, size, force)


def render_videos(
    project: Project,
    episodes: Sequence[Episode],
    settings: Settings,
    size: str = "",
    force: bool = False,
) -> tuple[list[Made], list[str]]:
    """Render each episode's video (the caller holds the build lock); failures say why."""
    made, failures = [], []
    for episode in episodes:
        try:
            made.append(
                render_video(project, episode, settings, size or settings.video.size, force)
            )
        except PodcastError as error:
            failures.append(str(error))
    return made, failures


def render_video(
    project: Project, episode: Episode, settings: Settings, size: str, force: bool = False
) -> Made:
    """The video of ``episode`` in ``size`` and its description, beside its MP3 in audio/."""
    show, video = settings.show, settings.video
    audio, stem = project.audio, Path(episode.file).stem
    mp3, cover = audio / episode.file, audio / cover_name(show, project.root)
    layout = LAYOUTS[size]
    path, text = audio / (stem + layout.suffix), audio / (stem + DESCRIPTION)
    for needed in (mp3, cover):
        if not needed.is_file():
            raise VideoError(f"{needed}: missing; run podcast build first")
    parts = [(c.start_ms, c.title) for c in chapters(episode)] or [(0, episode.title)]
    write_atomic(text, description(episode, show, parts, show.url(FEED_FILE)).encode("utf-8"))
    font = str(project.root / video.font) if video.font else ""
    tag = _tag(episode, settings, size, [mp3, cover, *([Path(font)] if font else [])])
    if not force and _tag_of(path) == tag:
        return Made(episode, path, text, made=False)
    started = time.monotonic()
    board = storyboard(project, episode, settings, size)
    temporary = temporary_for(path)
    try:
        write_mp4(temporary, mp3, pictures(board), episode.duration_ms, tag)
        replace_atomic(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    lacking = uncovered(
        [episode.title, *(words for _, _, words in board.cues)], board.look.type(20)
    )
    note = (
        f"{path.name}: {len(lacking)} characters no font here draws, shown as boxes "
        f"({lacking[:12]}); set [video] font to a font file that has them"
        if lacking
        else ""
    )
    return Made(episode, path, text, True, time.monotonic() - started, len(board.screens), note)


@dataclass(frozen=True)
class Storyboard:
    """Everything an episode's video shows: its look, chapters, cues and every picture in time."""

    look: Look
    chapters: tuple[tuple[int, str], ...]
    cues: tuple[tuple[int, int, str], ...]
    pages: tuple[Page, ...]
    screens: tuple[Screen, ...]


def storyboard(project: Project, episode: Episode, settings: Settings, size: str) -> Storyboard:
    """What the video of ``episode`` in ``size`` shows, and when."""
    show, layout = settings.show, LAYOUTS[size]
    font = str(project.root / settings.video.font) if settings.video.font else ""
    with Image.open(project.audio / cover_name(show, project.root)) as image:
        look = Look(
            layout, image.convert("RGB"), show.title, episode.title, episode.outlet or "", font
        )
    parts = tuple((c.start_ms, c.title) for c in chapters(episode)) or ((0, episode.title),)
    timed = tuple(cues(episode)) if has_parts(episode) else ()
    found = pages(timed, lambda words: caption_lines(look, words))
    shown = screens(episode.duration_ms, [start for start, _ in parts], found, layout.bar[2])
    return Storyboard(look, parts, timed, tuple(found), tuple(shown))


def pictures(board: Storyboard) -> Iterator[tuple[int, Image.Image]]:
    """Each screen's frame from its start; a chapter's picture is composed once."""
    look, parts = board.look, board.chapters
    head, current, base = backdrop(look), -1, None
    for screen in board.screens:
        if screen.chapter != current or base is None:
            current = screen.chapter
            title = parts[current][1]
            shown = len(parts) > 1 and title != look.title
            label = f"{current + 1}/{len(parts)}  {title}" if shown else ""
            base = chapter_picture(look, head, label)
        yield screen.start_ms, frame(look, base, screen.lines, screen.progress_px)


def _tag(episode: Episode, settings: Settings, size: str, files: Sequence[Path]) -> str:
    """What the video is made of, hashed: it is made again when any of it changes."""
    facts = [RENDERER, size, repr(settings.show), repr(episode), *(_digest(f) for f in files)]
    return "podcast " + hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tag_of(path: Path) -> str | None:
    """The tag written into the MP4 at ``path``, or None when there is none to read."""
    try:
        with av.open(str(path)) as container:
            return container.metadata.get("comment")
    except (av.FFmpegError, OSError):
        return None
