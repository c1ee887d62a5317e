"""The picture: the show's cover over its own blurred colours, the episode's words, captions.

Each format is one row of ``LAYOUTS``. What stays for a whole chapter (backdrop,
cover, show, title, outlet, chapter) is composed once per chapter; a frame adds
only the caption lines and the progress bar to it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PIL import Image, ImageDraw, ImageFilter

from podcast.video.fonts import Type, draw_text, width, wrap

INK = (255, 255, 255)
SOFT_INK = (226, 226, 226)
ACCENT = (236, 190, 120)
TRACK = (255, 255, 255, 70)
BAND = (0, 0, 0, 165)
SHADE = (0, 0, 0, 110)
LINE_SPACING = 1.3
CAPTION_LINES = 2


@dataclass(frozen=True)
class Layout:
    """Where everything goes in one video format, in pixels."""

    width: int
    height: int
    suffix: str
    """The video's file name ends so: ``.mp4``, or ``.vertical.mp4`` for the upright format."""
    cover: tuple[int, int, int]
    """Left, top and side of the square cover."""
    column: tuple[int, int, int]
    """Left, top and width of the show, title, outlet and chapter lines."""
    centered: bool
    show_px: int
    title_px: int
    title_lines: int
    chapter_px: int
    band: tuple[int, int]
    """Top and height of the dark band the captions sit on (full width)."""
    caption_px: int
    caption_width: int
    bar: tuple[int, int, int, int]
    """Left, top, width and height of the progress bar."""

    def scaled(self, factor: float) -> Layout:
        """The same layout ``factor`` times larger."""

        def up(values: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(round(v * factor) for v in values)

        return replace(
            self,
            width=round(self.width * factor),
            height=round(self.height * factor),
            cover=up(self.cover),  # type: ignore[arg-type]
            column=up(self.column),  # type: ignore[arg-type]
            show_px=round(self.show_px * factor),
            title_px=round(self.title_px * factor),
            chapter_px=round(self.chapter_px * factor),
            band=up(self.band),  # type: ignore[arg-type]
            caption_px=round(self.caption_px * factor),
            caption_width=round(self.caption_width * factor),
            bar=up(self.bar),  # type: ignore[arg-type]
        )


WIDE = Layout(
    width=1280,
    height=720,
    suffix=".mp4",
    cover=(64, 64, 340),
    column=(444, 70, 772),
    centered=False,
    show_px=26,
    title_px=42,
    title_lines=3,
    chapter_px=28,
    band=(436, 212),
    caption_px=48,
    caption_width=1088,
    bar=(64, 672, 1152, 8),
)
UPRIGHT = Layout(
    width=1080,
    height=1920,
    suffix=".vertical.mp4",
    cover=(280, 140, 520),
    column=(90, 700, 900),
    centered=True,
    show_px=40,
    title_px=58,
    title_lines=3,
    chapter_px=40,
    band=(1230, 280),
    caption_px=64,
    caption_width=900,
    bar=(90, 1560, 900, 10),
)
"""Upright: everything above the bottom fifth, which the apps cover with their own controls."""
LAYOUTS = {"1280x720": WIDE, "1920x1080": WIDE.scaled(1.5), "1080x1920": UPRIGHT}
"""Every video format by its size: YouTube's 720p and 1080p, and the upright one for Shorts."""


@dataclass(frozen=True)
class Look:
    """What the picture of one episode is made of, besides the moment's caption and chapter."""

    layout: Layout
    cover: Image.Image
    show: str
    title: str
    outlet: str
    font: str = ""
    """A font file for the scripts Noto Sans lacks; empty: none."""

    def type(self, px: int, weight: str = "Regular") -> Type:
        return Type(px, weight, self.font)


def backdrop(look: Look) -> Image.Image:
    """The cover filling the frame, blurred and darkened, with the sharp cover on top."""
    layout, cover = look.layout, look.cover.convert("RGB")
    side = max(layout.width, layout.height)
    blurred = cover.resize((side // 8, side // 8)).filter(ImageFilter.GaussianBlur(3))
    blurred = blurred.resize((side, side), Image.Resampling.BILINEAR)
    left, top = (side - layout.width) // 2, (side - layout.height) // 2
    image = blurred.crop((left, top, left + layout.width, top + layout.height)).convert("RGBA")
    shade = Image.new("RGBA", image.size, SHADE)
    band_top, band_height = layout.band
    ImageDraw.Draw(shade).rectangle((0, band_top, layout.width, band_top + band_height), fill=BAND)
    image = Image.alpha_composite(image, shade).convert("RGB")
    x, y, cover_side = layout.cover
    image.paste(cover.resize((cover_side, cover_side), Image.Resampling.LANCZOS), (x, y))
    return image


def chapter_picture(look: Look, head: Image.Image, label: str) -> Image.Image:
    """``head`` (the backdrop) with the show, title, outlet and the chapter ``label``."""
    layout, image = look.layout, head.copy()
    draw = ImageDraw.Draw(image)
    left, y, column = layout.column
    blocks = (
        (look.show.upper(), look.type(layout.show_px, "SemiBold"), SOFT_INK, 1),
        (look.title, look.type(layout.title_px, "Bold"), INK, layout.title_lines),
        (look.outlet, look.type(layout.show_px), SOFT_INK, 1),
        (label, look.type(layout.chapter_px, "SemiBold"), ACCENT, 2),
    )
    for text, type_, colour, most in blocks:
        if not text:
            continue
        for line in clipped(wrap(text, type_, column), most, type_, column):
            x = left + (column - width(line, type_)) / 2 if layout.centered else left
            draw_text(draw, (x, y), line, type_, colour)
            y += round(type_.px * LINE_SPACING)
        y += round(type_.px * 0.5)
    return image


def clipped(lines: list[str], most: int, type_: Type, column: int) -> list[str]:
    """At most ``most`` lines, the last ending in an ellipsis when text was left out."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and width(last + " …", type_) > column:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + " …"]


def caption_lines(look: Look, text: str) -> list[str]:
    """``text`` wrapped to the caption's width."""
    layout = look.layout
    return wrap(text, look.type(layout.caption_px, "SemiBold"), layout.caption_width)


def frame(look: Look, base: Image.Image, lines: tuple[str, ...], progress_px: int) -> Image.Image:
    """One frame: the chapter's picture with up to two caption lines and the progress bar."""
    layout, image = look.layout, base.copy()
    draw = ImageDraw.Draw(image, "RGBA")
    type_ = look.type(layout.caption_px, "SemiBold")
    step = round(layout.caption_px * LINE_SPACING)
    band_top, band_height = layout.band
    y = band_top + (band_height - step * len(lines)) // 2
    for line in lines:
        x = (layout.width - width(line, type_)) / 2
        draw_text(draw, (x, y), line, type_, INK)
        y += step
    left, top, bar, thick = layout.bar
    draw.rectangle((left, top, left + bar - 1, top + thick - 1), fill=TRACK)
    if progress_px:
        draw.rectangle((left, top, left + progress_px - 1, top + thick - 1), fill=ACCENT)
    return image
