"""The permission matrix is published, not copied: docs/permissions.md and the 403s of the
OpenAPI schema are generated from it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from procura.accounts.permission_docs import DOC_PATH, permissions_markdown
from procura.accounts.permission_matrix import MATRIX, roles_for
from procura.core.tests.openapi import openapi_schema

SCHEMA = openapi_schema()


def test_the_permissions_page_is_current():
    """Run ``manage.py permissions_doc`` after changing the matrix."""
    assert DOC_PATH.read_text() == permissions_markdown()
    call_command("permissions_doc", "--check")


def test_the_permissions_page_has_a_row_for_every_action():
    page = DOC_PATH.read_text()
    assert all(f"| `{action}`" in page for action in MATRIX)


@pytest.mark.parametrize(
    ("path", "method", "action"),
    [
        ("/api/v1/sales-orders/{id}/confirm/", "post", "sales_order.confirm"),
        ("/api/v1/audit/events/", "get", "audit_event.view"),
        ("/api/v1/customers/{id}/", "patch", "customer.update"),
        ("/api/v1/purchase-requests/{id}/approve/", "post", "purchase_request.approve"),
    ],
)
def test_the_schema_documents_who_may_call_each_operation(path, method, action):
    operation = SCHEMA["paths"][path][method]
    roles = sorted(roles_for(action))

    assert operation["x-permission"]["action"] == action
    assert operation["x-permission"]["roles"] == roles
    assert (
        f"`{action}` is held by {', '.join(roles)} only"
        in operation["responses"]["403"]["description"]
    )


def test_every_operation_under_the_matrix_documents_its_action():
    documented = {
        (path, method)
        for path, item in SCHEMA["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "x-permission" in operation
    }
    # Most of the API is guarded by the matrix; the few that are not (sign-in, the person's own
    # inbox and tasks, public health) are few and deliberate.
    operations = sum(
        1
        for item in SCHEMA["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "responses" in operation
    )
    assert len(documented) > 0.8 * operations
    for path, method in documented:
        action = SCHEMA["paths"][path][method]["x-permission"]["action"]
        assert action in MATRIX, (path, method, action)
