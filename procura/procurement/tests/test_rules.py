"""Which approval rule covers a request."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.catalog.tests.factories import make_category, make_product
from procura.core.errors import InvalidInput
from procura.procurement.models import ApproverKind
from procura.procurement.services.approval_routing import rule_for_request
from procura.procurement.services.approval_rules import approval_rule_create, approval_rule_update
from procura.procurement.services.requests import purchase_request_create
from procura.procurement.tests.factories import item, make_org, make_request

pytestmark = pytest.mark.django_db


def rule(org, name, **fields):
    fields.setdefault("currency", "USD")
    fields.setdefault("amount_over", Decimal(0))
    return approval_rule_create(
        by=org.admin, name=name, steps=[{"kind": ApproverKind.MANAGER}], **fields
    )


def rule_name(request) -> str:
    found = rule_for_request(request)
    assert found is not None
    return found.name


def test_amount_ranges_pick_the_default_rules():
    org = make_org()
    assert rule_name(make_request(org.requester, total="1000.00")).startswith("Up to 1,000")
    assert rule_name(make_request(org.requester, total="1000.01")).startswith("Up to 10,000")
    assert rule_name(make_request(org.requester, total="10000.01")).startswith("Above")


def test_the_most_specific_rule_wins():
    org = make_org()
    meat = make_category("Meat")
    beef = make_category("Beef", parent=meat)
    department_rule = rule(org, "Ops department", department=org.department)
    category_rule = rule(org, "Meat", category=meat)
    both = rule(org, "Ops meat", department=org.department, category=meat)

    plain = make_request(org.requester)
    assert rule_for_request(plain) == department_rule

    steak = purchase_request_create(
        by=org.requester,
        title="Steaks",
        currency="USD",
        items=[item(product=make_product(category=beef), unit="lb")],
    )
    assert rule_for_request(steak) == both

    approval_rule_update(rule=both, by=org.admin, is_active=False)
    assert rule_for_request(steak) == department_rule
    approval_rule_update(rule=department_rule, by=org.admin, is_active=False)
    assert rule_for_request(steak) == category_rule


def test_rule_validation():
    org = make_org()
    with pytest.raises(InvalidInput):
        approval_rule_create(by=org.admin, name="x", currency="USD", steps=[])
    with pytest.raises(InvalidInput):
        rule(org, "bad range", amount_over=Decimal(500), amount_up_to=Decimal(100))
    with pytest.raises(InvalidInput) as exc:
        approval_rule_create(by=org.admin, name="x", currency="USD", steps=[{"kind": "user"}])
    assert exc.value.errors == {"steps.0.user": ["A named-user step needs a user."]}
