"""List exports through the real URLs: the list's rows, filters, columns and role rules."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.core.exports.views import NOTHING_TO_EXPORT
from procura.procurement.tests.factories import make_org, make_request, submitted_request

pytestmark = pytest.mark.django_db

URL = "/api/v1/purchase-requests/export/"


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def csv_rows(response: Any) -> list[list[str]]:
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_export_has_the_filtered_rows_and_the_chosen_columns(client_as: Any) -> None:
    org = make_org()
    make_request(org.requester, total="120.50", title="Draft one")
    submitted_request(org.requester, total="75.00")
    client = client_as("procurement")

    response = client.get(
        URL,
        {
            "status": "pending_approval",
            "columns": "number=Number,title,requester.full_name=Requester,total=Total",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="purchase-requests-' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["Number", "Title", "Requester", "Total"]
    assert len(rows) == 2
    assert rows[1][0].startswith("PR-")
    assert rows[1][2] == org.requester.full_name
    assert rows[1][3] == "75.00"


def test_text_that_a_spreadsheet_would_run_is_neutralised(client_as: Any) -> None:
    org = make_org()
    make_request(org.requester, title='=HYPERLINK("http://evil.example","x")')
    client = client_as("procurement")

    csv_response = client.get(URL, {"columns": "title,total"})
    xlsx_response = client.get(URL, {"columns": "title,total", "format": "xlsx"})

    assert csv_rows(csv_response)[1][0] == '\'=HYPERLINK("http://evil.example","x")'
    sheet = openpyxl.load_workbook(io.BytesIO(body(xlsx_response))).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s"  # a string cell, never a formula
    assert cell.value == '=HYPERLINK("http://evil.example","x")'


def test_xlsx_export_writes_numbers_and_dates_as_typed_cells(client_as: Any) -> None:
    org = make_org()
    make_request(org.requester, total="1234.56", needed_by="2027-01-15")
    client = client_as("procurement")

    response = client.get(URL, {"format": "xlsx", "columns": "number,total,needed_by,status"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    header = [c.value for c in sheet[1]]
    assert header == ["Number", "Total", "Needed by", "Status"]
    row = [c.value for c in sheet[2]]
    assert Decimal(str(row[1])) == Decimal("1234.56")
    assert row[2].date().isoformat() == "2027-01-15"
    assert row[3] == "draft"


def test_export_shows_only_what_the_list_shows_the_caller(client_as: Any) -> None:
    org = make_org()
    make_request(org.requester, title="Mine")
    other = make_org()
    make_request(other.requester, title="Someone else's")
    client = client_as(user=org.requester)

    rows = csv_rows(client.get(URL, {"columns": "title"}))

    assert rows == [["Title"], ["Mine"]]


def test_a_filter_that_matches_nothing_is_a_clear_error(client_as: Any) -> None:
    org = make_org()
    make_request(org.requester)
    client = client_as("procurement")

    response = client.get(URL, {"status": "rejected"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "nothing_to_export"
    assert response.json()["detail"] == NOTHING_TO_EXPORT


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"format": "pdf"}, "format", "unknown_format"),
        ({"columns": "number,password"}, "columns", "unknown_column"),
        ({"columns": "requester.password_hash"}, "columns", "unknown_column"),
        ({"status": "no-such-status"}, "status", None),
    ],
)
def test_bad_export_parameters_are_refused(
    client_as: Any, params: dict[str, str], field: str, code: str | None
) -> None:
    org = make_org()
    make_request(org.requester)
    client = client_as("procurement")

    response = client.get(URL, params)

    assert response.status_code == 400
    problem = response.json()
    assert field in problem["errors"]
    if code:
        assert problem["code"] == code


def test_anonymous_callers_cannot_export(api_client: Any) -> None:
    assert api_client.get(URL).status_code == 401


def test_export_query_count_does_not_grow_with_the_rows(client_as: Any) -> None:
    org = make_org()
    client = client_as("procurement")
    make_request(org.requester)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body(client.get(URL))
        return len(ctx)

    queries()  # the caller's roles are loaded once per client
    few = queries()
    for _ in range(15):
        make_request(org.requester)
    many = queries()
    assert many == few, (few, many)


def test_a_fast_list_exports_through_its_column_reads(client_as: Any) -> None:
    from procura.procurement.tests.factories import make_order, make_person

    buyer = make_person("procurement")
    first = make_order(buyer)
    make_order(buyer, issue=False)
    client = client_as(user=buyer)
    url = "/api/v1/purchase-orders/export/"

    rows = csv_rows(
        client.get(url, {"status": "issued", "columns": "number,supplier_name=Supplier,total"})
    )

    assert rows[0] == ["Number", "Supplier", "Total"]
    assert rows[1:] == [[first.number, first.supplier.name, format(first.total, "f")]]

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body(client.get(url, {"columns": "number,lines"}))
        return len(ctx)

    queries()
    few = queries()
    for _ in range(5):
        make_order(buyer)
    assert queries() == few


WEB_APP_EXPORTS = {
    "/api/v1/purchase-requests/export/": "number,title,status,requester.full_name,"
    "department_name,needed_by,created_at,currency,total",
    "/api/v1/purchase-orders/export/": "number,supplier_name,status,ship_to_code,"
    "expected_date,currency,total",
    "/api/v1/supplier-invoices/export/": "invoice_number,supplier_name,status,invoice_date,"
    "due_date,currency,total,balance",
    "/api/v1/sales-orders/export/": "number,customer_name,status,order_date,location_code,"
    "currency,total",
    "/api/v1/shipments/export/": "number,order_number,carrier_name,tracking_number,ship_date,"
    "status",
    "/api/v1/audit/events/export/": "sequence,occurred_at,actor_email,action,object_type,"
    "object_id,object_repr",
    "/api/v1/stock-levels/export/": "product_sku,product_name,location_code,on_hand,unit,"
    "reserved,available,average_cost,value",
    "/api/v1/stock-movements/export/": "occurred_at,kind,product_sku,location_code,quantity,"
    "unit,on_hand_after,value,source_number,reason,actor_email",
    "/api/v1/customer-invoices/export/": "number,customer_code,order_number,status,issue_date,"
    "due_date,currency,total,balance",
    "/api/v1/goods-receipts/export/": "number,order_number,received_on",
    "/api/v1/supplier-payments/export/": "",
    "/api/v1/customer-payments/export/": "",
}


@pytest.mark.parametrize("url", sorted(WEB_APP_EXPORTS))
def test_every_list_export_knows_the_columns_the_web_app_sends(client_as: Any, url: str) -> None:
    client = client_as("admin")

    response = client.get(url, {"columns": WEB_APP_EXPORTS[url], "search": "no such thing"})

    assert response.status_code == 404, response.content
    assert response.json()["code"] == "nothing_to_export"
