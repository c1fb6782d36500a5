"""Sales documents as PDF: the packing slip that travels with a shipment, the customer invoice
(also attached to the invoice e-mail), the credit note, the recall report and the recall notice
each affected customer receives."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from procura.partners.models import Customer
from procura.sales.models import CreditNote, CustomerInvoice, SalesQuote, Shipment
from procura.sales.recalls import RecallRow, RecallScope, recall_report, recall_scope_title

PDF = "application/pdf"


def _table(rows: list[list[str]], widths: list[float], *, total_rows: int = 0) -> Table:
    table = Table(rows, colWidths=[width * inch for width in widths], repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, len(rows) - 1 - total_rows), 0.25, colors.grey),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
    if total_rows:
        style.append(("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"))
    table.setStyle(TableStyle(style))
    return table


def _address(address: Any) -> str:
    if address is None:
        return ""
    parts = [address.label, address.line1, address.line2, address.city, address.region]
    return ", ".join(part for part in [*parts, address.postal_code, address.country] if part)


def _build(title: str, story: list[Any], *, pagesize: tuple[float, float] = LETTER) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=pagesize, title=title, author="Procura")
    document.build(story)
    return buffer.getvalue()


def render_packing_slip_pdf(shipment: Shipment) -> bytes:
    styles = getSampleStyleSheet()
    order = shipment.order
    normal = styles["Normal"]
    story: list[Any] = [
        Paragraph(f"Packing slip {shipment.number}", styles["Title"]),
        Paragraph(f"Order: {order.number}", normal),
        Paragraph(f"Customer: {order.customer.name} ({order.customer.code})", normal),
        Paragraph(f"Ship to: {_address(order.ship_to) or order.customer.name}", normal),
        Paragraph(f"Ship from: {order.location.name}", normal),
        Paragraph(f"Ship date: {shipment.ship_date:%Y-%m-%d}", normal),
    ]
    if shipment.carrier is not None:
        story.append(
            Paragraph(f"Carrier: {shipment.carrier.name} ({shipment.carrier.scac})", normal)
        )
    if shipment.tracking_number:
        story.append(Paragraph(f"Tracking number: {shipment.tracking_number}", normal))
    rows = [["#", "SKU", "Description", "Quantity", "Unit"]]
    rows += [
        [
            str(line.order_line.line_no),
            line.order_line.product.sku,
            line.order_line.description,
            f"{line.quantity:,}",
            line.order_line.unit,
        ]
        for line in shipment.lines.all()
    ]
    story += [Spacer(1, 0.25 * inch), _table(rows, [0.4, 1.3, 3.2, 1.0, 0.6])]
    return _build(f"Packing slip {shipment.number}", story)


def render_invoice_pdf(invoice: CustomerInvoice) -> bytes:
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    story: list[Any] = [
        Paragraph(f"Invoice {invoice.number}", styles["Title"]),
        Paragraph(f"Bill to: {invoice.customer.name} ({invoice.customer.code})", normal),
        Paragraph(f"Order: {invoice.order.number}", normal),
        Paragraph(f"Invoice date: {invoice.issue_date:%Y-%m-%d}", normal),
        Paragraph(f"Due date: {invoice.due_date:%Y-%m-%d}", normal),
        Spacer(1, 0.25 * inch),
    ]
    rows = [["Description", "Qty", "Unit", "Unit price", "Disc %", "Tax %", "Net"]]
    rows += [
        [
            line.description,
            f"{line.quantity:,}",
            line.unit,
            f"{line.unit_price:,}",
            f"{line.discount_percent}",
            f"{line.tax_rate.normalize()}",
            f"{line.net_amount:,}",
        ]
        for line in invoice.lines.all()
    ]
    summary = [
        ("Subtotal", invoice.subtotal),
        ("Order discount", -invoice.discount_amount),
        ("Tax", invoice.tax_total),
        ("Shipping", invoice.shipping_charge),
        ("Amount paid", -invoice.amount_paid),
    ]
    rows += [["", "", "", "", "", label, f"{amount:,}"] for label, amount in summary]
    rows.append(["", "", "", "", "", "Balance due", f"{invoice.balance:,} {invoice.currency}"])
    story.append(_table(rows, [2.4, 0.7, 0.5, 0.9, 0.6, 1.0, 1.2], total_rows=len(summary) + 1))
    return _build(f"Invoice {invoice.number}", story)


def invoice_pdf_attachments(invoice_id: int) -> list[tuple[str, bytes, str]]:
    """Attachments of the invoice e-mail (loaded by the notification worker at send time)."""
    invoice = (
        CustomerInvoice.objects.select_related("customer", "order")
        .prefetch_related("lines")
        .get(pk=invoice_id)
    )
    return [(f"{invoice.number}.pdf", render_invoice_pdf(invoice), PDF)]


def render_credit_note_pdf(note: CreditNote) -> bytes:
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    story: list[Any] = [
        Paragraph(f"Credit note {note.number}", styles["Title"]),
        Paragraph(f"Customer: {note.customer.name} ({note.customer.code})", normal),
        Paragraph(f"Against invoice: {note.invoice.number}", normal),
        Paragraph(f"Date: {note.issue_date:%Y-%m-%d}", normal),
        Paragraph(
            f"Reason: {note.get_reason_display()}"
            + (f" - {note.reason_text}" if note.reason_text else ""),
            normal,
        ),
        Spacer(1, 0.25 * inch),
    ]
    rows = [["Description", "Qty", "Unit", "Unit price", "Tax %", "Net"]]
    rows += [
        [
            line.description,
            f"{line.quantity:,}",
            line.unit,
            f"{line.unit_price:,}",
            f"{line.tax_rate.normalize():f}",
            f"{line.net_amount:,}",
        ]
        for line in note.lines.all()
    ]
    summary = [("Net", note.subtotal), ("Tax", note.tax_total)]
    rows += [["", "", "", "", label, f"{amount:,}"] for label, amount in summary]
    rows.append(["", "", "", "", "Total credited", f"{note.total:,} {note.currency}"])
    story.append(_table(rows, [2.8, 0.7, 0.5, 0.9, 1.0, 1.4], total_rows=len(summary) + 1))
    return _build(f"Credit note {note.number}", story)


def credit_note_pdf_attachments(note_id: int) -> list[tuple[str, bytes, str]]:
    note = (
        CreditNote.objects.select_related("customer", "invoice")
        .prefetch_related("lines")
        .get(pk=note_id)
    )
    return [(f"{note.number}.pdf", render_credit_note_pdf(note), PDF)]


def _recall_rows_table(rows: list[RecallRow], *, with_customer: bool) -> Table:
    header = ["Shipment", "Shipped", "Order", "SKU", "Lot", "Est.", "Use by", "Qty", "Net wt"]
    widths = [1.2, 0.9, 1.2, 1.6, 1.1, 0.7, 0.9, 0.8, 0.9]
    if with_customer:
        header = ["Customer", "Contact", *header]
        widths = [1.4, 1.8, *[w * 0.8 for w in widths]]
    body = []
    for row in rows:
        cells = [
            row.shipment,
            f"{row.ship_date:%Y-%m-%d}",
            row.order,
            row.product_sku,
            row.lot,
            row.plant,
            f"{row.use_by:%Y-%m-%d}" if row.use_by else "",
            f"{row.quantity.normalize():f} {row.unit}",
            "" if row.weight is None else f"{row.weight:,}",
        ]
        if with_customer:
            contact = " / ".join(
                part for part in (row.contact_name, row.contact_email, row.contact_phone) if part
            )
            cells = [f"{row.customer.code} {row.customer.name}", contact, *cells]
        body.append(cells)
    table = _table([header, *body], widths)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (-1, -1), "LEFT")]))
    table.setStyle(TableStyle([("ALIGN", (-2, 0), (-1, -1), "RIGHT")]))
    return table


def render_recall_report_pdf(scope: RecallScope, rows: list[RecallRow]) -> bytes:
    """The recall report as a coordinator files it: scope, each shipment line that took the
    recalled product (customer, contact, lot, quantity and weight), and the totals."""
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    title = f"Recall report: {recall_scope_title(scope)}"
    customers = {row.customer.pk for row in rows}
    story: list[Any] = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            f"{len(rows)} shipment line(s) to {len(customers)} customer(s); generated "
            f"{timezone.localtime():%Y-%m-%d %H:%M %Z}.",
            normal,
        ),
        Spacer(1, 0.2 * inch),
    ]
    if rows:
        story.append(_recall_rows_table(rows, with_customer=True))
    else:
        story.append(Paragraph("No shipment took product from this scope.", normal))
    return _build(title, story, pagesize=landscape(LETTER))


def render_recall_notice_pdf(
    *, customer: Customer, scope: RecallScope, rows: list[RecallRow], reason: str
) -> bytes:
    """The notice one customer receives: the reason and only what that customer was shipped."""
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    title = f"Recall notice: {recall_scope_title(scope)}"
    story: list[Any] = [
        Paragraph(title, styles["Title"]),
        Paragraph(f"To: {customer.name} ({customer.code})", normal),
        Paragraph(f"Date: {timezone.localdate():%Y-%m-%d}", normal),
        Paragraph(f"Reason: {reason}", normal),
        Spacer(1, 0.15 * inch),
        Paragraph(
            "Please stop selling or using the product below and set it aside; we will contact"
            " you about its return or destruction.",
            normal,
        ),
        Spacer(1, 0.2 * inch),
        _recall_rows_table(rows, with_customer=False),
    ]
    return _build(title, story, pagesize=landscape(LETTER))


def recall_notice_pdf_attachments(
    lot_ids: list[int],
    plant_id: int | None,
    date_from: str | None,
    date_to: str | None,
    customer_id: int,
    reason: str,
) -> list[tuple[str, bytes, str]]:
    """Attachment of one customer's recall e-mail (built by the notification worker)."""
    scope = RecallScope.from_args(lot_ids, plant_id, date_from, date_to)
    customer = Customer.objects.get(pk=customer_id)
    rows = [row for row in recall_report(scope) if row.customer.pk == customer_id]
    pdf = render_recall_notice_pdf(customer=customer, scope=scope, rows=rows, reason=reason)
    return [(f"recall-notice-{customer.code}.pdf", pdf, PDF)]


