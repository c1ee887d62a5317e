"""Paragraph-level precision, recall and F1 of the article cleaner over the golden cases.

Each case's .clean.txt paragraphs are the truth. Precision is the share of kept
paragraphs that are article prose; recall is the share of article paragraphs kept;
both are averaged over the cases of a set (macro) and F1 is their harmonic mean.
A case is perfect when the whole output, title included, equals its .clean.txt.
The "raw" column scores keeping every blank-line-separated block of the input,
to show what the cleaner removes.

Two sets are printed: the earlier cases (golden and heldout_*) and the whole-page
cases (site_*: text copied from whole pages of sites the rules were not written
for, written by hand before the cleaner ever ran on them).

    python benchmarks/clean_quality.py [tests/data/clean] [-v]

With -v, every case's row is printed as well as each set's totals.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from podcast.errors import ArticleError
from podcast.text.article import format_article, read_article
from podcast.text.clean.repair import squash

CASES = Path(__file__).parent.parent / "tests" / "data" / "clean"
SUFFIXES = {".txt", ".md", ".html", ".htm"}
SETS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("earlier cases (golden and heldout_*)", lambda name: not name.startswith("site_")),
    ("whole-page cases (site_*)", lambda name: name.startswith("site_")),
)


def truth(case: Path) -> list[str]:
    """The article paragraphs of a case: its golden output without the title."""
    return expected(case).rstrip("\n").split("\n\n")[1:]


def expected(case: Path) -> str:
    """The golden output of a case."""
    return case.with_name(f"{case.stem}.clean.txt").read_text(encoding="utf-8")


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


def share(part: int, whole: int) -> float:
    """part / whole, or 1.0 when there is nothing to share."""
    return part / whole if whole else 1.0


def cases_in(folder: Path) -> list[Path]:
    """Every input case in folder that has a golden output."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in SUFFIXES
        and not path.name.endswith((".clean.txt", ".error.txt"))
        and path.with_name(f"{path.stem}.clean.txt").exists()
    )


def score_set(name: str, cases: list[Path], verbose: bool) -> None:
    """Print one set's macro precision, recall and F1 and its count of perfect cases."""
    print(f"\n{name}")
    if verbose:
        print(f"  {'case':38} {'truth':>5} {'kept':>5} {'right':>5} {'prec':>6} {'recall':>6} raw")
    precisions: list[float] = []
    recalls: list[float] = []
    raws: list[float] = []
    perfect = 0
    for case in cases:
        paragraphs = truth(case)
        try:
            article = read_article(case)
            kept, output = list(article.paragraphs), format_article(article)
        except ArticleError:
            kept, output = [], ""
        right = sum(1 for paragraph in kept if paragraph in paragraphs)
        found = sum(1 for paragraph in paragraphs if paragraph in kept)
        precisions.append(share(right, len(kept)) if kept else 0.0)
        recalls.append(share(found, len(paragraphs)))
        raw = raw_blocks(case) if case.suffix in {".txt", ".md"} else []
        raws.append(share(sum(1 for block in raw if block in paragraphs), len(raw)))
        perfect += output == expected(case)
        if verbose:
            mark = "" if output == expected(case) else "  *"
            print(
                f"  {case.name:38} {len(paragraphs):5} {len(kept):5} {right:5} "
                f"{precisions[-1]:6.3f} {recalls[-1]:6.3f} {raws[-1]:5.3f}{mark}"
            )
    count = len(cases)
    precision = sum(precisions) / count if count else 0.0
    recall = sum(recalls) / count if count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"  {count} cases: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}, "
        f"perfect {perfect}/{count} ({100 * perfect / count if count else 0:.0f} %); "
        f"raw precision {sum(raws) / count if count else 0:.3f}"
    )


def main(folder: Path, verbose: bool) -> None:
    """Score each set of golden cases in folder."""
    everything = cases_in(folder)
    for name, belongs in SETS:
        score_set(name, [case for case in everything if belongs(case.name)], verbose)


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "-v"]
    main(Path(arguments[0]) if arguments else CASES, "-v" in sys.argv[1:])
