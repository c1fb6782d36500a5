from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from procura.audit.models import AuditEvent
from procura.core.errors import Conflict, InvalidInput
from procura.inventory.errors import InsufficientStock, InventoryErrorCode
from procura.inventory.models import (
    LedgerRowProtected,
    MovementKind,
    StockLevel,
    StockMovement,
)
from procura.inventory.services import (
    SourceRef,
    location_deactivate,
    stock_adjust,
    stock_count,
    stock_issue,
    stock_receive,
    stock_release,
    stock_reserve,
    stock_return_from_customer,
    stock_return_to_supplier,
    stock_transfer,
)


def level_of(product, location) -> StockLevel:
    return StockLevel.objects.get(product=product, location=location)


def test_receipt_adds_on_hand_value_and_sets_the_average(product, location, clerk):
    movement = stock_receive(
        product=product,
        location=location,
        quantity="100",
        unit_cost="2.50",
        by=clerk,
        source=SourceRef(type="procurement.purchaseorder", id="7", number="PO-2026-000007"),
    )

    level = level_of(product, location)
    assert (level.on_hand, level.value, level.average_cost) == (
        Decimal("100.000"),
        Decimal("250.00"),
        Decimal("2.5000"),
    )
    assert movement.kind == MovementKind.RECEIPT
    assert movement.on_hand_after == Decimal("100.000")
    assert movement.source_number == "PO-2026-000007"
    assert movement.actor == clerk
    assert AuditEvent.objects.filter(action="stock.received", object_id=str(movement.pk)).exists()


def test_second_receipt_moves_the_average_and_issue_leaves_at_it(product, location, clerk):
    stock_receive(product=product, location=location, quantity=100, unit_cost="2.00", by=clerk)
    stock_receive(product=product, location=location, quantity=50, unit_cost="3.50", by=clerk)

    issue = stock_issue(product=product, location=location, quantity=30, by=clerk)

    level = level_of(product, location)
    assert level.average_cost == Decimal("2.5000")
    assert issue.quantity == Decimal("-30.000")
    assert issue.value == Decimal("-75.00")
    assert level.on_hand == Decimal("120.000")
    assert level.value == Decimal("300.00")


