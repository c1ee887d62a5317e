"""Paragraph precision, recall and F1 of the article cleaner on real outlets' pages, and its time.

Reads the cases of ``../shared/real-pages/cases`` next to the repository (saved
article pages and scraped article texts of Indonesian outlets, each with the
title and paragraphs a reader chose by hand). They are real outlets' text, so
they are read from there and never copied into the repository.

A printed paragraph matches an expected one when both are equal after
collapsing whitespace and case, or when their words agree to a
SequenceMatcher ratio of 0.95; matching is greedy and in order. A case passes
when its title matches (cases without a headline, scraped texts, have a null
title: the cleaner's title line may then count as the first paragraph), its
F1 is at least 0.95, none of its ``must_not_contain`` strings is printed and
all of its ``must_contain`` strings are. The time is the processor time of
``read_article`` (reading, extraction and cleaning) in this process, after one
warm-up run that loads the HTML extractor; processor time, so that other work
on the machine does not count. The last line times a page made here (not a
real one) that inline data, styles and a picture make 6 MB large.

    python benchmarks/real_pages.py [CASES_FOLDER] [-v]

With -v, the unmatched paragraphs of every case are listed.
"""

from __future__ import annotations

import difflib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcast.errors import ArticleError  # noqa: E402
from podcast.text.article import read_article  # noqa: E402
from tests.text.test_article import large_page  # noqa: E402

CASES = ROOT.parent / "shared" / "real-pages" / "cases"
MATCH_RATIO = 0.95
PASS_F1 = 0.95


def norm(text: str) -> str:
    """Text with whitespace collapsed and case folded."""
    return " ".join(text.split()).casefold()


def same(got: str, want: str) -> bool:
    """True when two paragraphs are equal or their words agree to MATCH_RATIO."""
    a, b = norm(got).split(), norm(want).split()
    if a == b:
        return True
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < MATCH_RATIO:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= MATCH_RATIO


def matched(got: list[str], want: list[str]) -> list[tuple[int, int]]:
    """Greedy in-order pairs (index in got, index in want) of matching paragraphs."""
    pairs: list[tuple[int, int]] = []
    start = 0
    for index, paragraph in enumerate(got):
        for number in range(start, len(want)):
            if same(paragraph, want[number]):
                pairs.append((index, number))
                start = number + 1
                break
    return pairs


def scores(hits: int, got: int, want: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    precision = hits / got if got else float(not want)
    recall = hits / want if want else float(not got)
    total = precision + recall
    return precision, recall, 2 * precision * recall / total if total else 0.0


def score(path: Path, expected: dict[str, object]) -> tuple[tuple[float, ...], list[str], float]:
    """(P, R, F1), what fails the case and the seconds it took."""
    started = time.process_time()
    try:
        article = read_article(path)
    except ArticleError as error:
        return (0.0, 0.0, 0.0), [str(error)], time.process_time() - started
    seconds = time.process_time() - started
    want = [str(text) for text in expected["paragraphs"]]  # type: ignore[attr-defined]
    readings = [list(article.paragraphs)]
    faults: list[str] = []
    if expected["title"] is None:
        readings.append([article.title, *article.paragraphs])
    elif norm(article.title) != norm(str(expected["title"])):
        faults.append(f"title {article.title[:60]!r}")
    got, pairs = max(
        ((reading, matched(reading, want)) for reading in readings),
        key=lambda found: scores(len(found[1]), len(found[0]), len(want))[2],
    )
    figures = scores(len(pairs), len(got), len(want))
    faults += [f"F1<{PASS_F1}"] if figures[2] < PASS_F1 else []
    printed = " ".join("\n\n".join((article.title, *article.paragraphs)).split())
    faults += [f"says {s!r}" for s in expected["must_not_contain"] if s in printed]  # type: ignore[attr-defined]
    faults += [f"lacks {s!r}" for s in expected["must_contain"] if s not in printed]  # type: ignore[attr-defined]
    if "-v" in sys.argv:
        hit_got, hit_want = {i for i, _ in pairs}, {k for _, k in pairs}
        faults += [f"\n    extra   {got[i][:90]!r}" for i in range(len(got)) if i not in hit_got]
        faults += [f"\n    missing {want[k][:90]!r}" for k in range(len(want)) if k not in hit_want]
    return figures, faults, seconds


def main() -> None:
    """Print a row per case, then the macro figures and the time per case."""
    folder = Path(next((arg for arg in sys.argv[1:] if arg != "-v"), CASES))
    cases = sorted(folder.glob("*.expected.json"))
    if not cases:
        sys.exit(f"{folder}: no *.expected.json cases (the real pages sit next to the repository)")
    inputs = [
        path if path.exists() else path.with_suffix(".txt")
        for path in (case.with_name(case.name.replace(".expected.json", ".html")) for case in cases)
    ]
    read_article(next(path for path in inputs if path.suffix == ".html"))  # warm-up
    print(f"{'case':32} {'P':>5} {'R':>5} {'F1':>5} {'cpu ms':>6}  result")
    rows = []
    for case, path in zip(cases, inputs, strict=True):
        expected = json.loads(case.read_text(encoding="utf-8"))
        (precision, recall, f1), faults, seconds = score(path, expected)
        rows.append((precision, recall, f1, seconds, not faults))
        verdict = "pass" if not faults else "FAIL " + "; ".join(faults)
        name = path.name.split(".")[0]
        print(
            f"{name:32} {precision:5.3f} {recall:5.3f} {f1:5.3f} {1000 * seconds:6.0f}  {verdict}"
        )
    count = len(rows)
    macro = [sum(row[column] for row in rows) / count for column in range(3)]
    times = [row[3] for row in rows]
    passed = sum(row[4] for row in rows)
    print(f"macro P={macro[0]:.3f} R={macro[1]:.3f} F1={macro[2]:.3f}")
    print(
        f"time per case: max {1000 * max(times):.0f} ms, "
        f"median {1000 * statistics.median(times):.0f} ms"
    )
    print(f"{passed} passed, {count - passed} failed")
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "large.html"
        large.write_text(large_page(6_000_000), encoding="utf-8")
        started = time.process_time()
        read_article(large)
        print(
            f"a {large.stat().st_size / 1e6:.1f} MB page of inline data: "
            f"{1000 * (time.process_time() - started):.0f} ms"
        )


if __name__ == "__main__":
    main()
