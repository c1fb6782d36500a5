"""Test data for procure-to-pay, built through the services users trigger."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from procura.accounts.models import Department, User
from procura.accounts.tests.factories import DepartmentFactory, UserFactory
from procura.catalog.models import Product
from procura.catalog.tests.factories import make_product
from procura.inventory.models import Location
from procura.inventory.services.locations import location_create
from procura.partners.models import Supplier
from procura.partners.tests.factories import make_contact, make_supplier
from procura.procurement.models import PurchaseOrder, PurchaseRequest, PurchaseRequestStatus
from procura.procurement.services.approval_rules import approval_rules_install_default
from procura.procurement.services.approvals import purchase_request_approve
from procura.procurement.services.orders import (
    OrderLineInput,
    purchase_order_create,
    purchase_order_issue,
)
from procura.procurement.services.requests import (
    RequestItemInput,
    purchase_request_create,
    purchase_request_submit,
)


def make_person(*roles: str, **fields: Any) -> User:
    return cast(User, UserFactory(roles=list(roles), **fields))


@dataclass
class Org:
    """One department: head <- manager <- requester, plus a finance officer and an admin."""

    department: Department
    head: User
    manager: User
    requester: User
    finance: User
    admin: User


def make_org(*, manager_limit: str = "20000", head_limit: str = "100000") -> Org:
    department = cast(Department, DepartmentFactory())
    head = make_person("approver", department=department, spending_limit=Decimal(head_limit))
    department.head = head
    department.save(update_fields=["head"])
    manager = make_person(
        "approver",
        department=department,
        manager=head,
        spending_limit=Decimal(manager_limit),
    )
    requester = make_person(
        "requester", department=department, manager=manager, spending_limit=Decimal("50000")
    )
    finance = make_person("finance", spending_limit=Decimal("1000000"))
    admin = make_person("admin")
    approval_rules_install_default(by=admin, currency="USD")
    return Org(department, head, manager, requester, finance, admin)


def item(quantity: str = "1", price: str = "100.00", **extra: Any) -> RequestItemInput:
    line = {
        "description": extra.pop("description", "Boxed beef, choice"),
        "quantity": Decimal(quantity),
        "unit": extra.pop("unit", "case"),
        "estimated_unit_price": Decimal(price),
        **extra,
    }
    return cast(RequestItemInput, line)


def make_request(requester: User, *, total: str = "500.00", **fields: Any) -> PurchaseRequest:
    """A draft request whose single line totals ``total``."""
    fields.setdefault("title", "Boxed beef for week 12")
    return purchase_request_create(
        by=requester, items=[item(quantity="1", price=total)], currency="USD", **fields
    )


def approved_request(org: Org, *items: RequestItemInput) -> PurchaseRequest:
    """A request for ``items`` approved by as many of the org's approvers as its rules need."""
    request = purchase_request_create(
        by=org.requester, title="Week 14 beef", currency="USD", items=list(items)
    )
    purchase_request_submit(request=request, by=org.requester)
    for approver in (org.manager, org.head, org.finance):
        request.refresh_from_db()
        if request.status == PurchaseRequestStatus.APPROVED:
            break
        purchase_request_approve(request=request, by=approver)
    return request


def submitted_request(requester: User, *, total: str = "500.00") -> PurchaseRequest:
    request = make_request(requester, total=total)
    return purchase_request_submit(request=request, by=requester)


_codes = itertools.count(1)


def make_location(**fields: Any) -> Location:
    n = next(_codes)
    return location_create(code=f"CS{n:03d}", name=f"Cold store {n}", by=None, **fields)


def make_supplier_with_contact(**fields: Any) -> Supplier:
    supplier = make_supplier(**fields)
    make_contact(supplier, is_primary=True, email=f"orders@{supplier.code.lower()}.example.com")
    return supplier


def order_line(
    product: Product | None = None, quantity: str = "10", price: str = "5.00", **extra: Any
) -> OrderLineInput:
    line: dict[str, Any] = {
        "product": product,
        "quantity": Decimal(quantity),
        "unit_price": Decimal(price),
        **extra,
    }
    if product is None:
        line.setdefault("description", "Pallet wrap")
        line.setdefault("unit", "each")
    return cast(OrderLineInput, line)


def make_order(
    buyer: User,
    *,
    supplier: Supplier | None = None,
    ship_to: Location | None = None,
    lines: list[OrderLineInput] | None = None,
    issue: bool = True,
) -> PurchaseOrder:
    order = purchase_order_create(
        by=buyer,
        supplier=supplier or make_supplier_with_contact(),
        ship_to=ship_to or make_location(),
        lines=lines or [order_line(make_product(), "100", "4.2500")],
    )
    return purchase_order_issue(order=order, by=buyer) if issue else order
