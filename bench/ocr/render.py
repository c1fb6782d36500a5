"""Drawing invoices as PDFs (reportlab) in six visibly different layouts, and scanning them."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2
from invoices import Invoice
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from procura.documents.extraction.geometry import perspective_coefficients
from procura.documents.tests.pictures import noise as _noise

# A font with the rupee sign (DejaVu Sans, where the system has it); "Rs" is printed without.
RUPEE_FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
RUPEE_FONT = RUPEE_FONT_PATH.exists()
if RUPEE_FONT:
    pdfmetrics.registerFont(TTFont("DejaVu", str(RUPEE_FONT_PATH)))

GREY = Color(0.85, 0.85, 0.85)
DARK = Color(0.15, 0.25, 0.45)
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def fmt_date(value: date, style: str) -> str:
    if style == "us":
        return value.strftime("%m/%d/%Y")
    if style == "dotted":
        return value.strftime("%d.%m.%Y")
    if style == "named":
        return f"{value.day} {value.strftime('%b %Y')}"
    if style == "long":
        return f"{value.strftime('%B')} {value.day}, {value.year}"
    if style == "eu_slash":
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


@dataclass
class Col:
    header: str
    kind: str  # pos | code | description | quantity | unit | unit_price | amount
    width: float
    align: str = "left"


class Doc:
    def __init__(self, inv: Invoice, pagesize: tuple[float, float], total_pages: int) -> None:
        self.inv = inv
        self.buffer = io.BytesIO()
        self.c = Canvas(self.buffer, pagesize=pagesize, invariant=1)
        self.width, self.height = pagesize
        self.page = 1
        self.total_pages = total_pages

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = 9,
        bold: bool = False,
        align: str = "left",
        font: str | None = None,
    ) -> None:
        self.c.setFont(font or ("Helvetica-Bold" if bold else "Helvetica"), size)
        if align == "right":
            self.c.drawRightString(x, y, s)
        elif align == "center":
            self.c.drawCentredString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def footer(self) -> None:
        if self.total_pages > 1:
            self.text(
                self.width / 2, 30, f"Page {self.page} of {self.total_pages}", 8, align="center"
            )

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self.footer()
        self.c.save()
        return self.buffer.getvalue()

    def cell(self, col: Col, x: float, y: float, s: str, size: float, bold: bool = False) -> None:
        if col.align == "right":
            self.text(x + col.width - 4, y, s, size, bold, "right")
        elif col.align == "center":
            self.text(x + col.width / 2, y, s, size, bold, "center")
        else:
            self.text(x + 4, y, s, size, bold)

    def table(
        self,
        cols: list[Col],
        x: float,
        y: float,
        *,
        style: str,
        row_h: float = 16,
        size: float = 9,
        continuation_top: float | None = None,
        on_new_page: Callable[[Doc], None] | None = None,
        wrap_at: int = 0,
    ) -> float:
        inv = self.inv
        width = sum(col.width for col in cols)

        def header(top: float) -> float:
            if style == "shaded":
                self.c.setFillColor(GREY)
                self.c.rect(x, top - row_h + 4, width, row_h, stroke=0, fill=1)
                self.c.setFillColor(black)
            elif style == "dark":
                self.c.setFillColor(DARK)
                self.c.rect(x, top - row_h + 4, width, row_h, stroke=0, fill=1)
                self.c.setFillColor(white)
            cx = x
            for col in cols:
                self.cell(col, cx, top - row_h + 9, col.header, size, bold=True)
                cx += col.width
            self.c.setFillColor(black)
            if style in {"grid", "rule"}:
                self.c.line(x, top + 4, x + width, top + 4)
                self.c.line(x, top - row_h + 4, x + width, top - row_h + 4)
            return top - row_h

        y = header(y)
        for n, line in enumerate(inv.lines, start=1):
            description = line.description
            wrapped: list[str] = [description]
            if wrap_at and len(description) > wrap_at:
                cut = description.rfind(" ", 0, wrap_at)
                wrapped = [description[:cut], description[cut + 1 :]]
            needed = row_h * len(wrapped)
            if y - needed < 90:
                self.new_page()
                if on_new_page:
                    on_new_page(self)
                y = header(continuation_top or self.height - 80)
            values = {
                "pos": str(n),
                "code": f"{1000 + (hash(line.description) % 9000):04d}"
                if False
                else f"P{100 + n * 7}",
                "description": wrapped[0],
                "quantity": inv.number(line.quantity),
                "unit": line.unit,
                "unit_price": inv.amount(line.unit_price),
                "amount": inv.amount(line.amount),
            }
            cx = x
            for col in cols:
                self.cell(col, cx, y - row_h + 9, values[col.kind], size)
                if col.kind == "description" and len(wrapped) > 1:
                    self.cell(col, cx, y - 2 * row_h + 9, wrapped[1], size)
                cx += col.width
            y -= needed
            if style == "grid":
                self.c.line(x, y + 4, x + width, y + 4)
        if style == "grid":
            self.c.line(x, y + 4, x + width, y + 4)
        return y


def _supplier_block(d: Doc, x: float, y: float, align: str = "left", size: float = 16) -> float:
    inv = d.inv
    d.text(x, y, inv.supplier_name, size, bold=True, align=align)
    y -= size + 2
    for s in ("Unit 4, Industrial Park", f"Tax ID: {inv.supplier_tax_id}", inv.supplier_email):
        d.text(x, y, s, 8, align=align)
        y -= 11
    return y


def _bill_to(d: Doc, x: float, y: float, label: str = "Bill To:") -> float:
    d.text(x, y, label, 9, bold=True)
    for s in d.inv.buyer:
        y -= 12
        d.text(x, y, s, 9)
    return y - 12


def _totals(
    d: Doc,
    x_label: float,
    x_value: float,
    y: float,
    labels: tuple[str, str, str],
    bold_total: bool = True,
) -> float:
    inv = d.inv
    if y < 120:
        d.new_page()
        y = d.height - 80
    rows = [(labels[0], inv.subtotal), (labels[1], inv.tax), (labels[2], inv.total)]
    for i, (label, value) in enumerate(rows):
        bold = bold_total and i == 2
        d.text(x_label, y, label, 10 if bold else 9, bold=bold)
        d.text(x_value, y, value_text(inv, value), 10 if bold else 9, bold=bold, align="right")
        y -= 15
    return y


def value_text(inv: Invoice, value: object) -> str:
    from decimal import Decimal

    assert isinstance(value, Decimal)
    symbol = SYMBOLS.get(inv.currency)
    if inv.layout in {"classic", "modern"} and symbol:
        return f"{symbol}{inv.amount(value)}"
    return f"{inv.amount(value)} {inv.currency}"


def _tax_label(inv: Invoice, name: str) -> str:
    rate = f"{inv.tax_rate.normalize():f}"
    if inv.notation == "eu":
        rate = rate.replace(".", ",")
    return f"{name} {rate}%"


def layout_classic(d: Doc) -> None:
    inv = d.inv
    _supplier_block(d, 50, d.height - 60)
    d.text(d.width - 50, d.height - 60, "INVOICE", 22, bold=True, align="right")
    y = d.height - 90
    rows = [("Invoice No:", inv.invoice_number), ("Date:", fmt_date(inv.invoice_date, "us"))]
    rows.append(("Due Date:", fmt_date(inv.due_date, "us") if inv.due_date else ""))
    if inv.po_number:
        rows.append(("PO Number:", inv.po_number))
    for label, value in rows:
        d.text(d.width - 200, y, label, 9, bold=True)
        d.text(d.width - 50, y, value, 9, align="right")
        y -= 13
    _bill_to(d, 50, d.height - 150)
    cols = [Col("Description", "description", 250), Col("Qty", "quantity", 60, "right"),
            Col("Unit Price", "unit_price", 100, "right"), Col("Amount", "amount", 100, "right")]  # fmt: skip
    y = d.table(cols, 50, d.height - 230, style="grid")
    _totals(d, 360, d.width - 52, y - 20, ("Subtotal", _tax_label(inv, "Sales Tax"), "Total"))
    d.text(50, 80, "Thank you for your business.", 8)


def layout_european(d: Doc) -> None:
    inv = d.inv
    d.text(d.width / 2, d.height - 50, inv.supplier_name, 18, bold=True, align="center")
    d.text(d.width / 2, d.height - 66, "Hauptstrasse 12 - 10115 Berlin", 8, align="center")
    y = _bill_to(d, 60, d.height - 120, "Invoice to:")
    rows = [("Invoice Number", inv.invoice_number), ("Invoice Date", fmt_date(inv.invoice_date, "dotted")),
            ("Due Date", fmt_date(inv.due_date, "dotted") if inv.due_date else "")]  # fmt: skip
    if inv.po_number:
        rows.append(("Your order", inv.po_number))
    rows.append(("Currency", inv.currency))
    yy = d.height - 120
    for label, value in rows:
        d.text(330, yy, label, 9)
        d.text(430, yy, value, 9, bold=True)
        yy -= 13
    d.text(60, min(y, yy) - 10, "INVOICE", 14, bold=True)
    cols = [Col("Pos", "pos", 35), Col("Item", "description", 220), Col("Quantity", "quantity", 65, "right"),
            Col("Price", "unit_price", 80, "right"), Col("Total", "amount", 85, "right")]  # fmt: skip
    y = d.table(cols, 55, min(y, yy) - 30, style="rule")
    _totals(d, 330, 540, y - 20, ("Net amount", _tax_label(inv, "VAT"), "Total incl. VAT"))
    d.text(
        60,
        70,
        f"VAT No: {inv.supplier_tax_id}   IBAN: {inv.supplier_iban}   {inv.supplier_email}",
        7,
    )


def layout_modern(d: Doc) -> None:
    inv = d.inv
    d.text(50, d.height - 60, "Invoice", 28, bold=True)
    d.text(330, d.height - 50, "From:", 8, bold=True)
    d.text(330, d.height - 63, inv.supplier_name, 11, bold=True)
    d.text(330, d.height - 76, inv.supplier_email, 8)
    d.text(330, d.height - 88, f"VAT Reg No: {inv.supplier_tax_id}", 8)
    labels = [("Invoice #", inv.invoice_number), ("Issue date", fmt_date(inv.invoice_date, "named")),
              ("Due date", fmt_date(inv.due_date, "named") if inv.due_date else "")]  # fmt: skip
    if inv.po_number:
        labels.append(("Order ref", inv.po_number))
    x = 50
    for label, value in labels:
        d.text(x, d.height - 120, label, 8, bold=True)
        d.text(x, d.height - 133, value, 10)
        x += 125
    _bill_to(d, 50, d.height - 170, "Billed to")
    cols = [Col("Product", "description", 240), Col("Qty", "quantity", 60, "right"),
            Col("Rate", "unit_price", 95, "right"), Col("Line total", "amount", 100, "right")]  # fmt: skip
    y = d.table(cols, 50, d.height - 250, style="shaded", row_h=18)
    _totals(d, 350, 543, y - 25, ("Sub-total", _tax_label(inv, "VAT"), "Amount due"))


def layout_multipage(d: Doc) -> None:
    inv = d.inv

    def page_header(doc: Doc) -> None:
        doc.text(
            50,
            doc.height - 50,
            f"{inv.supplier_name} - Invoice {inv.invoice_number} (continued)",
            9,
        )

    _supplier_block(d, 50, d.height - 50, size=14)
    d.text(d.width - 50, d.height - 50, "TAX INVOICE", 16, bold=True, align="right")
    rows = [("Invoice Number:", inv.invoice_number), ("Invoice Date:", fmt_date(inv.invoice_date, "iso")),
            ("Due Date:", fmt_date(inv.due_date, "iso") if inv.due_date else ""), ("Currency:", inv.currency)]  # fmt: skip
    if inv.po_number:
        rows.append(("Purchase Order:", inv.po_number))
    y = d.height - 80
    for label, value in rows:
        d.text(360, y, label, 8)
        d.text(d.width - 50, y, value, 8, align="right")
        y -= 12
    _bill_to(d, 50, d.height - 125, "Sold to:")
    cols = [Col("#", "pos", 25), Col("Code", "code", 45), Col("Description", "description", 210),
            Col("Qty", "quantity", 55, "right"), Col("Unit", "unit", 40), Col("Unit Price", "unit_price", 70, "right"),
            Col("Amount", "amount", 75, "right")]  # fmt: skip
    y = d.table(cols, 40, d.height - 200, style="grid", row_h=15, size=8, on_new_page=page_header)
    _totals(d, 380, d.width - 45, y - 20, ("Subtotal", _tax_label(inv, "GST"), "Total Due"))


def layout_compact(d: Doc) -> None:
    inv = d.inv
    _supplier_block(d, d.width - 50, d.height - 55, align="right", size=13)
    d.text(50, d.height - 55, "Invoice", 18, bold=True)
    y = d.height - 80
    rows = [("Invoice No.", inv.invoice_number), ("Date", fmt_date(inv.invoice_date, "long"))]
    if inv.due_date:
        rows.append(("Payment due", fmt_date(inv.due_date, "long")))
    else:
        rows.append(("Terms", f"Net {inv.payment_terms_days} days"))
    if inv.po_number:
        rows.append(("PO", inv.po_number))
    for label, value in rows:
        d.text(50, y, f"{label}: {value}", 9)
        y -= 12
    _bill_to(d, 50, y - 14, "Customer:")
    cols = [Col("Item", "code", 50), Col("Description", "description", 220), Col("Hours", "quantity", 55, "right"),
            Col("Rate", "unit_price", 85, "right"), Col("Amount", "amount", 95, "right")]  # fmt: skip
    y = d.table(cols, 45, y - 90, style="dark", row_h=17)
    _totals(d, 330, 550, y - 20, ("Subtotal", _tax_label(inv, "GST"), "Balance due"))
    d.text(45, 60, f"Pay to IBAN {inv.supplier_iban}", 8)


def layout_swiss(d: Doc) -> None:
    inv = d.inv
    d.text(50, d.height - 50, "Supplier:", 8)
    d.text(50, d.height - 64, inv.supplier_name, 13, bold=True)
    d.text(50, d.height - 78, f"VAT: {inv.supplier_tax_id}", 8)
    d.text(d.width - 50, d.height - 50, "INVOICE", 20, bold=True, align="right")
    y = d.height - 110
    rows = [("Document No.", inv.invoice_number), ("Date of issue", fmt_date(inv.invoice_date, "eu_slash")),
            ("Payment due", fmt_date(inv.due_date, "eu_slash") if inv.due_date else "")]  # fmt: skip
    if inv.po_number:
        rows.append(("P.O. reference", inv.po_number))
    for label, value in rows:
        d.text(330, y, f"{label}:", 9)
        d.text(440, y, value, 9)
        y -= 13
    _bill_to(d, 50, d.height - 110, "Ship to:")
    cols = [Col("Article", "description", 190), Col("Qty", "quantity", 60, "right"),
            Col("Unit", "unit", 45), Col("Price", "unit_price", 90, "right"), Col("Amount", "amount", 100, "right")]  # fmt: skip
    y = d.table(cols, 50, d.height - 200, style="rule", wrap_at=18, row_h=16)
    _totals(d, 330, 535, y - 20, ("Total before tax", _tax_label(inv, "VAT"), "Grand total"))
    d.text(50, 60, f"Bank: IBAN {inv.supplier_iban} - {inv.supplier_email}", 7)


def _section_table(d: Doc, cols: list[Col], x: float, y: float) -> float:
    """The lines in two delivery sections, each closed by its own subtotal row."""
    inv = d.inv
    lines = inv.lines
    half = max(1, len(lines) // 2)
    width = sum(col.width for col in cols)
    for number, part in enumerate((lines[:half], lines[half:]), start=1):
        if not part:
            continue
        d.text(x + 4, y, f"Lieferung {number} vom {fmt_date(inv.invoice_date, 'dotted')}", 9,
               bold=True)  # fmt: skip
        y -= 16
        for line in part:
            values = {
                "description": line.description,
                "quantity": inv.number(line.quantity),
                "unit": line.unit,
                "unit_price": inv.amount(line.unit_price),
                "amount": inv.amount(line.amount),
            }
            cx = x
            for col in cols:
                d.cell(col, cx, y, values[col.kind], 9)
                cx += col.width
            y -= 15
        subtotal = sum((line.amount for line in part), Decimal(0))
        d.c.line(x + width - 110, y + 10, x + width, y + 10)
        d.text(x + width - 120, y, f"Zwischensumme Lieferung {number}", 8, align="right")
        d.text(x + width - 4, y, inv.amount(subtotal), 8, align="right")
        y -= 24
    return y


def layout_window(d: Doc) -> None:
    inv = d.inv
    # Sender line above the address window, then the buyer's address in the window.
    d.text(57, d.height - 125, f"{inv.supplier_name} · Hauptstraße 12 · 10115 Berlin", 6.5)
    d.c.line(57, d.height - 128, 240, d.height - 128)
    y = d.height - 142
    for s in d.inv.buyer:
        d.text(57, y, s, 10)
        y -= 13
    rows = [("Rechnungsnummer", inv.invoice_number), ("Rechnungsdatum", fmt_date(inv.invoice_date, "dotted")),
            ("Kundennummer", "K-20417")]  # fmt: skip
    if inv.po_number:
        rows.append(("Ihre Bestellung", inv.po_number))
    yy = d.height - 130
    for label, value in rows:
        d.text(360, yy, label, 8)
        d.text(d.width - 50, yy, value, 8, align="right")
        yy -= 12
    d.text(57, d.height - 250, f"Rechnung {inv.invoice_number}", 13, bold=True)
    cols = [Col("Artikel", "description", 230), Col("Menge", "quantity", 60, "right"),
            Col("Einzelpreis", "unit_price", 90, "right"), Col("Betrag", "amount", 100, "right")]  # fmt: skip
    top = d.height - 280
    x = 55
    cx = x
    for col in cols:
        d.cell(col, cx, top, col.header, 9, bold=True)
        cx += col.width
    d.c.line(x, top - 4, x + 480, top - 4)
    y = _section_table(d, cols, x, top - 20)
    if y < 150:
        d.new_page()
        y = d.height - 80
    # The totals under column headers, the values on the row below.
    heads = ("Nettobetrag", _tax_label(inv, "MwSt."), "Gesamtbetrag")
    values = (inv.subtotal, inv.tax, inv.total)
    for i, (head, value) in enumerate(zip(heads, values, strict=True)):
        right = 325 + 110 * i
        d.text(right, y, head, 8, bold=True, align="right")
        d.text(right, y - 14, f"{inv.amount(value)} EUR", 9, bold=i == 2, align="right")
    due = inv.due_date or inv.invoice_date
    d.text(57, y - 45, f"Zahlbar bis {fmt_date(due, 'dotted')} ohne Abzug.", 8)
    d.c.line(50, 70, d.width - 50, 70)
    d.text(57, 58, f"{inv.supplier_name} · Geschäftsführer: M. Weber · USt-IdNr. "
           f"{inv.supplier_tax_id} · IBAN {inv.supplier_iban}", 6.5)  # fmt: skip


def _rupees(d: Doc, value: Decimal) -> str:
    amount = d.inv.amount(value)
    return f"₹{amount}" if RUPEE_FONT and d.inv.invoice_date.day % 2 else f"Rs {amount}"


def layout_india(d: Doc) -> None:
    inv = d.inv
    d.text(d.width / 2, d.height - 45, "TAX INVOICE" if inv.tax_rate else "INVOICE", 14,
           bold=True, align="center")  # fmt: skip
    # The buyer's block comes first, top left.
    y = _bill_to(d, 40, d.height - 80, "Bill To:")
    d.text(330, d.height - 80, "Sold by:", 9, bold=True)
    d.text(380, d.height - 80, inv.supplier_name, 9, bold=True)
    d.text(380, d.height - 92, "Plot 14, MIDC Bhosari, Pune 411026", 8)
    d.text(380, d.height - 104, f"GSTIN: {inv.supplier_tax_id}", 8)
    rows = [
        ("Invoice No", inv.invoice_number),
        ("Invoice Date", fmt_date(inv.invoice_date, "named")),
    ]
    if inv.due_date:
        rows.append(("Due Date", fmt_date(inv.due_date, "named")))
    if inv.po_number:
        rows.append(("Order No", inv.po_number))
    yy = min(y, d.height - 130) - 10
    for label, value in rows:
        d.text(40, yy, f"{label}: {value}", 9)
        yy -= 12
    cols = [Col("S.No", "pos", 35), Col("Item", "description", 230), Col("Qty", "quantity", 50, "right"),
            Col("Rate", "unit_price", 90, "right"), Col("Amount", "amount", 100, "right")]  # fmt: skip
    y = d.table(cols, 40, yy - 20, style="grid", row_h=16)
    y -= 22
    rows2: list[tuple[str, Decimal]] = []
    if inv.tax_rate:
        rate = f"{inv.tax_rate.normalize():f}"
        rows2 = [("Taxable Value", inv.subtotal), (f"IGST @ {rate}%", inv.tax)]
    rows2.append(("Grand Total", inv.total))
    for label, value in rows2:
        bold = label == "Grand Total"
        d.text(360, y, label, 10 if bold else 9, bold=bold)
        d.text(545, y, _rupees(d, value), 10 if bold else 9, bold=bold, align="right",
               font="DejaVu" if RUPEE_FONT else None)  # fmt: skip
        y -= 15
    if not inv.tax_rate:
        d.text(40, y - 10, "Supply exempt from GST.", 8)
    d.text(40, 60, f"E-mail: {inv.supplier_email}", 8)


LAYOUT_FUNCS: dict[str, tuple[Callable[[Doc], None], tuple[float, float]]] = {
    "classic": (layout_classic, letter),
    "european": (layout_european, A4),
    "modern": (layout_modern, A4),
    "multipage": (layout_multipage, letter),
    "compact": (layout_compact, letter),
    "swiss": (layout_swiss, A4),
    "window": (layout_window, A4),
    "india": (layout_india, A4),
}


def render_pdf(inv: Invoice) -> bytes:
    func, size = LAYOUT_FUNCS[inv.layout]
    probe = Doc(inv, size, 1)
    func(probe)
    pages = probe.page
    doc = Doc(inv, size, pages)
    func(doc)
    return doc.finish()


def _camera(
    pdf: bytes, seed: int, dpi: int, treat: Callable[[Image.Image, random.Random], Image.Image]
) -> list[Image.Image]:
    """Each page rendered at ``dpi`` in grey, then ``treat``ed like a scanner or camera would."""
    rng = random.Random(seed)
    pdf_doc = pypdfium2.PdfDocument(pdf)
    try:
        return [
            treat(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), rng)
            for page in pdf_doc
        ]
    finally:
        pdf_doc.close()


def _scanner(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(-3, 3)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    noise = _noise(image.size, rng, rng.uniform(20, 40))
    image = ImageChops.add(
        ImageChops.multiply(image, Image.new("L", image.size, 235)), noise, scale=1.0, offset=-110
    )
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))


def _phone(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(-4, 4)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=240)
    light = Image.linear_gradient("L").resize(image.size).point(lambda v: 255 - v // 4)
    if rng.random() < 0.5:
        light = light.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image = ImageChops.multiply(image, light)
    noise = _noise(image.size, rng, rng.uniform(10, 20))
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.6)))


def scan(pdf: bytes, *, seed: int, dpi: int = 200) -> list[Image.Image]:
    """Scanner-like images of each page: 200 dpi, slightly rotated, noisy and blurred."""
    return _camera(pdf, seed, dpi, _scanner)


def photo(pdf: bytes, *, seed: int, dpi: int = 96) -> list[Image.Image]:
    """Low-resolution phone photos of each page: about 96 dpi, turned a little, lit unevenly
    (darker towards one edge), soft and noisy; saved as a JPEG by the caller."""
    return _camera(pdf, seed, dpi, _phone)


# A phone photo as people take one: the sheet lying on a desk or table, smaller than the frame,
# seen from a phone held at a tilt (perspective), the paper slightly bowed and the lens bending
# straight lines a little (barrel), lit unevenly with the shadow of the hand or phone across it,
# shaken a little (motion blur), in colour, saved as a JPEG by the caller at the 72 dpi phones state.
DESKS = {
    "oak": (178, 140, 98),
    "walnut": (96, 66, 46),
    "grey laminate": (128, 126, 124),
    "dark": (46, 44, 48),
    "green felt": (58, 92, 70),
    "blue fabric": (70, 84, 118),
}
MESH_STEP = 32  # frame pixels between the points where the warp is computed exactly


def _desk_surface(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A desk's top: wood with its grain, laminate, felt or fabric, in colour."""
    name = rng.choice(sorted(DESKS))
    width, height = size
    surface = Image.new("RGB", size, DESKS[name])
    if name in {"oak", "walnut"}:
        # Grain: noise stretched along one direction into long streaks.
        grain = _noise((max(2, width // 90), max(2, height // 3)), rng, 45)
        grain = grain.resize(size, Image.Resampling.BICUBIC)
        if rng.random() < 0.5:
            grain = grain.transpose(Image.Transpose.TRANSPOSE).resize(size)
        surface = ImageChops.add(surface, grain.convert("RGB"), scale=1.0, offset=-128)
    weave = _noise(size, rng, 30 if "fabric" in name or "felt" in name else 14)
    weave = weave.filter(ImageFilter.GaussianBlur(0.8))
    return ImageChops.add(surface, weave.convert("RGB"), scale=1.0, offset=-128)


def _sheet_corners(
    frame: tuple[int, int], page: tuple[int, int], rng: random.Random
) -> list[tuple[float, float]]:
    """Where the sheet's corners fall in the frame (top-left, top-right, bottom-right,
    bottom-left), through a pinhole camera (a phone's lens, its focal length 0.6 to 0.85 times
    the frame's longer side) held at a tilt of 2 to 12 degrees towards the sheet's far (top)
    edge and a few degrees sideways: the far edge shorter than the near one (keystone) and the
    sheet foreshortened along the tilt, as a camera sees it; turned a few degrees in the hand,
    a little off the middle."""
    width, height = frame
    page_w, page_h = page
    focal = rng.uniform(0.6, 0.85) * max(width, height)
    pitch = math.radians(rng.uniform(2, 12))
    yaw = math.radians(rng.uniform(-4, 4))
    turn = math.radians(rng.uniform(-9, 9))
    shift_x = rng.uniform(-0.05, 0.05) * width
    shift_y = rng.uniform(-0.04, 0.04) * height
    corners = []
    for x, y in [(-page_w / 2, -page_h / 2), (page_w / 2, -page_h / 2),
                 (page_w / 2, page_h / 2), (-page_w / 2, page_h / 2)]:  # fmt: skip
        # Turned on the desk, moved off the middle, then seen from the tilted phone at the
        # distance where the sheet's near edge shows at its own size.
        x, y = (
            x * math.cos(turn) - y * math.sin(turn) + shift_x,
            (x * math.sin(turn) + y * math.cos(turn) + shift_y),
        )
        y, z = y * math.cos(pitch), -y * math.sin(pitch)
        x, z = x * math.cos(yaw) + z * math.sin(yaw), z * math.cos(yaw) - x * math.sin(yaw)
        depth = focal + page_h / 2 * math.sin(pitch) + z
        corners.append((width / 2 + focal * x / depth, height / 2 + focal * y / depth))
    return corners


def _desk_mesh(
    frame: tuple[int, int],
    page: tuple[int, int],
    quad: list[tuple[float, float]],
    rng: random.Random,
) -> list[tuple[tuple[int, int, int, int], tuple[float, ...]]]:
    """Pillow's MESH transform taking each small square of the frame from the page: the lens's
    barrel bending, then the perspective of ``quad``, then the paper's bow."""
    width, height = frame
    page_w, page_h = page
    own = [(0.0, 0.0), (float(page_w), 0.0), (float(page_w), float(page_h)), (0.0, float(page_h))]
    a, b, c, d, e, f, g, h = perspective_coefficients(quad, own)
    barrel = rng.uniform(0.0, 0.035)  # at the frame's corners, a share of the radius
    bow_rows = rng.uniform(-0.012, 0.012) * page_h  # the text's rows bent into arcs
    bow_columns = rng.uniform(-0.008, 0.008) * page_w
    half = math.hypot(width, height) / 2

    def source(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - width / 2, y - height / 2
        k = 1 - barrel * (dx * dx + dy * dy) / (half * half)
        x, y = width / 2 + dx * k, height / 2 + dy * k
        w = g * x + h * y + 1
        u, v = (a * x + b * y + c) / w, (d * x + e * y + f) / w
        return (
            u + bow_columns * math.sin(math.pi * v / page_h),
            v + bow_rows * math.sin(math.pi * u / page_w),
        )

    mesh = []
    for top in range(0, height, MESH_STEP):
        for left in range(0, width, MESH_STEP):
            right, bottom = min(width, left + MESH_STEP), min(height, top + MESH_STEP)
            corners = (source(left, top), source(left, bottom), source(right, bottom),
                       source(right, top))  # fmt: skip
            mesh.append(((left, top, right, bottom), tuple(v for p in corners for v in p)))
    return mesh


def _hand_shadow(frame: tuple[int, int], rng: random.Random) -> Image.Image:
    """A multiplier (255 = full light) with the soft shadow of the hand or phone coming in from
    one edge of the frame."""
    width, height = frame
    shadow = Image.new("L", frame, 255)
    edge = rng.choice(["bottom", "right", "left"])
    reach = rng.uniform(0.25, 0.5)
    spread = rng.uniform(0.3, 0.6)
    start = rng.uniform(0.0, 1.0 - spread)
    if edge == "bottom":
        box = (start * width, (1 - reach) * height, (start + spread) * width, height * 1.3)
    elif edge == "right":
        box = ((1 - reach) * width, start * height, width * 1.3, (start + spread) * height)
    else:
        box = (-0.3 * width, start * height, reach * width, (start + spread) * height)
    ImageDraw.Draw(shadow).ellipse(box, fill=rng.randint(120, 185))
    return shadow.filter(ImageFilter.GaussianBlur(rng.uniform(0.01, 0.03) * width))


def _light(frame: tuple[int, int], rng: random.Random) -> Image.Image:
    """The light over the frame, in colour: falling off towards one side and the corners (the
    lens's vignetting), the hand's shadow, a warm or cool cast."""
    width, height = frame
    fall = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270]))
    depth = rng.uniform(3.0, 6.0)
    light = fall.resize(frame).point(lambda v: 255 - int(v / depth))
    vignette = Image.radial_gradient("L").resize(frame).point(lambda v: 255 - v // 5)
    light = ImageChops.multiply(ImageChops.multiply(light, vignette), _hand_shadow(frame, rng))
    cast = rng.choice([(255, 244, 225), (250, 250, 250), (232, 240, 255), (255, 236, 210)])
    return ImageChops.multiply(light.convert("RGB"), Image.new("RGB", frame, cast))


def _glare(photo: Image.Image, rng: random.Random) -> Image.Image:
    """A soft bright patch where a lamp or the flash reflects off the paper."""
    width, height = photo.size
    patch = Image.new("L", photo.size, 0)
    x, y = rng.uniform(0.25, 0.75) * width, rng.uniform(0.25, 0.75) * height
    r = rng.uniform(0.05, 0.12) * width
    ImageDraw.Draw(patch).ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7),
                                  fill=rng.randint(40, 80))  # fmt: skip
    patch = patch.filter(ImageFilter.GaussianBlur(r / 2))
    return ImageChops.add(photo, patch.convert("RGB"))


