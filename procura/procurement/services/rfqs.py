"""Writes on requests for quotation: create (directly or from an approved request), send to
the suppliers (e-mail with the PDF and a signed, expiring link), take a supplier's quote
through that link, cancel, and award per line or whole, which makes the purchase orders.

The supplier link carries the invitation's id and nonce signed with the site's secret; it
expires ``RFQ_LINK_MAX_AGE_DAYS`` after sending and quotes are taken only until the end of the
RFQ's respond-by day.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from http import HTTPStatus
from typing import TypedDict

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict, DomainError, InvalidInput, NotFound
from procura.core.money import line_amount, round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Location
from procura.notifications.services import notification_queue
from procura.partners.models import Contact, Supplier
from procura.procurement.locks import lock_row
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseRequest,
    PurchaseRequestItem,
    PurchaseRequestStatus,
    Rfq,
    RfqInvitation,
    RfqInvitationStatus,
    RfqLine,
    RfqQuote,
    RfqStatus,
)
from procura.procurement.services.inputs import amount_within_limits
from procura.procurement.services.orders import OrderLineInput, purchase_order_create

RFQ_NUMBER_PREFIX = "RFQ"
LINK_SALT = "procura.procurement.rfq-quote"
RFQ_PDF_LOADER = "procura.procurement.rfq_documents.rfq_pdf_attachments"

NEEDS_SUPPLIERS = "Ask at least one supplier."
NEEDS_LINES = "A request for quotation needs at least one line."
RESPOND_BY_PAST = "The respond-by date cannot be in the past."
SUPPLIER_UNAVAILABLE = "{supplier} is on hold or inactive and cannot be asked to quote."
REQUEST_NOT_APPROVED = "{number} is {status}; only an approved request goes out for quotation."
NOT_DRAFT = "This request for quotation is {status}; only a draft can be {action}."
NOT_OPEN = "This request for quotation is {status}; it takes no quotes and cannot be awarded."
CLOSED_FOR_QUOTES = "Quotes were taken until {respond_by}; this request for quotation is closed."
LINK_INVALID = "This quotation link is not valid."
LINK_EXPIRED = "This quotation link has expired; ask the buyer for a new one."
QUOTE_EMPTY = "Quote at least one line, or decline."
QUOTE_LINE_UNKNOWN = "This line is not on the request for quotation."
NOT_QUOTED = "{supplier} did not quote line {line}."
AWARD_EMPTY = "Award at least one line."
NO_CONTACT = "{supplier} has no e-mail address to send the request for quotation to."


class LinkGone(DomainError):
    status_code = HTTPStatus.GONE
    default_code = "link_expired"
    title = "Link expired"


class RfqLineInput(TypedDict, total=False):
    product: Product | None
    description: str
    quantity: Decimal
    unit: str
    request_item: PurchaseRequestItem | None


class QuoteLineInput(TypedDict):
    line: int
    unit_price: Decimal
    quantity: Decimal
    lead_time_days: int


def _label(rfq: Rfq) -> str:
    return rfq.get_status_display().lower()


def _supplier_email(supplier: Supplier) -> str:
    contact = (
        Contact.objects.filter(supplier=supplier, is_active=True)
        .exclude(email="")
        .order_by("-is_primary", "id")
        .first()
    )
    return contact.email if contact else ""


def _line_rows(rfq: Rfq, lines: Sequence[RfqLineInput]) -> list[RfqLine]:
    rows: list[RfqLine] = []
    problems: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        product = line.get("product")
        description = (line.get("description") or (product.name if product else "")).strip()
        unit = line.get("unit") or (product.unit if product else "")
        quantity = line.get("quantity")
        if not description:
            problems[f"lines.{index}.description"] = ["This field is required."]
        if not unit:
            problems[f"lines.{index}.unit"] = ["This field is required."]
        if quantity is None or quantity <= 0:
            problems[f"lines.{index}.quantity"] = ["Ask for a quantity above zero."]
            continue
        rows.append(
            RfqLine(
                rfq=rfq,
                line_no=index + 1,
                product=product,
                description=description,
                quantity=round_quantity(quantity),
                unit=unit,
                request_item=line.get("request_item"),
            )
        )
    if problems:
        raise InvalidInput("Some lines are incomplete; see errors.", errors=problems)
    return rows


@transaction.atomic
def rfq_create(
    *,
    by: User,
    title: str,
    ship_to: Location,
    respond_by: date,
    suppliers: Sequence[Supplier],
    lines: Sequence[RfqLineInput] = (),
    currency: str | None = None,
    notes: str = "",
    request: PurchaseRequest | None = None,
) -> Rfq:
    """A draft RFQ to ``suppliers``. From an approved request, its items are the lines unless
    others are given (and the request's currency is the RFQ's)."""
    if request is not None:
        request = lock_row(PurchaseRequest, request.pk)
        if request.status != PurchaseRequestStatus.APPROVED:
            raise Conflict(
                REQUEST_NOT_APPROVED.format(
                    number=request.number, status=request.get_status_display().lower()
                )
            )
        if not lines:
            lines = [
                RfqLineInput(
                    product=item.product,
                    description=item.description,
                    quantity=item.quantity,
                    unit=item.unit,
                    request_item=item,
                )
                for item in request.items.select_related("product").order_by("line_no")
            ]
        currency = currency or request.currency
    unique_suppliers = list({supplier.pk: supplier for supplier in suppliers}.values())
    if not unique_suppliers:
        raise InvalidInput(NEEDS_SUPPLIERS, errors={"suppliers": [NEEDS_SUPPLIERS]})
    for supplier in unique_suppliers:
        if not supplier.is_active or supplier.on_hold:
            message = SUPPLIER_UNAVAILABLE.format(supplier=supplier.name)
            raise DomainError(message, errors={"suppliers": [message]})
    if not lines:
        raise InvalidInput(NEEDS_LINES, errors={"lines": [NEEDS_LINES]})
    if respond_by < timezone.localdate():
        raise InvalidInput(RESPOND_BY_PAST, errors={"respond_by": [RESPOND_BY_PAST]})
    rfq = Rfq(
        number=next_document_number(RFQ_NUMBER_PREFIX),
        title=title,
        notes=notes,
        respond_by=respond_by,
        ship_to=ship_to,
        request=request,
        created_by=by,
        updated_by=by,
    )
    if currency:
        rfq.currency = currency
    rows = _line_rows(rfq, lines)
    rfq.save()
    RfqLine.objects.bulk_create(rows)
    RfqInvitation.objects.bulk_create(
        RfqInvitation(
            rfq=rfq,
            supplier=supplier,
            email=_supplier_email(supplier),
            nonce=secrets.token_hex(16),
        )
        for supplier in unique_suppliers
    )
    audit_record(
        actor=by,
        action="rfq.created",
        obj=rfq,
        data={
            "suppliers": [supplier.pk for supplier in unique_suppliers],
            "lines": len(rows),
            "request": request.number if request else None,
        },
    )
    return rfq


def rfq_link_token(invitation: RfqInvitation) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign_object(
        {"i": invitation.pk, "n": invitation.nonce}
    )


def rfq_link_url(invitation: RfqInvitation) -> str:
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/quote/{rfq_link_token(invitation)}"


def rfq_invitation_from_token(token: str) -> RfqInvitation:
    """The invitation a supplier link stands for; 404 for a forged or revoked link, 410 once
    it has expired."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        payload = signer.unsign_object(
            token, max_age=timedelta(days=settings.RFQ_LINK_MAX_AGE_DAYS)
        )
    except signing.SignatureExpired as exc:
        raise LinkGone(LINK_EXPIRED) from exc
    except signing.BadSignature as exc:
        raise NotFound(LINK_INVALID) from exc
    invitation = (
        RfqInvitation.objects.select_related("rfq__ship_to", "supplier")
        .filter(pk=payload.get("i"), nonce=payload.get("n"))
        .first()
    )
    if invitation is None or invitation.rfq.status == RfqStatus.CANCELLED:
        raise NotFound(LINK_INVALID)
    return invitation


