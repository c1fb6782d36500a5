"""Quotes to customers through the API: priced from the customer's price list with the source
snapshotted, sent as a PDF by e-mail, accepted into a sales order at the quoted prices (even
after the price list changed), declined, expired; bad input and illegal transitions are
structured 4xx errors that change nothing; the list keeps its query count."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.notifications.models import NotificationLog
from procura.sales.models import SalesOrder, SalesQuote
from procura.sales.services.price_lists import price_list_create, price_list_update
from procura.sales.services.quotes import sales_quote_create
from procura.sales.tasks import expire_quotes_task
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/api/v1/sales-quotes/"


@pytest.fixture
def trade(client_as):
    """A retailer with its own price list (a break from 20) for one product; a second
    product at its list price; 8.25 % tax."""
    location = make_location()
    product = make_stocked_product(location, price="10.00")
    other = make_stocked_product(location, price="4.00", tax_category=product.tax_category)
    make_tax_rate(product.tax_category, rate="8.25")
    customer = make_sales_customer(kind="retailer")
    price_list = price_list_create(
        by=None,
        name="HEB 2026",
        customer=customer,
        currency=customer.currency,
        valid_from=TODAY - timedelta(days=10),
        items=[
            {"product": product, "unit_price": D("9.00")},
            {"product": product, "min_quantity": D(20), "unit_price": D("8.50")},
        ],
    )
    return {
        "location": location,
        "product": product,
        "other": other,
        "customer": customer,
        "price_list": price_list,
        "sales": client_as("sales"),
    }


def _body(trade, **overrides):
    body = {
        "customer": trade["customer"].pk,
        "location": trade["location"].pk,
        "valid_until": str(TODAY + timedelta(days=14)),
        "customer_reference": "RFQ-77",
        "lines": [
            {"product": str(trade["product"].pk), "quantity": "25"},
            {"product": str(trade["other"].pk), "quantity": "10", "discount_percent": "5"},
        ],
    }
    body.update(overrides)
    return body


def _create(trade, **overrides):
    response = trade["sales"].post(URL, _body(trade, **overrides), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_quote_is_priced_from_the_price_list_sent_accepted_and_becomes_an_order(
    trade, django_capture_on_commit_callbacks
):
    sales = trade["sales"]
    quote = _create(trade)
    assert quote["number"].startswith(f"QT-{TODAY.year}-")
    assert quote["status"] == "draft"
    assert [(line["unit_price"], line["price_source"]) for line in quote["lines"]] == [
        ("8.5000", "price list HEB 2026 (from 20)"),
        ("4.0000", "list price"),
    ]
    # 25 x 8.50 = 212.50; 10 x 4.00 less 5 % = 38.00; tax 8.25 % per line: 17.53 + 3.14.
    assert (quote["subtotal"], quote["tax_total"], quote["total"]) == ("250.50", "20.67", "271.17")

    with django_capture_on_commit_callbacks(execute=True):
        sent = sales.post(f"{URL}{quote['id']}/send/")
    assert sent.status_code == 200, sent.json()
    assert (sent.json()["status"], sent.json()["sent_to"]) == ("sent", "pat@customer.example")
    log = NotificationLog.objects.get(template="sales/quote_sent", channel="email")
    assert log.recipient == "pat@customer.example"
    assert quote["number"] in log.subject
    assert log.attachment_loader == "procura.sales.documents.quote_pdf_attachments"
    delivered = [m for m in mail.outbox if quote["number"] in m.subject]
    assert delivered, [m.subject for m in mail.outbox]
    name, content, mimetype = delivered[0].attachments[0]
    assert (name, mimetype) == (f"{quote['number']}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")

    # The price list changes after the quote went out: the quote's prices hold.
    price_list_update(
        price_list=trade["price_list"],
        by=None,
        items=[{"product": trade["product"], "min_quantity": D(20), "unit_price": D("9.75")}],
    )
    accepted = sales.post(
        f"{URL}{quote['id']}/accept/", {"customer_reference": "PO-5531"}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    body = accepted.json()
    assert body["status"] == "accepted"
    assert body["sales_order_number"].startswith("SO-")
    order = sales.get(f"/api/v1/sales-orders/{body['sales_order']}/").json()
    assert order["status"] == "draft"
    assert order["customer_reference"] == "PO-5531"
    assert [
        (line["quantity"], line["unit_price"], line["discount_percent"], line["price_source"])
        for line in order["lines"]
    ] == [
        ("25.000", "8.5000", "0.00", f"quote {quote['number']}: price list HEB 2026 (from 20)"),
        ("10.000", "4.0000", "5.00", f"quote {quote['number']}: list price"),
    ]
    assert order["total"] == "271.17"
    # The quote keeps its own snapshot.
    again = sales.get(f"{URL}{quote['id']}/").json()
    assert again["lines"][0]["price_source"] == "price list HEB 2026 (from 20)"
    assert [
        e.action for e in AuditEvent.objects.filter(object_type="sales.salesquote").order_by("id")
    ] == [
        "sales_quote.created",
        "sales_quote.sent",
        "sales_quote.accepted",
    ]
    # Accepted once only.
    twice = sales.post(f"{URL}{quote['id']}/accept/", {}, format="json")
    assert twice.status_code == 409
    assert twice.json()["code"] == "illegal_transition"
    assert SalesOrder.objects.count() == 1

    pdf = sales.get(f"{URL}{quote['id']}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_expired_quote_cannot_be_accepted_and_the_sweep_marks_it(trade):
    sales = trade["sales"]
    old = sales_quote_create(
        customer=trade["customer"],
        location=trade["location"],
        lines=[{"product": trade["product"], "quantity": D(1)}],
        by=None,
        quote_date=TODAY - timedelta(days=40),
        valid_until=TODAY - timedelta(days=1),
    )
    current = _create(trade)

    refused = sales.post(f"{URL}{old.pk}/accept/", {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "quote_expired"
    assert "valid until" in refused.json()["errors"]["valid_until"][0]
    assert SalesOrder.objects.count() == 0
    assert sales.post(f"{URL}{old.pk}/send/").status_code == 409

    assert expire_quotes_task() == {"expired": 1}
    assert sales.get(f"{URL}{old.pk}/").json()["status"] == "expired"
    assert sales.get(f"{URL}{current['id']}/").json()["status"] == "draft"
    assert sales.get(URL, {"status": "expired"}).json()["count"] == 1
    assert expire_quotes_task() == {"expired": 0}


def test_declined_quote_is_closed(trade):
    sales = trade["sales"]
    quote = _create(trade)
    declined = sales.post(
        f"{URL}{quote['id']}/decline/", {"reason": "Bought elsewhere"}, format="json"
    )
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["decline_reason"]) == (
        "declined",
        "Bought elsewhere",
    )
    for verb in ("accept", "send", "decline"):
        response = sales.post(f"{URL}{quote['id']}/{verb}/", {}, format="json")
        assert response.status_code == 409, verb
    assert sales.patch(f"{URL}{quote['id']}/", {"notes": "x"}, format="json").status_code == 409


def test_a_draft_is_changed_and_priced_again(trade):
    sales = trade["sales"]
    quote = _create(trade)
    detail = sales.get(f"{URL}{quote['id']}/")
    changed = sales.patch(
        f"{URL}{quote['id']}/",
        {"lines": [{"product": str(trade["product"].pk), "quantity": "5"}], "notes": "Frozen"},
        format="json",
        HTTP_IF_MATCH=detail["ETag"],
    )
    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert [
        (line["quantity"], line["unit_price"], line["price_source"]) for line in body["lines"]
    ] == [("5.000", "9.0000", "price list HEB 2026")]
    assert (body["subtotal"], body["total"], body["notes"]) == ("45.00", "48.71", "Frozen")
    stale = sales.patch(
        f"{URL}{quote['id']}/", {"notes": "y"}, format="json", HTTP_IF_MATCH=detail["ETag"]
    )
    assert stale.status_code == 412


def test_a_customer_without_an_e_mail_contact_cannot_be_sent_a_quote(trade):
    trade["customer"].contacts.update(email="")
    quote = _create(trade)
    response = trade["sales"].post(f"{URL}{quote['id']}/send/")
    assert response.status_code == 409
    assert response.json()["code"] == "no_quote_contact"
    assert SalesQuote.objects.get().status == "draft"
    assert not NotificationLog.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lines": []}, "lines"),
        ({"lines": [{"product": "nope", "quantity": "1"}]}, "lines"),
        ({"lines": [{"product": "PRODUCT", "quantity": "0"}]}, "lines"),
        ({"lines": [{"product": "PRODUCT", "quantity": "abc"}]}, "lines"),
        ({"valid_until": str(TODAY - timedelta(days=1))}, "valid_until"),
        ({"valid_until": "12/31/2026"}, "valid_until"),
        ({"customer": 999999}, "customer"),
        ({"location": None}, "location"),
        ({"customer_reference": "x" * 65}, "customer_reference"),
    ],
)
def test_bad_input_is_a_structured_400_and_creates_nothing(trade, change, field):
    lines = change.get("lines")
    if lines:
        change = {
            "lines": [
                {**line, "product": str(trade["product"].pk)}
                if line["product"] == "PRODUCT"
                else line
                for line in lines
            ]
        }
    response = trade["sales"].post(URL, _body(trade, **change), format="json")
    assert response.status_code == 400, response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert any(key.startswith(field) for key in response.json()["errors"]), response.json()
    assert not SalesQuote.objects.exists()


def test_inactive_customer_or_product_is_refused(trade):
    trade["other"].is_active = False
    trade["other"].save()
    response = trade["sales"].post(URL, _body(trade), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "lines.1.product": [f"Product {trade['other'].sku} is inactive."]
    }
    trade["customer"].is_active = False
    trade["customer"].save()
    assert trade["sales"].post(URL, _body(trade), format="json").status_code == 400
    assert not SalesQuote.objects.exists()


def test_roles(trade, client_as):
    quote = _create(trade)
    finance = client_as("finance")
    assert finance.get(f"{URL}{quote['id']}/").status_code == 200
    assert finance.post(URL, _body(trade), format="json").status_code == 403
    assert finance.post(f"{URL}{quote['id']}/accept/", {}, format="json").status_code == 403
    assert client_as("warehouse").get(URL).status_code == 403


def test_list_query_count_does_not_grow_with_the_page(trade):
    sales = trade["sales"]

    def count():
        sales.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            response = sales.get(URL, {"page_size": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    _create(trade)
    few, n_few = count()
    for _ in range(3):
        quote = _create(trade)
        trade["sales"].post(f"{URL}{quote['id']}/accept/", {}, format="json")
    for _ in range(3):
        _create(trade, customer=make_sales_customer().pk)
    many, n_many = count()
    assert (n_few, n_many) == (1, 7)
    assert many == few
