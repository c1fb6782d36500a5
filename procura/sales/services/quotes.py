"""Quotes to customers: made, sent (the PDF by e-mail), accepted into a sales order, declined,
or expired once their validity date has passed.

    draft -> sent -> accepted (a draft sales order at the quoted prices) | declined | expired
    draft -> accepted | declined | expired          (a quote agreed by phone need not be sent)

Each line is priced as an order for the customer would be priced on the quote date (its own
price list, its group's, else the list price; the highest quantity break reached) and keeps
that price and its source. The sales order made from the quote takes every line at the quoted
price, its source naming the quote and the original source, whatever the price lists say on
the day of acceptance; tax rates are those of the order date. A quote past its validity date
cannot be accepted (409); the daily sweep marks such quotes expired.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.numbering import next_document_number
from procura.inventory.models import Location
from procura.notifications.services import notification_queue
from procura.partners.models import Customer
from procura.sales import errors
from procura.sales.customer_prices import CustomerPrice
from procura.sales.errors import SalesErrorCode
from procura.sales.models import (
    SalesOrder,
    SalesQuote,
    SalesQuoteLine,
    SalesQuoteStatus,
)
from procura.sales.services.orders import (
    LineInput,
    apply_totals,
    check_customer,
    priced_lines,
    sales_order_create,
)

Q = SalesQuoteStatus
QUOTE_PREFIX = "QT"
QUOTE_PDF_LOADER = "procura.sales.documents.quote_pdf_attachments"
DEFAULT_VALIDITY_DAYS = 30
OPEN = (Q.DRAFT, Q.SENT)

QUOTE_EXPIRED_CODE = "quote_expired"
NO_QUOTE_CONTACT_CODE = "no_quote_contact"
ILLEGAL = "A {status} quote cannot be {action}."
EXPIRED = "Quote {number} was valid until {valid_until}; make a new quote."
NO_CONTACT = "Customer {code} has no active contact with an e-mail address to send the quote to."
VALID_BEFORE_DATE = "A quote is valid until its date or later."


def _lock(quote: SalesQuote) -> SalesQuote:
    return (
        SalesQuote.objects.select_for_update(of=("self",))
        .select_related("customer", "location")
        .get(pk=quote.pk)
    )


def _require(quote: SalesQuote, allowed: Sequence[str], action: str) -> None:
    if quote.status not in allowed:
        raise Conflict(
            ILLEGAL.format(status=quote.status, action=action),
            code=SalesErrorCode.ILLEGAL_TRANSITION,
            data={"status": quote.status},
        )


def _require_valid(quote: SalesQuote, *, today: date) -> None:
    if quote.valid_until < today:
        raise Conflict(
            EXPIRED.format(number=quote.number, valid_until=quote.valid_until),
            code=QUOTE_EXPIRED_CODE,
            errors={
                "valid_until": [EXPIRED.format(number=quote.number, valid_until=quote.valid_until)]
            },
        )


def _transition(
    quote: SalesQuote, to: str, *, by: User | None, fields: Sequence[str] = (), **data: Any
) -> None:
    before = quote.status
    quote.status = to
    quote.updated_by = by
    quote.save(update_fields=["status", "updated_by", "updated_at", *fields])
    audit_record(
        actor=by,
        action=f"sales_quote.{to}",
        obj=quote,
        changes={"status": (before, to)},
        data=data or None,
    )


def _price(
    quote: SalesQuote, lines: Sequence[LineInput | Mapping[str, Any]]
) -> list[SalesQuoteLine]:
    """Quote lines priced as an order of the customer on the quote date would be priced."""
    order = SalesOrder(customer=quote.customer, location=quote.location, currency=quote.currency)
    if not lines:
        raise InvalidInput(
            errors.NO_LINES, code=SalesErrorCode.NO_LINES, errors={"lines": [errors.NO_LINES]}
        )
    order_lines = priced_lines(order, lines, on=quote.quote_date)
    apply_totals(order, order_lines)
    quote.subtotal = order.subtotal
    quote.tax_total = order.tax_total
    quote.total = order.total
    return [
        SalesQuoteLine(
            quote=quote,
            line_no=line.line_no,
            product=line.product,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            price_unit=line.price_unit,
            unit_price=line.unit_price,
            price_source=line.price_source,
            discount_percent=line.discount_percent,
            tax_rate=line.tax_rate,
            net_amount=line.net_amount,
            tax_amount=line.tax_amount,
        )
        for line in order_lines
    ]


def _check_location(location: Location) -> None:
    if not location.is_active:
        message = errors.LOCATION_INACTIVE.format(code=location.code)
        raise InvalidInput(
            message, code=SalesErrorCode.LOCATION_INACTIVE, errors={"location": [message]}
        )


def _check_validity(quote: SalesQuote) -> None:
    if quote.valid_until < quote.quote_date:
        raise InvalidInput(VALID_BEFORE_DATE, errors={"valid_until": [VALID_BEFORE_DATE]})


@transaction.atomic
def sales_quote_create(
    *,
    customer: Customer,
    location: Location,
    lines: Sequence[LineInput | Mapping[str, Any]],
    by: User | None,
    valid_until: date | None = None,
    customer_reference: str = "",
    notes: str = "",
    quote_date: date | None = None,
) -> SalesQuote:
    """A draft quote in the customer's currency, valid 30 days unless ``valid_until`` says."""
    check_customer(customer)
    _check_location(location)
    on = quote_date or timezone.localdate()
    quote = SalesQuote(
        customer=customer,
        location=location,
        quote_date=on,
        valid_until=valid_until or on + timedelta(days=DEFAULT_VALIDITY_DAYS),
        currency=customer.currency,
        customer_reference=customer_reference.strip(),
        notes=notes.strip(),
        created_by=by,
        updated_by=by,
    )
    _check_validity(quote)
    built = _price(quote, lines)
    quote.number = next_document_number(QUOTE_PREFIX, on=on)
    quote.save()
    SalesQuoteLine.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="sales_quote.created",
        obj=quote,
        data={"customer": customer.code, "total": str(quote.total), "lines": len(built)},
    )
    return quote


