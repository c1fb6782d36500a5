"""Bulk writes of products from CSV files."""

from __future__ import annotations

from typing import Any

from procura.accounts.models import User
from procura.catalog.product_csv import ProductImport
from procura.core.csv_io import ImportReport, run_import


def product_import(*, upload: Any, dry_run: bool, by: User | None) -> ImportReport:
    """Create and update products from a CSV file (see ``procura.catalog.product_csv``).

    All or nothing: a dry run reports every bad row and writes nothing; a commit with any bad row
    writes nothing either (400), otherwise it writes every row in one transaction, locking the
    existing products it updates, and records one ``product.imported`` event with the counts.
    Idempotent by SKU: the same file again leaves every row unchanged."""
    return run_import(ProductImport(actor=by), upload, dry_run=dry_run)
