"""Spoken form of newspaper sections: one row per line of tests/data/spoken/<section>.tsv."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcast.text.spoken import codes as spoken_codes
from podcast.text.spoken import context as spoken_context
from podcast.text.spoken import speakable
from tests.support import DATA

SECTIONS = DATA / "spoken"


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
        "addresses", "disasters", "economy", "fractions", "law", "regions", "religion",
        "roman", "science", "signs", "sports", "telecoms", "transport", "units", "web",
    ]  # fmt: skip
    assert min(counts.values()) >= 24
    assert len(ROWS) >= 640


def test_spoken_rows_are_fixed_points() -> None:
    for _, _, spoken in ROWS:
        assert speakable(spoken) == spoken


def test_context_helpers_doctests() -> None:
    assert doctest.testmod(spoken_context, raise_on_error=True).attempted > 0
    assert doctest.testmod(spoken_codes, raise_on_error=True).attempted > 0


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
        *["Paus Leo XIV", "Kodam IV/Diponegoro", "SEA Games XXXIII", "Dapil Jatim I", "V."],
        *["B 2981 KJL", "pesawat", "ID 6541", "QZ8501", "KA 112 Jayakarta", "KA", "R2", "1A"],
        *["3.676 mdpl", "200 mg/dL", "150 µg/m³", "PM2,5", "PM10", "60 kWh", "20 m³/detik"],
        *["+2,4%", "naik", "+15", "-0,8%", "±", "±2", "≥ 60", "< Rp 1 juta", "~50", "P&G"],
        *["G20+", "BRICS+", "3 x 4", "2x", "skala", "1:50.000", "#1", "CO2", "H2SO4", "CaCO3"],
        *["H5N1", "HbA1c", "Cs-137", "B40", "Jl.", "Gg.", "RT 03/RW 07", "RT/RW 03/07", "Blok"],
        *["M", "C2", "Kav. 52", "Lt. 3", "½", "3½", "1 1/4", "2 ½ km", "⅔", "kab/kota"],
        *["www.bmkg.go.id", "cs_bank@bankjatim.co.id", "akun", "@BNPB_Indonesia", "#2019Ganti"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NEWS_PHRASES, max_size=25).map(" ".join))
def test_speakable_is_idempotent_on_section_words(text: str) -> None:
    once = speakable(text)
    assert speakable(once) == once
    assert "  " not in once
    assert not re.search("[0-9]", once)
