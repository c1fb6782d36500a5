"""Two requests taking the last of a budget at the same moment on PostgreSQL: the budget row
lock makes the second wait for the first and then see it, so one of them stops."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from procura.audit.models import AuditChainHead
from procura.core.errors import DomainError
from procura.core.testing import run_concurrently
from procura.procurement.models import OverBudgetAction, PurchaseRequestStatus
from procura.procurement.selectors.budgets import budget_figures
from procura.procurement.services.budgets import budget_create
from procura.procurement.services.requests import purchase_request_submit
from procura.procurement.tests.factories import make_org, make_person, make_request

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _audit_head() -> None:
    AuditChainHead.objects.get_or_create(id=1)


def test_two_requests_for_the_last_of_a_budget_at_once_one_stops():
    org = make_org()
    colleague = make_person(
        "requester",
        department=org.department,
        manager=org.manager,
        spending_limit=Decimal("50000"),
    )
    budget = budget_create(
        by=org.finance,
        name="Beef",
        period="month",
        starts_on=timezone.localdate().replace(day=1),
        amount=Decimal("1000.00"),
        department=org.department,
        on_exceed=OverBudgetAction.STOP,
    )
    first = make_request(org.requester, total="600.00")
    second = make_request(colleague, total="600.00")

    results = run_concurrently(
        [
            lambda: purchase_request_submit(request=first, by=org.requester),
            lambda: purchase_request_submit(request=second, by=colleague),
        ]
    )

    refused = [result for result in results if isinstance(result, Exception)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], DomainError)
    assert refused[0].code == "over_budget"
    first.refresh_from_db()
    second.refresh_from_db()
    assert sorted([first.status, second.status]) == sorted(
        [PurchaseRequestStatus.DRAFT, PurchaseRequestStatus.PENDING_APPROVAL]
    )
    assert budget_figures([budget])[budget.pk].pending == Decimal("600.00")
