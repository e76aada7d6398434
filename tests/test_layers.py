"""The house's layering, as a contract: every import (also inside functions and under
TYPE_CHECKING) runs from a module to its own layer or a lower one, and no modules import each
other in a circle. The layers, from the ground up, are in docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "werkboek"

# Module name prefixes by layer, lowest first. A module belongs to the first layer that names it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("werkboek.errors", "werkboek.dutch", "werkboek.files", "werkboek.manual"),  # what every layer may use
    ("werkboek.workbook",),  # the Netwerkkaart: schema, reading, building
    ("werkboek.checks", "werkboek.figures", "werkboek.demo", "werkboek.profile"),  # what a case says
    ("werkboek.policy",),  # read, check, errors block
    ("werkboek.pictures", "werkboek.reports", "werkboek.yearly", "werkboek.excel_check", "werkboek.upgrade"),  # made
    ("werkboek.api",),  # the boundary
    ("werkboek.cli", "werkboek.excel", "werkboek.__main__"),  # the faces
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """werkboek modules that `path` imports anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            # "from . import x" may name a module x, or a name defined in the package
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known or t.startswith("werkboek.")}
    return {_owner(t, known) for t in out} - {name, "werkboek"}


def _owner(target: str, known: set[str]) -> str:
    while target not in known and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def layer(name: str) -> int:
    for i, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"{name} is in no layer: add it to LAYERS and to docs/architecture.md")


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(path, name, set(found)) for name, path in found.items() if name != "werkboek"}


def test_every_import_runs_down_or_level() -> None:
    upward = [f"{a} (layer {layer(a)}) imports {b} (layer {layer(b)})"
              for a, targets in graph().items() for b in sorted(targets) if layer(b) > layer(a)]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    edges = graph()
    circles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert circles == []


def test_the_contract_sees_imports() -> None:
    """The test itself must be able to fail: the graph holds the imports we know are there."""
    edges = graph()
    assert "werkboek.policy" in edges["werkboek.api"]
    assert "werkboek.workbook.schema" in edges["werkboek.checks.rules"]
    assert "werkboek.reports.make" in edges["werkboek.reports"]  # a package face's re-exports
    assert "werkboek.api" in edges["werkboek.excel"]
