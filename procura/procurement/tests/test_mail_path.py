"""Procurement sends mail one way: through the notifications domain (templates, delivery log,
retries, the outbox), never with Django's mail functions; its services never import its tasks
(the tasks call the services, one way)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def _production_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    ]


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_procurement_module_sends_mail_itself() -> None:
    found = sorted(
        str(path.relative_to(PACKAGE))
        for path in _production_modules()
        if any(name.startswith("django.core.mail") for name in _imported(path))
    )
    assert not found, found


def test_procurement_services_do_not_import_its_tasks() -> None:
    found = sorted(
        str(path.relative_to(PACKAGE))
        for path in _production_modules()
        if path.name != "tasks.py"
        and any(name.startswith("procura.procurement.tasks") for name in _imported(path))
    )
    assert not found, found
