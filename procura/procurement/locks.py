"""Row locks for procurement documents. Every state change of a document first locks its row
with SELECT ... FOR UPDATE through these helpers, so two people acting at the same moment are
serialised and the second one sees the first one's result."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from procura.procurement.models import PurchaseOrder, PurchaseOrderLine, PurchaseRequest

M = TypeVar("M", bound=models.Model)


def lock_row(model: type[M], pk: object) -> M:
    """The current row of ``model`` with ``pk``, locked until the transaction ends."""
    return model._default_manager.select_for_update().get(pk=pk)


def lock_request(request: PurchaseRequest) -> PurchaseRequest:
    return lock_row(PurchaseRequest, request.pk)


def lock_order(order: PurchaseOrder) -> PurchaseOrder:
    return lock_row(PurchaseOrder, order.pk)


def lock_order_lines(order: PurchaseOrder) -> dict[int, PurchaseOrderLine]:
    """Every line of ``order``, locked in primary-key order (so writers never deadlock)."""
    lines = PurchaseOrderLine.objects.select_for_update().filter(order=order).order_by("pk")
    return {line.pk: line for line in lines}
