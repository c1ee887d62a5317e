"""Spoken form of newspaper sections: one row per line of tests/data/spoken/<section>.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

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
