"""How a sales document's amounts are computed (orders and invoices share it).

Per line: net = quantity x unit price less the line discount, rounded half-up to the cent. The
order discount (a percentage) applies to every line's net; the line's tax is computed on what
remains, at the line's rate, rounded half-up to the cent. Totals:

    subtotal  = sum of line nets
    discount  = sum of each line's order-discount share (rounded per line)
    tax       = sum of line taxes
    total     = subtotal - discount + tax + shipping (shipping is not taxed)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from procura.core.money import ZERO, line_amount, round_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    discount_share: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discount_amount: Decimal
    tax_total: Decimal
    shipping_charge: Decimal
    total: Decimal


def line_amounts(
    *,
    quantity: Decimal,
    unit_price: Decimal,
    discount_percent: Decimal,
    order_discount_percent: Decimal,
    tax_rate: Decimal,
) -> LineAmounts:
    net = line_amount(quantity, unit_price, discount_percent)
    share = round_money(net * order_discount_percent / HUNDRED)
    tax = round_money((net - share) * tax_rate / HUNDRED)
    return LineAmounts(net=net, discount_share=share, tax=tax)


def document_totals(lines: Iterable[LineAmounts], *, shipping_charge: Decimal) -> Totals:
    subtotal = discount = tax = ZERO
    for amounts in lines:
        subtotal += amounts.net
        discount += amounts.discount_share
        tax += amounts.tax
    shipping = round_money(shipping_charge)
    return Totals(
        subtotal=subtotal,
        discount_amount=discount,
        tax_total=tax,
        shipping_charge=shipping,
        total=subtotal - discount + tax + shipping,
    )
