"""Customer returns (RMA) through the API: authorised against an invoice, received by lot into
stock or written off on the ledger (cases and actual weight), credited through a credit note
that moves the balance and aging; bad input refused with nothing changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_product, make_tax_category
from procura.inventory.models import Location, Lot, LotStock, StockLevel, StockMovement
from procura.inventory.services import lot_register, stock_receive
from procura.sales.models import CustomerInvoice, CustomerReturn, SalesOrder
from procura.sales.receivables import receivables_aging
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.orders import sales_order_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import make_location, make_sales_customer, make_tax_rate

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RETURNS = "/api/v1/customer-returns/"


@dataclass
class Sold:
    product: Product
    location: Location
    order: SalesOrder
    invoice: CustomerInvoice
    lot_a: Lot
    lot_b: Lot


def sell_catch_weight(*, cases_a: int = 2, cases_b: int = 2) -> Sold:
    """Ribeye by the case at 9.50/lb: lots A (use-by in 20 days) and B (in 40), four cases of
    about 60 lb shipped (two of each lot) and invoiced by weight."""
    location = make_location()
    product = make_product(
        sku=f"RIB-{location.code}",
        unit="case",
        list_price=D("9.5000"),
        tax_category=make_tax_category(code=f"z-{location.code}", name="Zero rated"),
    )
    make_tax_rate(product.tax_category, rate="0")
    Product.objects.filter(pk=product.pk).update(
        lot_tracked=True,
        catch_weight=True,
        weight_unit="lb",
        nominal_weight=D("60"),
        weight_tolerance_percent=D("10"),
    )
    product.refresh_from_db()
    lot_a = lot_register(product=product, code="A100", by=None, use_by=TODAY + timedelta(20))
    lot_b = lot_register(product=product, code="B200", by=None, use_by=TODAY + timedelta(40))
    for lot in (lot_a, lot_b):
        stock_receive(
            product=product,
            location=location,
            quantity=D(5),
            unit_cost=D("300.00"),
            by=None,
            lot=lot,
            weight=D("300.000"),
        )
    order = sales_order_create(
        customer=make_sales_customer(),
        location=location,
        lines=[{"product": product, "quantity": D(cases_a + cases_b)}],
        by=None,
    )
    sales_order_confirm(order=order, by=None)
    line = order.lines.get()
    picks = [{"order_line": line.pk, "quantity": D(1), "lot": lot_a, "weight": D("61.000")}] * (
        cases_a
    ) + [{"order_line": line.pk, "quantity": D(1), "lot": lot_b, "weight": D("59.000")}] * cases_b
    shipment_create(order=order, by=None, lines=picks)
    invoice = customer_invoice_create(order=order, by=None, issue_date=TODAY - timedelta(days=40))
    return Sold(product, location, order, invoice, lot_a, lot_b)


@pytest.fixture
def sold(db) -> Sold:
    return sell_catch_weight()


def authorise(client, sold: Sold, lines, **extra):
    return client.post(
        RETURNS,
        {"invoice": sold.invoice.pk, "reason": "temperature", "lines": lines, **extra},
        format="json",
    )


def lot_stock(sold: Sold, lot: Lot) -> tuple[D, D]:
    row = LotStock.objects.get(lot=lot, location=sold.location)
    return row.on_hand, row.weight_on_hand


def test_return_authorised_received_by_lot_written_off_and_credited(
    sold, client_as, django_capture_on_commit_callbacks
):
    invoice_line = sold.invoice.lines.get()
    assert (invoice_line.quantity, invoice_line.unit) == (D("240.000"), "lb")
    assert sold.invoice.total == D("2280.00")
    before_aging = receivables_aging(as_of=TODAY)[0].total
    # sales authorises one case of each lot
    created = authorise(
        client_as("sales"),
        sold,
        [
            {"invoice_line": invoice_line.pk, "lot": sold.lot_a.pk, "quantity": "1"},
            {"invoice_line": invoice_line.pk, "lot": sold.lot_b.pk, "quantity": "1"},
        ],
        reason_text="Arrived warm",
    )
    assert created.status_code == 201, created.json()
    rma = created.json()
    assert rma["status"] == "authorised"
    assert rma["number"].startswith("RMA-")
    assert [(ln["lot_code"], ln["quantity"]) for ln in rma["lines"]] == [
        ("A100", "1.000"),
        ("B200", "1.000"),
    ]
    a_before, b_before = lot_stock(sold, sold.lot_a), lot_stock(sold, sold.lot_b)

    # the warehouse puts lot A back into stock and writes lot B off, with actual weights
    received = client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {
            "lines": [
                {"line": rma["lines"][0]["id"], "quantity": "1", "weight": "60.500"},
                {
                    "line": rma["lines"][1]["id"],
                    "quantity": "1",
                    "weight": "58.000",
                    "disposition": "write_off",
                },
            ]
        },
        format="json",
    )
    assert received.status_code == 200, received.json()
    body = received.json()
    assert body["status"] == "received"
    assert (body["lines"][0]["quantity_restocked"], body["lines"][0]["weight_restocked"]) == (
        "1.000",
        "60.500",
    )
    assert body["lines"][1]["quantity_written_off"] == "1.000"
    assert lot_stock(sold, sold.lot_a) == (a_before[0] + 1, a_before[1] + D("60.500"))
    assert lot_stock(sold, sold.lot_b) == b_before
    movements = list(
        StockMovement.objects.filter(source_type="sales.customerreturn")
        .order_by("id")
        .values_list("kind", "lot__code", "quantity", "weight", "unit_cost")
    )
    assert movements == [
        ("return", "A100", D("1.000"), D("60.500"), D("300.0000")),
        ("return", "B200", D("1.000"), D("58.000"), D("300.0000")),
        ("adjustment", "B200", D("-1.000"), D("-58.000"), D("300.0000")),
    ]
    level = StockLevel.objects.get(product=sold.product, location=sold.location)
    assert level.on_hand == D("7.000")

    # finance credits what came back: 118.5 lb at 9.50
    with django_capture_on_commit_callbacks(execute=True):
        credited = client_as("finance").post(f"{RETURNS}{rma['id']}/credit/", {}, format="json")
    assert credited.status_code == 200, credited.json()
    assert credited.json()["status"] == "credited"
    assert credited.json()["credit_note_number"].startswith("CN-")
    sold.invoice.refresh_from_db()
    assert sold.invoice.balance == D("2280.00") - D("1125.75")
    assert receivables_aging(as_of=TODAY)[0].total == before_aging - D("1125.75")
    note = CustomerReturn.objects.get(pk=rma["id"]).credit_note
    assert note is not None
    assert (note.reason, note.lines.get().quantity) == ("damaged", D("118.500"))

    # the trail: list, filter, history
    listed = client_as("auditor").get(RETURNS, {"status": "credited"}).json()
    assert [row["number"] for row in listed["results"]] == [rma["number"]]
    history = client_as("auditor").get(f"{RETURNS}{rma['id']}/history/").json()
    assert {e["action"] for e in history["results"]} >= {
        "customer_return.authorised",
        "customer_return.received",
        "customer_return.credited",
    }


def test_a_return_created_from_the_order_of_a_plain_product(client_as):
    location = make_location()
    product = make_product(sku="TRAY-1", unit="each", list_price=D("4.0000"))
    make_tax_rate(product.tax_category, rate="0")
    stock_receive(product=product, location=location, quantity=D(10), unit_cost=D(2), by=None)
    order = sales_order_create(
        customer=make_sales_customer(),
        location=location,
        lines=[{"product": product, "quantity": D(10)}],
        by=None,
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None)
    invoice = customer_invoice_create(order=order, by=None)
    created = client_as("sales").post(
        RETURNS,
        {
            "order": order.pk,
            "reason": "not_ordered",
            "lines": [{"invoice_line": invoice.lines.get().pk, "quantity": "3"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    rma = created.json()
    assert rma["invoice_number"] == invoice.number
    client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {"lines": [{"line": rma["lines"][0]["id"], "quantity": "3"}]},
        format="json",
    )
    assert StockLevel.objects.get(product=product, location=location).on_hand == D(3)
    credited = client_as("finance").post(f"{RETURNS}{rma['id']}/credit/", {}, format="json")
    assert credited.status_code == 200
    invoice.refresh_from_db()
    assert invoice.balance == D("28.00")


def test_returning_more_than_shipped_of_a_lot_is_refused_and_creates_nothing(sold, client_as):
    sales = client_as("sales")
    line = sold.invoice.lines.get().pk
    first = authorise(sales, sold, [{"invoice_line": line, "lot": sold.lot_a.pk, "quantity": "2"}])
    assert first.status_code == 201
    second = authorise(sales, sold, [{"invoice_line": line, "lot": sold.lot_a.pk, "quantity": "1"}])
    assert second.status_code == 409
    message = second.json()["errors"]["lines.0.quantity"][0]
    assert "2.000 case shipped, 2.000 already on returns" in message
    assert CustomerReturn.objects.count() == 1
    # cancelling the first frees the quantity
    cancel = sales.post(f"{RETURNS}{first.json()['id']}/cancel/", {}, format="json")
    assert cancel.json()["status"] == "cancelled"
    again = authorise(sales, sold, [{"invoice_line": line, "lot": sold.lot_a.pk, "quantity": "1"}])
    assert again.status_code == 201


@pytest.mark.parametrize(
    ("entry", "field", "fragment"),
    [
        ({"quantity": "1"}, "lines.0.lot", "several lots"),
        ({"quantity": "0", "lot": "A"}, "lines.0.quantity", ""),
        ({"quantity": "-1", "lot": "A"}, "lines.0.quantity", ""),
        ({"quantity": "abc", "lot": "A"}, "lines.0.quantity", ""),
        ({"quantity": "1", "lot": 999999}, "lines.0.lot", ""),
        ({"quantity": "1", "lot": "other"}, "lines.0.lot", "was not shipped"),
        ({"quantity": "1", "lot": "A", "invoice_line": 999999}, "lines.0.invoice_line", ""),
    ],
)
def test_bad_authorisations_get_field_errors(sold, client_as, entry, field, fragment):
    other = lot_register(product=sold.product, code="C300", by=None)
    lots = {"A": sold.lot_a.pk, "other": other.pk}
    line = {"invoice_line": sold.invoice.lines.get().pk, **entry}
    if line.get("lot") in lots:
        line["lot"] = lots[line["lot"]]
    response = authorise(client_as("sales"), sold, [line])
    assert response.status_code == 400, response.json()
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert fragment in response.json()["errors"][field][0]
    assert CustomerReturn.objects.count() == 0


def test_other_bad_requests(sold, client_as):
    sales = client_as("sales")
    line = sold.invoice.lines.get().pk
    assert sales.post(RETURNS, {"reason": "other", "lines": []}, format="json").status_code == 400
    no_doc = sales.post(
        RETURNS,
        {"reason": "other", "lines": [{"invoice_line": line, "quantity": "1"}]},
        format="json",
    )
    assert "invoice" in no_doc.json()["errors"]
    bad_reason = authorise(sales, sold, [{"invoice_line": line, "quantity": "1"}], reason="whim")
    assert "reason" in bad_reason.json()["errors"]
    assert (
        authorise(
            client_as("warehouse"), sold, [{"invoice_line": line, "quantity": "1"}]
        ).status_code
        == 403
    )
    assert CustomerReturn.objects.count() == 0


def _authorised(sold, client_as) -> dict:
    return authorise(
        client_as("sales"),
        sold,
        [{"invoice_line": sold.invoice.lines.get().pk, "lot": sold.lot_a.pk, "quantity": "2"}],
    ).json()


@pytest.mark.parametrize(
    ("entry", "status", "field", "fragment"),
    [
        ({"quantity": "3", "weight": "180"}, 409, "lines.0.quantity", "2.000 case authorised"),
        ({"quantity": "1"}, 400, "weight", ""),
        ({"quantity": "1", "weight": "20"}, 400, "weight", ""),
        ({"quantity": "1", "weight": "60", "disposition": "burn"}, 400, "lines.0.disposition", ""),
        ({"quantity": "0"}, 400, "lines", "Nothing came back"),
    ],
)
def test_bad_receipts_change_nothing(sold, client_as, entry, status, field, fragment):
    rma = _authorised(sold, client_as)
    before = lot_stock(sold, sold.lot_a)
    response = client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {"lines": [{"line": rma["lines"][0]["id"], **entry}]},
        format="json",
    )
    assert response.status_code == status, response.json()
    assert fragment in response.json()["errors"][field][0]
    assert lot_stock(sold, sold.lot_a) == before
    assert not StockMovement.objects.filter(source_type="sales.customerreturn").exists()
    assert CustomerReturn.objects.get(pk=rma["id"]).status == "authorised"


def test_transitions_out_of_order_are_refused(sold, client_as):
    rma = _authorised(sold, client_as)
    finance = client_as("finance")
    early = finance.post(f"{RETURNS}{rma['id']}/credit/", {}, format="json")
    assert early.status_code == 409
    assert "authorised; it cannot be credited" in early.json()["detail"]
    client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {"lines": [{"line": rma["lines"][0]["id"], "quantity": "2", "weight": "121"}]},
        format="json",
    )
    twice = client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {"lines": [{"line": rma["lines"][0]["id"], "quantity": "1", "weight": "60"}]},
        format="json",
    )
    assert twice.status_code == 409
    no_reason = finance.post(f"{RETURNS}{rma['id']}/close/", {}, format="json")
    assert no_reason.status_code == 400
    closed = finance.post(
        f"{RETURNS}{rma['id']}/close/", {"reason": "Replaced on the next truck"}, format="json"
    )
    assert closed.json()["status"] == "closed"
    assert finance.post(f"{RETURNS}{rma['id']}/credit/", {}, format="json").status_code == 409


def test_an_expired_lot_can_be_written_off(client_as):
    sold = sell_catch_weight()
    Lot.objects.filter(pk=sold.lot_a.pk).update(use_by=TODAY - timedelta(days=1))
    rma = _authorised(sold, client_as)
    response = client_as("warehouse").post(
        f"{RETURNS}{rma['id']}/receive/",
        {
            "lines": [
                {
                    "line": rma["lines"][0]["id"],
                    "quantity": "2",
                    "weight": "121",
                    "disposition": "write_off",
                }
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["lines"][0]["weight_written_off"] == "121.000"


def test_return_list_query_count_does_not_grow(client_as):
    admin = client_as("admin")

    def add_returns(n):
        for _ in range(n):
            sold = sell_catch_weight(cases_a=1, cases_b=1)
            response = authorise(
                admin,
                sold,
                [
                    {"invoice_line": sold.invoice.lines.get().pk, "lot": lot.pk, "quantity": "1"}
                    for lot in (sold.lot_a, sold.lot_b)
                ],
            )
            assert response.status_code == 201

    def count():
        admin.get(RETURNS)
        with CaptureQueriesContext(connection) as ctx:
            response = admin.get(RETURNS)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    add_returns(1)
    few, _ = count()
    add_returns(3)
    many, rows = count()
    assert (many, rows) == (few, 4)
