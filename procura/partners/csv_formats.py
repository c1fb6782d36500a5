"""The CSV files of partner lists: what an import reads and an export writes (the same columns,
so an exported file imports back unchanged). Built on ``procura.core.csv_io``.

Imports are keyed by code (carriers by SCAC), idempotent and all-or-nothing; addresses and
contacts of suppliers and customers are kept out of these flat files (edit them on the party).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.utils import timezone

from procura.audit.imports import AuditedImport
from procura.core.csv_io import (
    Column,
    ExportColumn,
    ImportSpec,
    boolean,
    choice,
    decimal,
    integer,
    iso_date,
    lookup,
    text,
)
from procura.core.money import validate_currency
from procura.partners import validators as v
from procura.partners.models import (
    PAYMENT_TERMS_MAX_DAYS,
    Carrier,
    Customer,
    CustomerKind,
    Plant,
    Supplier,
)

ESTABLISHMENT_TAKEN = "Establishment number {number} already belongs to plant {code}."


def currency(value: str) -> str:
    code = value.strip().upper()
    validate_currency(code)
    return code


ACTIVE = Column("active", parse=boolean, field="is_active", required=False, default=True)
NOTES = Column("notes", parse=text(), required=False, default="")


def _optional(name: str, max_length: int, parse: Callable[[str], Any] | None = None) -> Column:
    return Column(name, parse=parse or text(max_length=max_length), required=False, default="")


TRADING_COLUMNS = (
    Column("code", parse=v.normalise_code),
    Column("name", parse=text(max_length=200)),
    _optional("legal_name", 200),
    _optional("tax_id", 30, parse=lambda value: text(max_length=30)(value.upper())),
    Column(
        "payment_terms_days",
        parse=integer(min_value=0, max_value=PAYMENT_TERMS_MAX_DAYS),
        required=False,
        default=30,
        aliases=("payment_terms",),
    ),
    Column("currency", parse=currency, required=False, default=settings.DEFAULT_CURRENCY),
    Column("on_hold", parse=boolean, required=False, default=False),
)


def updatable(columns: Sequence[Column], *, key: str = "code") -> tuple[str, ...]:
    """Every column but the key may change on a re-import (and with ``active`` the time)."""
    return (*(c.target for c in columns if c.target != key), "deactivated_at")


class PartnerImport(AuditedImport, ImportSpec[Any]):
    """Common to partner files: ``active`` may be changed by a re-import; deactivating stamps
    the time as the deactivate action does."""

    key: ClassVar[str] = "code"

    def apply(self, instance: Any, values: dict[str, Any]) -> bool:
        was_active = instance.is_active
        changed = super().apply(instance, values)
        if instance.is_active != was_active:
            instance.deactivated_at = None if instance.is_active else timezone.now()
        return changed

    def build(self, values: dict[str, Any]) -> Any:
        instance = super().build(values)
        if not instance.is_active:
            instance.deactivated_at = timezone.now()
        return instance


class SupplierImport(PartnerImport):
    model = Supplier
    columns = (*TRADING_COLUMNS, ACTIVE, NOTES)
    update_fields = updatable(columns)
    audit_action = "supplier.imported"


class CustomerImport(PartnerImport):
    model = Customer
    columns = (
        *TRADING_COLUMNS,
        Column("kind", parse=choice(CustomerKind.values), required=False, default="other"),
        Column(
            "credit_limit",
            parse=decimal(places=2, min_value=Decimal(0)),
            required=False,
            default=Decimal("0.00"),
        ),
        Column("tax_region", parse=v.normalise_tax_region),
        ACTIVE,
        NOTES,
    )
    update_fields = updatable(columns)
    audit_action = "customer.imported"


class PlantImport(PartnerImport):
    model = Plant

    def __init__(self, *, actor: Any = None) -> None:
        super().__init__(actor=actor)
        self.suppliers: dict[str, Supplier] = {}
        self.establishments: dict[str, str] = {}

    def prepare(self) -> None:
        self.suppliers = {supplier.code: supplier for supplier in Supplier.objects.all()}
        # Establishment number -> the plant code holding it, in the database then in the file.
        self.establishments = dict(Plant.objects.values_list("establishment_number", "code"))

    def supplier_table(self) -> dict[str, Supplier]:
        return self.suppliers

    columns = (
        Column("code", parse=v.normalise_code),
        Column("name", parse=text(max_length=200)),
        Column("supplier", parse=lambda value: value, aliases=("supplier_code",)),
        Column("establishment_number", parse=v.normalise_establishment_number),
        _optional("line1", 200),
        _optional("line2", 200),
        _optional("city", 100),
        _optional("region", 100),
        _optional("postal_code", 20, parse=lambda value: text(max_length=20)(value.upper())),
        Column("country", parse=v.normalise_country, required=False, default="US"),
        ACTIVE,
        NOTES,
    )
    update_fields = updatable(columns)
    audit_action = "plant.imported"

    def validate(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        errors: list[tuple[str, str]] = []
        supplier_parse = lookup(self.supplier_table, label="supplier", key=str.upper)
        try:
            values["supplier"] = supplier_parse(values["supplier"])
        except ValueError as exc:
            errors.append(("supplier", str(exc)))
        owner = self.establishments.setdefault(values["establishment_number"], values["code"])
        if owner != values["code"]:
            errors.append(
                (
                    "establishment_number",
                    ESTABLISHMENT_TAKEN.format(number=values["establishment_number"], code=owner),
                )
            )
        return errors


class CarrierImport(PartnerImport):
    model = Carrier
    key = "scac"
    columns = (
        Column("scac", parse=v.normalise_scac),
        Column("name", parse=text(max_length=200)),
        Column("mc_number", parse=v.normalise_mc_number, required=False, default=""),
        Column("dot_number", parse=v.normalise_dot_number, required=False, default=""),
        Column("insurance_expires_on", parse=iso_date, required=False, default=None),
        ACTIVE,
        NOTES,
    )
    update_fields = updatable(columns, key="scac")
    audit_action = "carrier.imported"


def export_columns(
    spec: type[ImportSpec[Any]], *, hidden: frozenset[str] = frozenset()
) -> list[ExportColumn]:
    """The import's columns, read from each row (a related row by its code), but for the
    ``hidden`` fields the person may not read."""

    def reader(target: str) -> Callable[[Any], Any]:
        def read(row: Any) -> Any:
            value = getattr(row, target)
            return getattr(value, "code", value)

        return read

    return [
        ExportColumn(column.name, reader(column.target))
        for column in spec.columns
        if column.target not in hidden and column.name not in hidden
    ]
