"""Contacts: the people at a supplier, plant, customer or carrier. A party has at most one
primary contact (a partial unique index per party); making one primary demotes the other in the
same transaction, under a lock on the party row so two people doing it at once queue up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict
from procura.partners.models import Carrier, Contact, Customer, Plant, Supplier
from procura.partners.services.common import (
    PartnersErrorCode,
    create_and_record,
    lock,
    set_active,
    stamp,
    update_and_record,
)

Party = Supplier | Plant | Customer | Carrier

CONTACT_FIELDS = frozenset({"name", "title", "email", "phone", "is_primary"})
PARTY_FIELD_BY_MODEL: dict[type[Party], str] = {
    Supplier: "supplier",
    Plant: "plant",
    Customer: "customer",
    Carrier: "carrier",
}
INACTIVE_CANNOT_BE_PRIMARY = "An inactive contact cannot be the primary contact."


def party_field(party: Party) -> str:
    return PARTY_FIELD_BY_MODEL[type(party)]


def _demote_primary(*, party: Party, keep: Contact | None, by: User | None) -> int | None:
    """Lock the party row, then clear its current primary contact (other than ``keep``) and
    record that on the demoted contact, so its own history shows it. Returns the id of the
    contact demoted, if any."""
    lock(party)
    field = party_field(party)
    others = Contact.objects.select_for_update().filter(**{field: party}, is_primary=True)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    previous = others.first()
    if previous is None:
        return None
    previous.is_primary = False
    stamp(previous, by)
    previous.save(update_fields=["is_primary", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="contact.demoted",
        obj=previous,
        changes={"is_primary": (True, False)},
        data={"primary": keep.pk if keep is not None else None},
    )
    return previous.pk


@transaction.atomic
def contact_create(*, by: User | None, party: Party, data: Mapping[str, Any]) -> Contact:
    """A contact of exactly one party; phone stored E.164, e-mail validated. Created primary,
    it demotes the party's previous primary contact."""
    demoted = None
    if data.get("is_primary"):
        demoted = _demote_primary(party=party, keep=None, by=by)
    contact = Contact(**{party_field(party): party}, **data)
    extra = {"demoted_primary": (demoted, None)} if demoted else {}
    return create_and_record(contact, by=by, action="contact.created", write_nested=lambda _: extra)


@transaction.atomic
def contact_update(*, contact: Contact, by: User | None, data: Mapping[str, Any]) -> Contact:
    """Change a contact; ``is_primary: true`` demotes the party's previous primary contact.
    The party itself never changes (create a new contact instead)."""
    demoted = None
    if data.get("is_primary") and not contact.is_primary:
        if not contact.is_active:
            raise Conflict(INACTIVE_CANNOT_BE_PRIMARY, code=PartnersErrorCode.CONTACT_INACTIVE)
        demoted = _demote_primary(party=contact.party, keep=contact, by=by)
    extra = {"demoted_primary": (demoted, None)} if demoted else {}
    contact, _ = update_and_record(
        contact,
        by=by,
        data=data,
        editable=CONTACT_FIELDS,
        action="contact.updated",
        write_nested=lambda _: extra,
    )
    return contact


@transaction.atomic
def contact_set_primary(*, contact: Contact, by: User | None) -> Contact:
    """Make ``contact`` its party's primary contact; the previous one is demoted atomically
    (party row locked FOR UPDATE). 409 for an inactive contact; a no-op when already primary."""
    if contact.is_primary:
        return contact
    return contact_update(contact=contact, by=by, data={"is_primary": True})


@transaction.atomic
def contact_deactivate(*, contact: Contact, by: User | None) -> Contact:
    """An inactive contact is no longer its party's primary contact."""
    return set_active(
        contact, by=by, active=False, action="contact.deactivated", also={"is_primary": False}
    )


@transaction.atomic
def contact_reactivate(*, contact: Contact, by: User | None) -> Contact:
    return set_active(contact, by=by, active=True, action="contact.reactivated")
