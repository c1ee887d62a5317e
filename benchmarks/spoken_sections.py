"""Score and time the spoken form over the newspaper-section rows.

For each section file in tests/data/spoken/ it prints how many rows the full
rules get right, and how many the rules without the context rules of
`podcast.text.spoken_context` would get right (the baseline, measured in the
same run). It then times both over the seed articles and prints the ratio.

    python benchmarks/spoken_sections.py [rounds]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from podcast.text import spoken, spoken_context

ROOT = Path(__file__).parent.parent
SECTIONS = ROOT / "tests" / "data" / "spoken"
SEEDS = ROOT / "seeds"

CONTEXT_RULES = {rule for name, rule in vars(spoken_context).items() if name.startswith("speak_")}


def pipeline(rules: list[Callable[[str], str]]) -> Callable[[str], str]:
    """A speakable() that runs only the given rules, in order."""

    def run(text: str) -> str:
        for rule in rules:
            text = rule(text)
        return text

    return run


def rows(path: Path) -> list[tuple[str, str]]:
    """The (written, spoken) rows of one section file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def seconds(speak: Callable[[str], str], paragraphs: list[str], rounds: int) -> float:
    """Best time of `rounds` runs over all paragraphs."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for paragraph in paragraphs:
            speak(paragraph)
        best = min(best, time.perf_counter() - started)
    return best


def main(rounds: int = 20) -> None:
    """Print right rows per section and the time of both rule sets."""
    full = pipeline(spoken.RULES)
    baseline = pipeline([rule for rule in spoken.RULES if rule not in CONTEXT_RULES])
    print(f"{'section':12} {'rows':>5} {'right':>6} {'baseline':>9}")
    totals = [0, 0, 0]
    for path in sorted(SECTIONS.glob("*.tsv")):
        cases = rows(path)
        right = sum(full(written) == spoken_form for written, spoken_form in cases)
        base = sum(baseline(written) == spoken_form for written, spoken_form in cases)
        print(f"{path.stem:12} {len(cases):5} {right:6} {base:9}")
        totals = [totals[0] + len(cases), totals[1] + right, totals[2] + base]
    print(f"{'all':12} {totals[0]:5} {totals[1]:6} {totals[2]:9}")
    paragraphs = [
        block
        for seed in sorted(SEEDS.glob("*.txt"))
        for block in seed.read_text(encoding="utf-8").split("\n\n")
        if block.strip()
    ]
    with_context = seconds(full, paragraphs, rounds)
    without = seconds(baseline, paragraphs, rounds)
    per = 1000 / len(paragraphs)
    print(f"{len(paragraphs)} seed paragraphs, best of {rounds}:")
    print(f"  all rules      {with_context * per:.3f} ms per paragraph")
    print(f"  baseline       {without * per:.3f} ms per paragraph")
    print(f"  ratio          {with_context / without:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
