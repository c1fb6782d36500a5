"""The API side of the permission matrix: one DRF permission class for every resource.

A view names its resource (``permission_resource = "sales_order"``); the view action (or, on a
plain APIView, the HTTP method) gives the verb. ``permission_actions`` overrides the verb for
an action. An unsafe request whose action is not in the matrix is refused (fail closed); a test
walks every route to make sure each one resolves to a matrix action.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from procura.accounts.permission_matrix import MATRIX, user_can

DEFAULT_VERBS = {
    "list": "view",
    "retrieve": "view",
    "get": "view",
    "head": "view",
    "options": "view",
    "metadata": "view",
    "create": "create",
    "post": "create",
    "update": "update",
    "partial_update": "update",
    "put": "update",
    "patch": "update",
    "destroy": "delete",
    "delete": "delete",
    "import_csv": "import",
}
HISTORY_ACTION = "history.view"


def matrix_action(view: Any, request: Request) -> str | None:
    """The matrix action a request to ``view`` performs, or None when the view has no
    resource. Unknown unsafe actions come back as they are (and are refused)."""
    resource = getattr(view, "permission_resource", None)
    if not resource:
        return None
    name = getattr(view, "action", None) or (request.method or "get").lower()
    explicit = getattr(view, "permission_actions", {}).get(name)
    if explicit:
        return explicit if "." in explicit else f"{resource}.{explicit}"
    if name == "history":
        return HISTORY_ACTION
    key = f"{resource}.{DEFAULT_VERBS.get(name, name)}"
    if key not in MATRIX and request.method in SAFE_METHODS:
        return f"{resource}.view"
    return key


def _no_handler(view: Any, request: Request) -> bool:
    method = (request.method or "").lower()
    if getattr(view, "action_map", None) is not None:
        return method not in view.action_map and method != "options"
    return not hasattr(view, method)


class MatrixPermission(BasePermission):
    """Lets a request through when a role of the user holds its matrix action. The object
    rule is the queryset's business (selectors scope what a role sees)."""

    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if _no_handler(view, request):
            return True  # let the view answer 405 Method Not Allowed
        action = matrix_action(view, request)
        if action is None or action not in MATRIX:
            return False
        if action == HISTORY_ACTION and not user_can(user, f"{view.permission_resource}.view"):
            return False
        return user_can(user, action)
