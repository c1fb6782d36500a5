"""Partner endpoints through the real URLs, authentication and role rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.partners.models import Contact, Supplier
from procura.partners.services.customers import CREDIT_TERMS_FINANCE_ONLY
from procura.partners.tests.factories import (
    make_carrier,
    make_contact,
    make_customer,
    make_plant,
    make_supplier,
    make_supplier_plant,
)

pytestmark = pytest.mark.django_db

SUPPLIERS = "/api/v1/suppliers/"
CUSTOMERS = "/api/v1/customers/"
PLANTS = "/api/v1/plants/"
CARRIERS = "/api/v1/carriers/"
CONTACTS = "/api/v1/contacts/"
MAPPINGS = "/api/v1/supplier-plant-mappings/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("procurement", 200),
        ("sales", 200),
        ("finance", 200),
        ("auditor", 200),
        ("warehouse", 200),
        ("customer", 403),
    ],
)
@pytest.mark.parametrize("url", [SUPPLIERS, CUSTOMERS, PLANTS, CARRIERS, CONTACTS, MAPPINGS])
def test_staff_read_partner_lists_customers_do_not(client_as, role, status, url):
    assert client_as(role).get(url).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 201), ("procurement", 201), ("sales", 201), ("finance", 403), ("auditor", 403)],
)
def test_only_partner_editors_create_suppliers(client_as, role, status):
    response = client_as(role).post(SUPPLIERS, {"code": f"s-{role}", "name": "Lone Star Packing"})

    assert response.status_code == status
    if status == 201:
        assert response.data["code"] == f"S-{role.upper()}"


def test_create_supplier_with_addresses_and_bad_fields_gives_field_errors(client_as):
    client = client_as("procurement")

    response = client.post(
        SUPPLIERS,
        {
            "code": "PPB",
            "name": "Prairie Plains Beef",
            "payment_terms_days": 400,
            "addresses": [{"kind": "office", "city": "Dodge City", "country": "XX"}],
            "colour": "red",
        },
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "colour" in response.json()["errors"]
    response = client.post(
        SUPPLIERS,
        {
            "code": "PPB",
            "name": "Prairie Plains Beef",
            "addresses": [{"kind": "office", "city": "Dodge City", "country": "XX"}],
        },
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["addresses.0.country"]
    assert not Supplier.objects.exists()


def test_supplier_detail_shows_addresses_contacts_and_plants(client_as):
    supplier = make_supplier(addresses=[{"kind": "office", "city": "Amarillo", "country": "US"}])
    make_contact(supplier, name="Dana Ruiz", is_primary=True)
    make_plant(supplier, code="AMA1")

    body = client_as("auditor").get(f"{SUPPLIERS}{supplier.pk}/").json()

    assert body["addresses"][0]["city"] == "Amarillo"
    assert body["contacts"][0] == {
        "id": body["contacts"][0]["id"],
        "name": "Dana Ruiz",
        "title": "",
        "email": body["contacts"][0]["email"],
        "phone": "",
        "is_primary": True,
    }
    assert [p["code"] for p in body["plants"]] == ["AMA1"]


def test_etag_if_none_match_and_stale_if_match(client_as):
    supplier = make_supplier()
    client = client_as("procurement")
    url = f"{SUPPLIERS}{supplier.pk}/"

    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    updated = client.patch(url, {"name": "Renamed"}, HTTP_IF_MATCH=etag)
    assert updated.status_code == 200
    assert updated["ETag"] != etag
    stale = client.patch(url, {"name": "Again"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert client.patch(url, {"name": "Again"}, HTTP_IF_MATCH=updated["ETag"]).status_code == 200


def test_delete_is_refused_with_the_reason(client_as):
    supplier = make_supplier()

    response = client_as("admin").delete(f"{SUPPLIERS}{supplier.pk}/")

    assert response.status_code == 405
    assert "deactivate" in response.json()["detail"]
    assert Supplier.objects.filter(pk=supplier.pk).exists()


def test_deactivate_and_reactivate_endpoints(client_as):
    supplier = make_supplier()
    client = client_as("sales")
    url = f"{SUPPLIERS}{supplier.pk}/"

    response = client.post(f"{url}deactivate/")
    assert response.status_code == 200
    assert response.json()["status"] == "inactive"
    assert client.post(f"{url}deactivate/").status_code == 409
    assert client.post(f"{url}reactivate/").json()["status"] == "active"
    assert client_as("auditor").post(f"{url}deactivate/").status_code == 403


def test_supplier_list_filters_by_status_and_searches(client_as):
    make_supplier(code="ACT", name="Active Beef")
    make_supplier(code="HLD", name="Held Pork", on_hold=True)
    gone = make_supplier(code="OLD", name="Old Veal")
    from procura.partners import services

    services.supplier_deactivate(supplier=gone, by=None)
    client = client_as("procurement")

    def codes(query: str) -> list[str]:
        return [row["code"] for row in client.get(f"{SUPPLIERS}?{query}").json()["results"]]

    assert codes("status=on_hold") == ["HLD"]
    assert codes("status=inactive") == ["OLD"]
    assert codes("is_active=true") == ["ACT", "HLD"]
    assert codes("search=pork") == ["HLD"]
    assert codes("ordering=-code") == ["OLD", "HLD", "ACT"]


def test_finance_patches_customer_credit_terms_only(client_as):
    customer = make_customer()
    client = client_as("finance")
    url = f"{CUSTOMERS}{customer.pk}/"

    ok = client.patch(url, {"credit_limit": "25000.00", "payment_terms_days": 45})
    refused = client.patch(url, {"name": "New name"})

    assert ok.status_code == 200
    assert ok.json()["credit_limit"] == "25000.00"
    assert refused.status_code == 403
    assert "name" in refused.json()["errors"]
    assert client.post(f"{url}deactivate/").status_code == 403
    assert client.post(CUSTOMERS, {"code": "X", "name": "X", "tax_region": "US"}).status_code == 403


@pytest.mark.parametrize("role", ["sales", "procurement"])
def test_only_finance_sets_credit_limit_and_payment_terms(client_as, role):
    customer = make_customer()
    limit = customer.credit_limit
    client = client_as(role)
    url = f"{CUSTOMERS}{customer.pk}/"
    before = client.get(url).json()

    raised = client.patch(url, {"credit_limit": "999999.00"})
    longer = client.patch(url, {"payment_terms_days": 90})
    created = client.post(
        CUSTOMERS,
        {"code": "NEW1", "name": "New", "tax_region": "US-TX", "credit_limit": "50000"},
    )
    # The whole form sent back unchanged is fine; so is a new customer on default terms.
    # (a role that may not read the terms does not get them, so does not send them back)
    terms = {k: before[k] for k in ("credit_limit", "payment_terms_days") if k in before}
    resaved = client.patch(url, {"name": "Renamed", **terms})
    plain = client.post(CUSTOMERS, {"code": "NEW2", "name": "New", "tax_region": "US-TX"})

    assert raised.status_code == 403
    assert raised.json()["errors"] == {"credit_limit": [CREDIT_TERMS_FINANCE_ONLY]}
    assert longer.status_code == 403
    assert "payment_terms_days" in longer.json()["errors"]
    assert created.status_code == 403
    assert resaved.status_code == 200, resaved.content
    assert plain.status_code == 201, plain.content
    customer.refresh_from_db()
    assert customer.credit_limit == limit
    assert customer.name == "Renamed"


def test_customer_negative_credit_limit_is_a_field_error(client_as):
    response = client_as("sales").post(
        CUSTOMERS, {"code": "HEB1", "name": "Grocer", "tax_region": "US-TX", "credit_limit": "-5"}
    )

    assert response.status_code == 400
    assert "credit_limit" in response.json()["errors"]


def test_carriers_insurance_expiring_within_includes_expired(client_as):
    today = timezone.localdate()
    make_carrier(name="Expired", scac="EXPD", insurance_expires_on=today - timedelta(days=3))
    make_carrier(name="Soon", scac="SOON", insurance_expires_on=today + timedelta(days=10))
    make_carrier(name="Later", scac="LATR", insurance_expires_on=today + timedelta(days=200))
    client = client_as("warehouse")

    rows = client.get(f"{CARRIERS}?insurance_expiring_within=30&ordering=name").json()["results"]

    assert [(r["scac"], r["insurance_expired"]) for r in rows] == [
        ("EXPD", True),
        ("SOON", False),
    ]
    assert rows[1]["insurance_days_left"] == 10
    assert client.get(f"{CARRIERS}?insurance_expiring_within=-1").status_code == 400


def test_create_plant_normalises_establishment_number(client_as):
    supplier = make_supplier()

    response = client_as("procurement").post(
        PLANTS,
        {
            "code": "gi-1",
            "name": "Grand Island",
            "supplier": supplier.pk,
            "establishment_number": "EST. 245C",
            "city": "Grand Island",
            "region": "NE",
            "country": "us",
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["establishment_number"] == "245C"
    assert response.json()["supplier_code"] == supplier.code


def test_contact_needs_exactly_one_party_and_phone_is_e164(client_as):
    supplier, customer = make_supplier(), make_customer()
    client = client_as("sales")

    both = client.post(CONTACTS, {"name": "X", "supplier": supplier.pk, "customer": customer.pk})
    none = client.post(CONTACTS, {"name": "X"})
    bad_phone = client.post(CONTACTS, {"name": "X", "customer": customer.pk, "phone": "12"})
    ok = client.post(CONTACTS, {"name": "Kim", "customer": customer.pk, "phone": "(512) 555-0100"})

    assert both.status_code == none.status_code == 400
    assert "party" in both.json()["errors"]
    assert bad_phone.status_code == 400
    assert "phone" in bad_phone.json()["errors"]
    assert ok.status_code == 201
    assert ok.json()["phone"] == "+15125550100"
    assert ok.json()["party_type"] == "customer"
    assert ok.json()["party_code"] == customer.code


def test_make_primary_demotes_the_previous_primary(client_as):
    carrier = make_carrier()
    old = make_contact(carrier, is_primary=True)
    new = make_contact(carrier)

    response = client_as("procurement").post(f"{CONTACTS}{new.pk}/make-primary/")

    assert response.status_code == 200
    assert response.json()["is_primary"] is True
    assert not Contact.objects.get(pk=old.pk).is_primary


def test_mapping_create_and_filter_by_customer(client_as):
    plant = make_plant()
    customer = make_customer()
    make_supplier_plant()
    client = client_as("procurement")

    created = client.post(
        MAPPINGS,
        {"supplier": plant.supplier_id, "plant": plant.pk, "approved_customers": [customer.pk]},
    )
    duplicate = client.post(MAPPINGS, {"supplier": plant.supplier_id, "plant": plant.pk})
    rows = client.get(f"{MAPPINGS}?customer={customer.pk}").json()["results"]

    assert created.status_code == 201, created.json()
    assert duplicate.status_code == 400
    assert [r["id"] for r in rows] == [created.json()["id"]]
    assert rows[0]["establishment_number"] == plant.establishment_number


def _list_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(f"{url}?page_size=50").status_code == 200
    return len(context.captured_queries)


LIST_BUILDERS = {
    SUPPLIERS: lambda: make_supplier(),
    CUSTOMERS: lambda: make_customer(),
    PLANTS: lambda: make_plant(),
    CARRIERS: lambda: make_carrier(),
    CONTACTS: lambda: make_contact(make_plant()),
    MAPPINGS: lambda: make_supplier_plant(approved_customers=[make_customer()]),
}


@pytest.mark.parametrize("url", list(LIST_BUILDERS))
def test_list_query_count_does_not_grow_with_rows(client_as, url):
    client = client_as("auditor")
    client.get(url)  # the user's roles load once per client
    build = LIST_BUILDERS[url]
    for _ in range(2):
        build()
    few = _list_queries(client, url)
    for _ in range(18):
        build()

    assert _list_queries(client, url) == few


def test_removing_an_address_used_on_an_order_is_a_conflict_and_changes_nothing(client_as):
    from procura.sales.tests.factories import (
        make_location,
        make_order,
        make_stocked_product,
        make_tax_rate,
    )

    customer = make_customer(
        addresses=[{"kind": "shipping", "city": "Austin", "region": "TX", "country": "US"}]
    )
    location = make_location()
    product = make_stocked_product(location)
    make_tax_rate(product.tax_category)
    make_order(
        customer=customer,
        location=location,
        lines=[(product, "1")],
        ship_to=customer.addresses.get(),
    )

    response = client_as("sales").patch(
        f"/api/v1/customers/{customer.pk}/", {"addresses": []}, format="json"
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "address_in_use"
    assert "addresses" in response.json()["errors"]
    assert customer.addresses.count() == 1


FINANCIALS = {"credit_limit", "payment_terms_days", "tax_id"}


@pytest.mark.parametrize(
    ("role", "sees_financials"),
    [
        ("finance", True),
        ("sales", True),
        ("auditor", True),
        ("admin", True),
        ("procurement", False),
        ("warehouse", False),
        ("requester", False),
        ("approver", False),
    ],
)
def test_customer_financials_follow_the_same_rule_on_screen_and_in_exports(
    client_as, role, sees_financials
):
    customer = make_customer(tax_id="74-1234567")
    client = client_as(role)

    listed = client.get(CUSTOMERS).json()["results"][0]
    detail = client.get(f"{CUSTOMERS}{customer.pk}/").json()
    export = client.get(f"{CUSTOMERS}export/")

    assert set(listed) >= FINANCIALS if sees_financials else not FINANCIALS & set(listed)
    assert set(detail) >= FINANCIALS if sees_financials else not FINANCIALS & set(detail)
    if export.status_code == 403:  # roles without the export at all
        assert role in {"warehouse", "requester", "approver"}
        return
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert ("credit_limit" in header) is sees_financials
    assert ("tax_id" in header) is sees_financials
    assert ("74-1234567" in text) is sees_financials


@pytest.mark.parametrize(
    ("role", "sees_financials"),
    [("finance", True), ("sales", True), ("procurement", False)],
)
def test_customers_are_not_sorted_or_searched_by_what_the_role_cannot_read(
    client_as, role, sees_financials
):
    """Sorting by credit limit or payment terms, or searching by tax id, would tell a buyer
    the values the list hides from them: for them the field is not there to sort or search by."""
    small = make_customer(name="A small one", credit_limit="100.00", payment_terms_days=10)
    large = make_customer(name="Z large one", credit_limit="90000.00", payment_terms_days=90)
    make_customer(name="M taxed", tax_id="99-7654321")
    client = client_as(role)

    def codes(**query):
        response = client.get(CUSTOMERS, query)
        assert response.status_code == 200, response.content
        return [row["code"] for row in response.json()["results"]]

    by_name = codes(ordering="name")
    for ordering in ("-credit_limit", "-payment_terms_days"):
        ranked = codes(ordering=ordering)
        if sees_financials:
            assert ranked.index(large.code) < ranked.index(small.code)
        else:
            assert ranked == sorted(by_name)  # ignored: the default order (by code)
    assert (codes(search="99-7654321") != []) is sees_financials
    export = client.get(f"{CUSTOMERS}export/", {"search": "99-7654321"})
    exported = b"".join(export.streaming_content).decode("utf-8-sig")
    assert ("M taxed" in exported) is sees_financials
