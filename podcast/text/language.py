"""Tell whether a text reads as Indonesian, from the share of its most common words."""

from __future__ import annotations

import re

from podcast.text.spoken.tables import words

COMMON_WORDS = frozenset(
    words(
        """
        yang dan di itu dengan untuk ini dari dalam tidak akan pada juga ke karena
        tersebut bisa ada mereka lebih kata telah sudah oleh saat harus para bahwa
        atau seperti jika hanya masih namun dia kami kita saya sebagai menjadi tahun
        secara hari dapat antara setelah belum sangat baru lain banyak bagi agar
        """
    )
)
WORD = re.compile(r"[^\W\d_]+")
MINIMUM_SHARE = 0.08
MINIMUM_WORDS = 30


def indonesian_share(text: str) -> float:
    """The share of words in ``text`` that are common Indonesian words.

    >>> round(indonesian_share("Dia mengatakan bahwa pertemuan itu akan dilanjutkan"), 2)
    0.57
    >>> indonesian_share("The meeting will continue tomorrow")
    0.0
    """
    words = WORD.findall(text.lower())
    return sum(word in COMMON_WORDS for word in words) / len(words) if words else 0.0


def language_warning(text: str) -> str | None:
    """A warning when a long enough text does not read as Indonesian, else None."""
    if len(WORD.findall(text)) < MINIMUM_WORDS:
        return None
    share = indonesian_share(text)
    if share >= MINIMUM_SHARE:
        return None
    return (
        f"does not read as Indonesian ({share:.0%} common Indonesian words); "
        "spoken with the Indonesian voice anyway"
    )
