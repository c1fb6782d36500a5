"""Error codes and the messages tests assert on, for the catalog domain."""

from __future__ import annotations

from enum import StrEnum

from procura.core.errors import DomainError


class CatalogErrorCode(StrEnum):
    SKU_TAKEN = "sku_taken"
    GTIN_TAKEN = "gtin_taken"
    INVALID_GTIN = "invalid_gtin"
    CATEGORY_NAME_TAKEN = "category_name_taken"
    CATEGORY_MOVE_INTO_OWN_SUBTREE = "category_move_into_own_subtree"
    CATEGORY_NOT_EMPTY = "category_not_empty"
    TAX_RATE_EXISTS = "tax_rate_exists"
    TAX_CATEGORY_CODE_TAKEN = "tax_category_code_taken"
    NO_TAX_RATE = "no_tax_rate"
    SUPPLIER_SKU_TAKEN = "supplier_sku_taken"
    IMPORT_INVALID = "import_invalid"
    INACTIVE_REFERENCE = "inactive_reference"
    STOCK_SHAPE_LOCKED = "stock_shape_locked"


SKU_TAKEN = "SKU {sku} is already used by {name}."
GTIN_TAKEN = "GTIN {gtin} is already used by {sku} {name}."
SUPPLIER_CODES_STAFF_ONLY = "Only staff may resolve identifiers by a supplier's product codes."
CATEGORY_NAME_TAKEN = "There is already a category named {name!r} here."
CATEGORY_MOVE_INTO_OWN_SUBTREE = "A category cannot be moved under itself or its own subcategories."
CATEGORY_HAS_PRODUCTS = "has {count} products"
CATEGORY_HAS_PRODUCT = "has 1 product"
CATEGORY_HAS_CHILDREN = "has {count} subcategories"
CATEGORY_HAS_CHILD = "has 1 subcategory"
CATEGORY_NOT_EMPTY = "Category {name!r} cannot be deleted: {reasons}."
TAX_RATE_EXISTS = "A {code} rate for {region} from {valid_from} already exists."
TAX_CATEGORY_CODE_TAKEN = "Tax category code {code!r} is already used."
NO_TAX_RATE = "No {code} tax rate for region {region} on {on}."
SUPPLIER_SKU_TAKEN = "Supplier SKU {supplier_sku} is already used by this supplier."
INACTIVE_REFERENCE = "{what} {label} is inactive."


class NoTaxRate(DomainError):
    """422: no rate for the tax category in the region (nor its country) on the day."""

    default_code = CatalogErrorCode.NO_TAX_RATE
    title = "No tax rate"
