"""Write ID3v2.3 tags into an episode's MP3 with mutagen: one table, one frame per row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    USLT,
    WOAS,
    WXXX,
    CTOCFlags,
    Frame,
    PictureType,
)

from podcast.catalog import Episode
from podcast.config import Show
from podcast.episode.transcript import chapters, has_parts, plain_text

UTF8 = 3
ISO_639_2 = {"id": "ind", "en": "eng", "ms": "msa", "jv": "jav", "su": "sun", "nl": "nld"}
"""ID3 wants three-letter language codes; the show's language is a BCP 47 tag."""


def _language(show: Show) -> str:
    return ISO_639_2.get(show.language.split("-")[0].lower(), "und")


def _chapters(episode: Episode, show: Show, cover: bytes | None) -> list[Frame]:
    parts = chapters(episode)
    ids = [f"chp{number}" for number in range(len(parts))]
    frames: list[Frame] = [
        CHAP(
            element_id=element_id,
            start_time=part.start_ms,
            end_time=part.end_ms,
            start_offset=0xFFFFFFFF,
            end_offset=0xFFFFFFFF,
            sub_frames=[
                TIT2(encoding=UTF8, text=[part.title]),
                *([WXXX(encoding=UTF8, desc="", url=part.url)] if part.url else []),
            ],
        )
        for element_id, part in zip(ids, parts, strict=True)
    ]
    if frames:
        frames.insert(
            0,
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=UTF8, text=[episode.title])],
            ),
        )
    return frames


Frames = Callable[[Episode, Show, bytes | None], list[Frame]]

FRAMES: tuple[tuple[str, Frames], ...] = (
    ("title", lambda e, s, c: [TIT2(encoding=UTF8, text=[e.title])]),
    ("artist", lambda e, s, c: [TPE1(encoding=UTF8, text=[e.outlet or s.author])]),
    ("album", lambda e, s, c: [TALB(encoding=UTF8, text=[s.title])]),
    ("genre", lambda e, s, c: [TCON(encoding=UTF8, text=["Podcast"])]),
    ("date", lambda e, s, c: [TDRC(encoding=UTF8, text=[e.pub_date.strftime("%Y-%m-%d")])]),
    ("language", lambda e, s, c: [TLAN(encoding=UTF8, text=[_language(s)])]),
    (
        "summary",
        lambda e, s, c: [COMM(encoding=UTF8, lang=_language(s), desc="", text=[e.summary])],
    ),
    (
        "transcript",
        lambda e, s, c: (
            [USLT(encoding=UTF8, lang=_language(s), desc="", text=plain_text(e))]
            if has_parts(e)
            else []
        ),
    ),
    ("source", lambda e, s, c: [WOAS(url=e.source_url)] if e.source_url else []),
    (
        "cover",
        lambda e, s, c: (
            [APIC(encoding=UTF8, mime="image/jpeg", type=PictureType.COVER_FRONT, desc="", data=c)]
            if c
            else []
        ),
    ),
    ("chapters", _chapters),
)
"""Each episode field and the ID3 frames that carry it."""


def tag(path: Path, episode: Episode, show: Show, cover: bytes | None = None) -> None:
    """Replace the tags of the MP3 at ``path`` with the episode's; ``cover`` is a JPEG."""
    tags = ID3()
    for _, frames in FRAMES:
        for frame in frames(episode, show, cover):
            tags.add(frame)
    tags.save(str(path), v2_version=3)


def read_tags(path: Path) -> dict[str, Any]:
    """The text of every frame, keyed by frame id (used by tests and `podcast show`)."""
    return {key: str(frame) for key, frame in ID3(str(path)).items()}