def test_issue_beyond_available_is_refused_naming_the_available_quantity(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_reserve(product=product, location=location, quantity=4, by=clerk)

    with pytest.raises(InsufficientStock) as caught:
        stock_issue(product=product, location=location, quantity=7, by=clerk)

    assert caught.value.status_code == 409
    assert caught.value.available == Decimal("6.000")
    assert caught.value.requested == Decimal("7.000")
    assert "6.000" in caught.value.detail
    assert level_of(product, location).on_hand == Decimal("10.000")
    assert StockMovement.objects.count() == 1


def test_issue_from_a_product_never_stocked_is_refused_and_leaves_no_level(
    product, location, clerk
):
    with pytest.raises(InsufficientStock):
        stock_issue(product=product, location=location, quantity=1, by=clerk)

    assert not StockLevel.objects.exists()


def test_shipping_from_the_reservation_consumes_it(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_reserve(product=product, location=location, quantity=8, by=clerk)

    stock_issue(product=product, location=location, quantity=5, by=clerk, from_reservation=True)

    level = level_of(product, location)
    assert (level.on_hand, level.reserved, level.available) == (
        Decimal("5.000"),
        Decimal("3.000"),
        Decimal("2.000"),
    )


def test_shipping_more_than_reserved_is_refused(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_reserve(product=product, location=location, quantity=2, by=clerk)

    with pytest.raises(Conflict) as caught:
        stock_issue(product=product, location=location, quantity=3, by=clerk, from_reservation=True)

    assert caught.value.code == InventoryErrorCode.RESERVATION_EXCEEDED


def test_reserve_and_release_are_audited_not_movements(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)

    stock_reserve(product=product, location=location, quantity=6, by=clerk)
    stock_release(product=product, location=location, quantity=2, by=clerk)

    assert level_of(product, location).reserved == Decimal("4.000")
    assert StockMovement.objects.count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"stock.reserved", "stock.released"} <= actions


def test_reserving_more_than_available_or_releasing_more_than_reserved_is_refused(
    product, location, clerk
):
    stock_receive(product=product, location=location, quantity=5, unit_cost=1, by=clerk)

    with pytest.raises(InsufficientStock):
        stock_reserve(product=product, location=location, quantity=6, by=clerk)
    with pytest.raises(Conflict) as caught:
        stock_release(product=product, location=location, quantity=1, by=clerk)

    assert caught.value.code == InventoryErrorCode.RELEASE_EXCEEDS_RESERVED


def test_transfer_moves_quantity_and_value_in_two_linked_legs(
    product, location, other_location, clerk
):
    stock_receive(product=product, location=location, quantity=10, unit_cost="4.00", by=clerk)
    stock_receive(product=product, location=other_location, quantity=10, unit_cost="2.00", by=clerk)

    out_leg, in_leg = stock_transfer(
        product=product, from_location=location, to_location=other_location, quantity=5, by=clerk
    )

    assert out_leg.transfer_group == in_leg.transfer_group is not None
    assert (out_leg.kind, in_leg.kind) == (MovementKind.TRANSFER_OUT, MovementKind.TRANSFER_IN)
    assert out_leg.value == -in_leg.value == Decimal("-20.00")
    assert level_of(product, location).on_hand == Decimal("5.000")
    target = level_of(product, other_location)
    assert target.on_hand == Decimal("15.000")
    assert target.average_cost == Decimal("2.6667")


def test_transfer_to_the_same_location_is_invalid(product, location, clerk):
    with pytest.raises(InvalidInput):
        stock_transfer(
            product=product, from_location=location, to_location=location, quantity=1, by=clerk
        )


def test_transfer_beyond_available_is_refused(product, location, other_location, clerk):
    stock_receive(product=product, location=location, quantity=3, unit_cost=1, by=clerk)

    with pytest.raises(InsufficientStock):
        stock_transfer(
            product=product,
            from_location=location,
            to_location=other_location,
            quantity=4,
            by=clerk,
        )

    assert StockMovement.objects.count() == 1


def test_adjustment_needs_a_reason_and_goes_either_way(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost="2.00", by=clerk)

    with pytest.raises(InvalidInput) as caught:
        stock_adjust(product=product, location=location, quantity=-1, reason="  ", by=clerk)
    down = stock_adjust(product=product, location=location, quantity=-3, reason="Damaged", by=clerk)
    up = stock_adjust(product=product, location=location, quantity="1.5", reason="Found", by=clerk)

    assert caught.value.code == InventoryErrorCode.REASON_REQUIRED
    assert (down.quantity, down.value) == (Decimal("-3.000"), Decimal("-6.00"))
    assert (up.quantity, up.value, up.unit_cost) == (
        Decimal("1.500"),
        Decimal("3.00"),
        Decimal("2.0000"),
    )
    assert level_of(product, location).on_hand == Decimal("8.500")


def test_adjusting_below_zero_is_refused(product, location, clerk):
    stock_receive(product=product, location=location, quantity=2, unit_cost=1, by=clerk)

    with pytest.raises(InsufficientStock):
        stock_adjust(product=product, location=location, quantity=-3, reason="Spoiled", by=clerk)


def test_count_posts_the_difference_as_an_adjustment(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)

    movement = stock_count(product=product, location=location, counted_quantity="8.5", by=clerk)
    unchanged = stock_count(product=product, location=location, counted_quantity="8.5", by=clerk)

    assert movement is not None
    assert movement.kind == MovementKind.ADJUSTMENT
    assert movement.quantity == Decimal("-1.500")
    assert "counted 8.500" in movement.reason
    assert unchanged is None
    assert level_of(product, location).on_hand == Decimal("8.500")


def test_count_below_the_reserved_quantity_is_refused(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_reserve(product=product, location=location, quantity=6, by=clerk)

    with pytest.raises(Conflict) as caught:
        stock_count(product=product, location=location, counted_quantity=5, by=clerk)

    assert caught.value.code == InventoryErrorCode.COUNT_BELOW_RESERVED


def test_returns_go_into_stock_from_customers_and_out_to_suppliers(product, location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost="2.00", by=clerk)

    back_in = stock_return_from_customer(product=product, location=location, quantity=2, by=clerk)
    back_out = stock_return_to_supplier(product=product, location=location, quantity=4, by=clerk)

    assert back_in.kind == back_out.kind == MovementKind.RETURN
    assert back_in.quantity == Decimal("2.000")
    assert back_out.quantity == Decimal("-4.000")
    assert level_of(product, location).on_hand == Decimal("8.000")


def test_zero_or_negative_quantities_are_invalid(product, location, clerk):
    with pytest.raises(InvalidInput):
        stock_receive(product=product, location=location, quantity=0, unit_cost=1, by=clerk)
    with pytest.raises(InvalidInput):
        stock_receive(product=product, location=location, quantity=-2, unit_cost=1, by=clerk)
    with pytest.raises(InvalidInput):
        stock_receive(product=product, location=location, quantity=1, unit_cost=-1, by=clerk)


def test_receipt_into_an_inactive_location_is_refused(product, location, clerk):
    location_deactivate(location=location, by=clerk)

    with pytest.raises(Conflict) as caught:
        stock_receive(product=product, location=location, quantity=1, unit_cost=1, by=clerk)

    assert caught.value.code == InventoryErrorCode.LOCATION_INACTIVE


def test_location_holding_stock_cannot_be_deactivated(product, location, clerk):
    stock_receive(product=product, location=location, quantity=1, unit_cost=1, by=clerk)

    with pytest.raises(Conflict) as caught:
        location_deactivate(location=location, by=clerk)

    assert caught.value.code == InventoryErrorCode.LOCATION_HAS_STOCK


def test_movements_are_append_only(product, location, clerk):
    movement = stock_receive(product=product, location=location, quantity=1, unit_cost=1, by=clerk)

    with pytest.raises(LedgerRowProtected):
        movement.save()
    with pytest.raises(LedgerRowProtected):
        movement.delete()
    with pytest.raises(LedgerRowProtected):
        StockMovement.objects.filter(pk=movement.pk).update(quantity=5)
    with pytest.raises(LedgerRowProtected):
        StockMovement.objects.all().delete()


def test_database_refuses_negative_on_hand_and_reserved_above_on_hand(product, location):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.create(product=product, location=location, on_hand=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.create(product=product, location=location, on_hand=1, reserved=2)