@transaction.atomic
def rfq_send(*, rfq: Rfq, by: User) -> Rfq:
    """Send a draft RFQ: each supplier gets an e-mail with the RFQ as a PDF and its own link
    to quote (queued after commit). Refused when a supplier has no e-mail address. Locks the
    RFQ row."""
    rfq = lock_row(Rfq, rfq.pk)
    if rfq.status != RfqStatus.DRAFT:
        raise Conflict(NOT_DRAFT.format(status=_label(rfq), action="sent"))
    invitations = list(rfq.invitations.select_related("supplier"))
    for invitation in invitations:
        if not invitation.email:
            invitation.email = _supplier_email(invitation.supplier)
            invitation.save(update_fields=["email"])
        if not invitation.email:
            message = NO_CONTACT.format(supplier=invitation.supplier.name)
            raise DomainError(message, errors={"suppliers": [message]})
    rfq.status = RfqStatus.SENT
    rfq.sent_at = timezone.now()
    rfq.updated_by = by
    rfq.save(update_fields=["status", "sent_at", "updated_by", "updated_at"])
    for invitation in invitations:
        notification_queue(
            template="procurement/rfq_invitation",
            context={
                "rfq": rfq,
                "supplier": invitation.supplier,
                "link": rfq_link_url(invitation),
                "lines": list(rfq.lines.all()),
            },
            email=invitation.email,
            object_type="procurement.rfqinvitation",
            object_id=str(invitation.pk),
            attachment_loader=RFQ_PDF_LOADER,
            attachment_args=[invitation.pk],
        )
    audit_record(
        actor=by,
        action="rfq.sent",
        obj=rfq,
        changes={"status": (RfqStatus.DRAFT, RfqStatus.SENT)},
        data={"suppliers": [invitation.supplier_id for invitation in invitations]},
    )
    return rfq


