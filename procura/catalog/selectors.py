"""Reads of the catalog domain: querysets with their joins, the category tree and tax rates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower, Upper

from procura.catalog import errors
from procura.catalog.errors import NoTaxRate
from procura.catalog.models import (
    PATH_SEPARATOR,
    Category,
    Product,
    SupplierItem,
    TaxCategory,
    TaxRate,
)

CATEGORY_NAME_SEPARATOR = " > "


def path_ids(path: str) -> list[int]:
    """ "000001.000004." -> [1, 4]: the ids from the root down to the node itself."""
    return [int(part) for part in path.split(PATH_SEPARATOR) if part]


def category_list() -> QuerySet[Category]:
    return Category.objects.annotate(children_count=Count("children")).order_by("path")


def category_ancestors(*, category: Category) -> QuerySet[Category]:
    """From the root down to the parent, read off the materialised path (one query)."""
    return Category.objects.filter(pk__in=path_ids(category.path)[:-1]).order_by("level")


def category_descendants(*, category: Category) -> QuerySet[Category]:
    """Every category below ``category``, depth first (one indexed prefix query)."""
    return (
        Category.objects.filter(path__startswith=category.path)
        .exclude(pk=category.pk)
        .order_by("path")
    )


def category_product_counts(*, active_only: bool = False) -> dict[int, int]:
    """Products per category including all its descendants, for every category that has any:
    one aggregate query (products grouped by their category's path), rolled up along the path."""
    products = Product.objects.all()
    if active_only:
        products = products.filter(is_active=True)
    rows = products.order_by().values_list("category__path").annotate(count=Count("id"))
    totals: dict[int, int] = defaultdict(int)
    for path, count in rows:
        for pk in path_ids(path):
            totals[pk] += count
    return dict(totals)


@dataclass
class CategoryNode:
    id: int
    name: str
    level: int
    path: str
    parent_id: int | None
    product_count: int = 0
    children: list[CategoryNode] = field(default_factory=list)


def category_tree(*, active_only: bool = False) -> list[CategoryNode]:
    """The whole tree, nested, with product counts including descendants: one query (categories
    ordered by path, each with its direct product count), rolled up in memory."""
    count_filter = {"products__is_active": True} if active_only else {}
    rows = (
        Category.objects.annotate(direct_count=Count("products", filter=Q(**count_filter)))
        .order_by("path")
        .values_list("id", "name", "level", "path", "parent_id", "direct_count")
    )
    nodes: dict[int, CategoryNode] = {}
    roots: list[CategoryNode] = []
    for pk, name, level, path, parent_id, direct_count in rows:
        node = CategoryNode(pk, name, level, path, parent_id, direct_count)
        nodes[pk] = node
        parent = nodes.get(parent_id) if parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    # Ordered by path, every descendant comes after its ancestors: add counts bottom-up.
    for node in reversed(list(nodes.values())):
        if node.parent_id is not None and node.parent_id in nodes:
            nodes[node.parent_id].product_count += node.product_count
    return roots


def category_full_names() -> dict[int, str]:
    """ "Beef > Primal cuts > Rib" for every category, in one query (used by CSV import/export)."""
    names: dict[int, str] = {}
    for pk, name, path in Category.objects.order_by("path").values_list("id", "name", "path"):
        parents = path_ids(path)[:-1]
        prefix = names.get(parents[-1]) if parents else None
        names[pk] = f"{prefix}{CATEGORY_NAME_SEPARATOR}{name}" if prefix else name
    return names


def product_list(*, include_inactive: bool = True) -> QuerySet[Product]:
    products = Product.objects.select_related("category", "tax_category")
    if not include_inactive:
        products = products.filter(is_active=True)
    return products.order_by("sku")


# A term shorter than a trigram matches the start of a word (a substring of one or two
# characters matches nearly every product, and no index can find it); longer terms match
# anywhere in the SKU, name or GTIN.
WORD_START_BELOW = 3


def product_search(products: QuerySet[Product], terms: list[str]) -> QuerySet[Product]:
    """The products matching every term in their SKU, name or GTIN (``search_text``): a term
    of three or more characters anywhere, a shorter one at the start of a word ("15" finds
    "Ribeye 150" and "AB-15", not "AB-215"). Both read the trigram index on PostgreSQL."""
    conditions = [
        Q(search_text__word_start=term)
        if len(term) < WORD_START_BELOW
        else Q(search_text__icontains=term)
        for term in terms
    ]
    return products.filter(*conditions) if conditions else products


@dataclass(frozen=True)
class CategorySubtree:
    id: int
    ids: tuple[int, ...]  # the category and every category below it


# A subtree by the category's path (digits and dots only: nothing LIKE would read as a
# wildcard), written once rather than built by the ORM on every filtered list request.
_SUBTREE_SQL = (
    "SELECT id FROM catalog_category WHERE path LIKE "
    "(SELECT path FROM catalog_category WHERE id = %s) || '%%'"
)
_BIGINT = 2**63


def category_subtree(*, category_id: int) -> CategorySubtree | None:
    """The category and every category below it, in one query (an indexed prefix query on
    the path the category's own row gives); None when there is no such category."""
    if not -_BIGINT <= category_id < _BIGINT:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_SUBTREE_SQL, [category_id])
        ids = tuple(row[0] for row in cursor.fetchall())
    return CategorySubtree(category_id, ids) if ids else None


