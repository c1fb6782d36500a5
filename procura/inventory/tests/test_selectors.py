from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from procura.inventory.models import LowStockAlert, StockLevel
from procura.inventory.selectors import (
    calculate_total_value,
    low_stock_list,
    stock_level_list,
    stock_value_by_location,
    stock_value_by_product,
)
from procura.inventory.services import (
    location_deactivate,
    reorder_rule_set,
    stock_issue,
    stock_receive,
)
from procura.inventory.tasks import check_low_stock_task
from procura.inventory.tests.factories import LocationFactory, ProductFactory


def test_check_stock_passes_on_a_consistent_ledger(product, location, clerk):
    stock_receive(product=product, location=location, quantity=5, unit_cost=2, by=clerk)
    stock_issue(product=product, location=location, quantity=2, by=clerk)
    out = StringIO()

    call_command("check_stock", stdout=out)

    assert "1 stock levels agree" in out.getvalue()


def test_check_stock_agrees_with_fractional_quantities(product, location, clerk):
    stock_receive(product=product, location=location, quantity="1.002", unit_cost="0.7", by=clerk)
    stock_issue(product=product, location=location, quantity="1.001", by=clerk)

    call_command("check_stock", stdout=StringIO())


def test_check_stock_catches_a_tampered_level(product, location, clerk):
    stock_receive(product=product, location=location, quantity=5, unit_cost=2, by=clerk)
    StockLevel.objects.filter(product=product, location=location).update(on_hand=Decimal("7"))
    err = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("check_stock", stderr=err)

    assert caught.value.returncode == 1
    assert "CS-DAL BEEF-CHUCK: on hand 7.000, ledger 5.000" in err.getvalue()


def test_low_stock_lists_rules_at_or_below_their_point_including_never_stocked(
    product, location, other_location, clerk
):
    plenty = ProductFactory.create(sku="PLENTY")
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_receive(product=plenty, location=location, quantity=50, unit_cost=1, by=clerk)
    reorder_rule_set(
        product=product, location=location, reorder_point=10, reorder_quantity=5, by=clerk
    )
    reorder_rule_set(
        product=plenty, location=location, reorder_point=10, reorder_quantity=5, by=clerk
    )
    reorder_rule_set(
        product=product, location=other_location, reorder_point=1, reorder_quantity=5, by=clerk
    )

    rows = {(r.product.sku, r.location.code): r.on_hand for r in low_stock_list()}  # type: ignore[attr-defined]

    assert rows == {("BEEF-CHUCK", "CS-DAL"): Decimal("10.000"), ("BEEF-CHUCK", "CS-CHI"): 0}


def test_low_stock_skips_inactive_locations(product, other_location, clerk):
    reorder_rule_set(
        product=product, location=other_location, reorder_point=1, reorder_quantity=5, by=clerk
    )
    location_deactivate(location=other_location, by=clerk)

    assert list(low_stock_list()) == []


def test_daily_low_stock_task_records_one_alert_per_pair_and_day(product, location, clerk):
    reorder_rule_set(
        product=product, location=location, reorder_point=3, reorder_quantity=5, by=clerk
    )

    first = check_low_stock_task.delay().get()
    second = check_low_stock_task.delay().get()

    assert (first, second) == (1, 0)
    alert = LowStockAlert.objects.get()
    assert (alert.on_hand, alert.reorder_point, alert.alert_date) == (
        Decimal("0.000"),
        Decimal("3.000"),
        date.today(),
    )


def test_valuation_is_summed_per_location_product_and_in_total(
    product, location, other_location, clerk
):
    pork = ProductFactory.create(sku="PORK")
    stock_receive(product=product, location=location, quantity=3, unit_cost="1.10", by=clerk)
    stock_receive(product=product, location=other_location, quantity=2, unit_cost="2.00", by=clerk)
    stock_receive(product=pork, location=location, quantity=1, unit_cost="0.50", by=clerk)

    assert calculate_total_value() == Decimal("7.80")
    assert calculate_total_value(location_id=location.pk) == Decimal("3.80")
    assert {row["location__code"]: row["value"] for row in stock_value_by_location()} == {
        "CS-CHI": Decimal("4.00"),
        "CS-DAL": Decimal("3.80"),
    }
    assert {row["product__sku"]: row["quantity"] for row in stock_value_by_product()} == {
        "BEEF-CHUCK": Decimal("5.000"),
        "PORK": Decimal("1.000"),
    }


def test_stock_level_list_annotates_the_reorder_point(product, location, clerk):
    stock_receive(product=product, location=location, quantity=3, unit_cost=1, by=clerk)
    unruled = LocationFactory.create()
    stock_receive(product=product, location=unruled, quantity=3, unit_cost=1, by=clerk)
    reorder_rule_set(
        product=product, location=location, reorder_point=4, reorder_quantity=5, by=clerk
    )

    below = list(stock_level_list(below_reorder=True))
    rest = list(stock_level_list(below_reorder=False))

    assert [(lvl.location_id, lvl.reorder_point) for lvl in below] == [(location.pk, Decimal("4"))]  # type: ignore[attr-defined]
    assert [lvl.location_id for lvl in rest] == [unruled.pk]
