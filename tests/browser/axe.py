"""Run axe-core in a page with the WCAG 2.2 A and AA rules, and describe what it finds."""

from __future__ import annotations

import functools
from typing import Any

from ..sitebuild import ROOT
from .conftest import unavailable

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@functools.cache
def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        unavailable(f"axe-core is not installed at {AXE_SCRIPT} (npm ci, or make test)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def prepare(page: Any) -> None:
    """Load axe into every page the context opens from now on (parsed once per page, not sent)."""
    page.context.add_init_script(axe_source())
    quieten(page)


def quieten(page: Any) -> None:
    """Keep Material's search from indexing the whole site in a worker on every page load.

    The search box stays closed in these checks, so its index is never used; building it
    would only compete with the checks for the machine's two cores.
    """
    page.context.route("**/search/search_index.json", lambda route: route.abort())


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's violations for the page as it stands (axe is injected if it is not there yet)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html})),
            }));
        }""",
        WCAG_TAGS,
    )
    return found


def describe(found: list[dict[str, Any]]) -> str:
    """One line per failing element: rule id, CSS target and axe's help text."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            lines.append(
                f"  {violation['id']} ({violation['impact']}): {violation['help']}\n    at {node['target']}: {' '.join(node['html'].split())[:200]}"
            )
    return "\n".join(lines)


def violation_ids(found: list[dict[str, Any]]) -> set[str]:
    return {violation["id"] for violation in found}