@transaction.atomic
def rfq_quote_submit(
    *,
    invitation: RfqInvitation,
    lines: Sequence[QuoteLineInput],
    valid_until: date | None = None,
    notes: str = "",
    decline: bool = False,
) -> RfqInvitation:
    """A supplier's quote through its link (no account): prices, quantities and lead times of
    the lines it quotes, replacing any quote it gave before; or a decline. Taken while the RFQ
    is out and until the end of its respond-by day. Locks the invitation row."""
    invitation = lock_row(RfqInvitation, invitation.pk)
    rfq = invitation.rfq
    if rfq.status != RfqStatus.SENT:
        raise Conflict(NOT_OPEN.format(status=_label(rfq)))
    if timezone.localdate() > rfq.respond_by:
        raise Conflict(CLOSED_FOR_QUOTES.format(respond_by=rfq.respond_by))
    rfq_lines = {line.pk: line for line in rfq.lines.all()}
    rows: list[RfqQuote] = []
    problems: dict[str, list[str]] = {}
    if not decline:
        for index, quote in enumerate(lines):
            line = rfq_lines.get(quote["line"])
            if line is None:
                problems[f"lines.{index}.line"] = [QUOTE_LINE_UNKNOWN]
                continue
            if quote["unit_price"] < 0:
                problems[f"lines.{index}.unit_price"] = ["A price cannot be negative."]
                continue
            if quote["quantity"] <= 0:
                problems[f"lines.{index}.quantity"] = ["Offer a quantity above zero."]
                continue
            quantity = round_quantity(quote["quantity"])
            rows.append(
                RfqQuote(
                    invitation=invitation,
                    line=line,
                    unit_price=quote["unit_price"],
                    quantity=quantity,
                    lead_time_days=quote["lead_time_days"],
                    line_total=amount_within_limits(
                        line_amount(quantity, quote["unit_price"]),
                        field=f"lines.{index}.unit_price",
                    ),
                )
            )
        if problems:
            raise InvalidInput("Some quoted lines are not valid; see errors.", errors=problems)
        if not rows:
            raise InvalidInput(QUOTE_EMPTY, errors={"lines": [QUOTE_EMPTY]})
        if len({row.line_id for row in rows}) != len(rows):
            raise InvalidInput("Quote each line once.", errors={"lines": ["Quote each line once."]})
    invitation.quotes.all().delete()
    RfqQuote.objects.bulk_create(rows)
    invitation.status = RfqInvitationStatus.DECLINED if decline else RfqInvitationStatus.RESPONDED
    invitation.responded_at = timezone.now()
    invitation.valid_until = None if decline else valid_until
    invitation.supplier_notes = notes
    invitation.save(update_fields=["status", "responded_at", "valid_until", "supplier_notes"])
    audit_record(
        actor=None,
        action="rfq.declined" if decline else "rfq.quoted",
        obj=rfq,
        data={
            "supplier": invitation.supplier_id,
            "lines": len(rows),
            "total": str(sum((row.line_total for row in rows), Decimal(0))),
        },
    )
    return invitation


