"""Sales documents as PDF: the packing slip that travels with a shipment and the customer
invoice (also attached to the invoice e-mail)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from procura.sales.models import CreditNote, CustomerInvoice, Shipment

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


def _build(title: str, story: list[Any]) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=LETTER, title=title, author="Procura")
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
