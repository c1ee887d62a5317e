"""Type for the picture: Noto Sans from its wheel, an optional font for other scripts, wrapping.

Noto Sans covers the Latin script (Indonesian, Malay, Javanese and Sundanese in Latin
letters, Vietnamese, the languages of Europe), Greek and Cyrillic. A character it lacks is
drawn with the font that ``[video] font`` names when that one has it; what no font here
covers is drawn as Noto Sans's empty box and reported, never dropped silently.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import fontpkg_noto_sans
from PIL import Image, ImageDraw, ImageFont

NOTO_SANS = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
NOT_A_CHARACTER = "\U0010fffd"
"""A private-use code point no font draws: its picture is the font's empty box."""


@dataclass(frozen=True)
class Type:
    """Fonts at one size and weight: Noto Sans first, then the show's font for other scripts."""

    px: int
    weight: str = "Regular"
    extra: str = ""
    """A font file for the characters Noto Sans lacks; empty: none."""

    @property
    def fonts(self) -> tuple[ImageFont.FreeTypeFont, ...]:
        return _fonts(self.px, self.weight, self.extra)


@functools.cache
def _fonts(px: int, weight: str, extra: str) -> tuple[ImageFont.FreeTypeFont, ...]:
    noto = ImageFont.truetype(str(NOTO_SANS), px, layout_engine=ImageFont.Layout.RAQM)
    noto.set_variation_by_name(weight)
    if not extra:
        return (noto,)
    return noto, ImageFont.truetype(extra, px, layout_engine=ImageFont.Layout.RAQM)


@functools.cache
def _draws(font: ImageFont.FreeTypeFont, character: str) -> bool:
    """Whether ``font`` has a glyph for ``character`` (its picture is not the empty box)."""
    if character.isspace():
        return True
    return _picture(font, character) != _picture(font, NOT_A_CHARACTER)


def _picture(font: ImageFont.FreeTypeFont, character: str) -> bytes:
    size = round(font.size * 2)
    image = Image.new("L", (size, size))
    ImageDraw.Draw(image).text((size // 4, size // 4), character, font=font, fill=255)
    return image.tobytes()


def _mark(character: str) -> bool:
    """Whether ``character`` is a mark (an accent, a tone or vowel sign) set on a letter."""
    return unicodedata.category(character).startswith("M")


def runs(text: str, type_: Type) -> list[tuple[ImageFont.FreeTypeFont, str]]:
    """``text`` cut into runs, each drawn with the first font that has all its characters."""
    fonts = type_.fonts
    found: list[tuple[ImageFont.FreeTypeFont, str]] = []
    for character in text:
        if found and _mark(character):  # a mark is drawn with its letter, in its font
            found[-1] = (found[-1][0], found[-1][1] + character)
            continue
        font = next((f for f in fonts if _draws(f, character)), fonts[0])
        if found and found[-1][0] is font:
            found[-1] = (font, found[-1][1] + character)
        else:
            found.append((font, character))
    return found


def uncovered(texts: Sequence[str], type_: Type) -> str:
    """The characters of ``texts`` that no font of ``type_`` draws, each once, in order
    (marks go with their letters)."""
    seen = dict.fromkeys(c for text in texts for c in text if not _mark(c))
    return "".join(c for c in seen if not any(_draws(f, c) for f in type_.fonts))


def width(text: str, type_: Type) -> float:
    """How wide ``text`` is drawn, in pixels."""
    return sum(font.getlength(part) for font, part in runs(text, type_))


def draw_text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    type_: Type,
    fill: tuple[int, ...],
) -> None:
    """Draw ``text`` with its top-left at ``xy``, each run in its own font."""
    x, y = xy
    for font, part in runs(text, type_):
        draw.text((x, y), part, font=font, fill=fill)
        x += font.getlength(part)


def wrap(text: str, type_: Type, width_px: float) -> list[str]:
    """``text`` in lines at most ``width_px`` wide, broken between words where it can.

    A word wider than a line (or a script written without spaces) is broken between
    characters, never between a letter and its marks.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, type_) <= width_px:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for character in word:
            if line and not _mark(character) and width(line + character, type_) > width_px:
                lines.append(line)
                line = ""
            line += character
    return [*lines, line] if line else lines
