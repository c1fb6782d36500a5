"""Where the permission matrix is published: the table in ``docs/permissions.md`` and the 403
each operation of the OpenAPI schema documents. Both are generated from ``MATRIX``."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.conf import settings

from procura.accounts.permission_matrix import (
    ADMIN,
    DUTY_GROUPS,
    MATRIX,
    matrix_rows,
    roles_for,
)
from procura.accounts.permissions import MatrixPermission, matrix_action
from procura.accounts.roles import ALL_ROLES, Role

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "permissions.md"
SCOPE_MARKS = {
    "all": "all",
    "own": "own",
    "department": "dept",
    "assigned": "assigned",
    "own_customer": "own customer",
}


def permissions_markdown() -> str:
    """The whole matrix as a Markdown page, one row per action, one column per role."""
    labels = dict(Role.choices)
    lines = [
        "# Who may do what",
        "",
        "Generated from `procura/accounts/permission_matrix.py` by "
        "`manage.py permissions_doc`; a test fails when this page is out of date.",
        "",
        "Each cell gives the object rule that limits the action for the role: **all** objects, "
        "the user's **own**, their **dept** (department), those **assigned** to them for a "
        "decision, or those of their **own customer** (portal). An empty cell: the role may not.",
        "Administrators hold every action; the separation-of-duties groups below bind them too.",
        "Auditors only read.",
        "",
        "| Action | " + " | ".join(labels[role] for role in ALL_ROLES) + " |",
        "|---|" + "---|" * len(ALL_ROLES),
    ]
    for row in matrix_rows():
        cells = [SCOPE_MARKS.get(row["grants"].get(role, ""), "") for role in ALL_ROLES]
        action = f"`{row['action']}`" + (
            f" ({row['duty_group']} duty)" if row["duty_group"] else ""
        )
        lines.append(f"| {action} | " + " | ".join(cells) + " |")
    lines += ["", "## Separation of duties", ""]
    lines += [
        "On one object one person performs at most one of these actions, whatever their roles:",
        "",
    ]
    for name, group in sorted(DUTY_GROUPS.items()):
        lines.append(f"- **{name}**: " + ", ".join(f"`{action}`" for action in group))
    return "\n".join(lines) + "\n"


def _view_for(callback: Any, method: str) -> Any:
    view_class = getattr(callback, "cls", None)
    if view_class is None:
        return None
    view = view_class()
    view.action_map = getattr(callback, "actions", None)
    view.action = (view.action_map or {}).get(method.lower())
    return view


def _uses_matrix(view: Any) -> bool:
    return any(
        isinstance(permission, type) and issubclass(permission, MatrixPermission)
        for permission in getattr(view, "permission_classes", ())
    )


def document_permissions(
    result: dict[str, Any], generator: Any, request: Any, public: Any
) -> dict[str, Any]:
    """drf-spectacular post-processing hook: each operation guarded by the matrix names its
    action (``x-permission``) and its 403 says which roles hold it."""
    paths = result.get("paths", {})
    for path, _regex, method, callback in getattr(generator, "endpoints", None) or ():
        # the schema names the primary key {id} where the route says {pk}
        item = paths.get(path) or paths.get(path.replace("{pk}", "{id}"), {})
        operation = item.get(method.lower())
        view = _view_for(callback, method)
        if operation is None or view is None or not _uses_matrix(view):
            continue
        action = matrix_action(view, SimpleNamespace(method=method.upper()))  # type: ignore[arg-type]
        if action not in MATRIX:
            continue
        roles = sorted(roles_for(action))
        operation["x-permission"] = {
            "action": action,
            "roles": roles,
            "scopes": {
                ADMIN: "all",
                **{role: scope.value for role, scope in MATRIX[action].items()},
            },
        }
        forbidden = operation.setdefault("responses", {}).setdefault("403", {})
        forbidden["description"] = (
            f"Permission denied: `{action}` is held by " + ", ".join(roles) + " only "
            "(and each within its object rule)."
        )
    return result
