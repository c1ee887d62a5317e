"""A small copy of the cover for the pages, so a phone does not fetch the 1400 px original."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from podcast.files import write_atomic

PAGE_COVER = "cover-page.jpg"
PAGE_COVER_PX = 320
"""Twice the largest size the page shows it at (160 CSS pixels), for sharp phone screens."""


def write_page_cover(cover: Path, folder: Path) -> str:
    """Write the pages' copy of ``cover`` into ``folder`` when it changed; return its name."""
    with Image.open(cover) as image:
        small = image.convert("RGB")
        small.thumbnail((PAGE_COVER_PX, PAGE_COVER_PX), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    path = folder / PAGE_COVER
    if not (path.is_file() and path.read_bytes() == buffer.getvalue()):
        write_atomic(path, buffer.getvalue())
    return PAGE_COVER


def page_cover_name(folder: Path, cover_file: str) -> str:
    """The cover the pages in ``folder`` show: the small copy when there is one."""
    return PAGE_COVER if (folder / PAGE_COVER).is_file() else cover_file
