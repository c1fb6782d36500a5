"""Lots and catch weight in the stock ledger: receiving into lots, FEFO reservations, a chosen
lot honoured, expired lots refused, shipping from a reservation, weights kept beside counts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from procura.core.errors import Conflict, InvalidInput
from procura.core.units import UnitOfMeasure
from procura.inventory.errors import InventoryErrorCode
from procura.inventory.models import LotReservation, LotStock, StockLevel, StockMovement
from procura.inventory.selectors import lot_trace, lots_expiring
from procura.inventory.services import (
    SourceRef,
    lot_register,
    stock_issue_lots,
    stock_receive,
    stock_release,
    stock_reserve,
)
from procura.inventory.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def ribeye():
    return ProductFactory.create(
        sku="RIBEYE-CW",
        unit=UnitOfMeasure.CASE,
        lot_tracked=True,
        catch_weight=True,
        weight_unit=UnitOfMeasure.LB,
        nominal_weight=Decimal("60"),
        weight_tolerance_percent=Decimal("10"),
    )


def receive(product, location, clerk, code, *, cases, weight, use_by_days):
    lot = lot_register(
        product=product, code=code, by=clerk, use_by=TODAY + timedelta(days=use_by_days)
    )
    stock_receive(
        product=product,
        location=location,
        quantity=cases,
        unit_cost="180.00",
        by=clerk,
        lot=lot,
        weight=weight,
    )
    return lot


def test_receipts_into_lots_keep_cases_and_weight_per_lot_and_in_total(ribeye, location, clerk):
    late = receive(ribeye, location, clerk, "L-LATE", cases=4, weight="241.5", use_by_days=30)
    early = receive(ribeye, location, clerk, "l-early ", cases=2, weight="119.2", use_by_days=5)

    level = StockLevel.objects.get(product=ribeye, location=location)
    assert (level.on_hand, level.weight_on_hand) == (Decimal("6.000"), Decimal("360.700"))
    assert early.code == "L-EARLY"
    stocks = {s.lot.code: (s.on_hand, s.weight_on_hand) for s in LotStock.objects.all()}
    assert stocks == {
        "L-LATE": (Decimal("4.000"), Decimal("241.500")),
        "L-EARLY": (Decimal("2.000"), Decimal("119.200")),
    }
    assert StockMovement.objects.filter(lot=late).get().weight == Decimal("241.500")


def test_lot_tracked_receipt_without_lot_is_a_field_error_and_changes_nothing(
    ribeye, location, clerk
):
    with pytest.raises(InvalidInput) as caught:
        stock_receive(
            product=ribeye, location=location, quantity=1, unit_cost="1", by=clerk, weight="60"
        )
    assert caught.value.code == InventoryErrorCode.LOT_REQUIRED
    assert "lot" in (caught.value.errors or {})
    assert not StockMovement.objects.exists()


def test_weight_outside_tolerance_is_refused_with_the_nominal_in_the_message(
    ribeye, location, clerk
):
    lot = lot_register(product=ribeye, code="L1", by=clerk)
    with pytest.raises(InvalidInput) as caught:
        stock_receive(
            product=ribeye,
            location=location,
            quantity=2,
            unit_cost="1",
            by=clerk,
            lot=lot,
            weight="140",
        )
    assert caught.value.code == InventoryErrorCode.WEIGHT_OUT_OF_TOLERANCE
    assert "nominal 120.000 lb" in (caught.value.errors or {})["weight"][0]
    assert not LotStock.objects.filter(on_hand__gt=0).exists()


def test_reservation_takes_first_expiring_lot_first(ribeye, location, clerk):
    receive(ribeye, location, clerk, "L-LATE", cases=4, weight="240", use_by_days=30)
    receive(ribeye, location, clerk, "L-EARLY", cases=2, weight="120", use_by_days=5)
    order = SourceRef(type="sales.salesorder", id="1", number="SO-1")

    stock_reserve(product=ribeye, location=location, quantity=3, by=clerk, source=order)

    reserved = {
        r.lot_stock.lot.code: r.quantity
        for r in LotReservation.objects.select_related("lot_stock__lot")
    }
    assert reserved == {"L-EARLY": Decimal("2.000"), "L-LATE": Decimal("1.000")}
    assert StockLevel.objects.get(product=ribeye).reserved == Decimal("3.000")


def test_a_chosen_lot_is_honoured_and_an_expired_lot_is_refused(ribeye, location, clerk):
    late = receive(ribeye, location, clerk, "L-LATE", cases=4, weight="240", use_by_days=30)
    receive(ribeye, location, clerk, "L-EARLY", cases=2, weight="120", use_by_days=5)
    old = receive(ribeye, location, clerk, "L-OLD", cases=1, weight="60", use_by_days=1)
    type(old).objects.filter(pk=old.pk).update(use_by=TODAY - timedelta(days=1))
    old.refresh_from_db()
    order = SourceRef(type="sales.salesorder", id="7", number="SO-7")

    stock_reserve(product=ribeye, location=location, quantity=2, by=clerk, source=order, lot=late)
    with pytest.raises(InvalidInput) as caught:
        stock_reserve(
            product=ribeye, location=location, quantity=1, by=clerk, source=order, lot=old
        )

    assert caught.value.code == InventoryErrorCode.LOT_EXPIRED
    assert "expired" in (caught.value.errors or {})["lot"][0]
    assert LotStock.objects.get(lot=late).reserved == Decimal("2.000")
    assert LotStock.objects.get(lot=old).reserved == Decimal("0.000")


def test_expired_stock_is_not_reservable_even_when_on_hand(ribeye, location, clerk):
    old = receive(ribeye, location, clerk, "L-OLD", cases=3, weight="180", use_by_days=1)
    type(old).objects.filter(pk=old.pk).update(use_by=TODAY - timedelta(days=2))

    with pytest.raises(Conflict) as caught:
        stock_reserve(product=ribeye, location=location, quantity=1, by=clerk)

    assert caught.value.code == InventoryErrorCode.LOT_INSUFFICIENT
    assert StockLevel.objects.get(product=ribeye).reserved == 0


def test_shipping_a_reservation_issues_its_lots_with_their_weight_share(ribeye, location, clerk):
    early = receive(ribeye, location, clerk, "L-EARLY", cases=2, weight="121", use_by_days=5)
    late = receive(ribeye, location, clerk, "L-LATE", cases=4, weight="240", use_by_days=30)
    order = SourceRef(type="sales.salesorder", id="9", number="SO-9")
    stock_reserve(product=ribeye, location=location, quantity=3, by=clerk, source=order)

    movements = stock_issue_lots(
        product=ribeye,
        location=location,
        quantity=3,
        by=clerk,
        source=SourceRef(type="sales.shipment", id="1", number="SHP-1"),
        from_reservation=True,
        reserved_for=order,
    )

    assert [(m.lot, m.quantity, m.weight) for m in movements] == [
        (early, Decimal("-2.000"), Decimal("-121.000")),
        (late, Decimal("-1.000"), Decimal("-60.000")),
    ]
    level = StockLevel.objects.get(product=ribeye)
    assert (level.on_hand, level.reserved, level.weight_on_hand) == (
        Decimal("3.000"),
        Decimal("0.000"),
        Decimal("180.000"),
    )
    assert LotStock.objects.aggregate(w=Sum("weight_on_hand"))["w"] == level.weight_on_hand


def test_shipping_a_scanned_lot_other_than_the_reserved_one_moves_the_reservation(
    ribeye, location, clerk
):
    receive(ribeye, location, clerk, "L-EARLY", cases=2, weight="120", use_by_days=5)
    late = receive(ribeye, location, clerk, "L-LATE", cases=4, weight="240", use_by_days=30)
    order = SourceRef(type="sales.salesorder", id="9", number="SO-9")
    stock_reserve(product=ribeye, location=location, quantity=2, by=clerk, source=order)

    stock_issue_lots(
        product=ribeye,
        location=location,
        quantity=1,
        by=clerk,
        source=SourceRef(type="sales.shipment", id="1", number="SHP-1"),
        from_reservation=True,
        reserved_for=order,
        lot=late,
        weight="61.4",
    )

    stocks = {s.lot.code: (s.on_hand, s.reserved) for s in LotStock.objects.select_related("lot")}
    assert stocks == {
        "L-EARLY": (Decimal("2.000"), Decimal("1.000")),
        "L-LATE": (Decimal("3.000"), Decimal("0.000")),
    }
    level = StockLevel.objects.get(product=ribeye)
    assert level.reserved == Decimal("1.000")
    assert level.weight_on_hand == Decimal("298.600")


def test_release_gives_back_the_latest_expiring_reserved_lot_first(ribeye, location, clerk):
    receive(ribeye, location, clerk, "L-EARLY", cases=2, weight="120", use_by_days=5)
    receive(ribeye, location, clerk, "L-LATE", cases=4, weight="240", use_by_days=30)
    order = SourceRef(type="sales.salesorder", id="3", number="SO-3")
    stock_reserve(product=ribeye, location=location, quantity=4, by=clerk, source=order)

    stock_release(product=ribeye, location=location, quantity=2, by=clerk, source=order)

    reserved = {s.lot.code: s.reserved for s in LotStock.objects.select_related("lot")}
    assert reserved == {"L-EARLY": Decimal("2.000"), "L-LATE": Decimal("0.000")}


def test_lots_expiring_within_days_lists_stock_on_hand_only(ribeye, location, clerk):
    receive(ribeye, location, clerk, "L-SOON", cases=2, weight="120", use_by_days=3)
    receive(ribeye, location, clerk, "L-LATER", cases=2, weight="120", use_by_days=40)

    codes = [row.lot.code for row in lots_expiring(within_days=7)]

    assert codes == ["L-SOON"]


def test_lot_trace_lists_the_receipt_and_issues_of_a_lot(ribeye, location, clerk):
    lot = receive(ribeye, location, clerk, "L-T", cases=2, weight="120", use_by_days=9)
    stock_issue_lots(
        product=ribeye,
        location=location,
        quantity=1,
        by=clerk,
        source=SourceRef(type="sales.shipment", id="5", number="SHP-5"),
        lot=lot,
        weight="59",
    )

    trace = lot_trace(lot=lot)

    assert [(m.kind, m.quantity) for m in trace.inbound] == [("receipt", Decimal("2.000"))]
    assert [(m.source_number, m.weight) for m in trace.outbound] == [("SHP-5", Decimal("-59.000"))]


def test_a_known_lot_with_a_different_use_by_is_a_conflict(ribeye, clerk):
    lot_register(product=ribeye, code="L-X", by=clerk, use_by=TODAY + timedelta(days=10))

    with pytest.raises(Conflict) as caught:
        lot_register(product=ribeye, code="l-x", by=clerk, use_by=TODAY + timedelta(days=11))

    assert caught.value.code == InventoryErrorCode.LOT_CONFLICT
    assert "use_by" in (caught.value.errors or {})


@pytest.mark.parametrize("within_days", ["31053648370708488", "-1", "1.5", "٣", "soon"])
def test_expiring_lots_refuses_a_window_that_is_not_a_sensible_number_of_days(
    client_as, within_days
):
    response = client_as("warehouse").get(
        "/api/v1/stock/expiring-lots/", {"within_days": within_days}
    )

    assert response.status_code == 400
    assert "within_days" in response.json()["errors"]
