"""Back-to-back orders (supplier-plant and customer-approval rules, margin per deal) and landed
cost (allocation by weight, quantity or value; the moving-average cost and the margin move)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from procura.catalog.tests.factories import make_product
from procura.inventory.models import StockLevel, StockMovement
from procura.partners.services.suppliers import supplier_plant_create
from procura.partners.tests.factories import make_plant
from procura.procurement.models import BackToBackLink, PurchaseOrder
from procura.procurement.services.landed_cost import split_amount
from procura.procurement.services.orders import purchase_order_issue
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_supplier_with_contact
from procura.sales.services.orders import sales_order_create
from procura.sales.tests.factories import make_location, make_sales_customer, make_tax_rate

pytestmark = pytest.mark.django_db

DEALS = "/api/v1/back-to-back-orders/"


@pytest.fixture
def deal_world(make_user):
    product = make_product(sku="BEEF-CHUCK-B2B", unit="case", list_price=D("200.0000"))
    make_tax_rate(product.tax_category, rate="0")
    supplier = make_supplier_with_contact()
    approved_plant = make_plant(supplier, name="Amarillo Beef")
    other_plant = make_plant(supplier, name="Dodge City Beef")
    customer = make_sales_customer()
    supplier_plant_create(
        by=None, supplier=supplier, plant=approved_plant, approved_customers=[customer]
    )
    supplier_plant_create(by=None, supplier=supplier, plant=other_plant)
    location = make_location()
    order = sales_order_create(
        customer=customer,
        location=location,
        lines=[{"product": product, "quantity": D("10")}],
        by=None,
    )
    return {
        "product": product,
        "supplier": supplier,
        "approved": approved_plant,
        "other": other_plant,
        "customer": customer,
        "location": location,
        "order": order,
        "line": order.lines.get(),
    }


def _body(world, plant, **extra):
    return {
        "sales_line": world["line"].pk,
        "supplier": world["supplier"].pk,
        "plant": plant.pk,
        "unit_price": "150.00",
        "freight_cost": "120.00",
        **extra,
    }


def test_drop_ship_po_from_a_sales_line_for_an_approved_plant(deal_world, client_as):
    response = client_as("procurement").post(
        DEALS, _body(deal_world, deal_world["approved"]), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    po = PurchaseOrder.objects.get(pk=body["purchase_order"])
    assert po.supplier == deal_world["supplier"]
    assert po.lines.get().quantity == D("10.000")
    assert "Drop-ship to" in po.notes
    assert deal_world["approved"].establishment_number in po.notes
    # sale 10 x 200 = 2000, purchase 10 x 150 = 1500, freight 120 -> margin 380
    assert body["figures"] == {
        "sale": "2000.00",
        "purchase": "1500.00",
        "landed": "0.00",
        "freight": "120.00",
        "margin": "380.00",
    }
    # The sales order's page lists its deals.
    mine = client_as("sales").get(DEALS, {"sales_line__order": deal_world["order"].pk}).json()
    assert [d["id"] for d in mine["results"]] == [body["id"]]
    unknown = client_as("sales").get(DEALS, {"sales_line__order": deal_world["order"].pk + 999})
    assert unknown.status_code == 400
    assert "sales_line__order" in unknown.json()["errors"]


def test_an_unapproved_plant_is_refused_with_a_409_naming_plant_and_customer(deal_world, client_as):
    response = client_as("procurement").post(
        DEALS, _body(deal_world, deal_world["other"]), format="json"
    )

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert deal_world["other"].establishment_number in detail
    assert deal_world["customer"].code in detail
    assert not PurchaseOrder.objects.exists()


def test_only_an_admin_records_an_exception_with_a_reason(deal_world, client_as):
    body = _body(deal_world, deal_world["other"], exception_reason="Customer QA approved by phone")

    refused = client_as("procurement").post(DEALS, body, format="json")
    allowed = client_as("admin").post(DEALS, body, format="json")

    assert refused.status_code == 403
    assert allowed.status_code == 201
    assert allowed.json()["approval_exception"] == "Customer QA approved by phone"


def test_a_plant_the_supplier_does_not_sell_from_is_refused(deal_world, client_as):
    stranger = make_plant(name="Someone else's plant")

    response = client_as("procurement").post(DEALS, _body(deal_world, stranger), format="json")

    assert response.status_code == 409
    assert "does not sell from plant" in response.json()["detail"]


def test_a_sales_line_is_bought_once(deal_world, client_as):
    buyer = client_as("procurement")
    buyer.post(DEALS, _body(deal_world, deal_world["approved"]), format="json")

    again = buyer.post(DEALS, _body(deal_world, deal_world["approved"]), format="json")

    assert again.status_code == 409
    assert BackToBackLink.objects.count() == 1


def test_cross_dock_runs_through_the_cold_store_to_the_customer(deal_world, client_as):
    """Bought for the customer, received into the cold store, moved on to the order's
    location, reserved and shipped from there."""
    cold = make_location("COLD-XD")
    buyer = client_as("procurement")
    created = buyer.post(
        DEALS,
        _body(deal_world, deal_world["approved"], mode="cross_dock", cross_dock_location=cold.pk),
        format="json",
    )

    assert created.status_code == 201, created.json()
    deal = created.json()
    assert (deal["mode"], deal["ship_to"], deal["ship_to_code"]) == (
        "cross_dock",
        cold.pk,
        "COLD-XD",
    )
    po = PurchaseOrder.objects.get(pk=deal["purchase_order"])
    assert po.ship_to == cold
    assert "Cross-dock through COLD-XD" in po.notes

    issued = buyer.post(f"/api/v1/purchase-orders/{po.pk}/issue/", {}, format="json")
    assert issued.status_code == 200, issued.json()
    received = client_as("warehouse").post(
        "/api/v1/goods-receipts/",
        {"order": po.pk, "lines": [{"order_line": po.lines.get().pk, "quantity_received": "10"}]},
        format="json",
    )
    assert received.status_code == 201, received.json()
    levels = {
        level.location.code: level.on_hand
        for level in StockLevel.objects.filter(product=deal_world["product"])
    }
    assert levels == {"COLD-XD": D("10.000")}

    moved = client_as("warehouse").post(
        "/api/v1/stock/transfers/",
        {
            "product": str(deal_world["product"].pk),
            "from_location": cold.pk,
            "to_location": deal_world["location"].pk,
            "quantity": "10",
            "reference": po.number,
        },
        format="json",
    )
    assert moved.status_code == 201, moved.json()
    sales = client_as("sales")
    order = deal_world["order"]
    confirmed = sales.post(f"/api/v1/sales-orders/{order.pk}/confirm/", {}, format="json")
    assert confirmed.status_code == 200, confirmed.json()
    shipped = client_as("warehouse").post(
        f"/api/v1/sales-orders/{order.pk}/ship/", {}, format="json"
    )
    assert shipped.status_code == 201, shipped.json()

    levels = {
        level.location.code: level.on_hand
        for level in StockLevel.objects.filter(product=deal_world["product"])
    }
    assert levels == {"COLD-XD": D("0.000"), deal_world["location"].code: D("0.000")}
    # The purchase cost reached the shipped stock: the deal's figures are unchanged by the move.
    listed = sales.get(DEALS, {"sales_line__order": order.pk}).json()["results"][0]
    assert listed["ship_to_code"] == "COLD-XD"
    assert listed["figures"]["margin"] == "380.00"


@pytest.mark.parametrize(
    ("mode", "where", "message"),
    [
        ("cross_dock", None, "needs the cold store"),
        ("cross_dock", "inactive", "is inactive"),
        ("cross_dock", "transit", "in-transit location"),
        ("drop_ship", "cold", "only a cross-dock order names a cold store"),
    ],
)
def test_a_cross_dock_store_must_be_an_active_store(deal_world, client_as, mode, where, message):
    cold = make_location("COLD-CHK")
    if where == "inactive":
        cold.is_active = False
        cold.save(update_fields=["is_active"])
    if where == "transit":
        cold.kind = "transit"
        cold.save(update_fields=["kind"])
    extra = {"mode": mode, **({"cross_dock_location": cold.pk} if where else {})}

    response = client_as("procurement").post(
        DEALS, _body(deal_world, deal_world["approved"], **extra), format="json"
    )

    assert response.status_code == 400, response.json()
    assert message in response.json()["errors"]["cross_dock_location"][0]
    assert not PurchaseOrder.objects.exists()


def test_freight_landed_on_the_receipt_raises_the_stock_cost_and_lowers_the_margin(
    deal_world, client_as
):
    buyer = client_as("procurement")
    link = buyer.post(DEALS, _body(deal_world, deal_world["approved"]), format="json").json()
    po = purchase_order_issue(
        order=PurchaseOrder.objects.get(pk=link["purchase_order"]), by=buyer.user
    )
    receipt = goods_receipt_post(
        order=po, by=buyer.user, lines=[{"order_line": po.lines.get(), "quantity_received": D(10)}]
    )
    level = StockLevel.objects.get(product=deal_world["product"])
    assert level.average_cost == D("150.0000")

    charged = client_as("finance").post(
        "/api/v1/landed-charges/",
        {
            "receipt": receipt.pk,
            "kind": "freight",
            "basis": "quantity",
            "amount": "85.00",
            "reference": "FRT-991",
        },
        format="json",
    )

    assert charged.status_code == 201, charged.json()
    assert charged.json()["allocations"][0]["capitalised"] == "85.00"
    level.refresh_from_db()
    assert (level.value, level.average_cost) == (D("1585.00"), D("158.5000"))
    assert StockMovement.objects.filter(kind="revaluation").get().value == D("85.00")
    deal = buyer.get(DEALS).json()["results"][0]
    assert deal["figures"]["landed"] == "85.00"
    assert deal["figures"]["margin"] == "295.00"
    # The purchase order's page lists the charges landed on its receipts.
    on_order = buyer.get("/api/v1/landed-charges/", {"receipt__order": po.pk}).json()
    assert [c["reference"] for c in on_order["results"]] == ["FRT-991"]


def test_freight_by_weight_follows_the_net_weights(make_user):
    assert split_amount(D("100.00"), [D("60.5"), D("121"), D("18.5")]) == [
        D("30.25"),
        D("60.50"),
        D("9.25"),
    ]
    shares = split_amount(D("10.00"), [D(1), D(1), D(1)])
    assert sum(shares) == D("10.00")
    assert sorted(shares) == [D("3.33"), D("3.33"), D("3.34")]


def test_weight_basis_without_weights_is_a_field_error(deal_world, client_as):
    buyer = client_as("procurement")
    link = buyer.post(DEALS, _body(deal_world, deal_world["approved"]), format="json").json()
    po = purchase_order_issue(
        order=PurchaseOrder.objects.get(pk=link["purchase_order"]), by=buyer.user
    )
    receipt = goods_receipt_post(
        order=po, by=buyer.user, lines=[{"order_line": po.lines.get(), "quantity_received": D(10)}]
    )

    response = client_as("finance").post(
        "/api/v1/landed-charges/",
        {"receipt": receipt.pk, "kind": "freight", "basis": "weight", "amount": "85.00"},
        format="json",
    )

    assert response.status_code == 400
    assert "net weight" in response.json()["errors"]["basis"][0]
    assert not StockMovement.objects.filter(kind="revaluation").exists()
