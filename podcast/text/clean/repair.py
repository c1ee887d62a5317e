"""Repair raw article text: mojibake, odd spaces and invisible characters."""

from __future__ import annotations

import re

MOJIBAKE_BYTES = {
    char: byte
    for byte in range(0x80, 0x100)
    for char in [bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)]
}
CONTINUATION = "".join(char for char, byte in MOJIBAKE_BYTES.items() if byte < 0xC0)
MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{re.escape(CONTINUATION)}]"
    f"|[\u00e0-\u00ef][{re.escape(CONTINUATION)}]{{2}}"
    f"|[\u00f0-\u00f4][{re.escape(CONTINUATION)}]{{3}}"
)
# Mojibake whose last byte was lost on the way.
MOJIBAKE_LEFTOVERS = (("â€", "”"), ("Â ", " "))
SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def repair_text(text: str) -> str:
    """Undo UTF-8 read as Windows-1252, unify spaces and drop invisible characters."""
    text = MOJIBAKE.sub(unmangle, text)
    for broken, fixed in MOJIBAKE_LEFTOVERS:
        text = text.replace(broken, fixed)
    text = text.translate(SPACES).translate(INVISIBLE)
    unprintable = {ord(char): None for char in set(text) if not char.isprintable() | char.isspace()}
    return text.translate(unprintable) if unprintable else text


def unmangle(match: re.Match[str]) -> str:
    """Decode one run of mojibake back to the character it stood for, or keep it."""
    try:
        return bytes(MOJIBAKE_BYTES[char] for char in match.group()).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())
