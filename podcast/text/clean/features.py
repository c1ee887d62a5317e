"""What a piece of page text looks like: the features that tell article prose from page chrome.

Prose is long, ends its sentences and is dense in the language's function words
(jusText's Indonesian stop-word list); chrome is short, capitalised, names page
furniture (menus, share buttons, comment boxes, apps and channels), is in English
on an Indonesian page, or calls the reader to do something elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from podcast.text.clean.datelines import DOMAIN

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?:[.!?…]|[.!?…]?[\"”’])[)\]]?$")
# Prose at least this long, ending its sentence, is the article's core.
GOOD_WORDS = 12
# A sentence this long that is not chrome is prose even beside chrome.
NEAR_WORDS = 6
# Text this dense in the language's function words reads as prose.
GOOD_DENSITY = 0.2
# Words that name page furniture, in Indonesian and in English.
CHROME_WORDS = frozenset(
    (
        "beranda", "menu", "cari", "pencarian", "masuk", "daftar", "login", "logout", "langganan",
        "berlangganan", "bagikan", "komentar", "komentari", "balas", "kirim", "unduh", "aplikasi",
        "iklan", "sponsor", "disponsori", "terkait", "terpopuler", "populer", "terbaru", "terkini",
        "trending", "rekomendasi", "pilihan", "topik", "tag", "tags", "tagar", "video", "tonton",
        "saksikan", "streaming", "live", "klik", "tautan", "link", "salin", "cetak", "print",
        "laman", "selengkapnya", "lainnya", "ikuti", "follow", "newsletter", "notifikasi",
        "adblock", "disclaimer", "redaksi", "kontak", "pedoman", "privasi", "indeks", "lewati",
        "podcast", "home", "news", "search", "sign", "subscribe", "share", "comment", "comments",
        "reply", "post", "posted", "related", "popular", "read", "more", "next", "previous",
        "watch", "click", "copy", "copied", "clipboard", "email", "facebook", "twitter", "whatsapp",
        "telegram", "instagram", "youtube", "tiktok", "linkedin", "pinterest", "privacy", "policy",
        "terms", "contact", "about", "advertise", "advertisement", "sponsored", "powered", "theme",
        "skip", "content", "cookie", "cookies", "app", "download", "install", "loading",
        "editorial", "picks", "team", "widget",
    )
)  # fmt: skip
# A call to the reader (follow, download, watch, send) naming where to do it.
CALL = re.compile(
    r"^(?:\W*)(?:ikuti|follow|dapatkan|download|unduh|simak|saksikan|tonton|baca|klik|kunjungi"
    r"|langganan|berlangganan|subscribe|daftar|gabung|jangan\s+lupa|cek|punya\s+info|kirim"
    r"|bagikan|dikirim\s+dari|sign\s+up|read|watch|install|pasang)\b",
    re.IGNORECASE,
)
# Where a call sends the reader: a social network, an app store, a newsletter, a subscription...
CHANNEL = re.compile(
    r"\b(?:google\s+news|google\s+play|app\s+store|whatsapp|telegram|instagram|youtube|tiktok"
    r"|facebook|twitter|newsletter|berlangganan|langganan|premium)\b",
    re.IGNORECASE,
)
# ...or an app, a link or a site, when what waits there is the outlet's news.
PLACE = re.compile(
    rf"\b(?:aplikasi|e-?mail|kanal|channel|di\s+sini|link|tautan|notifikasi|grup|akun|website"
    rf"|situs|https?://|@\w+)\b|{DOMAIN}",
    re.IGNORECASE,
)
NEWS = re.compile(
    r"\b(?:berita|artikel|update|informasi\s+terkini|video|konten|notifikasi|terhangat|terbaru"
    r"|terkini|live|streaming|program)\b",
    re.IGNORECASE,
)
# How a reader is reached: a phone number of seven digits or more, or an e-mail address.
CONTACT = re.compile(
    r"(?<![\d.,])(?:\+62|0)\d{2,4}[-\s.]?\d{3,4}[-\s.]?\d{2,5}(?![\d.,]\d)"
    r"|[\w.-]+@[\w-]+\.[\w.]+",
)
# Icon and button names leaked from a page's markup, alone or glued together.
WIDGET = re.compile(
    r"(?:(?:icon|ic|fa|btn|share|svg|social)(?:[-_][a-z0-9]+)+|play-button|arrow-(?:left|right|up|down))+"
)
# A paragraph opening with a quotation mark is someone's words, in whatever language.
QUOTES = ('"', "“", "‘", "'")
NUMBERED = re.compile(r"\d{1,2}[.)]\s+\S")


class Kind(Enum):
    """A text's class before its neighbours are looked at, as jusText names them."""

    GOOD = "good"
    NEAR = "near good"
    SHORT = "short"
    BAD = "bad"


