"""The permission matrix: every route resolves to one of its actions, /auth/me/ serves it, and
the API refuses what it refuses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient, APIRequestFactory

from procura.accounts.permission_matrix import (
    MATRIX,
    DenyReason,
    Scope,
    actions_for,
    duty_conflict,
    role_allows,
    roles_for,
)
from procura.accounts.permissions import MatrixPermission, matrix_action
from procura.accounts.roles import ALL_ROLES, Role

ME_URL = "/api/v1/auth/me/"
MATRIX_URL = "/api/v1/auth/permissions/"


def _routes() -> Iterator[tuple[str, Any]]:
    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, Any]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    yield from walk(get_resolver().url_patterns, "")


def _matrix_operations() -> Iterator[tuple[str, str, str | None]]:
    """(route, method, matrix action) for every operation of a view under the matrix."""
    factory = APIRequestFactory()
    for route, callback in _routes():
        cls = getattr(callback, "cls", None)
        if cls is None or MatrixPermission not in getattr(cls, "permission_classes", ()):
            continue
        actions = getattr(callback, "actions", None)
        methods = (
            list(actions)
            if actions
            else [m for m in cls.http_method_names if hasattr(cls, m) and m != "options"]
        )
        for method in methods:
            if method in cls.http_method_names:
                view = cls()
                view.action = actions[method] if actions else None
                request = getattr(factory, method)("/")
                request.method = method.upper()
                yield route, method, matrix_action(view, request)


def test_every_operation_under_the_matrix_resolves_to_one_of_its_actions() -> None:
    """A new view names its ``permission_resource``; its actions go into
    ``procura.accounts.permission_matrix.MATRIX``."""
    unknown = [
        (route, method, action)
        for route, method, action in _matrix_operations()
        if action not in MATRIX
    ]
    assert unknown == []


def test_every_api_view_with_a_resource_uses_the_matrix() -> None:
    operations = list(_matrix_operations())
    resources = {str(action).split(".")[0] for _, _, action in operations}
    # Sanity: the walk found the domains' views, not nothing.
    assert {"sales_order", "purchase_request", "customer", "stock_movement", "user"} <= resources


def test_auditor_holds_no_write_action() -> None:
    reads = (".view", ".export")
    writes = [a for a in actions_for([Role.AUDITOR]) if not a.endswith(reads)]
    # Verifying the chain writes nothing; revoking a token of one's own only ends access.
    assert writes == ["api_token.revoke", "audit_event.verify"]


def test_admin_holds_every_action_and_roles_for_names_admin() -> None:
    assert actions_for([Role.ADMIN]) == sorted(MATRIX)
    assert all(Role.ADMIN in roles_for(action) for action in MATRIX)


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.CUSTOMER, "sales_order.create", True),
        (Role.CUSTOMER, "sales_order.edit_terms", False),
        (Role.CUSTOMER, "history.view", False),
        (Role.CUSTOMER, "department.view", False),
        (Role.SALES, "customer.set_credit_terms", False),
        (Role.PROCUREMENT, "customer.set_credit_terms", False),
        (Role.FINANCE, "customer.set_credit_terms", True),
        (Role.AUDITOR, "purchase_request.create", False),
        (Role.AUDITOR, "delegation.create", False),
        (Role.AUDITOR, "api_token.create", False),
        (Role.SALES, "purchase_request.approve", False),
        (Role.PROCUREMENT, "purchase_request.approve", False),
        (Role.APPROVER, "purchase_request.approve", True),
    ],
)
def test_matrix_decisions(role: str, action: str, allowed: bool) -> None:
    assert role_allows([role], action) is allowed


def test_duty_groups_name_the_conflicting_duty() -> None:
    performed = {"supplier_invoice.create": [7], "supplier_invoice.approve": [8]}
    assert duty_conflict("supplier_payment.create", performed, 7) == "supplier_invoice.create"
    assert duty_conflict("supplier_payment.create", performed, 9) is None
    assert duty_conflict("supplier_invoice.approve", performed, 8) is None


@pytest.mark.django_db
def test_me_serves_the_roles_actions(client_as: Callable[..., APIClient]) -> None:
    client = client_as(Role.WAREHOUSE)
    body = client.get(ME_URL).json()
    assert body["permissions"] == actions_for([Role.WAREHOUSE])
    assert "stock_movement.receive" in body["permissions"]
    assert "purchase_order.create" not in body["permissions"]


@pytest.mark.django_db
def test_permission_matrix_endpoint_lists_every_action(
    client_as: Callable[..., APIClient],
) -> None:
    body = client_as(Role.REQUESTER).get(MATRIX_URL).json()
    assert body["roles"] == list(ALL_ROLES)
    assert set(body["deny_reasons"]) == {reason.value for reason in DenyReason}
    rows = {row["action"]: row for row in body["actions"]}
    assert set(rows) == set(MATRIX)
    approve = rows["purchase_request.approve"]
    assert approve["grants"] == {
        Role.ADMIN: Scope.ALL,
        Role.APPROVER: Scope.ASSIGNED,
        Role.FINANCE: Scope.ASSIGNED,
    }
    assert approve["duty_group"] == "purchase_request"


@pytest.mark.django_db
def test_portal_customer_reads_only_what_applies_to_them(
    client_as: Callable[..., APIClient],
) -> None:
    body = client_as(Role.CUSTOMER).get(MATRIX_URL).json()

    assert body["roles"] == [Role.CUSTOMER]
    rows = {row["action"]: row for row in body["actions"]}
    assert set(rows) == set(actions_for([Role.CUSTOMER]))
    assert "sales_order.create" in rows
    assert "purchase_request.approve" not in rows  # a staff action is not theirs to see
    for row in rows.values():
        assert set(row["grants"]) == {Role.CUSTOMER}, row
    assert rows["sales_order.create"]["grants"] == {
        Role.CUSTOMER: MATRIX["sales_order.create"][Role.CUSTOMER]
    }
    assert DenyReason.LAST_ADMIN not in body["deny_reasons"]
    assert DenyReason.ROLE in body["deny_reasons"]


@pytest.mark.django_db
def test_staff_with_a_portal_role_too_still_read_the_whole_matrix(
    client_as: Callable[..., APIClient],
) -> None:
    body = client_as(Role.SALES, Role.CUSTOMER).get(MATRIX_URL).json()

    assert body["roles"] == list(ALL_ROLES)
    assert {row["action"] for row in body["actions"]} == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "method", "path", "body"),
    [
        (Role.AUDITOR, "post", "/api/v1/purchase-requests/", {}),
        (Role.AUDITOR, "post", "/api/v1/delegations/", {}),
        (Role.AUDITOR, "post", "/api/v1/auth/tokens/", {"name": "x"}),
        (Role.SALES, "post", "/api/v1/purchase-requests/1/approve/", {"comment": ""}),
        (Role.PROCUREMENT, "post", "/api/v1/purchase-requests/1/reject/", {"comment": "no"}),
        (Role.AUDITOR, "post", "/api/v1/purchase-requests/1/approve/", {"comment": ""}),
        (Role.CUSTOMER, "get", "/api/v1/departments/", None),
    ],
)
def test_api_refuses_what_the_matrix_refuses(
    client_as: Callable[..., APIClient], role: str, method: str, path: str, body: Any
) -> None:
    response = getattr(client_as(role), method)(path, body, format="json")
    assert response.status_code == 403, response.content


def test_every_role_appears_in_the_matrix() -> None:
    granted = {role for grants in MATRIX.values() for role in grants}
    assert granted == set(ALL_ROLES) - {Role.ADMIN}


# Views outside the matrix, each with the reason: sign-in itself (password and single sign-on),
# what every user has of their own (tasks, their notification inbox), domains that may not import accounts (documents, notifications: their own
# visibility rules; webhooks, administrators only), and the supplier's quote form reached by a
# one-time link.
OUTSIDE_THE_MATRIX = {
    "CsrfApi",
    "LoginApi",
    "RefreshApi",
    "LogoutApi",
    "MeApi",
    "PasswordChangeApi",
    "PermissionMatrixApi",
    "SsoProvidersApi",
    "SsoStartApi",
    "SsoCallbackApi",
    "TaskViewSet",
    "DocumentViewSet",
    "NotificationLogViewSet",
    "InboxViewSet",
    "WebhookDeliveryViewSet",
    "WebhookEndpointViewSet",
    "WebhookEventTypesApi",
    "SupplierQuoteApi",
}


def test_every_api_view_is_under_the_matrix_or_listed_with_a_reason() -> None:
    outside = set()
    for route, callback in _routes():
        cls = getattr(callback, "cls", None)
        if cls is None or not route.startswith("api/v1/"):
            continue
        if MatrixPermission not in getattr(cls, "permission_classes", ()):
            outside.add(cls.__name__)
    assert outside <= OUTSIDE_THE_MATRIX, sorted(outside - OUTSIDE_THE_MATRIX)
