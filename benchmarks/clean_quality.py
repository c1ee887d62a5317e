"""Paragraph-level precision and recall of the article cleaner over the golden cases.

Each case's .clean.txt paragraphs are the truth. Precision is the share of kept
paragraphs that are article prose; recall is the share of article paragraphs kept.
The "raw" columns score keeping every blank-line-separated block of the input,
to show what the cleaner removes.

    python benchmarks/clean_quality.py [tests/data/clean] [heldout_*]

The optional pattern picks cases by file name, such as the held-out cases that
were written by hand before the cleaner ever ran on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from podcast.errors import ArticleError
from podcast.text.article import read_article
from podcast.text.clean_text import squash

CASES = Path(__file__).parent.parent / "tests" / "data" / "clean"
SUFFIXES = {".txt", ".md", ".html", ".htm"}


def truth(case: Path) -> list[str]:
    """The article paragraphs of a case: its golden output without the title."""
    text = case.with_name(f"{case.stem}.clean.txt").read_text(encoding="utf-8")
    return text.rstrip("\n").split("\n\n")[1:]


def raw_blocks(case: Path) -> list[str]:
    """Every blank-line-separated block after the first line, as a reader without rules keeps."""
    text = case.read_bytes().decode("utf-8", errors="replace")
    lines = text.splitlines()[1:]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [squash(" ".join(block)) for block in blocks if block]


def score(kept: list[str], expected: list[str]) -> tuple[int, int, int]:
    """Counts of kept paragraphs, expected paragraphs and kept paragraphs that are expected."""
    right = sum(1 for paragraph in kept if paragraph in expected)
    return len(kept), len(expected), right


def ratio(part: int, whole: int) -> str:
    """A share as a percentage with one decimal, or '-' when there is nothing to share."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def main(folder: Path, pattern: str = "*") -> None:
    """Print one row per golden case whose file name matches the pattern, and the totals."""
    cases = sorted(
        path
        for path in folder.glob(pattern)
        if path.suffix in SUFFIXES
        and not path.name.endswith((".clean.txt", ".error.txt"))
        and path.with_name(f"{path.stem}.clean.txt").exists()
    )
    header = f"{'case':34} {'truth':>5} {'kept':>5} {'right':>5} {'prec':>6} {'recall':>6}"
    print(f"{header} {'raw prec':>8}")
    totals = [0, 0, 0, 0, 0]
    for case in cases:
        expected = truth(case)
        try:
            kept = list(read_article(case).paragraphs)
        except ArticleError:
            kept = []
        n_kept, n_true, right = score(kept, expected)
        raw = raw_blocks(case) if case.suffix in {".txt", ".md"} else []
        raw_right = sum(1 for block in raw if block in expected)
        for index, value in enumerate((n_kept, n_true, right, len(raw), raw_right)):
            totals[index] += value
        print(
            f"{case.name:34} {n_true:5} {n_kept:5} {right:5} {ratio(right, n_kept):>6} "
            f"{ratio(right, n_true):>6} {ratio(raw_right, len(raw)):>8}"
        )
    n_kept, n_true, right, n_raw, raw_right = totals
    print(
        f"{'TOTAL (' + str(len(cases)) + ' cases)':34} {n_true:5} {n_kept:5} {right:5} "
        f"{ratio(right, n_kept):>6} {ratio(right, n_true):>6} {ratio(raw_right, n_raw):>8}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CASES, *sys.argv[2:3])