def product_in_category(
    products: QuerySet[Product], *, subtree: CategorySubtree, include_descendants: bool
) -> QuerySet[Product]:
    """The products of the category (with ``include_descendants``, also of its
    subcategories): filtered by the products' own column, so the database estimates how many
    match and walks the index of the list's order, filtering in the index, instead of
    joining every product to its category."""
    if include_descendants:
        return products.filter(category_id__in=subtree.ids)
    return products.filter(category_id=subtree.id)


def tax_category_list() -> QuerySet[TaxCategory]:
    return TaxCategory.objects.order_by("code")


def tax_rate_list() -> QuerySet[TaxRate]:
    return TaxRate.objects.select_related("tax_category").order_by(
        "tax_category__code", "region", "-valid_from"
    )


def tax_rate_for(*, tax_category: TaxCategory, region: str, on: date) -> Decimal:
    """The rate percent of ``tax_category`` in ``region`` ("US-TX") on day ``on``: the latest
    rate valid from that day or before. Falls back to the country ("US") when the region has no
    rate of its own. One query. Raises NoTaxRate (422) when neither has one."""
    region = region.strip().upper()
    country = region.split("-", 1)[0]
    candidates = (
        TaxRate.objects.filter(
            tax_category=tax_category, region__in={region, country}, valid_from__lte=on
        )
        .order_by("-valid_from")
        .values_list("region", "rate_percent")
    )
    best: dict[str, Decimal] = {}
    for rate_region, rate_percent in candidates:
        best.setdefault(rate_region, rate_percent)
    if region in best:
        return best[region]
    if country in best:
        return best[country]
    raise NoTaxRate(
        errors.NO_TAX_RATE.format(code=tax_category.code, region=region, on=on.isoformat())
    )


def supplier_item_list() -> QuerySet[SupplierItem]:
    return SupplierItem.objects.select_related("supplier", "product").order_by(
        "supplier__code", "supplier_sku"
    )


# --- resolving pasted identifiers ----------------------------------------------------------------

RESOLVE_MAX_IDENTIFIERS = 500


class Resolution:
    """How one pasted identifier was read (``status``): ``found`` (one product),
    ``ambiguous`` (several active products have that name; ``candidates``), ``inactive`` (only
    a product taken out of use matches) or ``not_found``."""

    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    INACTIVE = "inactive"
    NOT_FOUND = "not_found"