EDITABLE_FIELDS = ("location", "valid_until", "customer_reference", "notes")


@transaction.atomic
def sales_quote_update(
    *,
    quote: SalesQuote,
    by: User | None,
    lines: Sequence[LineInput | Mapping[str, Any]] | None = None,
    **fields: Any,
) -> SalesQuote:
    """Change a draft: header fields among EDITABLE_FIELDS and, when ``lines`` is given, every
    line, priced again as of the quote date."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"sales_quote_update does not change {sorted(unknown)}")
    quote = _lock(quote)
    _require(quote, [Q.DRAFT], "changed")
    for name, value in fields.items():
        setattr(quote, name, value.strip() if isinstance(value, str) else value)
    if "location" in fields:
        _check_location(quote.location)
    _check_validity(quote)
    if lines is not None:
        built = _price(quote, lines)
        quote.lines.all().delete()
        SalesQuoteLine.objects.bulk_create(built)
    quote.updated_by = by
    quote.save()
    audit_record(
        actor=by,
        action="sales_quote.updated",
        obj=quote,
        data={"fields": sorted(fields), "lines": len(lines) if lines is not None else None},
    )
    return quote


@transaction.atomic
def sales_quote_send(*, quote: SalesQuote, by: User | None) -> SalesQuote:
    """draft|sent -> sent: the quote's PDF goes by e-mail to the customer's primary contact
    (else the first active contact with an e-mail address), after commit, through
    notifications. Sending again re-sends it."""
    quote = _lock(quote)
    _require(quote, OPEN, "sent")
    _require_valid(quote, today=timezone.localdate())
    contact = (
        quote.customer.contacts.filter(is_active=True)
        .exclude(email="")
        .order_by("-is_primary", "name", "id")
        .first()
    )
    if contact is None:
        message = NO_CONTACT.format(code=quote.customer.code)
        raise Conflict(message, code=NO_QUOTE_CONTACT_CODE, errors={"customer": [message]})
    quote.sent_at = timezone.now()
    quote.sent_to = contact.email
    _transition(quote, Q.SENT, by=by, fields=["sent_at", "sent_to"], recipient=contact.email)
    notification_queue(
        template="sales/quote_sent",
        context={"quote": quote, "customer": quote.customer, "contact": contact},
        email=contact.email,
        object_type="sales.salesquote",
        object_id=str(quote.pk),
        attachment_loader=QUOTE_PDF_LOADER,
        attachment_args=[quote.pk],
    )
    return quote


@transaction.atomic
def sales_quote_accept(
    *, quote: SalesQuote, by: User | None, customer_reference: str = ""
) -> SalesQuote:
    """draft|sent -> accepted: a draft sales order with every line at its quoted price (the
    source names the quote), the customer's reference (theirs on acceptance, else the quote's)
    and the quote's notes. 409 when the quote's validity has passed."""
    quote = _lock(quote)
    _require(quote, OPEN, "accepted")
    today = timezone.localdate()
    _require_valid(quote, today=today)
    quote_lines = list(quote.lines.select_related("product").order_by("line_no"))
    order = sales_order_create(
        customer=quote.customer,
        location=quote.location,
        by=by,
        customer_reference=(customer_reference or quote.customer_reference).strip(),
        notes="\n".join(part for part in (f"From quote {quote.number}.", quote.notes) if part),
        lines=[
            LineInput(
                product=line.product,
                quantity=line.quantity,
                discount_percent=line.discount_percent,
                description=line.description,
                agreed_price=CustomerPrice(
                    unit_price=line.unit_price,
                    source=f"quote {quote.number}: {line.price_source}"[:120],
                ),
            )
            for line in quote_lines
        ],
    )
    quote.sales_order = order
    quote.decided_at = timezone.now()
    _transition(quote, Q.ACCEPTED, by=by, fields=["sales_order", "decided_at"], order=order.number)
    return quote


@transaction.atomic
def sales_quote_decline(*, quote: SalesQuote, by: User | None, reason: str = "") -> SalesQuote:
    """draft|sent -> declined, with the customer's reason."""
    quote = _lock(quote)
    _require(quote, OPEN, "declined")
    quote.decline_reason = reason.strip()
    quote.decided_at = timezone.now()
    _transition(
        quote,
        Q.DECLINED,
        by=by,
        fields=["decline_reason", "decided_at"],
        reason=quote.decline_reason,
    )
    return quote


def sales_quotes_expire(*, today: date | None = None) -> list[str]:
    """Mark every open quote whose validity date has passed expired (each in its own
    transaction, under its lock); return their numbers."""
    today = today or timezone.localdate()
    expired = []
    candidates = SalesQuote.objects.filter(status__in=OPEN, valid_until__lt=today)
    for pk in candidates.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            quote = SalesQuote.objects.select_for_update().get(pk=pk)
            if quote.status not in OPEN or quote.valid_until >= today:
                continue
            _transition(quote, Q.EXPIRED, by=None, valid_until=str(quote.valid_until))
            expired.append(quote.number)
    return expired
