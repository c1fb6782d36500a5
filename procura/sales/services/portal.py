"""The link between a portal user (customer role) and the customer they act for."""

from __future__ import annotations

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.partners.models import Customer
from procura.sales.models import CustomerPortalUser


@transaction.atomic
def customer_portal_link(*, user: User, customer: Customer, by: User | None) -> CustomerPortalUser:
    """Link ``user`` to ``customer`` (replacing an earlier link). Locks the user's link row."""
    link = CustomerPortalUser.objects.select_for_update().filter(user=user).first()
    before = link.customer_id if link else None
    if link is None:
        link = CustomerPortalUser.objects.create(user=user, customer=customer)
    elif link.customer_id != customer.pk:
        link.customer = customer
        link.save(update_fields=["customer", "updated_at"])
    else:
        return link
    audit_record(
        actor=by,
        action="customer_portal.linked",
        obj=link,
        changes={"customer": (before, customer.pk)},
        data={"user": user.email, "customer": customer.code},
    )
    return link
