"""Races on PostgreSQL with real threads: the row lock decides, the loser gets a conflict."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from procura.audit.models import AuditChainHead
from procura.catalog.tests.factories import make_product
from procura.core.errors import DomainError
from procura.core.testing import run_concurrently
from procura.procurement.models import ApprovalHistoryAction, PurchaseRequestStatus
from procura.procurement.services.approvals import purchase_request_approve
from procura.procurement.services.delegations import delegation_create
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import (
    make_order,
    make_org,
    make_person,
    order_line,
    submitted_request,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
    # serialized_rollback puts back the rows migrations created (roles, audit chain head) after
    # the flush that ends a transactional test.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _audit_head() -> None:
    AuditChainHead.objects.get_or_create(id=1)


def test_two_approvers_at_the_same_moment_one_wins_the_other_gets_409():
    org = make_org()
    deputy = make_person("approver", spending_limit=Decimal("10000"))
    today = timezone.localdate()
    delegation_create(by=org.manager, delegate=deputy, starts_on=today, ends_on=today)
    request = submitted_request(org.requester, total="800.00")

    results = run_concurrently(
        [
            lambda: purchase_request_approve(request=request, by=org.manager),
            lambda: purchase_request_approve(request=request, by=deputy),
        ]
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], DomainError)
    assert errors[0].status_code == 409
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED
    assert request.approval_history.filter(action=ApprovalHistoryAction.APPROVED).count() == 1


def test_two_receipts_at_the_same_moment_cannot_together_exceed_the_tolerance():
    buyer = make_person("procurement")
    order = make_order(buyer, lines=[order_line(make_product(), "100", "2")])
    line = order.lines.get()

    def receive():
        return goods_receipt_post(
            order=order, by=buyer, lines=[{"order_line": line, "quantity_received": Decimal("60")}]
        )

    results = run_concurrently([receive, receive])

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1, results
    assert getattr(errors[0], "code", None) == "over_receipt"
    line.refresh_from_db()
    assert line.quantity_received == Decimal("60")
