"""API quality gate: every operation in the OpenAPI schema, called with generated input as an
admin, as finance and as a portal customer, never answers 5xx and answers only with documented
status codes and bodies that match the schema (a refusal is a documented 403 or 404).

The operations come from the schema itself, so each new endpoint is covered as soon as it is
routed. Each operation is one test (its writes are rolled back afterwards); examples a test are
few and derandomised so the run is repeatable and stays within a few minutes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from procura.accounts.authentication import API_TOKEN_PREFIX, token_digest
from procura.accounts.models import ApiToken
from procura.core.tests import hypothesis_compat
from procura.core.tests.openapi import openapi_schema
from procura.partners.tests.factories import make_customer
from procura.sales.services.portal import customer_portal_link
from procura.wsgi import application

hypothesis_compat.install()

MAX_EXAMPLES = 15
# The other roles mostly meet refusals and narrower querysets: a few examples an operation
# find their 5xx and undocumented answers without doubling the run.
ROLE_EXAMPLES = 3
CHECKS = (not_a_server_error, status_code_conformance, response_schema_conformance)


schema = schemathesis.from_dict(openapi_schema(), app=application)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes database connections at the
    start and end of each request; that would end the test's transaction (PostgreSQL). Django's
    own test client detaches the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def bearer_for(user: Any) -> str:
    """An ``Authorization`` value for a personal API token of ``user``."""
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name="schema tests", prefix=raw[:12], digest=token_digest(raw)
    )
    return f"Bearer {raw}"


@pytest.fixture
def admin_bearer(make_user) -> str:
    return bearer_for(make_user("admin", is_staff=True, is_superuser=True))


@pytest.fixture
def finance_bearer(make_user) -> str:
    return bearer_for(make_user("finance"))


@pytest.fixture
def customer_bearer(make_user) -> str:
    """A portal user acting for one customer."""
    user = make_user("customer")
    customer_portal_link(user=user, customer=make_customer(), by=None)
    return bearer_for(user)


ROLE_SETTINGS = settings(
    max_examples=ROLE_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, admin_bearer, keep_test_connection):
    response = case.call_wsgi(headers={"Authorization": admin_bearer})

    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@ROLE_SETTINGS
def test_api_conforms_to_its_schema_as_finance(case, finance_bearer, keep_test_connection):
    response = case.call_wsgi(headers={"Authorization": finance_bearer})

    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@ROLE_SETTINGS
def test_api_conforms_to_its_schema_as_a_portal_customer(
    case, customer_bearer, keep_test_connection
):
    response = case.call_wsgi(headers={"Authorization": customer_bearer})

    case.validate_response(response, checks=CHECKS)
