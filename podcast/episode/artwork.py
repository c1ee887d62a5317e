"""Cover art: the configured image, checked and published, or one drawn from the show's title."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from podcast.config import COVER_FORMATS
from podcast.files import write_atomic

if TYPE_CHECKING:
    from podcast.config import Show

SIZE_PX = 1400
EMBED_PX = 1400
EMBED_BYTES = 500_000
BACKGROUND = (150, 24, 36)
BAND = (118, 16, 28)
RULE = (236, 190, 120)
INK = (255, 255, 255)
SOFT_INK = (246, 222, 214)


def cover_name(show: Show, root: Path, stem: str = "cover") -> str:
    """The published name of the cover: cover.png for a configured PNG, else cover.jpg."""
    if show.image:
        with Image.open(root / show.image) as image:
            return stem + COVER_FORMATS.get(image.format or "", "cover.jpg").removeprefix("cover")
    return f"{stem}.jpg"


def write_cover(show: Show, root: Path, folder: Path, stem: str = "cover") -> Path:
    """Copy the configured cover into ``folder``, or draw one; rewrite only when it changed.

    ``stem`` names it: ``cover`` for the show's, a feed's name for a ``[[feeds]]`` table's.
    """
    path = folder / cover_name(show, root, stem)
    if show.image:
        data = (root / show.image).read_bytes()
    else:
        buffer = io.BytesIO()
        draw_cover(show).save(buffer, "JPEG", quality=90)
        data = buffer.getvalue()
    for name in COVER_FORMATS.values():
        other = stem + name.removeprefix("cover")
        if other != path.name:
            (folder / other).unlink(missing_ok=True)
    if path.exists() and path.read_bytes() == data:
        return path
    write_atomic(path, data)
    return path


def draw_cover(show: Show) -> Image.Image:
    """A square cover: the show's title in large wrapped type over a band naming the author."""
    image = Image.new("RGB", (SIZE_PX, SIZE_PX), BACKGROUND)
    draw = ImageDraw.Draw(image)
    band_top = SIZE_PX - 260
    draw.rectangle((0, band_top, SIZE_PX, SIZE_PX), fill=BAND)
    draw.rectangle((110, band_top - 6, SIZE_PX - 110, band_top), fill=RULE)
    size, lines = _fit_title(draw, show.title, SIZE_PX - 220, band_top - 220)
    font = ImageFont.load_default(size=size)
    line_px = round(size * 1.18)
    y = 110 + (band_top - 220 - len(lines) * line_px) // 2
    for line in lines:
        draw.text((110, y), line, font=font, fill=INK)
        y += line_px
    small = ImageFont.load_default(size=64)
    draw.text((110, band_top + 96), f"{show.author} · podcast".upper(), font=small, fill=SOFT_INK)
    return image


def _fit_title(
    draw: ImageDraw.ImageDraw, title: str, width_px: int, height_px: int
) -> tuple[int, list[str]]:
    """The largest type size (and its lines) at which ``title`` fits the box."""
    for size in range(220, 60, -10):
        font = ImageFont.load_default(size=size)
        columns = max(4, int(width_px / (size * 0.55)))
        lines = textwrap.wrap(title, width=columns) or [title]
        widest = max(draw.textlength(line, font=font) for line in lines)
        if widest <= width_px and len(lines) * size * 1.18 <= height_px:
            return size, lines
    return 60, textwrap.wrap(title, width=40)[:8]


def embedded_cover(path: Path) -> bytes:
    """The cover as a JPEG of at most 1400 px and about 500 KB, to embed in each MP3."""
    with Image.open(path) as image:
        picture = image.convert("RGB")
    picture.thumbnail((EMBED_PX, EMBED_PX))
    data = b""
    for quality in (88, 80, 70, 60, 50, 40):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality)
        data = buffer.getvalue()
        if len(data) <= EMBED_BYTES:
            break
    return data
