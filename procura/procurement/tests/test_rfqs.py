"""Requests for quotation through the API: from an approved request to several suppliers, each
quoting through its signed link without an account, compared side by side, awarded per line or
whole into draft purchase orders that keep the comparison."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from procura.catalog.tests.factories import make_product
from procura.notifications.models import NotificationLog
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseRequestStatus,
    RfqInvitation,
    RfqStatus,
)
from procura.procurement.rfq_documents import rfq_pdf_attachments
from procura.procurement.services import rfqs as services
from procura.procurement.tests.factories import (
    approved_request,
    item,
    make_location,
    make_person,
    make_supplier_with_contact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(org, as_user):
    beef = make_product(unit="lb")
    pork = make_product(unit="lb")
    request = approved_request(
        org,
        item(quantity="1000", price="4.00", product=beef, unit="lb"),
        item(quantity="500", price="3.00", product=pork, unit="lb"),
    )
    buyer = make_person("procurement")
    suppliers = [make_supplier_with_contact(), make_supplier_with_contact()]
    return {
        "request": request,
        "buyer": as_user(buyer),
        "suppliers": suppliers,
        "ship_to": make_location(),
        "org": org,
    }


def _create_and_send(setup) -> dict:
    buyer = setup["buyer"]
    created = buyer.post(
        "/api/v1/rfqs/",
        {
            "title": "Week 50 beef and pork",
            "request": setup["request"].pk,
            "suppliers": [supplier.pk for supplier in setup["suppliers"]],
            "ship_to": setup["ship_to"].pk,
            "respond_by": (timezone.localdate() + timedelta(days=3)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert [line["quantity"] for line in body["lines"]] == ["1000.000", "500.000"]
    sent = buyer.post(f"/api/v1/rfqs/{body['id']}/send/")
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "sent"
    return sent.json()


def _quote(token: str, lines: list[tuple[int, str, str, int]], **extra: object) -> Any:
    return APIClient().post(
        f"/api/v1/rfq-quotes/{token}/",
        {
            "lines": [
                {"line": line, "unit_price": price, "quantity": qty, "lead_time_days": days}
                for line, price, qty, days in lines
            ],
            **extra,
        },
        format="json",
    )


def test_rfq_sent_quoted_through_links_compared_and_awarded_per_line(setup):
    rfq = _create_and_send(setup)
    mails = NotificationLog.objects.filter(template="procurement/rfq_invitation")
    assert mails.count() == 2
    first, second = RfqInvitation.objects.filter(rfq_id=rfq["id"]).order_by("id")
    token_a = services.rfq_link_token(first)
    token_b = services.rfq_link_token(second)
    mail = mails.get(object_id=str(first.pk))
    # The link in the mail stands for this invitation (a timestamped token: compare what it
    # resolves to, not its text, which changes with the second it was signed in).
    [mailed_token] = re.findall(r"/quote/([^\s\"'<]+)", mail.body)[:1]
    assert services.rfq_invitation_from_token(mailed_token) == first
    [(name, pdf, content_type)] = rfq_pdf_attachments(first.pk)
    assert (name, content_type) == (f"{rfq['number']}.pdf", "application/pdf")
    assert pdf.startswith(b"%PDF")

    page = APIClient().get(f"/api/v1/rfq-quotes/{token_a}/")
    assert page.status_code == 200
    assert page.json()["open"] is True
    beef, pork = (line["id"] for line in page.json()["lines"])
    valid = (timezone.localdate() + timedelta(days=30)).isoformat()
    answer = _quote(
        token_a, [(beef, "3.9000", "1000", 5), (pork, "3.2000", "500", 5)], valid_until=valid
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["lines"][0]["unit_price"] == "3.9000"
    assert (
        _quote(token_b, [(beef, "4.1000", "1000", 2), (pork, "2.9000", "400", 9)]).status_code
        == 200
    )

    comparison = setup["buyer"].get(f"/api/v1/rfqs/{rfq['id']}/comparison/").json()
    beef_row = comparison["lines"][0]
    assert [q["unit_price"] for q in beef_row["quotes"]] == ["3.9000", "4.1000"]
    assert beef_row["quotes"][0]["best_price"]
    assert beef_row["quotes"][1]["fastest"]
    assert comparison["lines"][1]["quotes"][0]["short"] is True  # 400 of 500
    assert [Decimal(s["total"]) for s in comparison["suppliers"]] == [
        Decimal("5500.00"),
        Decimal("5260.00"),
    ]

    awarded = setup["buyer"].post(
        f"/api/v1/rfqs/{rfq['id']}/award/",
        {
            "lines": [
                {"line": beef, "invitation": first.pk},
                {"line": pork, "invitation": second.pk},
            ]
        },
        format="json",
    )

    assert awarded.status_code == 201, awarded.content
    orders = PurchaseOrder.objects.filter(
        number__in=[o["number"] for o in awarded.json()["orders"]]
    )
    by_supplier = {order.supplier_id: order for order in orders}
    order_a = by_supplier[setup["suppliers"][0].pk]
    order_b = by_supplier[setup["suppliers"][1].pk]
    assert order_a.total == Decimal("3900.00")
    assert order_b.total == Decimal("1160.00")  # 400 lb at 2.90
    assert order_a.expected_date == timezone.localdate() + timedelta(days=5)
    assert order_b.lines.get().request_item is not None
    assert order_a.status == "draft"
    request = setup["request"]
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.ORDERED
    detail = setup["buyer"].get(f"/api/v1/rfqs/{rfq['id']}/").json()
    assert detail["status"] == RfqStatus.AWARDED
    kept = detail["comparison"]
    assert kept["lines"][0]["awarded_invitation"] == first.pk
    assert {s["purchase_order"] for s in kept["suppliers"]} == {order_a.number, order_b.number}
    # the link no longer takes quotes once awarded
    late = _quote(token_b, [(beef, "1.0000", "1000", 1)])
    assert late.status_code == 409


def test_award_whole_to_one_supplier_and_refuse_an_unquoted_line(setup):
    rfq = _create_and_send(setup)
    first, second = RfqInvitation.objects.filter(rfq_id=rfq["id"]).order_by("id")
    lines = [
        line["id"] for line in setup["buyer"].get(f"/api/v1/rfqs/{rfq['id']}/").json()["lines"]
    ]
    _quote(services.rfq_link_token(first), [(lines[0], "4.0000", "1000", 3)])
    refused = setup["buyer"].post(
        f"/api/v1/rfqs/{rfq['id']}/award/",
        {"lines": [{"line": lines[1], "invitation": first.pk}]},
        format="json",
    )
    assert refused.status_code == 400
    assert "did not quote line 2" in str(refused.json()["errors"])

    whole = setup["buyer"].post(
        f"/api/v1/rfqs/{rfq['id']}/award/", {"invitation": first.pk}, format="json"
    )

    assert whole.status_code == 201, whole.content
    [order] = whole.json()["orders"]
    assert Decimal(order["total"]) == Decimal("4000.00")


def test_a_forged_link_is_404_an_expired_one_410_and_a_declined_quote_is_kept(setup):
    rfq = _create_and_send(setup)
    invitation = RfqInvitation.objects.filter(rfq_id=rfq["id"]).first()
    assert invitation is not None
    token = services.rfq_link_token(invitation)

    assert APIClient().get(f"/api/v1/rfq-quotes/{token}x/").status_code == 404
    assert APIClient().get("/api/v1/rfq-quotes/nonsense/").status_code == 404
    declined = APIClient().post(f"/api/v1/rfq-quotes/{token}/", {"decline": True}, format="json")
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = APIClient().get(f"/api/v1/rfq-quotes/{token}/")
    assert expired.status_code == 410
    assert expired.json()["code"] == "link_expired"
    # revoking: a new nonce invalidates every link sent before
    invitation.nonce = "revoked"
    invitation.save(update_fields=["nonce"])
    assert APIClient().get(f"/api/v1/rfq-quotes/{token}/").status_code == 404


def test_quotes_after_the_respond_by_day_are_refused(setup):
    rfq = _create_and_send(setup)
    invitation = RfqInvitation.objects.filter(rfq_id=rfq["id"]).first()
    assert invitation is not None
    token = services.rfq_link_token(invitation)
    line = setup["buyer"].get(f"/api/v1/rfqs/{rfq['id']}/").json()["lines"][0]["id"]
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        late = _quote(token, [(line, "1.0000", "1", 1)])
    assert late.status_code == 409
    bad = _quote(token, [(line, "-1", "1", 1)])
    assert bad.status_code == 400


def test_an_rfq_needs_an_approved_request_suppliers_and_a_future_date(setup, as_user):
    buyer = setup["buyer"]
    base = {
        "title": "x",
        "suppliers": [setup["suppliers"][0].pk],
        "ship_to": setup["ship_to"].pk,
        "respond_by": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "lines": [{"description": "Tallow", "quantity": "10", "unit": "lb"}],
    }
    past = buyer.post("/api/v1/rfqs/", base, format="json")
    assert past.status_code == 400
    assert "respond_by" in past.json()["errors"]
    no_suppliers = buyer.post(
        "/api/v1/rfqs/",
        {**base, "suppliers": [], "respond_by": timezone.localdate().isoformat()},
        format="json",
    )
    assert no_suppliers.status_code == 400
    requester = as_user(setup["org"].requester)
    assert requester.post("/api/v1/rfqs/", base, format="json").status_code == 403


def test_rfq_list_query_count_does_not_grow(setup):
    buyer = setup["buyer"]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert buyer.get("/api/v1/rfqs/").status_code == 200
        return len(queries)

    _create_and_send(setup)
    few = count()
    for _ in range(3):
        services.rfq_create(
            by=setup["org"].admin,
            title="more",
            ship_to=setup["ship_to"],
            respond_by=timezone.localdate(),
            suppliers=setup["suppliers"],
            lines=[{"description": "Tallow", "quantity": Decimal(1), "unit": "lb"}],
        )
    assert count() == few
