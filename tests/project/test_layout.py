"""The layout: one folder per stage, imports that run one way, modules of a readable size."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "podcast"
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every podcast module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("podcast"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("podcast"))
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {
    name: {other for other in imports(path) if other in MODULES and other != name}
    for name, path in MODULES.items()
}


def stage(module: str) -> str:
    """The stage a module belongs to: its folder under podcast/, or itself at the top."""
    return ".".join(module.split(".")[:2])


def test_modules_import_each_other_without_cycles() -> None:
    list(graphlib.TopologicalSorter(GRAPH).static_order())  # raises CycleError on a cycle


def test_no_module_imports_a_package_whose_init_imports_it_back() -> None:
    """A package's ``__init__`` may re-export its modules; none of them may import from it."""
    cycles = sorted(
        f"{module} <-> {package}"
        for module, targets in GRAPH.items()
        for package in targets
        if module.startswith(package + ".") and module in GRAPH[package]
    )
    assert cycles == []


def test_stages_import_each_other_without_cycles() -> None:
    stages: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        stages.setdefault(stage(module), set()).update(
            stage(target) for target in targets if stage(target) != stage(module)
        )
    order = list(graphlib.TopologicalSorter(stages).static_order())
    assert order.index("podcast.errors") < order.index("podcast.text")


def test_other_stages_use_only_what_a_stage_exports() -> None:
    reached_inside = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if stage(target) != stage(module)
        and target != stage(target)
        and (PACKAGE.parent / stage(target).replace(".", "/")).is_dir()
        and stage(module) not in ("podcast.run", "podcast.cli")
    )
    assert reached_inside == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_short_enough_to_read(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by job"


def test_each_stage_says_what_it_takes_and_hands_on() -> None:
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "hands on" in doc.lower(), folder.name


TOP_LEVEL = {"__init__", "__main__", "errors", "files", "pcm", "project", "reference"}
"""The only modules beside the stage folders: what every stage shares, and the entry points."""


def test_the_package_top_level_holds_only_what_every_stage_shares() -> None:
    assert {path.stem for path in PACKAGE.glob("*.py")} == TOP_LEVEL


def test_tests_mirror_the_stages() -> None:
    """Tests sit in a folder named after the stage they test; servers and helpers in their own."""
    tests = ROOT / "tests"
    assert {path.name for path in tests.glob("*.py")} == {"__init__.py", "conftest.py"}
    stages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    folders = {path.name for path in tests.iterdir() if (path / "__init__.py").exists()}
    assert folders - stages == {"servers", "support", "project"}
    for folder in sorted(folders - {"servers", "support"}):
        assert all(
            p.name.startswith("test_")
            for p in (tests / folder).glob("*.py")
            if p.stem != "__init__"
        )
