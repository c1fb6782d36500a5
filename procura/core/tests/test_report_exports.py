"""Report downloads: the report's rows, its parameters and roles, as CSV or XLSX."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from procura.catalog.tests.factories import make_product
from procura.inventory.services.movements import stock_receive
from procura.procurement.tests.factories import make_location, make_person

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_stock_valuation_downloads_one_row_per_product(client_as: Any) -> None:
    keeper = make_person("warehouse")
    location = make_location()
    beef = make_product(sku="BEEF-1", name="=cmd|' /C calc'!A0")
    stock_receive(product=beef, location=location, quantity="10", unit_cost="4.25", by=keeper)
    client = client_as(user=keeper)

    csv_response = client.get(
        "/api/v1/stock/valuation/export/", {"columns": "product_sku=SKU,product_name,value"}
    )
    xlsx_response = client.get("/api/v1/stock/valuation/export/", {"format": "xlsx"})

    assert csv_response.status_code == 200
    text = body(csv_response).decode().removeprefix("\ufeff")
    assert list(csv.reader(io.StringIO(text))) == [
        ["SKU", "Product name", "Value"],
        ["BEEF-1", "'=cmd|' /C calc'!A0", "42.50"],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(body(xlsx_response))).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert Decimal(str(row["Value"])) == Decimal("42.50")
    assert Decimal(str(row["Quantity"])) == Decimal("10")


def test_a_report_download_keeps_the_report_roles_and_parameters(client_as: Any) -> None:
    requester = client_as("requester")
    finance = client_as("finance")

    assert requester.get("/api/v1/reports/ap-aging/export/").status_code == 403
    bad_date = finance.get("/api/v1/reports/ap-aging/export/", {"as_of": "31/03/2026"})
    assert bad_date.status_code == 400
    assert "as_of" in bad_date.json()["errors"]
    empty = finance.get("/api/v1/reports/ap-aging/export/", {"format": "xlsx"})
    assert empty.status_code == 404
    assert empty.json()["code"] == "nothing_to_export"
    assert finance.get("/api/v1/receivables/aging/export/").json()["code"] == "nothing_to_export"
    bad_format = finance.get("/api/v1/reports/spend-by-department/export/", {"format": "ods"})
    assert bad_format.status_code == 400
    assert bad_format.json()["code"] == "unknown_format"


def test_spend_download_names_the_department(client_as: Any) -> None:
    from procura.reports.tests.test_api import _at, _department, _issued_order

    meat = _department(code="MEAT", name="Meat desk")
    _issued_order(issued_at=_at(2026, 3, 10), department=meat, price="250.00")
    client = client_as("finance")

    response = client.get("/api/v1/reports/spend-by-department/export/", {"month": "2026-03"})

    text = body(response).decode().removeprefix("\ufeff")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Department", "Currency", "Total", "Orders"],
        ["Meat desk", "USD", "250.00", "1"],
    ]


def test_low_stock_with_nothing_below_its_point_is_a_clear_error(client_as: Any) -> None:
    client = client_as("warehouse")

    response = client.get("/api/v1/stock/low/export/")

    assert response.status_code == 404
    assert response.json()["code"] == "nothing_to_export"


WEB_APP_REPORTS = {
    "/api/v1/stock/valuation/export/": "product_sku,product_name,quantity,unit,value",
    "/api/v1/stock/low/export/": "product_sku,product_name,location_code,on_hand,available,"
    "reorder_point,reorder_quantity,unit",
    "/api/v1/receivables/aging/export/": "customer_name,customer_code,currency,current,"
    "days_1_30,days_31_60,days_61_90,over_90,total,rate,total_company",
    "/api/v1/reports/ap-aging/export/": "supplier_name,supplier_code,currency,current,total,"
    "rate,total_company",
}


@pytest.mark.parametrize("url", sorted(WEB_APP_REPORTS))
def test_every_report_download_knows_the_columns_the_web_app_sends(
    client_as: Any, url: str
) -> None:
    response = client_as("admin").get(url, {"columns": WEB_APP_REPORTS[url]})

    assert response.status_code == 404, response.content
    assert response.json()["code"] == "nothing_to_export"