@dataclass
class ProductResolution:
    identifier: str
    status: str = Resolution.NOT_FOUND
    matched_by: str = ""
    product: Product | None = None
    candidates: list[Product] = field(default_factory=list)


def _gtin_variants(text: str) -> list[str]:
    """A GTIN written with or without its leading zeros ("12345670", "0000012345670") is the
    same number: every length it could be stored as."""
    digits = text.replace(" ", "")
    if not digits.isascii() or not digits.isdigit() or not 8 <= len(digits) <= 14:
        return []
    core = digits.lstrip("0") or "0"
    return [core.zfill(length) for length in (8, 12, 13, 14) if len(core) <= length]


def _name_key(text: str) -> str:
    return " ".join(text.split()).lower()


def _supplier_codes(*, supplier_id: int, codes: set[str]) -> dict[str, list[UUID]]:
    """The supplier's own product codes among ``codes`` (upper case) -> the products they
    name (active supplier items; one code may name several products)."""
    found: dict[str, list[UUID]] = defaultdict(list)
    rows = (
        SupplierItem.objects.filter(supplier_id=supplier_id, is_active=True)
        .annotate(code=Upper("supplier_sku"))
        .filter(code__in=codes)
        .order_by("code", "product_id")
        .values_list("code", "product_id")
    )
    for code, product_id in rows:
        found[code].append(product_id)
    return found


def product_resolve(
    *, identifiers: list[str], include_inactive: bool = True, supplier_id: int | None = None
) -> list[ProductResolution]:
    """Read each identifier as a SKU, else (with ``supplier_id``, on a purchase document)
    the supplier's own product code, else a GTIN, else a product name (case and spacing
    ignored), in that order, preferring active products. One query for the products (and one
    for the supplier's codes), whatever the count."""
    skus = {text.strip().upper() for text in identifiers if text.strip()}
    gtins = {variant for text in identifiers for variant in _gtin_variants(text)}
    names = {_name_key(text) for text in identifiers if text.strip()}
    codes = _supplier_codes(supplier_id=supplier_id, codes=skus) if supplier_id else {}
    coded = {product_id for ids in codes.values() for product_id in ids}
    products = Product.objects.annotate(name_key=Lower("name")).filter(
        Q(sku__in=skus) | Q(gtin__in=gtins) | Q(name_key__in=names) | Q(pk__in=coded)
    )
    if not include_inactive:
        products = products.filter(is_active=True)
    by_sku: dict[str, Product] = {}
    by_gtin: dict[str, Product] = {}
    by_name: dict[str, list[Product]] = defaultdict(list)
    by_pk: dict[UUID, Product] = {}
    for product in products.order_by("sku"):
        by_pk[product.pk] = product
        by_sku[product.sku] = product
        if product.gtin:
            by_gtin[product.gtin] = product
        by_name[_name_key(product.name)].append(product)

    results = []
    for text in identifiers:
        result = ProductResolution(identifier=text)
        sku_match = by_sku.get(text.strip().upper())
        kinds: list[tuple[str, list[Product]]] = [
            ("sku", [sku_match] if sku_match else []),
            (
                "supplier_sku",
                [by_pk[pk] for pk in codes.get(text.strip().upper(), []) if pk in by_pk],
            ),
            ("gtin", [by_gtin[v] for v in _gtin_variants(text) if v in by_gtin][:1]),
            ("name", by_name.get(_name_key(text), [])),
        ]
        for kind, matches in kinds:
            active = [product for product in matches if product.is_active]
            if len(active) == 1:
                result.status, result.matched_by, result.product = Resolution.FOUND, kind, active[0]
                break
            if len(active) > 1:
                result.status, result.matched_by = Resolution.AMBIGUOUS, kind
                result.candidates = active
                break
            if matches and result.status == Resolution.NOT_FOUND:
                result.status, result.matched_by, result.product = (
                    Resolution.INACTIVE,
                    kind,
                    matches[0],
                )
        results.append(result)
    return results
