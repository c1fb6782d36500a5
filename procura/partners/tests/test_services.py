"""Partner services: validation and normalisation, primary contacts, deactivation, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from procura.audit.models import AuditEvent
from procura.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from procura.partners import services
from procura.partners.models import Contact, PartyStatus
from procura.partners.tests.factories import (
    make_carrier,
    make_contact,
    make_customer,
    make_plant,
    make_supplier,
    make_supplier_plant,
)

pytestmark = pytest.mark.django_db


def _errors(exc_info: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc_info.value.message_dict


def test_supplier_create_trims_and_uppercases_code_and_records_audit():
    supplier = make_supplier(code="  pp-beef ", name=" Prairie Plains Beef ")

    assert supplier.code == "PP-BEEF"
    assert supplier.name == "Prairie Plains Beef"
    event = AuditEvent.objects.get(action="supplier.created", object_id=str(supplier.pk))
    assert event.changes["code"] == {"before": None, "after": "PP-BEEF"}


def test_supplier_code_is_unique_after_normalising():
    make_supplier(code="LSP")

    with pytest.raises(ValidationError) as exc_info:
        make_supplier(code=" lsp")

    assert "code" in _errors(exc_info)


def test_supplier_reports_every_bad_field_at_once():
    with pytest.raises(ValidationError) as exc_info:
        make_supplier(code="bad code!", payment_terms_days=400, currency="ABC")

    assert set(_errors(exc_info)) == {"code", "payment_terms_days", "currency"}


def test_supplier_addresses_are_validated_under_their_index():
    with pytest.raises(ValidationError) as exc_info:
        make_supplier(
            addresses=[
                {"kind": "office", "line1": "1 Main", "city": "Dodge City", "country": "US"},
                {"kind": "remit_to", "line1": "PO Box 9", "country": "ZZ"},
            ]
        )

    assert list(_errors(exc_info)) == ["addresses.1.country"]


def test_supplier_update_replaces_addresses_and_audits_before_and_after():
    supplier = make_supplier(addresses=[{"kind": "office", "city": "Amarillo", "country": "us"}])

    supplier = services.supplier_update(
        supplier=supplier,
        by=None,
        data={"payment_terms_days": 14},
        addresses=[{"kind": "remit_to", "city": "Dallas", "country": "US"}],
    )

    assert [a.city for a in supplier.addresses.all()] == ["Dallas"]
    event = AuditEvent.objects.filter(action="supplier.updated").get()
    assert event.changes["payment_terms_days"] == {"before": 21, "after": 14}
    assert event.changes["addresses"]["before"][0]["city"] == "Amarillo"


def test_supplier_update_without_change_writes_no_event():
    supplier = make_supplier(name="Same")

    services.supplier_update(supplier=supplier, by=None, data={"name": " Same "})

    assert not AuditEvent.objects.filter(action="supplier.updated").exists()


def test_on_hold_supplier_reports_status_on_hold():
    supplier = make_supplier(on_hold=True)

    assert supplier.status == PartyStatus.ON_HOLD


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("EST. 245C", "245C"),
        ("m245c", "M245C"),
        ("P-1234", "P1234"),
        ("Est 38", "38"),
        ("V 18A", "V18A"),
    ],
)
def test_plant_establishment_number_is_normalised(typed, stored):
    plant = make_plant(establishment_number=typed)

    assert plant.establishment_number == stored


@pytest.mark.parametrize("typed", ["", "ABC", "M-", "12345678", "X245C", "245CDE"])
def test_plant_establishment_number_rejects_nonsense(typed):
    with pytest.raises(ValidationError) as exc_info:
        make_plant(establishment_number=typed)

    assert "establishment_number" in _errors(exc_info)


def test_plant_establishment_number_is_unique():
    make_plant(establishment_number="M245C")

    with pytest.raises(ValidationError) as exc_info:
        make_plant(establishment_number="m-245c")

    assert "establishment_number" in _errors(exc_info)


def test_plant_cannot_be_reactivated_while_its_supplier_is_inactive():
    plant = make_plant()
    services.plant_deactivate(plant=plant, by=None)
    services.supplier_deactivate(supplier=plant.supplier, by=None)

    with pytest.raises(Conflict):
        services.plant_reactivate(plant=plant, by=None)


def test_deactivate_twice_is_a_conflict_and_reactivate_restores():
    supplier = make_supplier()
    supplier = services.supplier_deactivate(supplier=supplier, by=None)
    assert supplier.status == PartyStatus.INACTIVE
    assert supplier.deactivated_at is not None

    with pytest.raises(Conflict):
        services.supplier_deactivate(supplier=supplier, by=None)

    supplier = services.supplier_reactivate(supplier=supplier, by=None)
    assert supplier.is_active
    assert supplier.deactivated_at is None
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["supplier.deactivated", "supplier.reactivated"]


def test_customer_credit_limit_cannot_be_negative_and_tax_region_is_checked():
    with pytest.raises(ValidationError) as exc_info:
        make_customer(credit_limit=Decimal("-1.00"), tax_region="Texas")

    assert set(_errors(exc_info)) == {"credit_limit", "tax_region"}


def test_customer_tax_region_is_upper_cased():
    assert make_customer(tax_region=" us-tx ").tax_region == "US-TX"


def test_finance_changes_only_credit_terms(make_user):
    customer = make_customer()
    finance = make_user("finance")

    customer = services.customer_update(
        customer=customer, by=finance, data={"credit_limit": Decimal("50000.00")}
    )
    assert customer.credit_limit == Decimal("50000.00")

    with pytest.raises(NotAllowed) as exc_info:
        services.customer_update(customer=customer, by=finance, data={"name": "Renamed"})
    assert exc_info.value.errors == {"name": [services.customers.FINANCE_ONLY_CREDIT]}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("(512) 555-0100", "+15125550100"), ("+44 20 7946 0958", "+442079460958"), ("", "")],
)
def test_contact_phone_is_stored_e164(typed, stored):
    assert make_contact(phone=typed).phone == stored


@pytest.mark.parametrize(("field", "value"), [("phone", "123"), ("email", "not-an-email")])
def test_contact_rejects_bad_phone_and_email(field, value):
    with pytest.raises(ValidationError) as exc_info:
        make_contact(**{field: value})

    assert field in _errors(exc_info)


def test_new_primary_contact_demotes_the_previous_one():
    customer = make_customer()
    first = make_contact(customer, is_primary=True)

    second = make_contact(customer, is_primary=True)

    first.refresh_from_db()
    assert second.is_primary
    assert not first.is_primary
    event = AuditEvent.objects.filter(action="contact.created").latest("sequence")
    assert event.changes["demoted_primary"] == {"before": first.pk, "after": None}


def test_set_primary_demotes_and_keeps_other_parties_alone():
    supplier = make_supplier()
    other_party_primary = make_contact(make_supplier(), is_primary=True)
    old = make_contact(supplier, is_primary=True)
    new = make_contact(supplier)

    services.contact_set_primary(contact=new, by=None)

    primaries = set(Contact.objects.filter(is_primary=True).values_list("pk", flat=True))
    assert primaries == {new.pk, other_party_primary.pk}
    old.refresh_from_db()
    assert not old.is_primary
    demoted = AuditEvent.objects.for_object(old).latest("sequence")
    assert demoted.action == "contact.demoted"
    assert demoted.changes == {"is_primary": {"before": True, "after": False}}


def test_database_refuses_two_primary_contacts_for_one_party():
    carrier = make_carrier()
    make_contact(carrier, is_primary=True)
    extra = make_contact(carrier)

    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=extra.pk).update(is_primary=True)


def test_database_refuses_contact_without_party_or_with_two():
    supplier, customer = make_supplier(), make_customer()

    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(name="Nobody")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(name="Both", supplier=supplier, customer=customer)


def test_deactivated_contact_loses_primary_and_cannot_be_made_primary():
    contact = make_contact(is_primary=True)

    contact = services.contact_deactivate(contact=contact, by=None)

    assert not contact.is_primary
    with pytest.raises(Conflict):
        services.contact_set_primary(contact=contact, by=None)


def test_contact_party_cannot_be_changed():
    contact = make_contact()

    with pytest.raises(InvalidInput) as exc_info:
        services.contact_update(contact=contact, by=None, data={"customer": make_customer()})

    assert "customer" in (exc_info.value.errors or {})


@pytest.mark.parametrize(("typed", "stored"), [("abcd", "ABCD"), (" rx ", "RX")])
def test_carrier_scac_is_upper_cased(typed, stored):
    assert make_carrier(scac=typed).scac == stored


@pytest.mark.parametrize("typed", ["A", "ABCDE", "AB1", "A-B"])
def test_carrier_scac_must_be_two_to_four_letters(typed):
    with pytest.raises(ValidationError) as exc_info:
        make_carrier(scac=typed)

    assert "scac" in _errors(exc_info)


def test_carrier_mc_and_dot_numbers_keep_the_digits():
    carrier = make_carrier(mc_number="MC-123456", dot_number="USDOT 2345678")

    assert (carrier.mc_number, carrier.dot_number) == ("123456", "2345678")
    with pytest.raises(ValidationError):
        make_carrier(dot_number="12AB")


def test_supplier_plant_link_refuses_inactive_customers():
    customer = make_customer()
    services.customer_deactivate(customer=customer, by=None)

    with pytest.raises(DomainError) as exc_info:
        make_supplier_plant(approved_customers=[customer])

    assert "approved_customers" in (exc_info.value.errors or {})


def test_supplier_plant_link_is_unique_per_pair_and_updates_customers():
    link = make_supplier_plant()
    customers = [make_customer(), make_customer()]

    with pytest.raises(ValidationError):
        services.supplier_plant_create(by=None, supplier=link.supplier, plant=link.plant)
    link = services.supplier_plant_update(link=link, by=None, data={}, approved_customers=customers)

    assert set(link.approved_customers.all()) == set(customers)
    event = AuditEvent.objects.get(action="supplier_plant.updated")
    assert event.changes["approved_customers"]["after"] == sorted(str(c.pk) for c in customers)
