"""CSV import (dry run, all-or-nothing commit, idempotency) and export of partner lists."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procura.audit.models import AuditEvent
from procura.partners.models import Carrier, Customer, Plant, Supplier
from procura.partners.tests.factories import make_carrier, make_supplier

pytestmark = pytest.mark.django_db

SUPPLIERS_CSV = (
    "code,name,payment_terms_days,currency,on_hold\n"
    "ppb,Prairie Plains Beef,21,usd,no\n"
    "LSP,Lone Star Packing,30,USD,yes\n"
)


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("partners.csv", text.encode(), content_type="text/csv")


def _import(client, url: str, text: str, *, dry_run: bool):
    query = "?dry_run=true" if dry_run else ""
    return client.post(f"{url}import/{query}", {"file": _upload(text)}, format="multipart")


def test_dry_run_reports_every_bad_row_with_line_numbers_and_writes_nothing(client_as):
    text = (
        "code,name,payment_terms_days,currency\n"
        "OK1,Good Packer,30,USD\n"
        "bad code,Bad Code,30,USD\n"
        "OK2,,400,XYZ\n"
    )

    response = _import(client_as("procurement"), "/api/v1/suppliers/", text, dry_run=True)

    assert response.status_code == 200
    body = response.json()
    assert (body["dry_run"], body["rows"], body["created"]) == (True, 3, 1)
    assert {(e["line"], e["field"]) for e in body["errors"]} == {
        (3, "code"),
        (4, "name"),
        (4, "payment_terms_days"),
        (4, "currency"),
    }
    assert not Supplier.objects.exists()


def test_commit_with_a_bad_row_writes_nothing(client_as):
    text = SUPPLIERS_CSV + "X Y,Broken,30,USD,no\n"

    response = _import(client_as("procurement"), "/api/v1/suppliers/", text, dry_run=False)

    assert response.status_code == 400
    assert response.json()["row_errors"][0]["line"] == 4
    assert not Supplier.objects.exists()


def test_import_is_idempotent_by_code(client_as):
    client = client_as("procurement")

    first = _import(client, "/api/v1/suppliers/", SUPPLIERS_CSV, dry_run=False).json()
    second = _import(client, "/api/v1/suppliers/", SUPPLIERS_CSV, dry_run=False).json()

    assert (first["created"], first["updated"]) == (2, 0)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 2)
    assert sorted(Supplier.objects.values_list("code", flat=True)) == ["LSP", "PPB"]
    assert Supplier.objects.get(code="LSP").on_hold
    assert AuditEvent.objects.filter(action="supplier.imported").count() == 2


def test_import_updates_existing_rows_by_code(client_as):
    make_supplier(code="PPB", name="Old name", payment_terms_days=7)

    body = _import(client_as("sales"), "/api/v1/suppliers/", SUPPLIERS_CSV, dry_run=False).json()

    assert (body["created"], body["updated"]) == (1, 1)
    supplier = Supplier.objects.get(code="PPB")
    assert (supplier.name, supplier.payment_terms_days) == ("Prairie Plains Beef", 21)


def test_import_requires_an_editor_role(client_as):
    response = _import(client_as("finance"), "/api/v1/suppliers/", SUPPLIERS_CSV, dry_run=True)

    assert response.status_code == 403


def test_plant_import_resolves_supplier_and_checks_establishment_numbers(client_as):
    make_supplier(code="PPB")
    text = (
        "code,name,supplier,establishment_number,city,region\n"
        "DC1,Dodge City,ppb,EST. 245C,Dodge City,KS\n"
        "DC2,Dodge City 2,PPB,m-245c,Dodge City,KS\n"
        "GI1,Grand Island,NOPE,P-1234,Grand Island,NE\n"
        "GI2,Grand Island 2,PPB,245C,Grand Island,NE\n"
    )

    body = _import(client_as("procurement"), "/api/v1/plants/", text, dry_run=True).json()

    assert {(e["line"], e["field"]) for e in body["errors"]} == {
        (4, "supplier"),
        (5, "establishment_number"),
    }


def test_plant_import_commit_creates_plants(client_as):
    supplier = make_supplier(code="PPB")
    text = "code,name,supplier,establishment_number\nDC1,Dodge City,PPB,EST. 245C\n"

    body = _import(client_as("procurement"), "/api/v1/plants/", text, dry_run=False).json()

    assert body["created"] == 1
    plant = Plant.objects.get(code="DC1")
    assert (plant.supplier, plant.establishment_number) == (supplier, "245C")


def test_customer_and_carrier_imports(client_as):
    client = client_as("sales")
    customers = (
        "code,name,kind,credit_limit,tax_region\n"
        "HEB,Gulf Grocers,retailer,50000.00,us-tx\n"
        "BAD,Bad Credit,retailer,-1,US-TX\n"
    )
    carriers = (
        "scac,name,mc_number,insurance_expires_on\nfrzn,Frozen Freight,MC-123456,2030-01-31\n"
    )

    rejected = _import(client, "/api/v1/customers/", customers, dry_run=False)
    fixed = customers.replace("-1,", "0,")
    accepted = _import(client, "/api/v1/customers/", fixed, dry_run=False)
    carrier = _import(client, "/api/v1/carriers/", carriers, dry_run=False)

    assert rejected.status_code == 400
    assert accepted.json()["created"] == 2
    assert Customer.objects.get(code="HEB").tax_region == "US-TX"
    assert carrier.json()["created"] == 1
    assert Carrier.objects.get(scac="FRZN").mc_number == "123456"


def test_import_without_file_is_a_field_error(client_as):
    response = client_as("procurement").post("/api/v1/suppliers/import/", {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_export_honours_filters_and_imports_back_unchanged(client_as):
    make_supplier(code="ACT", name="Active")
    make_supplier(code="HLD", name="=Held", on_hold=True)
    client = client_as("procurement")

    response = client.get("/api/v1/suppliers/export/?on_hold=false")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))

    assert response["Content-Type"].startswith("text/csv")
    assert [row["code"] for row in rows] == ["ACT"]
    full = b"".join(client.get("/api/v1/suppliers/export/").streaming_content).decode()
    assert "'=Held" in full
    again = _import(client, "/api/v1/suppliers/", full, dry_run=False).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_carrier_export_is_keyed_by_scac(client_as):
    make_carrier(scac="ABCD", name="Polar Lines")

    text = b"".join(client_as("auditor").get("/api/v1/carriers/export/").streaming_content).decode()

    assert text.splitlines()[0].startswith("scac,name,")
    assert "ABCD,Polar Lines" in text
