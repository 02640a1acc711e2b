"""The import layering, checked in `make test` too (`make lint` runs the same contracts with
import-linter): the engine core never imports what renders it, and the top-level parts of the
package import each other without cycles."""

from __future__ import annotations

import ast
from pathlib import Path

from .sitebuild import ROOT

PACKAGE = ROOT / "engage"
RENDERING = ("engage.pages", "engage.feeds", "engage.exports", "engage.atom", "engage.cli")
CORE = (
    "engage.models", "engage.checks", "engage.loading", "engage.model_errors", "engage.problems",
    "engage.records", "engage.yaml_reader", "engage.portal", "engage.occurrences", "engage.facets",
    "engage.consultation_stage", "engage.representation", "engage.coverage", "engage.eia_figures",
    "engage.commitment_progress", "engage.event_words", "engage.output", "engage.disclosure",
    "engage.reference_fields", "engage.urls", "engage.formatting", "engage.markup",
)  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every engage module and the engage modules it imports (type-checking imports included)."""
    out: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                if base.startswith("engage"):
                    found.add(base)
                    found.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("engage"))
        out[name] = found
    modules = set(out)
    return {name: {i for i in found if i in modules and i != name} for name, found in out.items()}


def part(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_engine_core_never_imports_pages_feeds_exports_or_the_command_line() -> None:
    wrong = sorted(
        (name, target)
        for name, targets in imports().items()
        if name.startswith(CORE)
        for target in targets
        if target.startswith(RENDERING)
    )
    assert wrong == []


def test_the_parts_of_the_package_import_each_other_without_cycles() -> None:
    edges: dict[str, set[str]] = {}
    for name, targets in imports().items():
        for target in targets:
            if part(name) != part(target):
                edges.setdefault(part(name), set()).add(part(target))
    cycles = []
    for start in sorted(edges):
        # Depth-first from each part: reaching the start again is a cycle.
        stack, seen = [(start, (start,))], set()
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    cycles.append(" -> ".join((*trail, nxt)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*trail, nxt)))
    assert cycles == []


def test_feeds_exports_and_the_atom_feed_do_not_import_pages_or_each_other() -> None:
    siblings = ("engage.feeds", "engage.exports", "engage.atom", "engage.pages")
    wrong = sorted(
        (name, target)
        for name, targets in imports().items()
        if name.startswith(siblings[:3])
        for target in targets
        if target.startswith(siblings) and part(target) != part(name)
    )
    assert wrong == []
