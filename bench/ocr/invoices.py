"""Random but reproducible invoice data: suppliers, lines, totals, and their printed forms."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SUPPLIERS = [
    (
        "Prairie Ridge Packing Co.",
        "US",
        "12-3456789",
        "billing@prairieridge.example",
        "US64SVBKUS6S3300958879",
    ),
    (
        "Northfield Meats LLC",
        "US",
        "47-1029384",
        "ar@northfieldmeats.example",
        "US12NFMB00000012345678",
    ),
    (
        "Bergmann Fleischwaren GmbH",
        "DE",
        "DE812345678",
        "rechnung@bergmann-fleisch.example",
        "DE89370400440532013000",
    ),
    (
        "Highland Beef Ltd",
        "GB",
        "GB123456789",
        "accounts@highlandbeef.example",
        "GB29NWBK60161331926819",
    ),
    (
        "Van Dijk Vleesgroothandel B.V.",
        "NL",
        "NL853746291B01",
        "facturen@vandijkvlees.example",
        "NL91ABNA0417164300",
    ),
    (
        "Silver Creek Provisions Inc.",
        "CA",
        "847261935RT0001",
        "invoices@silvercreek.example",
        "CA0212345678901234567",
    ),
    (
        "Southern Cross Meat Exporters Pty",
        "AU",
        "51824753556",
        "accounts@southerncross.example",
        "AU1234567890123456",
    ),
    (
        "Alpen Metzgerei AG",
        "CH",
        "CHE-123.456.789",
        "buchhaltung@alpenmetzgerei.example",
        "CH9300762011623852957",
    ),
    (
        "Lakeside Poultry Company",
        "US",
        "83-5550192",
        "billing@lakesidepoultry.example",
        "US88LKPC00000098765432",
    ),
    (
        "Carnes del Valle S.A.",
        "ES",
        "ESA12345674",
        "facturacion@carnesdelvalle.example",
        "ES9121000418450200051332",
    ),
]
# Suppliers of the Indian layout (GSTIN as tax id; Indian banks have no IBAN).
INDIAN_SUPPLIERS = [
    ("Sharma Cold Storage Pvt Ltd", "IN", "27AAPFU0939F1ZV", "accounts@sharmacold.example", ""),
    ("Deccan Poultry Farms Pvt Ltd", "IN", "29AAGCB7383J1Z4", "billing@deccanpoultry.example", ""),
]
EUROPEAN = ("DE", "NL", "ES", "CH")
BUYERS = [
    ("Harbor Street Foods", "410 Harbor Street", "Boston, MA 02110"),
    ("Westgate Retail Group", "88 Westgate Avenue", "Chicago, IL 60607"),
    ("Procura Trading Company", "1 Market Square", "Denver, CO 80202"),
]
PRODUCTS = [
    ("Beef striploin boneless", "kg"), ("Pork loin chops", "kg"), ("Chicken thigh fillet IQF", "kg"),
    ("Lamb leg bone-in", "kg"), ("Ground beef 80/20", "lb"), ("Beef brisket packer", "lb"),
    ("Pork belly skin-on", "kg"), ("Turkey breast roast", "kg"), ("Veal cutlets", "kg"),
    ("Beef short ribs", "lb"), ("Chicken wings", "case"), ("Smoked ham whole", "kg"),
    ("Pork sausages", "case"), ("Beef tenderloin PSMO", "kg"), ("Duck breast", "kg"),
    ("Cold storage fee", "day"), ("Pallet handling", "pallet"), ("Refrigerated freight", "trip"),
]  # fmt: skip

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Line:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal


@dataclass
class Invoice:
    layout: str
    supplier_name: str
    supplier_country: str
    supplier_tax_id: str
    supplier_email: str
    supplier_iban: str
    buyer: tuple[str, str, str]
    invoice_number: str
    invoice_date: date
    due_date: date | None
    payment_terms_days: int
    po_number: str | None
    currency: str
    notation: str  # us | eu
    tax_rate: Decimal
    lines: list[Line] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        tax = money(self.subtotal * self.tax_rate / 100)
        if self.notation == "in":  # whole rupees
            return tax.quantize(Decimal(1), rounding=ROUND_HALF_UP) + Decimal("0.00")
        return tax

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax

    def amount(self, value: Decimal) -> str:
        if self.notation == "in":  # whole rupees, no decimals: "1939"
            return f"{value:.0f}"
        text = f"{value:,.2f}"
        if self.notation == "eu":
            text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        return text

    def number(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return text.replace(".", ",") if self.notation == "eu" else text

    def truth(self) -> dict[str, Any]:
        due = self.due_date or (self.invoice_date + timedelta(days=self.payment_terms_days))
        return {
            "supplier_name": self.supplier_name,
            "invoice_number": self.invoice_number,
            "invoice_date": self.invoice_date.isoformat(),
            "due_date": due.isoformat(),
            "po_number": self.po_number,
            "currency": self.currency,
            "subtotal": f"{self.subtotal:.2f}",
            "tax": f"{self.tax:.2f}",
            "total": f"{self.total:.2f}",
            "line_items": [
                {
                    "description": line.description,
                    "quantity": f"{line.quantity.normalize():f}",
                    "unit_price": f"{line.unit_price.normalize():f}",
                    "amount": f"{line.amount:.2f}",
                }
                for line in self.lines
            ],
        }

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


LAYOUT_SETTINGS: dict[str, dict[str, Any]] = {
    "classic": {
        "currencies": ["USD"],
        "notation": "us",
        "tax": ["8.25", "7.00", "6.50"],
        "lines": (2, 7),
    },
    "european": {
        "currencies": ["EUR"],
        "notation": "eu",
        "tax": ["19", "21", "7"],
        "lines": (2, 8),
    },
    "modern": {"currencies": ["GBP"], "notation": "us", "tax": ["20", "5"], "lines": (1, 6)},
    "multipage": {
        "currencies": ["CAD", "USD"],
        "notation": "us",
        "tax": ["5", "13"],
        "lines": (28, 52),
    },
    "compact": {"currencies": ["AUD", "USD"], "notation": "us", "tax": ["10"], "lines": (2, 6)},
    "swiss": {
        "currencies": ["CHF", "EUR"],
        "notation": "eu",
        "tax": ["7.7", "2.5", "21"],
        "lines": (2, 6),
    },
    # A German business letter: the buyer's address in the window with the sender line above
    # it, the supplier named again only in the footer, lines in two delivery sections with
    # their own subtotals, the totals under column headers (Netto | MwSt. | Brutto).
    "window": {"currencies": ["EUR"], "notation": "eu", "tax": ["19", "7"], "lines": (4, 8)},
    # An Indian retail invoice: "Bill To" first, "Sold by" beside its name, whole rupees
    # ("Grand Total Rs 1939", "₹"), half of them untaxed (no tax line at all); its scan is a
    # low-resolution phone photo.
    "india": {
        "currencies": ["INR"],
        "notation": "in",
        "tax": ["0", "0", "5", "18"],
        "lines": (1, 5),
    },
}
LAYOUTS = list(LAYOUT_SETTINGS)


def _invoice_number(rng: random.Random, year: int) -> str:
    style = rng.randrange(6)
    if style == 0:
        return f"INV-{year}-{rng.randrange(1, 99999):05d}"
    if style == 1:
        return f"A-{rng.randrange(10000, 99999)}"
    if style == 2:
        return f"{year}/{rng.randrange(1, 9999):04d}"
    if style == 3:
        return str(rng.randrange(10000, 999999))
    if style == 4:
        return f"SI-{rng.randrange(1000, 99999)}"
    return f"INV{year}-{rng.randrange(100, 999)}"


def make_invoice(index: int, layout: str, seed: int = 2026) -> Invoice:
    rng = random.Random(seed * 1000 + index)
    settings = LAYOUT_SETTINGS[layout]
    if layout == "india":
        supplier = INDIAN_SUPPLIERS[rng.randrange(len(INDIAN_SUPPLIERS))]
    elif layout == "window":
        european = [s for s in SUPPLIERS if s[1] in EUROPEAN]
        supplier = european[rng.randrange(len(european))]
    else:
        supplier = SUPPLIERS[rng.randrange(len(SUPPLIERS))]
    year = 2026
    issued = date(year, 1, 1) + timedelta(days=rng.randrange(0, 300))
    terms = rng.choice([14, 30, 45, 60])
    lines = []
    for _ in range(rng.randint(*settings["lines"])):
        description, unit = PRODUCTS[rng.randrange(len(PRODUCTS))]
        if settings["notation"] == "in":
            quantity = Decimal(rng.randrange(1, 25))
            unit_price = Decimal(rng.randrange(40, 2500))
            lines.append(Line(description, quantity, unit, unit_price, quantity * unit_price))
            continue
        if unit in {"kg", "lb"}:
            quantity = Decimal(rng.randrange(50, 25000)) / 10
        else:
            quantity = Decimal(rng.randrange(1, 120))
        unit_price = Decimal(rng.randrange(95, 45000)) / 100
        lines.append(Line(description, quantity, unit, unit_price, money(quantity * unit_price)))
    return Invoice(
        layout=layout,
        supplier_name=supplier[0],
        supplier_country=supplier[1],
        supplier_tax_id=supplier[2],
        supplier_email=supplier[3],
        supplier_iban=supplier[4],
        buyer=BUYERS[rng.randrange(len(BUYERS))],
        invoice_number=_invoice_number(rng, year),
        invoice_date=issued,
        due_date=None if layout == "compact" and index % 2 else issued + timedelta(days=terms),
        payment_terms_days=terms,
        po_number=f"PO-{year}-{rng.randrange(1, 999999):06d}" if rng.random() < 0.8 else None,
        currency=rng.choice(settings["currencies"]),
        notation=settings["notation"],
        tax_rate=Decimal(rng.choice(settings["tax"])),
        lines=lines,
    )
