"""The files a show names: a cover image podcast apps accept, a font for its videos."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFont, UnidentifiedImageError

MIN_PX, MAX_PX = 1400, 3000
COVER_FORMATS = {"JPEG": "cover.jpg", "PNG": "cover.png"}
"""Image formats a cover may have, and the name each is published under."""


def image_problem(path: Path) -> str | None:
    """Why the image at ``path`` cannot be a podcast cover, or None when it can."""
    try:
        with Image.open(path) as image:
            kind, mode, (width, height) = image.format, image.mode, image.size
    except FileNotFoundError:
        return "does not exist"
    except (UnidentifiedImageError, OSError):
        return "is not an image Pillow can read; the cover must be a JPEG or PNG"
    if kind not in COVER_FORMATS:
        return f"is a {kind} image; the cover must be a JPEG or PNG"
    if width != height:
        return f"is {width}x{height} px; the cover must be square"
    if not MIN_PX <= width <= MAX_PX:
        return f"is {width}x{height} px; the cover must be {MIN_PX} to {MAX_PX} px wide"
    if mode != "RGB":
        return f"has colour mode {mode}; the cover must be RGB"
    return None


def font_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot be a font for the videos, or None when it can."""
    try:
        ImageFont.truetype(str(path), 20)
    except OSError as error:
        return f"is not a font file that can be read ({error})"
    return None
