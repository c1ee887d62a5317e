"""The benchmarks import what exists: a moved or renamed name breaks a test, not a later run."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.support import ROOT

BENCHMARKS = sorted((ROOT / "benchmarks").glob("*.py"))


def project_imports(source: str) -> list[tuple[str, str]]:
    """(module, name) for every ``from podcast... import`` and ``from tests... import``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in ("podcast", "tests")
        ):
            found += [(node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("script", BENCHMARKS, ids=[path.stem for path in BENCHMARKS])
def test_every_name_a_benchmark_imports_is_there(script: Path) -> None:
    missing = []
    for module, name in project_imports(script.read_text(encoding="utf-8")):
        imported = importlib.import_module(module)
        if not hasattr(imported, name):
            try:
                importlib.import_module(f"{module}.{name}")
            except ModuleNotFoundError:
                missing.append(f"{module}.{name}")
    assert missing == []
