"""GS1-128 case labels, read with biip (a maintained parser of GS1 element strings).

A meat case label carries the case GTIN (AI 01), the lot (10), production/kill date (11), pack
date (13), use-by (17), the net weight in kg (310n) or lb (320n) with n decimals, and often a
serial (21). ``case_label_read`` turns what a keyboard-wedge scanner typed (or a camera decoded)
into a checked case: the product it is, the lot, the dates and the weight within the product's
tolerance; anything wrong is a field error on ``code`` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import biip
from biip import ParseError
from biip.gs1_messages import GS1Message
from django.utils import timezone

from procura.catalog.conversions import (
    nominal_weight_of,
    weight_to,
    weight_within_tolerance,
)
from procura.catalog.models import Product
from procura.core.errors import InvalidInput
from procura.core.money import round_quantity
from procura.inventory.models import Lot, normalise_lot_code

GROUP_SEPARATOR = "\x1d"
# Scanners in keyboard mode often cannot type GS (ASCII 29); these stand in for it.
SEPARATOR_STAND_INS = ("<GS>", "{GS}", "^]", "|")

LABEL_UNREADABLE = "This is not a GS1-128 case label: {reason}"
LABEL_NO_GTIN = "The label has no GTIN (AI 01)."
LABEL_UNKNOWN_GTIN = "No product has GTIN {gtin}."
LABEL_NO_LOT = "{sku} is lot-tracked but the label has no lot (AI 10)."
LABEL_NO_WEIGHT = "{sku} is sold by catch weight but the label has no net weight (AI 310n/320n)."
LABEL_WEIGHT_OUT_OF_TOLERANCE = (
    "Net weight {weight} {unit} is outside the {tolerance}% tolerance around the nominal "
    "{nominal} {unit} per case of {sku}."
)
LABEL_EXPIRED = "Lot {lot} of {sku} expired on {use_by}."
LABEL_LOT_UNKNOWN = "Lot {lot} of {sku} is not in stock here."

KG_WEIGHT_AIS = tuple(f"310{n}" for n in range(6))
LB_WEIGHT_AIS = tuple(f"320{n}" for n in range(6))


@dataclass(frozen=True)
class CaseLabel:
    """What the label says (nothing checked against our data yet)."""

    gtin: str
    lot_code: str = ""
    production_date: date | None = None
    pack_date: date | None = None
    use_by: date | None = None
    net_weight: Decimal | None = None
    weight_unit: str = ""
    serial: str = ""


@dataclass(frozen=True)
class ScannedCase:
    label: CaseLabel
    product: Product
    lot: Lot | None
    net_weight: Decimal | None
    weight_unit: str


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, code="label_invalid", errors={"code": [message]})


def case_label_parse(text: str) -> CaseLabel:
    """Parse a GS1-128 element string (with or without the ]C1 symbology prefix), or the
    human-readable form printed under the bars, AIs in brackets: "(01)…(3202)…(10)…"."""
    raw = (text or "").strip()
    for stand_in in SEPARATOR_STAND_INS:
        raw = raw.replace(stand_in, GROUP_SEPARATOR)
    if not raw:
        raise _refuse(LABEL_UNREADABLE.format(reason="nothing was scanned."))
    if raw.startswith("("):
        try:
            message = GS1Message.parse_hri(raw)
        except ParseError as exc:
            raise _refuse(LABEL_UNREADABLE.format(reason=str(exc))) from exc
    else:
        result = biip.parse(raw)
        if result.gs1_message is None:
            raise _refuse(LABEL_UNREADABLE.format(reason=result.gs1_message_error or "unknown"))
        message = result.gs1_message
    values: dict[str, object] = {}
    for element in message.element_strings:
        ai = element.ai.ai
        if ai == "01":
            if element.gtin_error:
                raise _refuse(LABEL_UNREADABLE.format(reason=element.gtin_error))
            values["gtin"] = element.value
        elif ai == "10":
            values["lot_code"] = element.value
        elif ai == "11":
            values["production_date"] = element.date
        elif ai == "13":
            values["pack_date"] = element.date
        elif ai in ("15", "17"):
            values.setdefault("use_by", element.date)
            if ai == "17":
                values["use_by"] = element.date
        elif ai == "21":
            values["serial"] = element.value
        elif ai in KG_WEIGHT_AIS or ai in LB_WEIGHT_AIS:
            values["net_weight"] = element.decimal
            values["weight_unit"] = "kg" if ai in KG_WEIGHT_AIS else "lb"
    if "gtin" not in values:
        raise _refuse(LABEL_NO_GTIN)
    return CaseLabel(**values)  # type: ignore[arg-type]


def _product_for(gtin: str) -> Product:
    # A GTIN-8/12/13 on file is the GTIN-14 on the label with its leading zeros dropped.
    candidates = [gtin[-n:] for n in (8, 12, 13, 14) if set(gtin[: len(gtin) - n]) <= {"0"}]
    product = (
        Product.objects.select_related("tax_category")
        .filter(gtin__in=candidates, is_active=True)
        .first()
    )
    if product is None:
        raise _refuse(LABEL_UNKNOWN_GTIN.format(gtin=gtin))
    return product


def case_label_read(text: str, *, shipping: bool = False, today: date | None = None) -> ScannedCase:
    """A checked case. Receiving: the product must be known by GTIN, a lot-tracked product's
    label must carry a lot, a catch-weight one a net weight within tolerance of one case's
    nominal weight (converted to the product's weight unit). Shipping also needs the lot to
    exist and not be expired. Reads only."""
    label = case_label_parse(text)
    product = _product_for(label.gtin)
    lot = None
    if product.lot_tracked:
        if not label.lot_code:
            raise _refuse(LABEL_NO_LOT.format(sku=product.sku))
        lot = Lot.objects.filter(product=product, code=normalise_lot_code(label.lot_code)).first()
        use_by = lot.use_by if lot is not None and lot.use_by else label.use_by
        if use_by is not None and use_by < (today or timezone.localdate()):
            raise _refuse(
                LABEL_EXPIRED.format(
                    lot=normalise_lot_code(label.lot_code), sku=product.sku, use_by=use_by
                )
            )
        if shipping and lot is None:
            raise _refuse(
                LABEL_LOT_UNKNOWN.format(lot=normalise_lot_code(label.lot_code), sku=product.sku)
            )
    weight = None
    if product.catch_weight:
        if label.net_weight is None:
            raise _refuse(LABEL_NO_WEIGHT.format(sku=product.sku))
        weight = round_quantity(
            weight_to(label.net_weight, source=label.weight_unit, target=product.weight_unit)
        )
        nominal = nominal_weight_of(product, 1)
        if not weight_within_tolerance(
            nominal=nominal, actual=weight, tolerance_percent=product.weight_tolerance_percent
        ):
            raise _refuse(
                LABEL_WEIGHT_OUT_OF_TOLERANCE.format(
                    weight=weight,
                    unit=product.weight_unit,
                    tolerance=f"{product.weight_tolerance_percent.normalize():f}",
                    nominal=nominal,
                    sku=product.sku,
                )
            )
    return ScannedCase(
        label=label,
        product=product,
        lot=lot,
        net_weight=weight,
        weight_unit=product.weight_unit if weight is not None else "",
    )
