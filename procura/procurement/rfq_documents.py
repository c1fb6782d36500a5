"""The request for quotation as a PDF for one supplier (attached to its invitation e-mail)."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from procura.procurement.models import RfqInvitation

PDF = "application/pdf"


def render_rfq_pdf(invitation: RfqInvitation, *, link: str) -> bytes:
    rfq = invitation.rfq
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=LETTER, title=f"Request for quotation {rfq.number}", author="Procura"
    )
    rows = [["#", "Description", "Quantity", "Unit", "Your unit price", "Lead time (days)"]]
    rows += [
        [str(line.line_no), line.description, f"{line.quantity:,}", line.unit, "", ""]
        for line in rfq.lines.all()
    ]
    table = Table(
        rows, colWidths=[0.4 * inch, 2.8 * inch, 0.9 * inch, 0.5 * inch, 1.2 * inch, 1.2 * inch]
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story = [
        Paragraph(escape(f"Request for quotation {rfq.number}"), styles["Title"]),
        Paragraph(escape(rfq.title), styles["Heading2"]),
        Paragraph(escape(f"To: {invitation.supplier.name}"), styles["Normal"]),
        Paragraph(
            escape(f"Deliver to: {rfq.ship_to.name}, {rfq.ship_to.address}"), styles["Normal"]
        ),
        Paragraph(
            escape(f"Prices in {rfq.currency}; please answer by {rfq.respond_by}."),
            styles["Normal"],
        ),
        Spacer(1, 0.25 * inch),
        table,
        Spacer(1, 0.25 * inch),
        Paragraph(escape(f"Enter your quotation online: {link}"), styles["Normal"]),
    ]
    if rfq.notes:
        story += [Spacer(1, 0.2 * inch), Paragraph(escape(rfq.notes), styles["Normal"])]
    document.build(story)
    return buffer.getvalue()


def rfq_pdf_attachments(invitation_id: int) -> list[tuple[str, bytes, str]]:
    """Attachments of the invitation e-mail (loaded by the notification worker at send time)."""
    from procura.procurement.services.rfqs import rfq_link_url

    invitation = RfqInvitation.objects.select_related("rfq__ship_to", "supplier").get(
        pk=invitation_id
    )
    pdf = render_rfq_pdf(invitation, link=rfq_link_url(invitation))
    return [(f"{invitation.rfq.number}.pdf", pdf, PDF)]
