"""The one way sales documents are locked: SELECT ... FOR UPDATE, several rows in primary-key
order. A service locks the order (or invoices) before any stock row, and audit is written last,
so writers queue instead of deadlocking."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from django.db import transaction

from procura.sales.models import CustomerInvoice, CustomerPayment, SalesOrder, Shipment


def _require_atomic() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sales locks must be taken inside transaction.atomic()")


def lock_order(order: SalesOrder) -> SalesOrder:
    """The order re-read under a row lock (its customer and location loaded)."""
    _require_atomic()
    return (
        SalesOrder.objects.select_for_update(of=("self",))
        .select_related("customer", "location")
        .get(pk=order.pk)
    )


def lock_shipment(shipment: Shipment) -> Shipment:
    _require_atomic()
    return Shipment.objects.select_for_update().get(pk=shipment.pk)


def lock_invoices(ids: Iterable[int]) -> dict[int, CustomerInvoice]:
    _require_atomic()
    rows = CustomerInvoice.objects.select_for_update().filter(pk__in=set(ids)).order_by("pk")
    return {invoice.pk: invoice for invoice in rows}


def lock_payment(payment: CustomerPayment) -> CustomerPayment:
    _require_atomic()
    return CustomerPayment.objects.select_for_update().get(pk=payment.pk)


def lock_price_list_target(*, customer_id: int | None, customer_kind: str, currency: str) -> None:
    """Serialise writes of the price lists of one customer (or customer group) in one currency,
    so two overlapping lists cannot be saved side by side: on PostgreSQL a transaction-scoped
    advisory lock; SQLite already serialises writing transactions."""
    _require_atomic()
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    target = f"procura.sales.price_list:{customer_id or ''}:{customer_kind}:{currency}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(target.encode())])
