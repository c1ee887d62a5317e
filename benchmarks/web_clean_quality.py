"""Paragraph precision and recall of `podcast clean URL` over the test news site's article pages.

Starts the news site of the tests on 127.0.0.1, runs `podcast clean URL` on every
article page (as a separate process, as a user would) and scores its paragraphs
against the expected text written by hand before the tool ever ran on the pages
(tests/data/web/*.expected.txt). Precision is the share of printed paragraphs
that are article prose; recall the share of article paragraphs printed; titles
are scored apart. The "trafilatura" columns score the extractor's own text
of the first page as served (its bytes read as UTF-8), without the tool's
decoding, page joining or Indonesian cleaner, as the baseline; the last column
is the wall time of each run (the default 1 s between requests to one host
included).

    python benchmarks/web_clean_quality.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.news_site import ARTICLES, expected_text, news_site  # noqa: E402


def paragraphs(text: str) -> list[str]:
    """The blank-line-separated paragraphs of a text."""
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]


def ratio(part: int, whole: int) -> str:
    """A share as a percentage with one decimal."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def main() -> None:
    """Print one row per article page and the totals."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(
        f"{'page':18} {'truth':>5} {'kept':>5} {'right':>5} {'prec':>6} {'recall':>6} "
        f"{'title':>5} {'traf prec':>9} {'traf rec':>8} {'wall s':>6}"
    )
    totals = [0] * 7
    with news_site() as site:
        for path, name in ARTICLES.items():
            url = site.url(path)
            started = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "podcast", "clean", url],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            wall = time.perf_counter() - started
            title, *expected = paragraphs(expected_text(name))
            got_title, *kept = paragraphs(run.stdout) or [""]
            right = sum(1 for p in kept if p in expected)
            html = site.page(ARTICLES_FILES[name]).decode("utf-8", "replace")
            raw = [" ".join(line.split()) for line in (trafilatura.extract(html) or "").split("\n")]
            raw = [line for line in raw if line]
            raw_right = sum(1 for line in raw if line in expected)
            for index, value in enumerate(
                (len(expected), len(kept), right, got_title == title, len(raw), raw_right, wall)
            ):
                totals[index] += value
            print(
                f"{name:18} {len(expected):5} {len(kept):5} {right:5} "
                f"{ratio(right, len(kept))} {ratio(right, len(expected))} "
                f"{'ok' if got_title == title else 'no':>5} {ratio(raw_right, len(raw)):>9} "
                f"{ratio(raw_right, len(expected)):>8} {wall:6.2f}"
            )
    truth, kept, right, titles, raw, raw_right, wall = totals
    print(
        f"{'total':18} {truth:5} {kept:5} {right:5} {ratio(right, kept)} {ratio(right, truth)} "
        f"{titles:3}/{len(ARTICLES)} {ratio(raw_right, raw):>9} {ratio(raw_right, truth):>8} "
        f"{wall:6.2f}"
    )


ARTICLES_FILES = {name: f"{name}.html" for name in ARTICLES.values()}

if __name__ == "__main__":
    main()
