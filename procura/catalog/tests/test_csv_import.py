from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procura.audit.models import AuditEvent
from procura.catalog.models import Product
from procura.catalog.product_csv import ProductImport
from procura.catalog.services.imports import product_import
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.core.csv_io import ImportRejected
from procura.core.errors import InvalidInput, PayloadTooLarge

pytestmark = pytest.mark.django_db

Client = Callable[..., APIClient]
IMPORT = "/api/v1/products/import/"
HEADER = "sku,name,category,unit,list_price,standard_cost,tax_category,gtin\n"


@pytest.fixture(autouse=True)
def _catalog() -> None:
    beef = make_category("Beef")
    make_category("Rib", make_category("Primal cuts", beef))
    make_tax_category("standard")
    make_tax_category("food-exempt", "Food")


def upload(text: str, name: str = "products.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


GOOD = (
    HEADER
    + "bf-rib-112a-cs,Ribeye 112A,Beef > Primal cuts > Rib,case,189.50,150,standard,4006381333931\n"
    + "BF-BRISKET-LB,Brisket,beef,lb,4.25,3.10,food-exempt,\n"
)


def test_dry_run_reports_every_bad_row_with_line_and_field_and_writes_nothing() -> None:
    text = (
        HEADER
        + "A-1,Good,Beef,lb,1.00,0.5,standard,\n"
        + "A-2,Bad price,Beef,lb,0,0.5,standard,\n"
        + "A-3,Bad unit and category,Lamb,ton,2,0.5,standard,\n"
        + "a-1,Duplicate of line 2,Beef,lb,1.00,0.5,standard,\n"
        + ",No sku,Beef,lb,1,0,standard,4006381333932\n"
    )
    report = product_import(upload=upload(text), dry_run=True, by=None)
    errors = {(e.line, e.field) for e in report.errors}
    assert errors == {
        (3, "list_price"),
        (4, "category"),
        (4, "unit"),
        (5, "sku"),
        (6, "sku"),
        (6, "gtin"),
    }
    assert report.rows == 5
    assert report.created == 1
    assert "line 2" in next(e.message for e in report.errors if e.line == 5)
    assert not Product.objects.exists()
    assert not AuditEvent.objects.filter(action="product.imported").exists()


def test_commit_with_a_bad_row_writes_nothing() -> None:
    text = GOOD + "BAD-1,Bad,Beef,lb,-1,0,standard,\n"
    with pytest.raises(ImportRejected) as rejected:
        product_import(upload=upload(text), dry_run=False, by=None)
    assert rejected.value.report.errors[0].line == 4
    assert not Product.objects.exists()


def test_commit_creates_then_reimport_is_unchanged_and_audited_once_each(make_user) -> None:
    buyer = make_user("procurement")
    first = product_import(upload=upload(GOOD), dry_run=False, by=buyer)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    rib = Product.objects.get(sku="BF-RIB-112A-CS")
    assert rib.category.name == "Rib"
    assert rib.list_price == Decimal("189.5")
    assert rib.created_by == buyer
    second = product_import(upload=upload(GOOD), dry_run=False, by=buyer)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    changed = product_import(
        upload=upload(GOOD.replace("189.50", "199.00")), dry_run=False, by=buyer
    )
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    rib.refresh_from_db()
    assert rib.list_price == Decimal("199")
    events = AuditEvent.objects.filter(action="product.imported").order_by("sequence")
    assert [e.data["created"] for e in events] == [2, 0, 0]
    assert events.count() == 3


def test_bom_semicolons_and_loose_header_are_accepted() -> None:
    text = (
        "\ufeff SKU ;Name; Category ;UOM;Price;Tax-Category\nX-1;Chuck roll;Beef;lb;3,5;standard\n"
    )
    report = product_import(upload=upload(text.replace("3,5", "3.5")), dry_run=False, by=None)
    assert report.created == 1
    assert Product.objects.get(sku="X-1").list_price == Decimal("3.5")


def test_missing_and_unknown_columns_are_reported_on_line_1() -> None:
    text = "sku,name,colour,unit,list_price,tax_category\nX-1,Chuck,red,lb,1,standard\n"
    report = product_import(upload=upload(text), dry_run=True, by=None)
    assert {(e.line, e.field) for e in report.errors} >= {(1, "colour"), (1, "category")}


def test_limits_are_enforced() -> None:
    spec = ProductImport()
    spec.max_rows = 1
    from procura.core.csv_io import run_import

    with pytest.raises(InvalidInput, match="more than 1 rows"):
        run_import(spec, upload(GOOD), dry_run=True)
    spec = ProductImport()
    spec.max_bytes = 10
    with pytest.raises(PayloadTooLarge):
        run_import(spec, upload(GOOD), dry_run=True)
    with pytest.raises(InvalidInput):
        product_import(
            upload=SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad"), dry_run=True, by=None
        )


def test_gtin_already_used_by_another_product_is_a_row_error() -> None:
    make_product(sku="OTHER", gtin="4006381333931")
    report = product_import(upload=upload(GOOD), dry_run=True, by=None)
    assert [(e.line, e.field) for e in report.errors] == [(2, "gtin")]


def test_export_imports_back_unchanged(client_as: Client) -> None:
    product_import(upload=upload(GOOD), dry_run=False, by=None)
    client = client_as("procurement")
    exported = b"".join(client.get("/api/v1/products/export/").streaming_content)  # type: ignore[attr-defined]
    report = product_import(upload=SimpleUploadedFile("p.csv", exported), dry_run=False, by=None)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_import_endpoint_dry_run_commit_and_rejection(client_as: Client) -> None:
    client = client_as("procurement")
    dry = client.post(f"{IMPORT}?dry_run=true", {"file": upload(GOOD)}, format="multipart")
    assert dry.status_code == 200
    assert dry.json() == {
        "dry_run": True,
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    assert not Product.objects.exists()
    bad = client.post(
        f"{IMPORT}?dry_run=false",
        {"file": upload(GOOD + "Z-1,Bad,Beef,lb,abc,0,standard,\n")},
        format="multipart",
    )
    assert bad.status_code == 400
    body = bad.json()
    assert body["row_errors"] == [
        {"line": 4, "field": "list_price", "message": "'abc' is not a number."}
    ]
    assert body["errors"] == {"4.list_price": ["'abc' is not a number."]}
    assert not Product.objects.exists()
    done = client.post(f"{IMPORT}?dry_run=false", {"file": upload(GOOD)}, format="multipart")
    assert done.status_code == 200
    assert done.json()["created"] == 2
    assert Product.objects.count() == 2


def test_customers_and_sales_cannot_import(client_as: Client) -> None:
    for role in ("customer", "sales"):
        response = client_as(role).post(IMPORT, {"file": upload(GOOD)}, format="multipart")
        assert response.status_code == 403


def test_import_query_count_does_not_grow_with_rows() -> None:
    def queries_for(rows: int) -> int:
        text = HEADER + "".join(
            f"Q-{rows}-{i},Item {i},Beef,lb,{i + 1},0,standard,\n" for i in range(rows)
        )
        with CaptureQueriesContext(connection) as captured:
            product_import(upload=upload(text), dry_run=False, by=None)
        return len(captured)

    assert queries_for(3) == queries_for(40)
