"""Dependencies between domains point one way (production code; tests may reach anywhere).

core sits under every domain and imports none of them; audit is used by every domain and
imports none of them but the shared services (core, jobs, notifications, documents); no two
domains import each other; a domain never imports another's views (core's shared view bases
are there to be used).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").exists())


def _imports() -> dict[tuple[str, str], set[str]]:
    """(importing domain, imported module) -> files, for every cross-domain import."""
    edges: dict[tuple[str, str], set[str]] = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or parts[0] not in DOMAINS or {"tests", "migrations"} & set(parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                bits = module.split(".")
                if len(bits) < 2 or bits[0] != "procura" or bits[1] not in DOMAINS:
                    continue
                if bits[1] != parts[0]:
                    edges.setdefault((parts[0], module), set()).add(str(path.relative_to(ROOT)))
    return edges


EDGES = _imports()


def _domain_edges() -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for (source, module), files in EDGES.items():
        out.setdefault((source, module.split(".")[1]), set()).update(files)
    return out


@pytest.mark.parametrize("lower", ["core", "audit"])
def test_lower_layers_import_no_domain(lower: str) -> None:
    # audit may use the shared services every domain uses (background tasks, mail).
    allowed = {"core", "jobs", "notifications", "documents"} if lower == "audit" else set()
    found = {
        f"{target}: {sorted(files)}"
        for (source, target), files in _domain_edges().items()
        if source == lower and target not in allowed
    }
    assert not found, f"{lower} imports other domains: {sorted(found)}"


def test_no_two_domains_import_each_other() -> None:
    edges = _domain_edges()
    both_ways = sorted(
        f"{a} <-> {b}: {sorted(edges[(a, b)])} / {sorted(edges[(b, a)])}"
        for (a, b) in edges
        if a < b and (b, a) in edges
    )
    assert not both_ways, both_ways


def test_no_domain_imports_another_domains_views() -> None:
    found = sorted(
        f"{source} imports {module}"
        for (source, module), _files in EDGES.items()
        if module.split(".")[1] != "core" and ".views" in module
    )
    assert not found, found