@transaction.atomic
def rfq_cancel(*, rfq: Rfq, by: User, reason: str = "") -> Rfq:
    """Cancel a draft or sent RFQ; its supplier links stop working. Locks the RFQ row."""
    rfq = lock_row(Rfq, rfq.pk)
    if rfq.status not in {RfqStatus.DRAFT, RfqStatus.SENT}:
        raise Conflict(NOT_OPEN.format(status=_label(rfq)))
    before = rfq.status
    rfq.status = RfqStatus.CANCELLED
    rfq.updated_by = by
    rfq.save(update_fields=["status", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="rfq.cancelled",
        obj=rfq,
        changes={"status": (before, rfq.status)},
        data={"reason": reason} if reason else None,
    )
    return rfq


@transaction.atomic
def rfq_award(
    *,
    rfq: Rfq,
    by: User,
    lines: Mapping[int, int] | None = None,
    invitation: RfqInvitation | None = None,
) -> list[PurchaseOrder]:
    """Award each line to one supplier (``lines``: RFQ line id -> invitation id) or the whole
    RFQ to one supplier (``invitation``: every line it quoted). Makes one draft order per
    supplier at the quoted prices and quantities, expected after the longest quoted lead
    time; the RFQ's request becomes ordered. The comparison as it stands is kept on the RFQ.
    Locks the RFQ row."""
    from procura.procurement.selectors.rfqs import rfq_comparison

    rfq = lock_row(Rfq, rfq.pk)
    if rfq.status != RfqStatus.SENT:
        raise Conflict(NOT_OPEN.format(status=_label(rfq)))
    invitations = {row.pk: row for row in rfq.invitations.select_related("supplier")}
    quotes = {
        (quote.line_id, quote.invitation_id): quote
        for quote in RfqQuote.objects.filter(invitation__rfq=rfq).select_related("line__product")
    }
    if invitation is not None:
        if invitation.pk not in invitations:
            raise InvalidInput(
                "This supplier was not asked.", errors={"invitation": ["Not on this RFQ."]}
            )
        choice = {line_id: invitation.pk for (line_id, inv_id) in quotes if inv_id == invitation.pk}
    else:
        choice = dict(lines or {})
    if not choice:
        raise InvalidInput(AWARD_EMPTY, errors={"lines": [AWARD_EMPTY]})
    rfq_lines = {line.pk: line for line in rfq.lines.select_related("product", "request_item")}
    problems: dict[str, list[str]] = {}
    for line_id, invitation_id in choice.items():
        line = rfq_lines.get(line_id)
        if line is None:
            problems[f"lines.{line_id}"] = [QUOTE_LINE_UNKNOWN]
        elif (line_id, invitation_id) not in quotes:
            supplier = invitations.get(invitation_id)
            problems[f"lines.{line_id}"] = [
                NOT_QUOTED.format(
                    supplier=supplier.supplier.name if supplier else "This supplier",
                    line=line.line_no,
                )
            ]
    if problems:
        raise InvalidInput("Some awards are not valid; see errors.", errors=problems)
    by_supplier: dict[int, list[RfqQuote]] = defaultdict(list)
    for line_id, invitation_id in sorted(choice.items()):
        by_supplier[invitation_id].append(quotes[(line_id, invitation_id)])
    today = timezone.localdate()
    orders: list[PurchaseOrder] = []
    for invitation_id, awarded in sorted(by_supplier.items()):
        winner = invitations[invitation_id]
        order = purchase_order_create(
            by=by,
            supplier=winner.supplier,
            ship_to=rfq.ship_to,
            currency=rfq.currency,
            expected_date=today + timedelta(days=max(q.lead_time_days for q in awarded)),
            notes=f"Awarded from {rfq.number} {rfq.title}",
            lines=[
                OrderLineInput(
                    product=quote.line.product,
                    description=quote.line.description,
                    quantity=quote.quantity,
                    unit=quote.line.unit,
                    unit_price=quote.unit_price,
                    request_item=quote.line.request_item,
                )
                for quote in sorted(awarded, key=lambda q: q.line.line_no)
            ],
        )
        if rfq.request_id is not None:
            order.requests.add(rfq.request_id)
        winner.purchase_order = order
        winner.save(update_fields=["purchase_order"])
        for quote in awarded:
            RfqLine.objects.filter(pk=quote.line_id).update(awarded_quote=quote)
        orders.append(order)
    rfq.comparison = rfq_comparison(rfq)
    rfq.status = RfqStatus.AWARDED
    rfq.awarded_at = timezone.now()
    rfq.updated_by = by
    rfq.save(update_fields=["comparison", "status", "awarded_at", "updated_by", "updated_at"])
    if rfq.request_id is not None:
        request = lock_row(PurchaseRequest, rfq.request_id)
        if request.status == PurchaseRequestStatus.APPROVED:
            request.status = PurchaseRequestStatus.ORDERED
            request.updated_by = by
            request.save(update_fields=["status", "updated_by", "updated_at"])
            audit_record(
                actor=by,
                action="purchase_request.ordered",
                obj=request,
                changes={"status": (PurchaseRequestStatus.APPROVED, request.status)},
                data={"orders": [order.number for order in orders], "rfq": rfq.number},
            )
    audit_record(
        actor=by,
        action="rfq.awarded",
        obj=rfq,
        changes={"status": (RfqStatus.SENT, RfqStatus.AWARDED)},
        data={
            "orders": [order.number for order in orders],
            "lines": {str(line_id): inv for line_id, inv in sorted(choice.items())},
        },
    )
    return orders
