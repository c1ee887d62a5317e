"""What a shared link shows in a chat: Open Graph and Twitter card tags for every page.

WhatsApp, Telegram, Signal and Facebook read Open Graph (``og:``) tags; X and Mastodon
also read ``twitter:`` ones. Each needs absolute URLs, so every address here is made
with the show's base URL (under ``podcast serve``: the address the listener used).
"""

from __future__ import annotations

from dataclasses import dataclass

from podcast.config import Show
from podcast.site.cover import PAGE_COVER, PAGE_COVER_PX
from podcast.site.paging import Page

DESCRIPTION_CHARS = 200
"""Chats show two or three lines; a longer description is cut at a word, with an ellipsis."""


@dataclass(frozen=True)
class Preview:
    """A page as a link preview shows it."""

    kind: str
    title: str
    description: str
    url: str
    image: str
    image_px: int | None
    audio: str | None


def page_preview(
    show: Show, cover_file: str, page_file: str, title: str, description: str, audio: str | None
) -> Preview:
    """The preview of the page ``page_file``: its title, text, the cover and its sound.

    The image is the pages' 320 px copy of the cover when there is one: large enough for
    WhatsApp's big preview (300 px and more) and small enough to load at once.

    >>> show = Show(title="Kabar", base_url="https://kabar.example/")
    >>> preview = page_preview(show, "cover-page.jpg", "a.html", "Judul", "Isi", "a.mp3")
    >>> preview.url, preview.image, preview.image_px, preview.audio, preview.kind
    ('https://kabar.example/a.html', 'https://kabar.example/cover-page.jpg', 320, \
'https://kabar.example/a.mp3', 'article')
    """
    return Preview(
        kind="website" if page_file == "index.html" else "article",
        title=title,
        description=shortened(description),
        url=show.url(page_file),
        image=show.url(cover_file),
        image_px=PAGE_COVER_PX if cover_file == PAGE_COVER else None,
        audio=show.url(audio) if audio else None,
    )


def site_preview(
    show: Show, cover_file: str, page: Page, first: tuple[str, str, str] | None
) -> Preview:
    """A page's preview: the show with its newest episode's sound, an archive page, or an
    episode with its own title, summary and sound; ``first``: the page's first episode's."""
    if page.kind == "episode" and first is not None:
        return page_preview(show, cover_file, page.name, *first)
    title = show.title if page.kind == "show" else f"{page.label} · {show.title}"
    audio = first[2] if first and page.kind == "show" else None
    return page_preview(show, cover_file, page.name, title, show.description, audio)


def shortened(text: str, most: int = DESCRIPTION_CHARS) -> str:
    """``text`` on one line, cut at a word before ``most`` characters with an ellipsis.

    >>> shortened("satu dua  tiga\\nempat", 12)
    'satu dua…'
    >>> shortened("pendek")
    'pendek'
    """
    line = " ".join(text.split())
    if len(line) <= most:
        return line
    cut = line[: most - 1].rsplit(" ", 1)[0] if " " in line[: most - 1] else line[: most - 1]
    return cut.rstrip(" ,.;:") + "…"
