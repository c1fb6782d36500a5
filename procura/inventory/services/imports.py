"""Opening stock from CSV: ``location, sku, quantity, unit_cost`` per line.

The file states what should be on hand; each line posts an adjustment for the difference from
the booked on hand (none when they agree), so importing the same file again changes nothing and
the ledger stays the only source of on hand. ``unit_cost`` (optional) values stock that is added;
without it the moving average, else the product's standard cost, is used.

Parsing and reporting come from ``procura.core.csv_io``: a dry run reports every bad cell by
line; a commit writes all lines or, when any is bad (or would go below the reserved quantity),
none. The commit locks every affected StockLevel at once through ``lock_stock_levels``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from procura.audit.imports import AuditedImport
from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.csv_io import (
    Column,
    ImportRejected,
    ImportReport,
    ImportSpec,
    ParsedRow,
    RowError,
    decimal,
    parse_rows,
    read_text,
)
from procura.core.money import ZERO
from procura.inventory.locks import StockKey, lock_stock_levels, stock_key
from procura.inventory.models import Location, StockLevel, normalise_location_code
from procura.inventory.services.ledger import SourceRef
from procura.inventory.services.movements import stock_adjust

OPENING_STOCK_REASON = "Opening stock import"
OPENING_STOCK_SOURCE = SourceRef(type="inventory.opening_stock")
BELOW_RESERVED = "{quantity} is less than the {reserved} reserved here; release reservations first."
COMPUTED_COLUMN = "Leave this column out; it is computed from location and sku."
NO_LOCATION = "No location {code!r}."
INACTIVE_LOCATION = "Location {code!r} is inactive."
NO_PRODUCT = "No product with SKU {sku!r}."
INACTIVE_PRODUCT = "Product {sku!r} is inactive."


def _computed(value: str) -> Any:
    raise ValueError(COMPUTED_COLUMN)


class OpeningStockImport(AuditedImport, ImportSpec[StockLevel]):
    """Columns location (code), sku, quantity, unit_cost. One line per (location, sku): a
    repeated pair is reported through the framework's duplicate-key check on ``location_sku``,
    which ``validate`` fills in."""

    model = StockLevel
    key = "pair"
    columns = (
        Column("location", aliases=("location_code",)),
        Column("sku", aliases=("product_sku",)),
        Column("quantity", parse=decimal(places=3, min_value=ZERO), aliases=("on_hand",)),
        Column(
            "unit_cost", parse=decimal(places=4, min_value=ZERO), required=False, aliases=("cost",)
        ),
        Column("location_sku", parse=_computed, required=False, field="pair"),
    )
    audit_action = "stock.opening_stock_imported"

    def prepare(self) -> None:
        self.locations = {location.code: location for location in Location.objects.all()}
        self.products = {
            product.sku: product
            for product in Product.objects.only("id", "sku", "unit", "standard_cost", "is_active")
        }

    def validate(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        errors: list[tuple[str, str]] = []
        code = normalise_location_code(values["location"])
        location = self.locations.get(code)
        if location is None:
            errors.append(("location", NO_LOCATION.format(code=code)))
        elif not location.is_active:
            errors.append(("location", INACTIVE_LOCATION.format(code=code)))
        sku = values["sku"].strip().upper()
        product = self.products.get(sku)
        if product is None:
            errors.append(("sku", NO_PRODUCT.format(sku=sku)))
        elif not product.is_active:
            errors.append(("sku", INACTIVE_PRODUCT.format(sku=sku)))
        if location is not None and product is not None and not errors:
            values["location"], values["product"] = location, product
            values["pair"] = f"{code}/{sku}"
        return errors


@dataclass
class _Line:
    row: ParsedRow
    key: StockKey

    @property
    def quantity(self) -> Decimal:
        return Decimal(self.row.values["quantity"])


def _plan(
    lines: list[_Line], levels: dict[StockKey, StockLevel], report: ImportReport
) -> list[tuple[_Line, Decimal]]:
    """The adjustments to post, counting lines as created (empty level), updated or unchanged
    and reporting lines that would cut into reserved stock."""
    changes: list[tuple[_Line, Decimal]] = []
    for line in lines:
        level = levels.get(line.key)
        on_hand = level.on_hand if level else ZERO
        reserved = level.reserved if level else ZERO
        if line.quantity < reserved:
            report.errors.append(
                RowError(
                    line.row.line,
                    "quantity",
                    BELOW_RESERVED.format(quantity=line.quantity, reserved=reserved),
                )
            )
            continue
        difference = line.quantity - on_hand
        if difference == ZERO:
            report.unchanged += 1
            continue
        if on_hand == ZERO:
            report.created += 1
        else:
            report.updated += 1
        changes.append((line, difference))
    return changes


def opening_stock_import(*, upload: Any, dry_run: bool, by: Any) -> ImportReport:
    """Check (and unless ``dry_run``, post) an opening stock file; see the module docstring.
    A commit with any bad line raises ``ImportRejected`` (400) and posts nothing."""
    spec = OpeningStockImport(actor=by)
    text = read_text(upload, max_bytes=spec.byte_limit())
    spec.prepare()
    rows, errors, count = parse_rows(spec, text)
    report = ImportReport(dry_run=dry_run, rows=count, errors=errors)
    lines = [
        _Line(row, stock_key(row.values["product"].pk, row.values["location"].pk)) for row in rows
    ]
    if dry_run:
        stored = StockLevel.objects.filter(
            product_id__in={line.key[0] for line in lines},
            location_id__in={line.key[1] for line in lines},
        )
        _plan(lines, {stock_key(s.product_id, s.location_id): s for s in stored}, report)
        return report
    if errors:
        raise ImportRejected(report)
    _commit(lines, report, by=by)
    return report


@transaction.atomic
def _commit(lines: list[_Line], report: ImportReport, *, by: Any) -> None:
    levels = lock_stock_levels(line.key for line in lines)
    changes = _plan(lines, levels, report)
    if report.errors:
        raise ImportRejected(report)
    for line, difference in changes:
        values = line.row.values
        stock_adjust(
            product=values["product"],
            location=values["location"],
            quantity=difference,
            reason=OPENING_STOCK_REASON,
            unit_cost=values.get("unit_cost"),
            by=by,
            source=OPENING_STOCK_SOURCE,
        )
    audit_record(
        actor=by,
        action=OpeningStockImport.audit_action,
        object_type="inventory.stocklevel",
        object_repr=f"Opening stock import of {report.rows} lines",
        data=report.counts(),
    )
