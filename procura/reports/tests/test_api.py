from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.accounts.models import Department
from procura.accounts.tests.factories import DepartmentFactory
from procura.procurement.models import PurchaseOrder, PurchaseRequestItem
from procura.procurement.tests.factories import (
    make_order,
    make_person,
    make_request,
    order_line,
)

URL = "/api/v1/reports/spend-by-department/"

pytestmark = pytest.mark.django_db


def _department(**fields: Any) -> Department:
    return cast(Department, DepartmentFactory(**fields))


def _at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, 0))


def _issued_order(
    *, issued_at: datetime, department: Department | None, price: str
) -> PurchaseOrder:
    """An issued order of one line (quantity 1 at ``price``), raised from a request of
    ``department`` (a direct order when None), issued at ``issued_at``."""
    buyer = make_person("procurement")
    request_item = None
    if department is not None:
        requester = make_person("requester", department=department)
        request = make_request(requester, total=price, department=department)
        request_item = PurchaseRequestItem.objects.get(request=request)
    order = make_order(buyer, lines=[order_line(None, "1", price, request_item=request_item)])
    PurchaseOrder.objects.filter(pk=order.pk).update(issued_at=issued_at)
    return order


def _rows(response: Any) -> list[tuple[str | None, str, str, int]]:
    return [
        (
            row["department"]["code"] if row["department"] else None,
            row["currency"],
            row["total"],
            row["orders"],
        )
        for row in response.json()["rows"]
    ]


def test_spend_is_totalled_per_department_and_direct_orders_are_unassigned(
    client_as: Callable[..., Any],
) -> None:
    # given two departments with orders issued in November and a direct order
    meat = _department(code="MEAT")
    logistics = _department(code="LOG")
    _issued_order(issued_at=_at(2026, 11, 3), department=meat, price="1000.00")
    _issued_order(issued_at=_at(2026, 11, 20), department=meat, price="250.50")
    _issued_order(issued_at=_at(2026, 11, 5), department=logistics, price="400.00")
    _issued_order(issued_at=_at(2026, 11, 6), department=None, price="75.25")

    # when finance asks for November
    response = client_as("finance").get(URL, {"month": "2026-11"})

    # then each department has its own total and order count
    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2026-11"
    assert sorted(_rows(response), key=lambda r: r[2]) == sorted(
        [
            ("MEAT", "USD", "1250.50", 2),
            ("LOG", "USD", "400.00", 1),
            (None, "USD", "75.25", 1),
        ],
        key=lambda r: r[2],
    )
    meat_row = next(
        r for r in body["rows"] if r["department"] and r["department"]["code"] == "MEAT"
    )
    assert meat_row["department"] == {"id": meat.pk, "code": "MEAT", "name": meat.name}


def test_only_orders_issued_within_the_month_count(client_as: Callable[..., Any]) -> None:
    # given orders issued just before, inside and just after November (local time)
    meat = _department(code="MEAT")
    _issued_order(issued_at=_at(2026, 10, 31, 23), department=meat, price="1.00")
    _issued_order(issued_at=_at(2026, 11, 1, 0), department=meat, price="10.00")
    _issued_order(issued_at=_at(2026, 11, 30, 23), department=meat, price="100.00")
    _issued_order(issued_at=_at(2026, 12, 1, 0), department=meat, price="1000.00")

    # when
    november = client_as("auditor").get(URL, {"month": "2026-11"})
    december = client_as("auditor").get(URL, {"month": "2026-12"})

    # then
    assert _rows(november) == [("MEAT", "USD", "110.00", 2)]
    assert _rows(december) == [("MEAT", "USD", "1000.00", 1)]


def test_the_current_month_is_the_default(client_as: Callable[..., Any]) -> None:
    response = client_as("approver").get(URL)

    assert response.status_code == 200
    assert response.json() == {"month": timezone.localdate().strftime("%Y-%m"), "rows": []}


@pytest.mark.parametrize("role", ["requester", "warehouse", "sales"])
def test_other_roles_are_refused(client_as: Callable[..., Any], role: str) -> None:
    response = client_as(role).get(URL)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "november", "2026-11-01"])
def test_a_bad_month_is_a_400_problem(client_as: Callable[..., Any], month: str) -> None:
    response = client_as("procurement").get(URL, {"month": month})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "month" in response.json()["errors"]


def test_query_count_does_not_grow_with_orders(client_as: Callable[..., Any]) -> None:
    client = client_as("finance")
    departments = [_department() for _ in range(3)]

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"month": "2026-11"}).status_code == 200
        return len(ctx.captured_queries)

    _issued_order(issued_at=_at(2026, 11, 2), department=departments[0], price="5.00")
    count_queries()  # warm the per-user role cache
    few = count_queries()
    for i in range(6):
        _issued_order(issued_at=_at(2026, 11, 3), department=departments[i % 3], price="5.00")
    _issued_order(issued_at=_at(2026, 11, 3), department=None, price="5.00")
    many = count_queries()

    assert many == few
    assert Decimal(
        sum(Decimal(r[2]) for r in _rows(client.get(URL, {"month": "2026-11"})))
    ) == Decimal("40.00")
