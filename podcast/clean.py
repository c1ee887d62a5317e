"""Tell article prose from the boilerplate that news sites wrap around it.

The cleaner is a set of ordered tables: whole-line drops, list headers whose
headline lists go too, and prefixes or suffixes glued to a paragraph; the
datelines and date lines are in clean_datelines, calendar dates in clean_dates
and the repair of broken text in clean_text. Adding a rule is one row and one
golden case in tests/data/clean/. Every rule is anchored and specific: when no
rule is sure, the text stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from podcast.clean_datelines import (
    DATE_LINES,
    DATELINE_LINES,
    DOMAIN,
    OUTLET,
    strip_dateline,
)
from podcast.clean_dates import find_date
from podcast.clean_text import squash

ROLE = r"(?i:penulis|editor|reporter|pewarta|penyunting|redaktur|fotografer|kontributor)"
INITIALS = (
    r"[(\[](?:[a-z]{2,5}(?:/[a-z0-9]{2,12})*"
    r"|[A-Za-z]{2,5}(?:/(?:[A-Za-z0-9]{2,12}|[A-Z]{1,3}-\d{1,3}))+"
    r"|[A-Z]{1,3}-\d{1,3})[)\]]"
)
PHOTO = r"(?i:antara\s+foto|foto|dok\.?|suara\.com)"
CREDIT = rf"[(\[](?:{PHOTO}|{DOMAIN})\s*[/:][^()\[\]]{{1,60}}[)\]]"
PHOTO_CREDIT = rf"[(\[]{PHOTO}\s*[/:][^()\[\]]{{1,60}}[)\]]"
# A person's name: one to five capitalised words ("Singgih Wiryono", "Cheppy A. Muchlis").
PERSON = r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
FULL_NAME = r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})"
# Photo desks and agencies whose "DESK/Photographer Name" closes a caption; outlets
# that also sign their articles this way (Tribunnews.com/Name) are left out.
PHOTO_DESKS = (
    "TEMPO", "KONTAN", "JIBI", "MI", "REUTERS", "Reuters", "AFP", "AP Photo", "AP",
    "EPA-EFE", "EPA", "Anadolu", "Xinhua", "Getty Images",
)  # fmt: skip
DESK_CREDIT = (
    rf"\b(?-i:{'|'.join(re.escape(desk) for desk in PHOTO_DESKS)})"
    rf"/{FULL_NAME}(?:/[\d/]+)?[)\]]?"
)
SHARE = (
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|line|e-?mail|pinterest"
    r"|salin\s+(?:link|tautan)|copy\s+link|copy|link)"
)


def line_rule(name: str, pattern: str) -> tuple[str, re.Pattern[str]]:
    """A whole-line rule: the pattern must match the stripped line from start to end."""
    return name, re.compile(pattern, re.IGNORECASE)


# Whole lines that are never article prose, in the order they are tried.
LINE_DROPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    line_rule("no letters", r"[\W\d_]*"),
    line_rule("by", r"by|oleh"),
    line_rule("by name", rf"(?:by|oleh|jurnalis)\s*:?\s+{PERSON}"),
    line_rule("role name", rf"{ROLE}\s+{PERSON}"),
    line_rule("name | name", rf"{PERSON}\s*\|\s*{PERSON}"),
    line_rule("name, outlet", rf"{FULL_NAME},\s*{OUTLET}"),
    line_rule("outlet alone", OUTLET),
    line_rule("initials", INITIALS),
    line_rule("credit", CREDIT),
    line_rule("photo caption", r"(?:foto|caption|keterangan foto)\s*:.{0,300}"),
    line_rule("captioned photo", rf".{{0,300}}(?:{PHOTO_CREDIT}|\bantara foto/\S.{{0,60}})"),
    line_rule("desk photo credit", rf".{{0,300}}{DESK_CREDIT}"),
    line_rule("photo label last", r".{0,300}[.!?)]\s+(?-i:Foto|Dok\.?)\s*:\s*[^.!?:]{1,80}"),
    line_rule("illustration", r"ilustrasi\s*[.:]\s.{0,300}"),
    line_rule("baca juga", r"baca\s*juga\s*(?:[:：].{0,200})?"),
    line_rule("lihat juga", r"(?:lihat|simak)\s*juga\s*(?:[:：].{0,200})?"),
    line_rule("read more", r"baca\s+(?:(?:berita|artikel)\s+)?selengkapnya\b.{0,200}"),
    line_rule("see more", r"simak\s+(?:(?:berita|artikel|informasi)\s+)?selengkapnya\b.{0,200}"),
    line_rule(
        "syndicated", r"artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat)\s+di\b.{0,250}"
    ),
    line_rule("advertisement", r"advertisement|iklan|ads|scroll\s+to\s+(?:continue|resume)\b.*"),
    line_rule("fewer ads", r"baca\s+berita\s+dengan\s+sedikit\s+iklan.*"),
    line_rule("reading time", r"(?:waktu\s+)?baca\s+\d+\s+(?:menit|detik)"),
    line_rule("reporter", r"laporan\s+(?:wartawan|reporter|koresponden)\s+.{2,80}"),
    line_rule("role alone", rf"{ROLE}\s*:?"),
    line_rule("credit line", rf"(?:{ROLE}|sumber)\s*:.{{1,120}}"),
    line_rule("role | role", rf"{ROLE}\b.{{1,80}}\|\s*{ROLE}\b.{{1,80}}"),
    line_rule("copyright", r"(?:copyright|hak\s+cipta\s+dilindungi|\(c\)|©).{0,200}"),
    line_rule("no copying", r"dilarang\s+(?:keras\s+)?(?:mengambil|menyalin|mengutip)\s+.{0,200}"),
    line_rule("page of pages", r"(?:halaman\s+)?\d+\s+dari\s+\d+(?:\s+halaman)?"),
    line_rule(
        "pages", r"halaman\s*:?(?:\s*\d+)*(?:\s*(?:selanjutnya|berikutnya|sebelumnya|semua))*"
    ),
    line_rule("next", r"(?:selanjutnya|berikutnya|next)\s*[»>›]*"),
    line_rule("next page", r"baca\s+halaman\s+(?:selanjutnya|berikutnya)"),
    line_rule(
        "next headline",
        r"(?:selanjutnya|berikutnya|menarik\s+dibaca|baca\s+selanjutnya)\s*:.{1,200}(?<![.!?])",
    ),
    line_rule(
        "video promo",
        r"(?:simak|saksikan|tonton)\s+(?:juga\s+)?video\b.{0,200}|video\s*:.{1,200}"
        r"|\[gambas:[^\]]*\]",
    ),
    line_rule("tags", r"(?:tags?|topik|tagar)\s*:.*|tags?"),
    line_rule(
        "share",
        rf"(?:(?:bagikan|share)(?:\s+(?:artikel|berita)(?:\s+ini)?)?\s*:?\s*)?(?:{SHARE}[\s,|·•/]*)*",
    ),
    line_rule(
        "follow channel",
        r"(?:ikuti|gabung(?:lah)?|follow|simak|cek)\b.{0,100}\b(?:whatsapp|google\s+news|telegram)\b.{0,100}",
    ),
    line_rule(
        "update promo",
        r"dapatkan\s+(?:update|informasi|berita)\b.{0,200}"
        r"\b(?:whatsapp|telegram|google\s+news|orion)\b.{0,200}",
    ),
    line_rule("breaking news promo", r"simak\s+breaking\s+news\b.{0,300}"),
    line_rule("more news", r"simak\s+berita\s+lainnya\b.{0,150}"),
    line_rule("editor's pick", r"pilihan\s+(?:editor|redaksi)\s*:.{0,200}"),
    line_rule(
        "desk",
        r"kumparan[a-z]+|(?:cnbc\s+indonesia\s+)?research|market|news|tech|lifestyle"
        r"|syariah|entrepreneur|opini|mymoney",
    ),
    line_rule("click here", r"klik\s+di\s+sini.{0,60}"),
)
# Header lines of related-link and tag boxes, and the photo link before a caption:
# the headline-like lines after them go too.
LIST_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    line_rule("photo link", r"lihat\s+foto"),
    line_rule("baca juga", r"baca\s*juga\s*[:：]?"),
    line_rule("lihat juga", r"(?:lihat|simak)\s*juga\s*[:：]?"),
    line_rule(
        "related",
        r"(?:berita|artikel)\s+(?:terkait|lainnya|terpopuler|pilihan|selanjutnya|berikutnya)\s*:?",
    ),
    line_rule("popular", r"terpopuler|rekomendasi|pilihan\s+redaksi|populer"),
    line_rule("tags", r"tags?|topik\s*:"),
)
# Name lines stand beside a role line ("Rina Ayu" then "Editor").
NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}")
ROLE_LINE = re.compile(rf"{ROLE}\s*:?")
HEADLINE_WORDS = 25
# The first dateline naming the outlet opens the article: up to this many short
# paragraphs before it are page furniture (captions, bylines, summaries).
HEADER_PARAGRAPHS = 3
HEADER_WORDS = 40

# Text glued to the start or the end of a paragraph, tried until none applies.
PREFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("advertisement", re.compile(r"ADVERTISEMENT\s*(?:SCROLL TO CONTINUE WITH CONTENT\s*)?")),
)
SENTENCE_END = r"(?<=[.!?\"”’)])\s*"
SUFFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("initials", re.compile(rf"{SENTENCE_END}{INITIALS}$")),
    ("credit", re.compile(rf"{SENTENCE_END}{CREDIT}$")),
    (
        "baca juga",
        re.compile(rf"{SENTENCE_END}(?:Baca|Lihat|Simak)\s+[Jj]uga\s*[:：][^.!?]{{1,150}}$"),
    ),
    ("video", re.compile(rf"{SENTENCE_END}\[Gambas:[^\]]*\]$")),
    (
        "advertisement",
        re.compile(rf"{SENTENCE_END}ADVERTISEMENT(?:\s+SCROLL TO CONTINUE WITH CONTENT)?$"),
    ),
)


@dataclass(frozen=True)
class Cleaned:
    """Paragraphs of prose and what the boilerplate around them told about the article."""

    paragraphs: tuple[str, ...]
    outlet: str | None = None
    city: str | None = None
    date: date | None = None
    dropped_lines: int = 0


@dataclass(frozen=True)
class Block:
    """Consecutive kept lines, or the mark of a dropped line that heads a list."""

    lines: tuple[str, ...]
    after_header: bool = False


def matching(rules: Iterable[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    """Name of the first rule whose pattern matches all of text, or None."""
    return next((name for name, pattern in rules if pattern.fullmatch(text)), None)


def headline_like(text: str) -> bool:
    """True for a short line without a closing full stop, as headlines and tags are."""
    return len(text.split()) <= HEADLINE_WORDS and text[-1] not in '.,;:!?"”’…'


def split_blocks(lines: Sequence[str], title: str) -> tuple[list[Block], list[str], int]:
    """Group kept lines into blocks; also return dropped lines with a date and the drop count."""
    names = {index for index, line in enumerate(lines) if ROLE_LINE.fullmatch(line.strip())}
    names = {
        near
        for index in names
        for near in (index - 1, index + 1)
        if 0 <= near < len(lines) and NAME.fullmatch(lines[near].strip())
    }
    blocks: list[Block] = []
    current: list[str] = []
    after_header = False
    dated: list[str] = []
    dropped = 0
    for index, raw in enumerate(lines):
        line = squash(raw)
        header = bool(line) and matching(LIST_HEADERS, line) is not None
        if (
            line
            and not header
            and index not in names
            and squash(title).casefold() != line.casefold()
        ):
            if matching(DATELINE_LINES, line):
                blocks.extend(Block(tuple(lines)) for lines in (current, [line]) if lines)
                current = []
                continue
            if matching(DATE_LINES, line):
                dated.append(line)
            elif not matching(LINE_DROPS, line):
                current.append(line)
                continue
        dropped += bool(line)
        if current:
            blocks.append(Block(tuple(current), after_header))
            current = []
            after_header = False
        after_header = after_header or header
    if current:
        blocks.append(Block(tuple(current), after_header))
    return blocks, dated, dropped


def strip_glued(text: str) -> str:
    """Remove boilerplate glued to the start or the end of a paragraph."""
    while True:
        before = text
        for _, pattern in PREFIXES:
            text = pattern.sub("", text, count=1) if pattern.match(text) else text
        for _, pattern in SUFFIXES:
            text = pattern.sub("", text, count=1)
        text = text.strip()
        if text == before:
            return text


def clean_lines(lines: Sequence[str], title: str, *, joined: bool = True) -> Cleaned:
    """Keep the prose among lines: drop boilerplate lines, join wrapped lines, strip glued text.

    With joined, consecutive lines form one paragraph (hard-wrapped text);
    without, each line is a paragraph of its own (text taken from HTML).
    """
    blocks, dated, dropped = split_blocks(lines, title)
    cleaned = Cleaned(
        (), dropped_lines=dropped, date=next(filter(None, map(find_date, dated)), None)
    )
    in_list = False
    for block in blocks:
        in_list = block.after_header or in_list
        texts = [" ".join(block.lines)] if joined else list(block.lines)
        for raw in texts:
            if in_list and headline_like(raw):
                cleaned = replace(cleaned, dropped_lines=cleaned.dropped_lines + 1)
                continue
            in_list = False
            cleaned = keep_paragraph(cleaned, raw, title)
    return cleaned


def keep_paragraph(cleaned: Cleaned, text: str, title: str) -> Cleaned:
    """Add text to cleaned unless it is boilerplate; note the outlet and city its dateline names."""
    first = not cleaned.paragraphs and cleaned.outlet is None and cleaned.city is None
    text, outlet, city = strip_dateline(text, first)
    if outlet and cleaned.outlet is None and header_matter(cleaned.paragraphs):
        dropped = cleaned.dropped_lines + len(cleaned.paragraphs)
        cleaned = replace(cleaned, paragraphs=(), dropped_lines=dropped)
    if outlet or city:
        cleaned = replace(cleaned, outlet=cleaned.outlet or outlet, city=cleaned.city or city)
    text = strip_glued(text)
    if not text or matching(LINE_DROPS, text) or text.casefold() == squash(title).casefold():
        return cleaned
    return replace(cleaned, paragraphs=(*cleaned.paragraphs, text))


def header_matter(paragraphs: Sequence[str]) -> bool:
    """True when the paragraphs kept before the outlet's dateline are few and short."""
    return 0 < len(paragraphs) <= HEADER_PARAGRAPHS and all(
        len(paragraph.split()) <= HEADER_WORDS for paragraph in paragraphs
    )
