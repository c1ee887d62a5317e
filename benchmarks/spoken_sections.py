"""Score and time the spoken form over the newspaper-section rows.

For each section file in tests/data/spoken/ it prints how many rows the full
rules get right, and how many the rules without the context rules of
`podcast.text.spoken.context` would get right (the baseline, measured in the
same run). It then times both over the seed articles and prints the ratio.

With `--against REF` it also times the spoken form as it was at git REF (say
`main`) against the checkout's own, each in a fresh process, alternating, over
the seed paragraphs and, when `shared/real-pages` stands next to the checkout
(or next to one of its parent folders), over the real articles' paragraphs.

    python benchmarks/spoken_sections.py [rounds] [--against REF]
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from podcast.text.spoken import aloud as spoken
from podcast.text.spoken import context as spoken_context

ROOT = Path(__file__).parent.parent
SECTIONS = ROOT / "tests" / "data" / "spoken"
SEEDS = ROOT / "seeds"

# Times the spoken form of the package found first on sys.path, in a child process.
CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
sys.meta_path[:] = [f for f in sys.meta_path if not f.__module__.startswith("__editable__")]
from podcast.text import spoken
assert spoken.__file__.startswith(sys.argv[3]), spoken.__file__
speakable = spoken.speakable
paragraphs = json.load(open(sys.argv[1], encoding="utf-8"))
best = float("inf")
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    for paragraph in paragraphs:
        speakable(paragraph)
    best = min(best, time.perf_counter() - started)
print(best)
"""

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


def real_paragraphs() -> list[str]:
    """The expected paragraphs of the real-pages cases, when they stand near the checkout."""
    for folder in ROOT.parents:
        cases = folder / "shared" / "real-pages" / "cases"
        if cases.is_dir():
            return [
                paragraph
                for path in sorted(cases.glob("*.expected.json"))
                for paragraph in json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
            ]
    return []


def child_seconds(source: Path, paragraphs: Path, rounds: int) -> float:
    """Best time of the spoken form of the package under `source`, in a fresh process."""
    command = [sys.executable, "-c", CHILD, str(paragraphs), str(rounds), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout)


def against(ref: str, rounds: int) -> None:
    """Time the spoken form at git `ref` and the checkout's own, alternating, and print both."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "podcast"], capture_output=True, check=True
    ).stdout
    sets = {
        "seed": [
            block
            for seed in sorted(SEEDS.glob("*.txt"))
            for block in seed.read_text(encoding="utf-8").split("\n\n")
            if block.strip()
        ],
        "real": real_paragraphs(),
    }
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        print(f"against {ref}, best of {rounds} runs, 3 fresh processes each, alternating:")
        for name, paragraphs in sets.items():
            if not paragraphs:
                continue
            path = Path(folder) / f"{name}.json"
            path.write_text(json.dumps(paragraphs), encoding="utf-8")
            times: dict[str, float] = {"base": float("inf"), "here": float("inf")}
            for _ in range(3):
                times["base"] = min(times["base"], child_seconds(base, path, rounds))
                times["here"] = min(times["here"], child_seconds(ROOT, path, rounds))
            per = 1000 / len(paragraphs)
            print(f"  {name} ({len(paragraphs)} paragraphs)")
            print(f"    {ref:12} {times['base'] * per:.3f} ms per paragraph")
            print(f"    {'this':12} {times['here'] * per:.3f} ms per paragraph")
            print(f"    ratio        {times['here'] / times['base']:.2f}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    baseline_ref = None
    if "--against" in arguments:
        at = arguments.index("--against")
        baseline_ref = arguments[at + 1]
        del arguments[at : at + 2]
    count = int(arguments[0]) if arguments else 20
    main(count)
    if baseline_ref:
        against(baseline_ref, count)