def render_quote_pdf(quote: SalesQuote) -> bytes:
    styles = getSampleStyleSheet()
    normal = styles["Normal"]
    story: list[Any] = [
        Paragraph(f"Quote {quote.number}", styles["Title"]),
        Paragraph(f"Customer: {quote.customer.name} ({quote.customer.code})", normal),
        Paragraph(f"Date: {quote.quote_date:%Y-%m-%d}", normal),
        Paragraph(f"Valid until: {quote.valid_until:%Y-%m-%d}", normal),
    ]
    if quote.customer_reference:
        story.append(Paragraph(f"Your reference: {quote.customer_reference}", normal))
    story.append(Spacer(1, 0.25 * inch))
    rows = [["Description", "Qty", "Unit", "Unit price", "Disc %", "Tax %", "Net"]]
    rows += [
        [
            line.description,
            f"{line.quantity:,}",
            line.unit,
            f"{line.unit_price:,}" + (f" /{line.price_unit}" if line.price_unit else ""),
            f"{line.discount_percent}",
            f"{line.tax_rate.normalize():f}",
            f"{line.net_amount:,}",
        ]
        for line in quote.lines.all()
    ]
    rows += [["", "", "", "", "", "Net", f"{quote.subtotal:,}"]]
    rows += [["", "", "", "", "", "Tax", f"{quote.tax_total:,}"]]
    rows.append(["", "", "", "", "", "Total", f"{quote.total:,} {quote.currency}"])
    story.append(_table(rows, [2.4, 0.7, 0.5, 1.0, 0.6, 0.9, 1.2], total_rows=3))
    if quote.notes:
        story += [Spacer(1, 0.2 * inch), Paragraph(escape(quote.notes), normal)]
    return _build(f"Quote {quote.number}", story)


def quote_pdf_attachments(quote_id: int) -> list[tuple[str, bytes, str]]:
    """Attachments of the quote e-mail (loaded by the notification worker at send time)."""
    quote = SalesQuote.objects.select_related("customer").prefetch_related("lines").get(pk=quote_id)
    return [(f"{quote.number}.pdf", render_quote_pdf(quote), PDF)]
