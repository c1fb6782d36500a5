"""Writes on purchase requests: create, change, submit, cancel. Deciding a submitted request is
in ``approvals``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import Department, User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from procura.core.money import line_amount, round_money, round_quantity
from procura.core.numbering import next_document_number
from procura.currency.selectors import stamp_rate
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_request
from procura.procurement.models import (
    ApprovalStep,
    ApprovalStepStatus,
    PurchaseRequest,
    PurchaseRequestItem,
    PurchaseRequestStatus,
)
from procura.procurement.models.requests import CANCELLABLE_REQUEST_STATUSES
from procura.procurement.services.inputs import amount_within_limits

REQUEST_NUMBER_PREFIX = "PR"


class RequestItemInput(TypedDict, total=False):
    product: Any
    description: str
    quantity: Decimal
    unit: str
    estimated_unit_price: Decimal
    supplier: Any


def _build_items(request: PurchaseRequest, items: Sequence[RequestItemInput]) -> Decimal:
    """Replace the request's items; returns the new total. A product fills in the description,
    unit and price the client left out."""
    rows: list[PurchaseRequestItem] = []
    line_errors: dict[str, list[str]] = {}
    for index, item in enumerate(items):
        product = item.get("product")
        description = (item.get("description") or (product.name if product else "")).strip()
        unit = item.get("unit") or (product.unit if product else "")
        price = item.get("estimated_unit_price")
        if price is None and product is not None:
            price = product.list_price
        if not description:
            line_errors[f"items.{index}.description"] = ["A free-text line needs a description."]
        if not unit:
            line_errors[f"items.{index}.unit"] = ["A free-text line needs a unit."]
        if price is None:
            line_errors[f"items.{index}.estimated_unit_price"] = [
                "A free-text line needs an estimated unit price."
            ]
        if line_errors:
            continue
        assert price is not None  # noqa: S101 - narrowed by the checks above
        quantity = round_quantity(item["quantity"])
        rows.append(
            PurchaseRequestItem(
                request=request,
                line_no=index + 1,
                product=product,
                description=description,
                quantity=quantity,
                unit=unit,
                estimated_unit_price=price,
                line_total=amount_within_limits(
                    line_amount(quantity, price), field=f"items.{index}.estimated_unit_price"
                ),
                supplier=item.get("supplier"),
            )
        )
    if line_errors:
        raise InvalidInput("Some items are incomplete; see errors.", errors=line_errors)
    request.items.all().delete()
    PurchaseRequestItem.objects.bulk_create(rows)
    total = round_money(sum((row.line_total for row in rows), Decimal(0)))
    return amount_within_limits(total, field="items")


@transaction.atomic
def purchase_request_create(
    *,
    by: User,
    title: str,
    description: str = "",
    department: Department | None = None,
    needed_by: date | None = None,
    currency: str | None = None,
    suggested_supplier: Any = None,
    items: Sequence[RequestItemInput] = (),
) -> PurchaseRequest:
    """A new draft request by ``by``, in their department unless another is named."""
    department = department or by.department
    if department is None:
        raise InvalidInput(
            "You belong to no department; name the department of this request.",
            errors={"department": ["This field is required."]},
        )
    request = PurchaseRequest(
        number=next_document_number(REQUEST_NUMBER_PREFIX),
        title=title,
        description=description,
        requester=by,
        department=department,
        needed_by=needed_by,
        suggested_supplier=suggested_supplier,
        created_by=by,
        updated_by=by,
    )
    if currency:
        request.currency = currency
    stamp_rate(request, on=timezone.localdate())
    request.save()
    request.total = _build_items(request, items)
    request.save(update_fields=["total"])
    audit_record(
        actor=by,
        action="purchase_request.created",
        obj=request,
        data={"total": str(request.total), "currency": request.currency, "items": len(items)},
    )
    return request


REQUEST_EDITABLE_FIELDS = (
    "title",
    "description",
    "department",
    "needed_by",
    "currency",
    "suggested_supplier",
)


def _require_requester(request: PurchaseRequest, by: User) -> None:
    if request.requester_id != by.pk:
        raise NotAllowed(errors.NOT_REQUESTER, code=Code.NOT_REQUESTER)


@transaction.atomic
def purchase_request_update(
    *,
    request: PurchaseRequest,
    by: User,
    items: Sequence[RequestItemInput] | None = None,
    **fields: Any,
) -> PurchaseRequest:
    """Change a draft or returned request (requester only). ``items``, when given, replaces all
    items. Changing a returned request puts it back to draft. Locks the request row."""
    request = lock_request(request)
    _require_requester(request, by)
    if not request.is_editable:
        raise Conflict(errors.NOT_EDITABLE, code=Code.INVALID_TRANSITION)
    unknown = set(fields) - set(REQUEST_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))}.")
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in fields.items():
        before = getattr(request, name)
        if before != value:
            changes[name] = (str(before) if before is not None else None, str(value))
            setattr(request, name, value)
    if items is not None:
        total = _build_items(request, items)
        if total != request.total:
            changes["total"] = (str(request.total), str(total))
        request.total = total
    if "currency" in changes:
        stamp_rate(request, on=timezone.localdate())
    if request.status == PurchaseRequestStatus.RETURNED:
        changes["status"] = (request.status, PurchaseRequestStatus.DRAFT)
        request.status = PurchaseRequestStatus.DRAFT
    request.updated_by = by
    request.save()
    audit_record(actor=by, action="purchase_request.updated", obj=request, changes=changes)
    return request


@transaction.atomic
def purchase_request_submit(*, request: PurchaseRequest, by: User) -> PurchaseRequest:
    """Send a draft or returned request for approval (requester only).

    Refused when it has no items or its total is above the requester's spending limit, when no
    approval rule covers it, or when a step has nobody eligible. Locks the request row.
    """
    from procura.procurement.services.approvals import approval_plan_start

    request = lock_request(request)
    _require_requester(request, by)
    if not request.is_editable:
        raise Conflict(
            errors.CANNOT_SUBMIT.format(status=request.get_status_display().lower()),
            code=Code.INVALID_TRANSITION,
        )
    if not request.items.exists():
        raise DomainError(errors.EMPTY_REQUEST, code=Code.EMPTY_REQUEST)
    limit = by.spending_limit
    if request.total > limit:
        raise DomainError(
            errors.OVER_SPENDING_LIMIT.format(
                total=request.total, currency=request.currency, limit=limit
            ),
            code=Code.OVER_SPENDING_LIMIT,
            data={"total": str(request.total), "spending_limit": str(limit)},
        )
    from procura.procurement.services.budgets import budget_check_request

    today = timezone.localdate()
    stamp_rate(request, on=today)
    excesses = budget_check_request(request=request, on=today)
    before = request.status
    request.status = PurchaseRequestStatus.PENDING_APPROVAL
    request.submitted_at = timezone.now()
    request.decided_at = None
    request.over_budget = bool(excesses)
    request.updated_by = by
    request.save(
        update_fields=[
            "status",
            "submitted_at",
            "decided_at",
            "over_budget",
            "exchange_rate",
            "exchange_rate_date",
            "updated_by",
            "updated_at",
        ]
    )
    approval_plan_start(request=request, by=by)
    data: dict[str, Any] = {"total": str(request.total), "currency": request.currency}
    if excesses:
        data["over_budget"] = [excess.as_data() for excess in excesses]
    audit_record(
        actor=by,
        action="purchase_request.submitted",
        obj=request,
        changes={"status": (before, request.status)},
        data=data,
    )
    return request


@transaction.atomic
def purchase_request_cancel(
    *, request: PurchaseRequest, by: User, reason: str = ""
) -> PurchaseRequest:
    """Withdraw a request that is not yet decided (requester, or a buyer). Open steps are
    cancelled. Locks the request row."""
    request = lock_request(request)
    if request.requester_id != by.pk and not by.has_role("procurement", "admin"):
        raise NotAllowed(errors.NOT_REQUESTER, code=Code.NOT_REQUESTER)
    if request.status not in CANCELLABLE_REQUEST_STATUSES:
        raise Conflict(
            errors.CANNOT_CANCEL.format(status=request.get_status_display().lower()),
            code=Code.INVALID_TRANSITION,
        )
    before = request.status
    ApprovalStep.objects.filter(
        request=request, status__in=[ApprovalStepStatus.WAITING, ApprovalStepStatus.PENDING]
    ).update(status=ApprovalStepStatus.CANCELLED)
    request.status = PurchaseRequestStatus.CANCELLED
    request.decided_at = timezone.now()
    request.updated_by = by
    request.save(update_fields=["status", "decided_at", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="purchase_request.cancelled",
        obj=request,
        changes={"status": (before, request.status)},
        data={"reason": reason} if reason else None,
    )
    return request
