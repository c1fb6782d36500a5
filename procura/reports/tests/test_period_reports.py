"""GET /api/v1/reports/spend/ and /reports/sales-by-customer/: the figures behind the charts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from procura.accounts.tests.factories import DepartmentFactory
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.procurement.models import PurchaseOrder, PurchaseRequestItem
from procura.procurement.tests.factories import (
    make_order,
    make_person,
    make_request,
    make_supplier_with_contact,
    order_line,
)
from procura.reports.selectors import month_range
from procura.sales.models import CustomerInvoice
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)
from procura.sales.tests.factories import make_order as make_sales_order

pytestmark = pytest.mark.django_db
SPEND = "/api/v1/reports/spend/"
SALES = "/api/v1/reports/sales-by-customer/"


def _at(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12, 0))


def _issued(order: PurchaseOrder, when: datetime) -> None:
    PurchaseOrder.objects.filter(pk=order.pk).update(issued_at=when)


def test_month_range_is_the_last_n_calendar_months_this_one_included() -> None:
    assert month_range(months=12, until=date(2026, 3, 15)) == (date(2025, 4, 1), date(2026, 4, 1))
    assert month_range(months=1, until=date(2026, 12, 31)) == (date(2026, 12, 1), date(2027, 1, 1))


def test_spend_by_month_has_a_bar_for_every_month_even_without_spend(client_as):
    buyer = make_person("procurement")
    _issued(make_order(buyer, lines=[order_line(None, "2", "100.00")]), _at(2026, 1, 10))
    _issued(make_order(buyer, lines=[order_line(None, "1", "50.25")]), _at(2026, 3, 2))
    _issued(make_order(buyer, lines=[order_line(None, "1", "7.00")]), _at(2025, 3, 31))  # too old

    response = client_as("finance").get(SPEND, {"months": 3, "until": "2026-03"})

    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"], body["by"]) == ("2026-01-01", "2026-04-01", "month")
    assert [(r["key"], r["total"], r["orders"]) for r in body["rows"]] == [
        ("2026-01", "200.00", 1),
        ("2026-02", "0.00", 0),
        ("2026-03", "50.25", 1),
    ]
    assert body["rows"][0]["name"] == "Jan 2026"


def test_spend_by_supplier_category_and_department(client_as):
    buyer = make_person("procurement")
    acme, zen = (
        make_supplier_with_contact(name="Acme Packers"),
        make_supplier_with_contact(name="Zen Meats"),
    )
    beef = make_category("Beef")
    department = DepartmentFactory(code="DELI", name="Deli")
    request = make_request(make_person("requester", department=department), total="30.00")
    item = PurchaseRequestItem.objects.get(request=request)
    now = timezone.now()
    _issued(
        make_order(
            buyer, supplier=acme, lines=[order_line(make_product(category=beef), "1", "300.00")]
        ),
        now,
    )
    _issued(
        make_order(buyer, supplier=zen, lines=[order_line(None, "1", "30.00", request_item=item)]),
        now,
    )
    _issued(
        make_order(buyer, supplier=zen, lines=[order_line(None, "1", "5.00")]),
        now - timedelta(days=800),
    )
    client = client_as("approver")

    def rows(by: str) -> list[tuple[str, str]]:
        return [(r["name"], r["total"]) for r in client.get(SPEND, {"by": by}).json()["rows"]]

    assert rows("supplier") == [("Acme Packers", "300.00"), ("Zen Meats", "30.00")]
    assert rows("category") == [("Beef", "300.00"), ("Not in the catalog", "30.00")]
    assert rows("department") == [("No department (direct orders)", "300.00"), ("Deli", "30.00")]


def test_spend_refuses_a_bad_period_or_grouping_and_is_not_for_everyone(client_as):
    client = client_as("finance")
    assert client.get(SPEND, {"by": "weekday"}).status_code == 400
    bad = client.get(SPEND, {"months": 99, "until": "2026-13"})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"months", "until"}
    assert client_as("requester").get(SPEND).status_code == 403
    assert client_as("warehouse").get(SALES).status_code == 403


def test_sales_by_customer_sums_net_invoiced_sales_and_exports_what_is_shown(client_as):
    location = make_location()
    tax_category = make_tax_category()
    make_tax_rate(tax_category, "US-TX", "8.25")
    product = make_stocked_product(location, tax_category=tax_category)
    big, small = make_sales_customer(name="Big Grocer"), make_sales_customer(name="Corner Deli")
    today = timezone.localdate()
    for customer, subtotal, discount, issued in (
        (big, "1000.00", "100.00", today),
        (big, "500.00", "0.00", today),
        (small, "80.00", "0.00", today),
        (small, "999.00", "0.00", today - timedelta(days=800)),
    ):
        order = make_sales_order(customer=customer, location=location, lines=[(product, "1")])
        CustomerInvoice.objects.create(
            number=f"INV-{order.pk}",
            customer=customer,
            order=order,
            currency="USD",
            issue_date=issued,
            due_date=issued + timedelta(days=30),
            subtotal=Decimal(subtotal),
            discount_amount=Decimal(discount),
            total=Decimal(subtotal) - Decimal(discount),
        )
    client = client_as("sales")

    body = client.get(SALES).json()
    assert [(r["name"], r["total"], r["orders"]) for r in body["rows"]] == [
        ("Big Grocer", "1400.00", 2),
        ("Corner Deli", "80.00", 1),
    ]
    export = client.get(f"{SALES}export/", {"format": "csv"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert len(lines) == 3
    assert "Big Grocer" in lines[1]
    assert "1400.00" in lines[1]


def test_spend_totals_in_the_company_currency_at_each_orders_own_rate(client_as, settings):
    settings.COMPANY_CURRENCY = "USD"
    buyer = make_person("procurement")
    for when, currency, rate, price in (
        (_at(2026, 3, 2), "USD", Decimal(1), "100.00"),
        (_at(2026, 3, 3), "EUR", Decimal("1.2"), "50.00"),
        (_at(2026, 2, 2), "EUR", None, "10.00"),  # no rate was known when it was issued
    ):
        order = make_order(buyer, lines=[order_line(None, "2", price)])
        PurchaseOrder.objects.filter(pk=order.pk).update(
            issued_at=when, currency=currency, exchange_rate=rate
        )

    body = client_as("finance").get(SPEND, {"months": 2, "until": "2026-03"}).json()

    rows = {(r["key"], r["currency"]): r["total_company"] for r in body["rows"]}
    assert body["company_currency"] == "USD"
    assert rows[("2026-03", "USD")] == "200.00"
    assert rows[("2026-03", "EUR")] == "120.00"
    assert rows[("2026-02", "EUR")] is None  # never converted at a guessed rate
    assert rows[("2026-02", "USD")] == "0.00"
