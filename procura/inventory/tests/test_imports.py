from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procura.core.csv_io import ImportRejected
from procura.inventory.models import StockLevel, StockMovement
from procura.inventory.services import stock_receive, stock_reserve
from procura.inventory.services.imports import opening_stock_import

IMPORT_URL = "/api/v1/stock/opening-stock/import/"


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("opening.csv", text.encode(), content_type="text/csv")


GOOD = "location,sku,quantity,unit_cost\ncs-dal,beef-chuck,100,2.50\nCS-CHI,BEEF-CHUCK,40,\n"


def test_dry_run_reports_every_bad_cell_by_line_and_writes_nothing(
    product, location, other_location, clerk
):
    text = (
        "location,sku,quantity,unit_cost\n"
        "CS-DAL,BEEF-CHUCK,ten,2\n"
        "NOWHERE,BEEF-CHUCK,1,2\n"
        "CS-DAL,NO-SUCH,1,2\n"
        "CS-CHI,BEEF-CHUCK,5,2\n"
        "cs-chi,beef-chuck,6,2\n"
    )

    report = opening_stock_import(upload=csv_file(text), dry_run=True, by=clerk)

    assert [(e.line, e.field) for e in report.errors] == [
        (2, "quantity"),
        (3, "location"),
        (4, "sku"),
        (6, "location_sku"),
    ]
    assert "first seen on line 5" in report.errors[-1].message
    assert report.created == 1
    assert not StockMovement.objects.exists()


def test_commit_posts_adjustments_and_a_reimport_changes_nothing(
    product, location, other_location, clerk
):
    first = opening_stock_import(upload=csv_file(GOOD), dry_run=False, by=clerk)
    again = opening_stock_import(upload=csv_file(GOOD), dry_run=False, by=clerk)

    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    dallas = StockLevel.objects.get(location=location)
    assert (dallas.on_hand, dallas.value) == (Decimal("100.000"), Decimal("250.00"))
    chicago = StockLevel.objects.get(location=other_location)
    assert chicago.average_cost == product.standard_cost
    assert StockMovement.objects.count() == 2
    assert set(StockMovement.objects.values_list("kind", flat=True)) == {"adjustment"}


def test_import_sets_on_hand_through_the_difference(product, location, other_location, clerk):
    stock_receive(product=product, location=location, quantity=120, unit_cost="2.50", by=clerk)

    report = opening_stock_import(upload=csv_file(GOOD), dry_run=False, by=clerk)

    assert (report.created, report.updated) == (1, 1)
    movement = StockMovement.objects.filter(location=location, kind="adjustment").get()
    assert movement.quantity == Decimal("-20.000")
    assert StockLevel.objects.get(location=location).on_hand == Decimal("100.000")


def test_commit_with_a_bad_line_posts_nothing(product, location, other_location, clerk):
    stock_receive(product=product, location=location, quantity=10, unit_cost=1, by=clerk)
    stock_reserve(product=product, location=location, quantity=8, by=clerk)
    text = "location,sku,quantity\nCS-CHI,BEEF-CHUCK,5\nCS-DAL,BEEF-CHUCK,5\n"

    with pytest.raises(ImportRejected) as caught:
        opening_stock_import(upload=csv_file(text), dry_run=False, by=clerk)

    assert [(e.line, e.field) for e in caught.value.report.errors] == [(3, "quantity")]
    assert not StockLevel.objects.filter(location=other_location, on_hand__gt=0).exists()
    assert StockMovement.objects.count() == 1


def test_import_endpoint_dry_runs_by_default_and_commits_for_warehouse(
    client_as, product, location, other_location
):
    client = client_as("warehouse")

    dry = client.post(IMPORT_URL, {"file": csv_file(GOOD)}, format="multipart")
    done = client.post(f"{IMPORT_URL}?dry_run=false", {"file": csv_file(GOOD)}, format="multipart")
    bad = client.post(
        f"{IMPORT_URL}?dry_run=false",
        {"file": csv_file("location,sku,quantity\nCS-DAL,NOPE,1\n")},
        format="multipart",
    )
    denied = client_as("finance").post(IMPORT_URL, {"file": csv_file(GOOD)}, format="multipart")

    assert dry.status_code == 200
    assert dry.data["dry_run"] is True
    assert dry.data["created"] == 2
    assert done.status_code == 200
    assert done.data["created"] == 2
    assert bad.status_code == 400
    assert "2.sku" in bad.data["errors"]
    assert denied.status_code == 403
    assert StockMovement.objects.count() == 2