@dataclass(frozen=True)
class Features:
    """Measures of one piece of text."""

    words: int
    sentence: bool
    density: float
    english: bool
    chrome: float
    capitals: bool
    call: bool
    contact: bool


@cache
def stop_words(language: str) -> frozenset[str]:
    """jusText's stop-word list for a language, lower-cased, read without loading jusText."""
    spec = find_spec("justext")
    folder = Path(spec.origin).parent if spec and spec.origin else Path()
    text = (folder / "stoplists" / f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())


def measure(text: str) -> Features:
    """The features of text."""
    words = [word.lower() for word in WORD.findall(text)]
    count = len(words) or 1
    indonesian = stop_words("Indonesian")
    english = stop_words("English")
    in_english = sum(word in english for word in words)
    only_indonesian = sum(word in indonesian and word not in english for word in words)
    letters = [char for char in text if char.isalpha()]
    return Features(
        words=len(words),
        sentence=bool(SENTENCE_END.search(text[-4:])),
        density=sum(word in indonesian for word in words) / count,
        english=not text.startswith(QUOTES)
        and in_english >= 3
        and in_english / count >= 0.3
        and in_english > only_indonesian,
        chrome=sum(word in CHROME_WORDS for word in words) / count,
        capitals=len(words) >= 1
        and sum(char.isupper() for char in letters) > 0.8 * len(letters) >= 4,
        call=len(words) <= 45 and called(text),
        contact=bool(CONTACT.search(text)),
    )


def called(text: str) -> bool:
    """True for a call to follow, download or watch the outlet somewhere else."""
    if not CALL.search(text):
        return False
    return bool(CHANNEL.search(text) or (PLACE.search(text) and NEWS.search(text)))


def kind_of(text: str) -> Kind:
    """The class of text on its own: good prose, near-good, short, or page chrome."""
    found = measure(text)
    if found.english or found.call or (found.capitals and not found.sentence):
        return Kind.BAD
    if found.chrome >= 0.5 or (found.chrome >= 0.25 and not found.sentence):
        return Kind.BAD
    if found.sentence and found.words >= GOOD_WORDS and found.density >= GOOD_DENSITY:
        return Kind.GOOD
    if found.words >= 2 * GOOD_WORDS and found.density >= GOOD_DENSITY:
        return Kind.GOOD
    if found.sentence and found.words >= NEAR_WORDS:
        return Kind.NEAR
    if found.words >= GOOD_WORDS and found.density >= GOOD_DENSITY:
        return Kind.NEAR
    return Kind.SHORT


def headline_like(text: str) -> bool:
    """True for a line without a closing full stop, as headlines, labels and menus are."""
    return not text or text[-1] not in '.,;:!?"”’…'


def numbered(text: str) -> bool:
    """True for a short numbered heading ("1. Puluhan rumah rusak")."""
    return bool(NUMBERED.match(text)) and headline_like(text) and len(text.split()) <= 12


def strip_widgets(line: str) -> str:
    """The line without the icon and button names leaked into it from the page's markup."""
    if not WIDGET.search(line):
        return line
    words = line.split()
    while words and WIDGET.fullmatch(words[0]):
        words.pop(0)
    if words and (glued := WIDGET.match(words[0])) and words[0][glued.end() :][:1].isupper():
        words[0] = words[0][glued.end() :]
    return " ".join(word for word in words if not WIDGET.fullmatch(word))
