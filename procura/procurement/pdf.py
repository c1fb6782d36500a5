"""The purchase order as a PDF, for the supplier."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from procura.procurement.models import PurchaseOrder


def _lines_table(order: PurchaseOrder, snapshot: dict[str, Any] | None) -> Table:
    rows: list[list[str]] = [["#", "Description", "Quantity", "Unit", "Unit price", "Amount"]]
    if snapshot is not None:
        source = snapshot["lines"]
        rows += [
            [
                str(line["line_no"]),
                line["description"],
                line["quantity"],
                line["unit"],
                line["unit_price"],
                line["line_total"],
            ]
            for line in source
        ]
    else:
        rows += [
            [
                str(line.line_no),
                line.description,
                f"{line.quantity:,}",
                line.unit,
                f"{line.unit_price:,}",
                f"{line.line_total:,}",
            ]
            for line in order.lines.all()
        ]
    total = snapshot["total"] if snapshot is not None else f"{order.total:,}"
    rows.append(["", "", "", "", "Total", f"{total} {order.currency}"])
    table = Table(
        rows, colWidths=[0.4 * inch, 3 * inch, 0.9 * inch, 0.5 * inch, 1 * inch, 1.3 * inch]
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("GRID", (0, 0), (-1, -2), 0.25, colors.grey),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    return table


def render_purchase_order_pdf(
    order: PurchaseOrder, *, snapshot: dict[str, Any] | None = None
) -> bytes:
    """The order (or, with ``snapshot``, a previous revision of it) as PDF bytes."""
    styles = getSampleStyleSheet()
    revision = snapshot["revision"] if snapshot is not None else order.revision
    expected = snapshot["expected_date"] if snapshot is not None else order.expected_date
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=LETTER, title=f"Purchase order {order.number}", author="Procura"
    )
    title = f"Purchase order {order.number}"
    if revision:
        title += f" (revision {revision})"
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(f"Supplier: {order.supplier.name} ({order.supplier.code})", styles["Normal"]),
        Paragraph(f"Ship to: {order.ship_to.name}, {order.ship_to.address}", styles["Normal"]),
        Paragraph(f"Payment terms: net {order.payment_terms_days} days", styles["Normal"]),
        Paragraph(f"Expected: {expected or 'as agreed'}", styles["Normal"]),
        Spacer(1, 0.25 * inch),
        _lines_table(order, snapshot),
    ]
    if order.notes:
        story += [Spacer(1, 0.2 * inch), Paragraph(order.notes, styles["Normal"])]
    document.build(story)
    return buffer.getvalue()
