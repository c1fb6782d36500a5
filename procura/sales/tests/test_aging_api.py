"""The receivables aging speaks in cents, whatever the database sums with."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from procura.currency.models import ExchangeRate
from procura.sales.models import CustomerInvoice
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.portal import customer_portal_link
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import make_order

pytestmark = pytest.mark.django_db
CENTS = re.compile(r"^-?\d+\.\d{2}$")


def _invoice_on_march_first(world, quantity):
    order = make_order(
        customer=world.customer,
        location=world.location,
        lines=[(world.product, quantity)],
        order_date=date(2026, 3, 1),
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None, ship_date=date(2026, 3, 1))
    customer_invoice_create(order=order, by=None, issue_date=date(2026, 3, 1))


def test_every_aging_amount_has_exactly_two_decimals(world, client_as):
    for quantity in ("1.333", "2.5"):
        _invoice_on_march_first(world, quantity)

    body = client_as("finance").get("/api/v1/receivables/aging/?as_of=2026-06-30").json()

    (row,) = body["rows"]
    amounts = {k: v for k, v in row.items() if k not in {"customer", "customer_code"}}
    amounts.pop("customer_name")
    amounts.pop("currency")
    amounts.pop("rate")  # an exchange rate, to 8 places
    amounts.pop("rate_date")
    assert amounts, row
    for key, value in amounts.items():
        assert CENTS.match(value), (key, value)
    assert row["current"] == "0.00"


def test_aging_totals_every_bucket_in_the_company_currency_at_the_rate_of_the_day(
    world, client_as, settings
):
    settings.COMPANY_CURRENCY = "USD"
    for quantity in ("2", "4"):
        _invoice_on_march_first(world, quantity)
    invoices = list(CustomerInvoice.objects.order_by("id"))
    CustomerInvoice.objects.filter(pk=invoices[1].pk).update(currency="EUR")
    ExchangeRate.objects.create(
        base="EUR", currency="USD", rate_date=date(2026, 6, 29), rate="1.25"
    )
    ExchangeRate.objects.create(  # a later rate is not the rate of the day
        base="EUR", currency="USD", rate_date=date(2026, 7, 2), rate="9"
    )
    client = client_as("finance")

    body = client.get("/api/v1/receivables/aging/?as_of=2026-06-30").json()

    rows = {row["currency"]: row for row in body["rows"]}
    assert rows["EUR"]["rate"] == "1.25000000"
    assert rows["EUR"]["rate_date"] == "2026-06-29"
    eur_total = Decimal(rows["EUR"]["total"])
    assert Decimal(rows["EUR"]["total_company"]) == (eur_total * Decimal("1.25")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert rows["USD"]["rate"] == "1.00000000"
    usd_total = Decimal(rows["USD"]["total"])
    company = body["company"]
    assert company["currency"] == "USD"
    assert company["missing"] == []
    assert Decimal(company["totals"]["total"]) == usd_total + Decimal(rows["EUR"]["total_company"])
    buckets = [Decimal(v) for k, v in company["totals"].items() if k != "total"]
    assert len(buckets) == 5
    assert sum(buckets) == Decimal(company["totals"]["total"])

    early = client.get("/api/v1/receivables/aging/?as_of=2026-06-01").json()

    eur = next(row for row in early["rows"] if row["currency"] == "EUR")
    assert eur["rate"] is None
    assert eur["total_company"] is None
    assert early["company"]["missing"] == ["EUR"]  # left out, never added at a wrong rate
    assert Decimal(early["company"]["totals"]["total"]) == usd_total


def test_portal_customer_reads_their_own_aging_in_their_own_currency_only(
    world, client_as, settings
):
    settings.COMPANY_CURRENCY = "USD"
    for quantity in ("2", "4"):
        _invoice_on_march_first(world, quantity)
    second = CustomerInvoice.objects.order_by("id").last()
    assert second is not None
    CustomerInvoice.objects.filter(pk=second.pk).update(currency="EUR")
    ExchangeRate.objects.create(
        base="EUR", currency="USD", rate_date=date(2026, 6, 29), rate="1.25"
    )
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    staff = client_as("finance").get("/api/v1/receivables/aging/?as_of=2026-06-30").json()

    body = portal.get("/api/v1/receivables/aging/?as_of=2026-06-30").json()

    assert set(body) == {"as_of", "rows"}  # no totals in our company currency
    rows = {row["currency"]: row for row in body["rows"]}
    assert set(rows) == {"USD", "EUR"}
    for row in rows.values():
        assert not {"rate", "rate_date", "total_company"} & set(row), row
    staff_rows = {row["currency"]: row for row in staff["rows"]}
    for currency, row in rows.items():  # the same figures staff see, in the invoice's currency
        assert row["total"] == staff_rows[currency]["total"]
        assert row["over_90"] == staff_rows[currency]["over_90"]
    assert "company" in staff
    assert staff_rows["EUR"]["rate"] == "1.25000000"


def test_portal_customer_downloads_their_aging_without_our_rates(world, client_as):
    _invoice_on_march_first(world, "2")
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    url = "/api/v1/receivables/aging/export/?as_of=2026-06-30"

    download = portal.get(url)
    asked_for_rate = portal.get(f"{url}&columns=total,rate")

    header = b"".join(download.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert "rate" not in header.lower()
    assert "company" not in header.lower()
    assert "total" in header.lower()
    assert asked_for_rate.status_code == 400
    assert asked_for_rate["Content-Type"].startswith("application/problem+json")
    assert asked_for_rate.json()["code"] == "unknown_column"
