"""Line and document amounts on a table of cases, including rounding edges."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from procura.sales.pricing import document_totals, line_amounts


@pytest.mark.parametrize(
    ("quantity", "price", "line_discount", "order_discount", "rate", "net", "share", "tax"),
    [
        ("3", "10.0000", "0", "0", "8.25", "30.00", "0.00", "2.48"),  # 2.475 rounds half-up
        ("1", "0.0050", "0", "0", "0", "0.01", "0.00", "0.00"),  # half a cent rounds up
        ("1", "0.0049", "0", "0", "0", "0.00", "0.00", "0.00"),
        ("2.5", "3.3300", "0", "0", "10", "8.33", "0.00", "0.83"),  # 8.325 -> 8.33
        ("10", "9.9900", "15", "0", "8.25", "84.92", "0.00", "7.01"),  # 84.915 -> 84.92
        ("10", "10.0000", "0", "10", "8.25", "100.00", "10.00", "7.43"),  # tax on 90: 7.425
        ("1.125", "4.4400", "0", "0", "6.25", "5.00", "0.00", "0.31"),  # 4.995 -> 5.00
        ("7", "1.0000", "100", "0", "8.25", "0.00", "0.00", "0.00"),
    ],
)
def test_line_amounts(quantity, price, line_discount, order_discount, rate, net, share, tax):
    # when
    amounts = line_amounts(
        quantity=D(quantity),
        unit_price=D(price),
        discount_percent=D(line_discount),
        order_discount_percent=D(order_discount),
        tax_rate=D(rate),
    )
    # then
    assert (amounts.net, amounts.discount_share, amounts.tax) == (D(net), D(share), D(tax))


def test_document_totals_sum_rounded_lines_and_add_untaxed_shipping():
    # given two lines whose taxes each round up (0.825 -> 0.83)
    line = line_amounts(
        quantity=D("1"),
        unit_price=D("10.0000"),
        discount_percent=D(0),
        order_discount_percent=D(0),
        tax_rate=D("8.25"),
    )
    # when
    totals = document_totals([line, line], shipping_charge=D("25"))
    # then tax is the sum of per-line rounded taxes, not the rounded tax of the sum (1.65)
    assert totals.tax_total == D("1.66")
    assert totals.subtotal == D("20.00")
    assert totals.total == D("46.66")
