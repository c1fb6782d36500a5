"""Demo catalog of a meat brokerage: a three-level category tree (Beef > Primal cuts > Rib...),
tax categories with a few state rates, about 200 products with IMPS-style SKUs
(BF-RIB-112A-CH-CS: species, primal, item number, grade, pack) sold by the case or the pound,
and supplier items linking the demo packers to what they sell.

Idempotent: a category (by parent and name), tax category (code), rate (category, region,
start), product (SKU) or supplier item (supplier and supplier SKU) that exists is left alone.
Supplier items are skipped when the demo partners are not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from procura.accounts.models import User
from procura.catalog.models import Category, Product, SupplierItem, TaxCategory, TaxRate
from procura.catalog.services.categories import category_create
from procura.catalog.services.products import product_create
from procura.catalog.services.supplier_items import supplier_item_create
from procura.catalog.services.taxes import tax_category_create, tax_rate_create
from procura.core.money import round_money
from procura.demo.seed import SeedContext
from procura.partners.models import Supplier

DEMO_ACTOR_EMAIL = "admin@procura.example"
RATES_FROM = date(2026, 1, 1)

TAX_CATEGORIES = (
    ("standard", "Standard", "Taxable at the full state rate."),
    ("food-exempt", "Food (exempt)", "Unprepared food for home consumption."),
    ("reduced", "Reduced", "Food taxed at a reduced state rate."),
)
TAX_RATES = (
    ("standard", "US-TX", "6.25"),
    ("standard", "US-KS", "6.5"),
    ("standard", "US-NE", "5.5"),
    ("standard", "US-IL", "6.25"),
    ("standard", "US-MO", "4.225"),
    ("standard", "US-OK", "4.5"),
    ("food-exempt", "US", "0"),
    ("reduced", "US-IL", "1"),
    ("reduced", "US-MO", "1.225"),
    ("reduced", "US-KS", "0"),
)


@dataclass(frozen=True)
class Item:
    code: str  # IMPS number or short item code
    name: str
    price_per_lb: Decimal
    case_lb: int  # nominal case weight


def _items(*rows: tuple[str, str, str, int]) -> tuple[Item, ...]:
    return tuple(Item(code, name, Decimal(price), case_lb) for code, name, price, case_lb in rows)


# species code, species, {group: {leaf: (leaf code, items)}}
BEEF = {
    "Primal cuts": {
        "Chuck": (
            "CHK",
            _items(
                ("116A", "Chuck roll", "4.35", 80),
                ("114D", "Top blade (flat iron)", "6.10", 40),
                ("116B", "Chuck tender", "4.80", 40),
            ),
        ),
        "Rib": (
            "RIB",
            _items(
                ("109", "Rib, oven-ready", "9.20", 60),
                ("112A", "Ribeye, lip-on", "11.85", 60),
                ("103", "Rib, primal", "8.40", 70),
            ),
        ),
        "Loin": (
            "LN",
            _items(
                ("180", "Strip loin, boneless", "10.60", 60),
                ("184", "Top sirloin butt", "6.95", 60),
                ("189A", "Tenderloin, PSMO", "17.40", 40),
            ),
        ),
        "Round": (
            "RND",
            _items(
                ("168", "Top round", "4.55", 80),
                ("171B", "Outside round (flat)", "4.20", 80),
                ("167", "Knuckle", "4.40", 70),
            ),
        ),
        "Brisket & plate": (
            "BRS",
            _items(
                ("120", "Brisket, deckle-off", "4.10", 80),
                ("121C", "Outside skirt", "9.75", 40),
                ("193", "Flank steak", "8.60", 40),
            ),
        ),
    },
    "Ground & trim": {
        "Ground beef": (
            "GRD",
            _items(
                ("136-81", "Ground beef 81/19", "3.95", 40),
                ("136-73", "Ground beef 73/27", "3.45", 40),
            ),
        ),
        "Trimmings": (
            "TRM",
            _items(
                ("T50", "Trimmings 50/50", "1.95", 60), ("T90", "Lean trimmings 90/10", "4.25", 60)
            ),
        ),
    },
}
BEEF_GRADES = (
    ("PR", "Prime", Decimal("1.35")),
    ("CH", "Choice", Decimal("1")),
    ("SE", "Select", Decimal("0.9")),
)

PORK = {
    "Primal cuts": {
        "Loin": (
            "LN",
            _items(
                ("410", "Loin, bone-in", "2.45", 60),
                ("413", "Loin, boneless", "2.95", 60),
                ("415", "Tenderloin", "4.10", 30),
            ),
        ),
        "Shoulder": (
            "SHD",
            _items(
                ("406", "Butt, bone-in", "1.85", 60),
                ("406A", "Butt, boneless", "2.35", 60),
                ("405", "Picnic", "1.45", 60),
            ),
        ),
        "Belly": (
            "BLY",
            _items(("409", "Belly, skin-on", "3.25", 60), ("409A", "Belly, skinless", "3.55", 60)),
        ),
        "Ribs": (
            "RIB",
            _items(
                ("416", "Spareribs", "2.60", 40),
                ("416A", "St. Louis ribs", "3.40", 40),
                ("422", "Back ribs", "4.95", 30),
            ),
        ),
        "Leg": (
            "LEG",
            _items(("401", "Leg (fresh ham)", "1.75", 70), ("402", "Leg, boneless", "2.40", 60)),
        ),
    },
}

POULTRY = {
    "Chicken": {
        "Breast": (
            "BRS",
            _items(
                ("B01", "Breast, boneless skinless", "2.70", 40),
                ("B02", "Breast tenders", "3.10", 40),
            ),
        ),
        "Dark meat": (
            "DRK",
            _items(
                ("D01", "Thighs, boneless skinless", "2.35", 40), ("D02", "Drumsticks", "1.40", 40)
            ),
        ),
        "Wings": (
            "WNG",
            _items(("W01", "Whole wings", "2.90", 40), ("W02", "Party wings", "3.30", 40)),
        ),
        "Whole birds": ("WHL", _items(("C35", "Whole chicken 3-3.5 lb", "1.45", 40))),
    },
    "Turkey": {
        "Whole turkey": ("WHL", _items(("T16", "Whole turkey 14-16 lb", "1.65", 50))),
        "Turkey parts": (
            "PRT",
            _items(
                ("TB1", "Turkey breast, boneless", "3.95", 40),
                ("TG1", "Ground turkey 93/7", "3.25", 40),
            ),
        ),
    },
}
POULTRY_STATES = (("FR", "fresh", Decimal("1")), ("FZ", "frozen", Decimal("0.88")))

PROCESSED = {
    "Sausages": {
        "Fresh sausage": (
            "FRS",
            _items(
                ("BRT", "Bratwurst", "3.60", 10),
                ("ITM", "Italian sausage, mild", "3.45", 10),
                ("ITH", "Italian sausage, hot", "3.45", 10),
                ("BKL", "Breakfast links", "3.20", 10),
            ),
        ),
        "Smoked sausage": (
            "SMK",
            _items(
                ("KLB", "Kielbasa", "3.80", 10),
                ("AND", "Andouille", "4.25", 10),
                ("FRK", "Beef franks 8/1", "3.95", 10),
            ),
        ),
    },
    "Cured & smoked": {
        "Bacon": (
            "BAC",
            _items(
                ("B1418", "Bacon, sliced 14/18", "4.60", 15),
                ("B1822", "Bacon, sliced 18/22", "4.45", 15),
            ),
        ),
        "Ham": (
            "HAM",
            _items(("HSP", "Spiral ham, bone-in", "2.95", 40), ("HBL", "Boneless ham", "3.25", 40)),
        ),
        "Deli": (
            "DLI",
            _items(
                ("PST", "Pastrami, cooked", "7.40", 20),
                ("CBF", "Corned beef brisket", "5.60", 40),
                ("RBF", "Roast beef, cooked", "7.95", 20),
            ),
        ),
    },
}
PROCESSED_PACKS = (("CS", "case", Decimal("1")), ("BK", "bulk", Decimal("0.94")))

LAMB = {
    "Primal cuts": {
        "Rack": ("RCK", _items(("204", "Rack, frenched", "14.50", 20))),
        "Leg": ("LEG", _items(("233A", "Leg, boneless", "8.10", 30))),
        "Shoulder": ("SHD", _items(("207", "Shoulder, square-cut", "6.20", 30))),
    },
}
LAMB_ORIGINS = (("DM", "domestic", Decimal("1")), ("NZ", "New Zealand", Decimal("0.85")))

# (species code, tree root, tree, variants, tax category, supplier codes)
SPECIES = (
    (
        "BF",
        "Beef",
        BEEF,
        BEEF_GRADES,
        "food-exempt",
        ("PPB", "LSP", "HLP", "CRB", "GIP", "MVB", "PCV", "BSP"),
    ),
    ("PK", "Pork", PORK, (("", "", Decimal("1")),), "food-exempt", ("RRP", "BHM", "HCP")),
    ("PL", "Poultry", POULTRY, POULTRY_STATES, "food-exempt", ("OZP", "GCS")),
    ("LM", "Lamb", LAMB, LAMB_ORIGINS, "food-exempt", ("SPL",)),
    ("PR", "Processed", PROCESSED, PROCESSED_PACKS, "reduced", ("DSS", "HCP", "BHM")),
)


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: str
    leaf: tuple[str, str, str]  # root, group, leaf
    unit: str
    list_price: Decimal
    tax_code: str
    suppliers: tuple[str, ...]


def demo_products() -> list[DemoProduct]:
    """The demo products, in a stable order: every item in each variant sold by the case; beef,
    pork and domestic lamb also by the pound."""
    products = []
    for species_code, root, tree, variants, tax_code, suppliers in SPECIES:
        for group, leaves in tree.items():
            for leaf, (leaf_code, items) in leaves.items():
                for n, item in enumerate(items):
                    for v, (variant_code, variant, factor) in enumerate(variants):
                        stem = "-".join(
                            p for p in (species_code, leaf_code, item.code, variant_code) if p
                        )
                        label = f"{root} {item.name}" + (f", {variant}" if variant else "")
                        lb_price = round_money(item.price_per_lb * factor)
                        chosen = tuple(
                            suppliers[(n + v + k) % len(suppliers)]
                            for k in range(min(2, len(suppliers)))
                        )
                        products.append(
                            DemoProduct(
                                f"{stem}-CS",
                                f"{label}, {item.case_lb} lb case",
                                (root, group, leaf),
                                "case",
                                round_money(lb_price * item.case_lb),
                                tax_code,
                                chosen,
                            )
                        )
                        if species_code == "BF" or (v == 0 and species_code in {"PK", "LM"}):
                            products.append(
                                DemoProduct(
                                    f"{stem}-LB",
                                    f"{label}, per lb",
                                    (root, group, leaf),
                                    "lb",
                                    lb_price,
                                    tax_code,
                                    chosen,
                                )
                            )
    return products


def _category(ctx: SeedContext, actor: User | None, name: str, parent: Category | None) -> Category:
    existing = Category.objects.filter(name=name, parent=parent).first()
    if existing is not None:
        return existing
    ctx.record_created("categories")
    return category_create(name=name, parent=parent, by=actor)


def _seed_taxes(ctx: SeedContext, actor: User | None) -> dict[str, TaxCategory]:
    tax_categories = {tc.code: tc for tc in TaxCategory.objects.all()}
    for code, name, description in TAX_CATEGORIES:
        if code not in tax_categories:
            tax_categories[code] = tax_category_create(
                code=code, name=name, description=description, by=actor
            )
            ctx.record_created("tax_categories")
    existing = set(TaxRate.objects.values_list("tax_category__code", "region", "valid_from"))
    for code, region, percent in TAX_RATES:
        if (code, region, RATES_FROM) not in existing:
            tax_rate_create(
                tax_category=tax_categories[code],
                region=region,
                rate_percent=Decimal(percent),
                valid_from=RATES_FROM,
                by=actor,
            )
            ctx.record_created("tax_rates")
    return tax_categories


def _seed_products(
    ctx: SeedContext, actor: User | None, tax_categories: dict[str, TaxCategory]
) -> dict[str, Product]:
    leaves: dict[tuple[str, str, str], Category] = {}
    for _, root_name, tree, *_rest in SPECIES:
        root = _category(ctx, actor, root_name, None)
        for group_name, group_leaves in tree.items():
            group = _category(ctx, actor, group_name, root)
            for leaf_name in group_leaves:
                leaves[(root_name, group_name, leaf_name)] = _category(ctx, actor, leaf_name, group)
    products = {p.sku: p for p in Product.objects.filter(sku__in=[d.sku for d in demo_products()])}
    for demo in demo_products():
        if demo.sku in products:
            continue
        products[demo.sku] = product_create(
            sku=demo.sku,
            name=demo.name,
            category=leaves[demo.leaf],
            unit=demo.unit,
            list_price=demo.list_price,
            standard_cost=round_money(demo.list_price * Decimal("0.84")),
            tax_category=tax_categories[demo.tax_code],
            by=actor,
        )
        ctx.record_created("products")
    return products


def _seed_supplier_items(
    ctx: SeedContext, actor: User | None, products: dict[str, Product]
) -> None:
    suppliers = {s.code: s for s in Supplier.objects.filter(is_active=True)}
    if not suppliers:
        ctx.log("no demo suppliers: supplier items skipped")
        return
    existing = set(SupplierItem.objects.values_list("supplier__code", "supplier_sku"))
    for n, demo in enumerate(demo_products()):
        for rank, code in enumerate(demo.suppliers):
            supplier = suppliers.get(code)
            supplier_sku = f"{code}-{demo.sku.split('-', 1)[1]}"
            if supplier is None or (code, supplier_sku) in existing:
                continue
            supplier_item_create(
                supplier=supplier,
                product=products[demo.sku],
                supplier_sku=supplier_sku,
                price=round_money(demo.list_price * (Decimal("0.80") + Decimal(rank) / 50)),
                lead_time_days=2 + (n + rank) % 6,
                minimum_order_quantity=Decimal(10 if demo.unit == "case" else 500),
                by=actor,
            )
            ctx.record_created("supplier_items")


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    actor = User.objects.filter(email=DEMO_ACTOR_EMAIL).first()
    tax_categories = _seed_taxes(ctx, actor)
    products = _seed_products(ctx, actor, tax_categories)
    _seed_supplier_items(ctx, actor, products)
