"""Spoken form of newspaper sections: one row per line of tests/data/spoken/<section>.tsv."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcast.text import spoken_context
from podcast.text.spoken import speakable

SECTIONS = Path(__file__).parent / "data" / "spoken"


def read_rows() -> list[tuple[str, str, str]]:
    """Return (section, written, spoken) for every row of every section file."""
    rows = []
    for path in sorted(SECTIONS.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                written, spoken = line.split("\t")
                rows.append((path.stem, written, spoken))
    return rows


ROWS = read_rows()


@pytest.mark.parametrize(
    ("section", "written", "spoken"),
    ROWS,
    ids=[f"{section}-{number}" for number, (section, _, _) in enumerate(ROWS, 1)],
)
def test_section_row(section: str, written: str, spoken: str) -> None:
    assert speakable(written) == spoken


def test_every_section_has_enough_rows() -> None:
    counts = {path.stem: 0 for path in SECTIONS.glob("*.tsv")}
    for section, _, _ in ROWS:
        counts[section] += 1
    assert sorted(counts) == [
        "disasters", "economy", "law", "regions", "religion", "sports", "telecoms",
    ]  # fmt: skip
    assert min(counts.values()) >= 24
    assert len(ROWS) >= 170


def test_spoken_rows_are_fixed_points() -> None:
    for _, _, spoken in ROWS:
        assert speakable(spoken) == spoken


def test_context_helpers_doctests() -> None:
    assert doctest.testmod(spoken_context, raise_on_error=True).attempted > 0


NEWS_PHRASES = st.sampled_from(
    [
        *str.split("menang kalah skor imbang laga gempa pada hingga hubungi Nabi berinisial musim"),
        *str.split("2-1 0-0 3-1 5/2021 1/6 7/6 2024/2025 0812-3456-7890 112 ( ) , . Jabar NTB DIY"),
        *["25-23, 19-25", "formasi 4-3-3", "PP No. 5/2021", "Perpres 33/2023", "jo.", "ayat (1)"],
        *["huruf b", "Pasal 27A", "M 6,1", "M4.8", "6,2 SR", "7,12 LS", "3 x 100 MW", "2x24 jam"],
        *["KM 19", "KM 102+400", "1445 H", "1445 H/2024 M", "2000-an", "70-an", "call center"],
        *["+62 812-3456-7890", "(021) 5551234", "*888#", "H-7", "H+2", "DI Yogyakarta", "Hj."],
        *["Ust.", "KH", "SAW", "Allah SWT", "Nabi Ibrahim AS", "25 bps", "45 poin", "2,5±1%"],
        *["berinisial AM (30)", "5G", "Rp 250/saham", "kuartal I/2024", "Kelas IIA", "Yth."],
        *["Pj", "Sumsel", "Rp 1.500.000/gram", "(yoy)", "Senin (2-3/6)", "Putusan MK"],
        *["No. 90/PUU-XXI/2023", "Presiden AS", "vs", "menit ke-45+2", "Dr. H. Ahmad, M.Si."],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWS_PHRASES, max_size=25).map(" ".join))
def test_speakable_is_idempotent_on_section_words(text: str) -> None:
    once = speakable(text)
    assert speakable(once) == once
    assert "  " not in once
    assert not re.search("[0-9]", once)
