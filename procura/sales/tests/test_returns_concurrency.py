"""Customer returns under concurrent writers on PostgreSQL: real threads, own connections."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.conf import settings

from procura.audit.models import AuditChainHead
from procura.core.testing import run_in_threads
from procura.inventory.models import LotStock, StockMovement
from procura.sales.errors import SalesErrorCode
from procura.sales.models import CustomerReturn, CustomerReturnStatus
from procura.sales.services.returns import customer_return_authorise, customer_return_receive
from procura.sales.tests.test_returns import sell_catch_weight

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def audit_head() -> None:
    AuditChainHead.objects.get_or_create(id=1)


def test_concurrent_authorisations_never_return_more_than_was_shipped(audit_head, make_user):
    # given two cases of lot A shipped
    sold = sell_catch_weight()
    clerk = make_user("sales")
    line = sold.invoice.lines.get()

    # when eight clerks each authorise one case of lot A at once
    def authorise(_: int) -> CustomerReturn:
        return customer_return_authorise(
            invoice=sold.invoice,
            reason="damaged",
            by=clerk,
            lines=[{"invoice_line": line, "lot": sold.lot_a, "quantity": D(1)}],
        )

    results = run_in_threads(8, authorise)

    # then two succeed and six are refused as beyond what was shipped
    failures = [r for r in results if isinstance(r, Exception)]
    assert {getattr(r, "code", repr(r)) for r in failures} == {
        SalesErrorCode.RETURN_EXCEEDS_SHIPPED
    }
    assert len(failures) == 6
    assert CustomerReturn.objects.count() == 2


def test_one_return_received_twice_at_once_moves_stock_once(audit_head, make_user):
    sold = sell_catch_weight()
    clerk = make_user("warehouse")
    rma = customer_return_authorise(
        invoice=sold.invoice,
        reason="damaged",
        by=clerk,
        lines=[{"invoice_line": sold.invoice.lines.get(), "lot": sold.lot_a, "quantity": D(2)}],
    )
    line = rma.lines.get()
    before = LotStock.objects.get(lot=sold.lot_a, location=sold.location).on_hand

    def receive(_: int) -> CustomerReturn:
        return customer_return_receive(
            customer_return=rma,
            by=clerk,
            lines=[{"line": line, "quantity": D(2), "weight": D("121")}],
        )

    results = run_in_threads(4, receive)

    failures = [r for r in results if isinstance(r, Exception)]
    assert {getattr(r, "code", repr(r)) for r in failures} == {
        SalesErrorCode.RETURN_ILLEGAL_TRANSITION
    }
    assert len(failures) == 3
    assert LotStock.objects.get(lot=sold.lot_a, location=sold.location).on_hand == before + 2
    assert StockMovement.objects.filter(source_type="sales.customerreturn").count() == 1
    assert CustomerReturn.objects.get(pk=rma.pk).status == CustomerReturnStatus.RECEIVED
