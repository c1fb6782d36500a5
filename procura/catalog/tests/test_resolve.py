"""A pasted block's product column resolved in one request: SKU, GTIN (leading zeros
optional) or exact name; what fits nothing, several products or only an inactive one says so."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.services.products import product_deactivate
from procura.catalog.services.supplier_items import supplier_item_create, supplier_item_update
from procura.catalog.tests.factories import make_product, valid_gtin13
from procura.partners.tests.factories import make_supplier

pytestmark = pytest.mark.django_db

URL = "/api/v1/products/resolve/"


@pytest.fixture
def catalog():
    gtin = valid_gtin13("001234567890")  # 13 digits with two leading zeros
    return {
        "chuck": make_product(sku="BF-CHUCK", name="Beef chuck roll", gtin=gtin),
        "belly": make_product(sku="PK-BELLY", name="Pork belly"),
        "wing1": make_product(sku="CK-WING-A", name="Chicken wings"),
        "wing2": make_product(sku="CK-WING-B", name="Chicken Wings"),
        "old": make_product(sku="LM-OLD", name="Lamb shank"),
        "gtin": gtin,
    }


def _resolve(client, identifiers):
    response = client.post(URL, {"identifiers": identifiers}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_sku_gtin_and_name_each_find_their_product(catalog, client_as):
    results = _resolve(
        client_as("procurement"),
        ["bf-chuck", catalog["gtin"].lstrip("0"), "0" + catalog["gtin"], "  pork   BELLY "],
    )
    assert [(r["status"], r["matched_by"]) for r in results] == [
        ("found", "sku"),
        ("found", "gtin"),
        ("found", "gtin"),
        ("found", "name"),
    ]
    assert [r["product"]["sku"] for r in results] == [
        "BF-CHUCK",
        "BF-CHUCK",
        "BF-CHUCK",
        "PK-BELLY",
    ]
    assert results[0]["identifier"] == "bf-chuck"
    assert set(results[0]["product"]) == {
        "id", "sku", "name", "unit", "list_price", "currency", "gtin", "is_active",
    }  # fmt: skip


def test_unknown_ambiguous_and_inactive_are_reported_not_guessed(catalog, client_as):
    product_deactivate(product=catalog["old"], by=None)
    results = _resolve(client_as("sales"), ["chicken wings", "Lamb shank", "Veal", "LM-OLD"])
    wings, lamb, veal, old_sku = results
    assert wings["status"] == "ambiguous"
    assert wings["product"] is None
    assert sorted(c["sku"] for c in wings["candidates"]) == ["CK-WING-A", "CK-WING-B"]
    assert (lamb["status"], lamb["product"]["sku"]) == ("inactive", "LM-OLD")
    assert (veal["status"], veal["product"], veal["matched_by"]) == ("not_found", None, "")
    assert old_sku["status"] == "inactive"


def test_an_active_product_by_name_wins_over_an_inactive_sku(catalog, client_as):
    product_deactivate(product=catalog["old"], by=None)
    make_product(sku="LM-NEW", name="LM-OLD")
    [result] = _resolve(client_as("procurement"), ["LM-OLD"])
    assert (result["status"], result["matched_by"], result["product"]["sku"]) == (
        "found",
        "name",
        "LM-NEW",
    )


def test_customers_never_learn_of_inactive_products(catalog, client_as):
    product_deactivate(product=catalog["old"], by=None)
    [result] = _resolve(client_as("customer"), ["LM-OLD"])
    assert (result["status"], result["product"]) == ("not_found", None)


def test_queries_do_not_grow_with_the_number_of_identifiers(catalog, client_as):
    client = client_as("procurement")
    _resolve(client, ["BF-CHUCK"])  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        _resolve(client, ["BF-CHUCK"])
    many = [f"SKU-{n}" for n in range(200)] + ["Pork belly", catalog["gtin"], "chicken wings"]
    with CaptureQueriesContext(connection) as lots:
        _resolve(client, many)
    assert len(lots) == len(one)


def _item(supplier, product, code, *, active=True):
    item = supplier_item_create(
        supplier=supplier, product=product, supplier_sku=code, price=Decimal("4.5"), by=None
    )
    if not active:
        supplier_item_update(item=item, data={"is_active": False}, by=None)
    return item


def _resolve_for(client, identifiers, supplier):
    body = {"identifiers": identifiers, "supplier": supplier.pk}
    response = client.post(URL, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_on_a_purchase_document_the_suppliers_own_codes_find_their_products(catalog, client_as):
    acme, other = make_supplier(), make_supplier()
    _item(acme, catalog["chuck"], "AC-1001")
    _item(acme, catalog["belly"], "ac-2002")
    _item(other, catalog["belly"], "AC-1001")  # another supplier's code means nothing here
    _item(acme, catalog["wing1"], "AC-OLD", active=False)
    # a code that is also our SKU of another product: our SKU comes first
    _item(acme, catalog["belly"], "BF-CHUCK")
    client = client_as("procurement")
    results = _resolve_for(
        client, ["ac-1001", " AC-2002 ", "AC-OLD", "BF-CHUCK", "pork belly"], acme
    )
    assert [
        (r["status"], r["matched_by"], r["product"] and r["product"]["sku"]) for r in results
    ] == [
        ("found", "supplier_sku", "BF-CHUCK"),
        ("found", "supplier_sku", "PK-BELLY"),
        ("not_found", "", None),
        ("found", "sku", "BF-CHUCK"),
        ("found", "name", "PK-BELLY"),
    ]
    # without the supplier, its codes are unknown
    assert _resolve(client, ["AC-1001"])[0]["status"] == "not_found"


def test_supplier_codes_keep_a_constant_number_of_queries(catalog, client_as):
    acme = make_supplier()
    for n in range(60):
        _item(acme, make_product(sku=f"P-{n}", name=f"Product {n}"), f"AC-{n}")
    client = client_as("procurement")
    _resolve_for(client, ["AC-1"], acme)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        _resolve_for(client, ["AC-1"], acme)
    many = [f"AC-{n}" for n in range(60)] + [f"X-{n}" for n in range(440)]
    with CaptureQueriesContext(connection) as lots:
        results = _resolve_for(client, many, acme)
    assert sum(r["status"] == "found" for r in results) == 60
    assert len(lots) == len(one)


def test_customers_may_not_resolve_by_supplier_codes(catalog, client_as):
    acme = make_supplier()
    response = client_as("customer").post(
        URL, {"identifiers": ["AC-1"], "supplier": acme.pk}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "identifiers"),
        ({"identifiers": []}, "identifiers"),
        ({"identifiers": "BF-CHUCK"}, "identifiers"),
        ({"identifiers": ["x" * 201]}, "identifiers"),
        ({"identifiers": ["A"] * 501}, "identifiers"),
        ({"identifiers": [None]}, "identifiers"),
        ({"identifiers": ["A"], "supplier": 999999}, "supplier"),
        ({"identifiers": ["A"], "supplier": "acme"}, "supplier"),
    ],
)
def test_bad_input_is_a_structured_400(body, field, client_as):
    response = client_as("procurement").post(URL, body, format="json")
    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400
    assert any(key.startswith(field) for key in problem["errors"]), problem


def test_signed_out_callers_are_refused(api_client):
    assert api_client.post(URL, {"identifiers": ["A"]}, format="json").status_code in (401, 403)