def _shaken(photo: Image.Image, rng: random.Random) -> Image.Image:
    """Motion blur: the frame averaged along a short stroke (1 to 3 pixels) of the hand."""
    length = rng.uniform(1.0, 3.0)
    angle = rng.uniform(0, math.pi)
    steps = max(2, round(length) + 1)
    shaken = photo
    for i in range(1, steps):
        t = length * i / (steps - 1)
        moved = ImageChops.offset(photo, round(t * math.cos(angle)), round(t * math.sin(angle)))
        shaken = Image.blend(shaken, moved, 1 / (i + 1))
    return shaken


def _on_desk(page: Image.Image, rng: random.Random) -> Image.Image:
    page_w, page_h = page.size
    share = rng.uniform(0.55, 0.8)  # of the frame's width the sheet's near edge spans
    width = round(page_w / share)
    height = max(round(width * 4 / 3), round(page_h / 0.88))
    frame = (width, height)
    quad = _sheet_corners(frame, page.size, rng)
    mesh = _desk_mesh(frame, page.size, quad, rng)
    sheet = page.transform(frame, Image.Transform.MESH, mesh, Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform(
        frame, Image.Transform.MESH, mesh, Image.Resampling.BILINEAR
    )
    desk = _desk_surface(frame, rng)
    # The paper's own soft shadow on the desk just beyond its edges.
    rim = ImageChops.offset(mask, rng.randint(2, 6), rng.randint(3, 8))
    rim = rim.filter(ImageFilter.GaussianBlur(6)).point(lambda v: 255 - v // 3)
    desk = ImageChops.multiply(desk, rim.convert("RGB"))
    photo = Image.composite(sheet, desk, mask)
    photo = ImageChops.multiply(photo, _light(frame, rng))
    if rng.random() < 0.3:
        photo = _glare(photo, rng)
    photo = _shaken(photo, rng)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    speckle = _noise(frame, rng, rng.uniform(5, 10)).convert("RGB")
    photo = ImageChops.add(photo, speckle, scale=1.0, offset=-128)
    if rng.random() < 0.15:  # held sideways, and the picture's orientation tag lost
        photo = photo.rotate(rng.choice([90, 270]), expand=True)
    return photo


def desk_photo(pdf: bytes, *, seed: int, dpi: int | None = None) -> list[Image.Image]:
    """Colour phone photos of each page lying on a desk (see ``_on_desk``): the sheet at
    ``dpi`` (by default 110 to 170, chosen by the seed) across its near edge."""
    rng = random.Random(seed)
    dpi = dpi or rng.randint(110, 170)
    pdf_doc = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in pdf_doc]
    finally:
        pdf_doc.close()
    return [_on_desk(page, rng) for page in pages]


def save_scan(
    images: list[Image.Image], fmt: str, dpi: int | tuple[int, int] = 200, quality: int = 85
) -> tuple[bytes, str]:
    """The scan as PNG, JPEG, TIFF (multi-page when needed; fax-like Group 4 for black and
    white, JPEG inside for colour photos) or an image-only PDF."""
    out = io.BytesIO()
    if len(images) > 1 and fmt in {"png", "jpeg"}:
        fmt = "tiff"
    resolution = dpi if isinstance(dpi, tuple) else (dpi, dpi)
    first, rest = images[0], images[1:]
    if fmt == "pdf":
        first.save(out, "PDF", save_all=True, append_images=rest, resolution=resolution[0])
    elif fmt == "tiff":
        compression = {"1": "group4", "RGB": "jpeg"}.get(first.mode, "tiff_deflate")
        extra = {"quality": quality} if compression == "jpeg" else {}
        first.save(
            out,
            "TIFF",
            save_all=True,
            append_images=rest,
            dpi=resolution,
            compression=compression,
            **extra,
        )
    elif fmt == "jpeg":
        first.save(out, "JPEG", quality=quality, dpi=resolution)
    else:
        first.save(out, "PNG", dpi=resolution, optimize=True)
    return out.getvalue(), fmt
