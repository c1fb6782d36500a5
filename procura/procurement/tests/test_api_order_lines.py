"""Changing a purchase order's lines through the API, as the web's edit screen does: a draft in
place, an issued order as a new revision; what was received bounds a line; bad lines are 400s
that change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.catalog.tests.factories import make_product
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return make_person("procurement")


def _url(order) -> str:
    return f"/api/v1/purchase-orders/{order.pk}/"


def _lines(body):
    return [(line["description"], line["quantity"], line["unit_price"]) for line in body["lines"]]


def _action(body, name):
    return next(a for a in body["available_actions"] if a["action"] == name)


def test_a_draft_changes_keeps_and_adds_lines_and_recomputes_the_total(buyer, as_user):
    ribeye, strip = make_product(name="Ribeye"), make_product(name="Strip loin")
    order = make_order(
        buyer, issue=False, lines=[order_line(ribeye, "10", "9.00"), order_line(strip, "5", "8.00")]
    )
    client = as_user(buyer)
    before = client.get(_url(order)).json()
    assert _action(before, "purchase_order.update")["allowed"] is True
    assert _action(before, "purchase_order.update")["label"] == "Edit lines"
    first = before["lines"][0]
    chuck = make_product(name="Chuck roll")
    response = client.patch(
        _url(order),
        {
            "notes": "Dock 2",
            "lines": [
                {
                    "id": first["id"],
                    "product": first["product"],
                    "quantity": "12",
                    "unit_price": "9.50",
                },
                {"product": str(chuck.pk), "quantity": "3", "unit_price": "4.00"},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert _lines(body) == [("Ribeye", "12.000", "9.5000"), ("Chuck roll", "3.000", "4.0000")]
    assert body["lines"][0]["id"] == first["id"]
    assert body["total"] == "126.00"
    assert body["revision"] == 0


def test_an_issued_order_is_revised_and_the_old_revision_stays(buyer, as_user):
    order = make_order(buyer, lines=[order_line(make_product(name="Brisket"), "20", "5.00")])
    client = as_user(buyer)
    detail = client.get(_url(order)).json()
    assert _action(detail, "purchase_order.update")["label"] == "Revise order"
    line = detail["lines"][0]
    response = client.patch(
        _url(order),
        {
            "reason": "Supplier short on brisket",
            "lines": [
                {
                    "id": line["id"],
                    "product": line["product"],
                    "quantity": "15",
                    "unit_price": "5.00",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["revision"], response.json()["total"]) == (1, "75.00")
    revisions = client.get(f"{_url(order)}revisions/").json()
    assert [(r["revision"], r["reason"], r["snapshot"]["total"]) for r in revisions] == [
        (0, "Supplier short on brisket", "100.00")
    ]


def test_received_goods_bound_the_line_and_keep_it(buyer, as_user):
    order = make_order(
        buyer,
        lines=[
            order_line(make_product(name="Brisket"), "20", "5.00"),
            order_line(make_product(), "4", "1.00"),
        ],
    )
    received_line = order.lines.get(line_no=1)
    goods_receipt_post(
        order=order,
        by=buyer,
        lines=[{"order_line": received_line, "quantity_received": Decimal("8")}],
    )
    client = as_user(buyer)
    lines = client.get(_url(order)).json()["lines"]
    kept = {
        "id": lines[1]["id"],
        "product": lines[1]["product"],
        "quantity": "4",
        "unit_price": "1.00",
    }

    below = client.patch(
        _url(order),
        {
            "lines": [
                {
                    "id": lines[0]["id"],
                    "product": lines[0]["product"],
                    "quantity": "6",
                    "unit_price": "5.00",
                },
                kept,
            ]
        },
        format="json",
    )
    assert below.status_code == 400
    assert list(below.json()["errors"]) == ["lines.0.quantity"]
    assert "8" in below.json()["errors"]["lines.0.quantity"][0]

    removed = client.patch(_url(order), {"lines": [kept]}, format="json")
    assert removed.status_code == 409
    assert "Line 1" in removed.json()["detail"]
    order.refresh_from_db()
    assert (order.revision, order.lines.count(), order.total) == (0, 2, Decimal("104.00"))


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ([], "lines"),
        (
            [
                {
                    "id": 999999,
                    "description": "x",
                    "unit": "each",
                    "quantity": "1",
                    "unit_price": "1",
                }
            ],
            "lines.0.id",
        ),
        (
            [{"description": "x", "unit": "each", "quantity": "0", "unit_price": "1"}],
            "lines.0.quantity",
        ),
        (
            [{"description": "x", "unit": "each", "quantity": "1", "unit_price": "-1"}],
            "lines.0.unit_price",
        ),
        (
            [{"description": "", "unit": "each", "quantity": "1", "unit_price": "1"}],
            "lines.0.description",
        ),
        ([{"product": "not-a-uuid", "quantity": "1", "unit_price": "1"}], "lines.0.product"),
    ],
)
def test_bad_lines_are_400s_that_change_nothing(buyer, as_user, lines, field):
    order = make_order(buyer, issue=False)
    response = as_user(buyer).patch(_url(order), {"lines": lines}, format="json")
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert any(key == field or key.startswith(f"{field}.") for key in errors), errors
    order.refresh_from_db()
    assert order.lines.count() == 1


def test_a_line_of_another_order_cannot_be_moved_in(buyer, as_user):
    mine = make_order(buyer, issue=False)
    other = make_order(buyer, issue=False)
    foreign = other.lines.get()
    response = as_user(buyer).patch(
        _url(mine),
        {
            "lines": [
                {
                    "id": foreign.pk,
                    "description": "x",
                    "unit": "each",
                    "quantity": "1",
                    "unit_price": "1",
                }
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lines.0.id"]
    foreign.refresh_from_db()
    assert foreign.order_id == other.pk


def test_warehouse_may_not_edit_lines(buyer, as_user):
    order = make_order(buyer, issue=False)
    warehouse = as_user(make_person("warehouse"))
    detail = warehouse.get(_url(order)).json()
    assert _action(detail, "purchase_order.update")["allowed"] is False
    assert warehouse.patch(_url(order), {"notes": "x"}, format="json").status_code == 403
