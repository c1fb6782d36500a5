"""Find a record by its business number or name, across the documents a person may read.

The command palette of the web app asks here. Each kind of record is searched only when the
person's roles hold its ``<resource>.view`` action in the permission matrix, and through the same
scoped selector as its list (a requester finds their own requests, a portal customer their own
orders and invoices), so the palette never reveals what the lists would hide. One query per kind,
at most ``limit`` rows each; exact number matches come first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from procura.accounts.models import User
from procura.accounts.permission_matrix import user_can
from procura.catalog.models import Product
from procura.core.money import round_money
from procura.partners.models import Customer, Supplier
from procura.procurement.models import PurchaseRequest
from procura.procurement.selectors.orders import purchase_order_list, supplier_invoice_list
from procura.procurement.selectors.requests import purchase_request_visibility
from procura.sales.selectors import customer_invoice_list, sales_order_list

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    number: str
    title: str
    status: str
    amount: Decimal | None
    currency: str


@dataclass(frozen=True)
class _Kind:
    kind: str
    action: str
    queryset: Callable[[User], QuerySet[Any]]
    number: str  # the field that holds the business number (or code / SKU)
    fields: tuple[str, ...]  # also matched, case-insensitively, anywhere in the text
    title: str  # the field shown next to the number
    status: str | None = None
    amount: str | None = None
    currency: str | None = None


KINDS: tuple[_Kind, ...] = (
    _Kind(
        "purchase_request",
        "purchase_request.view",
        lambda user: PurchaseRequest.objects.filter(purchase_request_visibility(user)),
        "number",
        ("title",),
        "title",
        "status",
        "total",
        "currency",
    ),
    _Kind(
        "purchase_order",
        "purchase_order.view",
        lambda user: purchase_order_list(),
        "number",
        ("supplier__name",),
        "supplier__name",
        "status",
        "total",
        "currency",
    ),
    _Kind(
        "supplier_invoice",
        "supplier_invoice.view",
        lambda user: supplier_invoice_list(),
        "invoice_number",
        ("supplier__name",),
        "supplier__name",
        "status",
        "total",
        "currency",
    ),
    _Kind(
        "sales_order",
        "sales_order.view",
        lambda user: sales_order_list(user=user),
        "number",
        ("customer__name", "customer_reference"),
        "customer__name",
        "status",
        "total",
        "currency",
    ),
    _Kind(
        "customer_invoice",
        "customer_invoice.view",
        lambda user: customer_invoice_list(user=user),
        "number",
        ("customer__name",),
        "customer__name",
        "status",
        "total",
        "currency",
    ),
    _Kind(
        "product",
        "product.view",
        lambda user: Product.objects.all(),
        "sku",
        ("name", "gtin"),
        "name",
    ),
    _Kind(
        "supplier", "supplier.view", lambda user: Supplier.objects.all(), "code", ("name",), "name"
    ),
    _Kind(
        "customer", "customer.view", lambda user: Customer.objects.all(), "code", ("name",), "name"
    ),
)


def record_search(*, user: User, query: str, limit: int = 5) -> list[SearchHit]:
    """Records matching ``query`` by number (or code, SKU) or name, in the order of ``KINDS``."""
    text = query.strip()[:MAX_QUERY_LENGTH]
    if len(text) < MIN_QUERY_LENGTH:
        return []
    hits: list[SearchHit] = []
    for kind in KINDS:
        if not user_can(user, kind.action):
            continue
        match = Q(**{f"{kind.number}__icontains": text})
        for name in kind.fields:
            match |= Q(**{f"{name}__icontains": text})
        columns = [kind.number, kind.title, kind.status, kind.amount, kind.currency]
        rows = (
            kind.queryset(user)
            .filter(match)
            .annotate(
                exact=Case(
                    When(**{f"{kind.number}__iexact": text}, then=Value(0)),
                    When(**{f"{kind.number}__istartswith": text}, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("exact", f"-{kind.number}")
            .values("pk", *[column for column in columns if column])[:limit]
        )
        for row in rows:
            amount = row.get(kind.amount) if kind.amount else None
            hits.append(
                SearchHit(
                    kind=kind.kind,
                    id=str(row["pk"]),
                    number=row[kind.number],
                    title=row[kind.title] or "",
                    status=row[kind.status] if kind.status else "",
                    amount=round_money(amount) if amount is not None else None,
                    currency=row[kind.currency] if kind.currency else "",
                )
            )
    return hits
