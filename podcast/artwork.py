"""Cover art: the configured image, or one drawn from the show's title."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from podcast.config import Show
from podcast.publish import publish, temporary_for

SIZE_PX = 1400
BACKGROUND = (170, 32, 40)
INK = (255, 255, 255)


def draw_cover(show: Show, path: Path) -> None:
    """Draw a square JPEG cover with the show's title at ``path``."""
    image = Image.new("RGB", (SIZE_PX, SIZE_PX), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=140)
    lines = textwrap.wrap(show.title, width=12) or [show.title]
    y = (SIZE_PX - len(lines) * 170) // 2
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE_PX - width) / 2, y), line, font=font, fill=INK)
        y += 170
    temporary = temporary_for(path)
    image.save(temporary, "JPEG", quality=90)
    publish(temporary, path)
