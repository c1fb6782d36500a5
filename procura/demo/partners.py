"""Demo partners of a meat brokerage: packers and their plants, retail, restaurant and
distributor customers, refrigerated carriers (one with insurance about to lapse) and contacts.

Idempotent: a party whose code (carriers: SCAC) exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.demo.seed import SeedContext
from procura.partners import services
from procura.partners.models import (
    Carrier,
    Customer,
    CustomerKind,
    Plant,
    Supplier,
    SupplierPlant,
)

DEMO_ACTOR_EMAIL = "admin@procura.example"


@dataclass(frozen=True)
class DemoPlant:
    code: str
    name: str
    establishment: str
    city: str
    region: str
    postal_code: str


@dataclass(frozen=True)
class DemoSupplier:
    code: str
    name: str
    city: str
    region: str
    terms: int
    contact: str
    plants: tuple[DemoPlant, ...]


SUPPLIERS = (
    DemoSupplier(
        "PPB",
        "Prairie Plains Beef",
        "Dodge City",
        "KS",
        21,
        "Hank Ellis",
        (
            DemoPlant(
                "PPB-DC", "Prairie Plains Dodge City", "EST. 245C", "Dodge City", "KS", "67801"
            ),
            DemoPlant("PPB-LB", "Prairie Plains Liberal", "M245D", "Liberal", "KS", "67901"),
        ),
    ),
    DemoSupplier(
        "LSP",
        "Lone Star Packing",
        "Amarillo",
        "TX",
        14,
        "Rosa Delgado",
        (DemoPlant("LSP-AM", "Lone Star Amarillo", "M1234", "Amarillo", "TX", "79101"),),
    ),
    DemoSupplier(
        "HLP",
        "High Lonesome Provisions",
        "Greeley",
        "CO",
        21,
        "Walt Brenner",
        (
            DemoPlant("HLP-GR", "High Lonesome Greeley", "M969", "Greeley", "CO", "80631"),
            DemoPlant("HLP-FM", "High Lonesome Fort Morgan", "M969A", "Fort Morgan", "CO", "80701"),
        ),
    ),
    DemoSupplier(
        "CRB",
        "Cedar River Beef",
        "Cedar Rapids",
        "IA",
        30,
        "Jill Novak",
        (DemoPlant("CRB-CR", "Cedar River Plant 1", "EST. 3456", "Cedar Rapids", "IA", "52401"),),
    ),
    DemoSupplier(
        "GIP",
        "Grand Island Packers",
        "Grand Island",
        "NE",
        21,
        "Tom Albers",
        (
            DemoPlant("GIP-GI", "Grand Island Main", "M278", "Grand Island", "NE", "68801"),
            DemoPlant("GIP-LX", "Lexington Annex", "M278B", "Lexington", "NE", "68850"),
        ),
    ),
    DemoSupplier(
        "RRP",
        "Red River Pork",
        "Guymon",
        "OK",
        14,
        "Carla Nguyen",
        (DemoPlant("RRP-GY", "Red River Guymon", "M17D", "Guymon", "OK", "73942"),),
    ),
    DemoSupplier(
        "BHM",
        "Black Hills Meats",
        "Rapid City",
        "SD",
        30,
        "Ole Lindqvist",
        (DemoPlant("BHM-RC", "Black Hills Rapid City", "M5678", "Rapid City", "SD", "57701"),),
    ),
    DemoSupplier(
        "OZP",
        "Ozark Poultry Co.",
        "Springdale",
        "AR",
        7,
        "Bea Tyler",
        (
            DemoPlant("OZP-SD", "Ozark Springdale", "P-1325", "Springdale", "AR", "72762"),
            DemoPlant("OZP-RG", "Ozark Rogers", "P1325A", "Rogers", "AR", "72756"),
        ),
    ),
    DemoSupplier(
        "SPL",
        "Sandhills Premium Lamb",
        "San Angelo",
        "TX",
        21,
        "Luis Ortega",
        (DemoPlant("SPL-SA", "Sandhills San Angelo", "M7021", "San Angelo", "TX", "76901"),),
    ),
    DemoSupplier(
        "MVB",
        "Missouri Valley Beef",
        "Omaha",
        "NE",
        21,
        "Greta Hahn",
        (DemoPlant("MVB-OM", "Missouri Valley Omaha", "EST. 960A", "Omaha", "NE", "68107"),),
    ),
    DemoSupplier(
        "PCV",
        "Panhandle Cattle & Veal",
        "Hereford",
        "TX",
        30,
        "Jim Rhodes",
        (
            DemoPlant("PCV-HF", "Panhandle Hereford", "M9400", "Hereford", "TX", "79045"),
            DemoPlant("PCV-FR", "Panhandle Friona", "M9400A", "Friona", "TX", "79035"),
        ),
    ),
    DemoSupplier(
        "BSP",
        "Big Sky Provisions",
        "Billings",
        "MT",
        21,
        "Molly Burke",
        (DemoPlant("BSP-BL", "Big Sky Billings", "M4410", "Billings", "MT", "59101"),),
    ),
    DemoSupplier(
        "DSS",
        "Delta Smokehouse Sausage",
        "Memphis",
        "TN",
        14,
        "Earl Watts",
        (DemoPlant("DSS-ME", "Delta Memphis", "M27341", "Memphis", "TN", "38106"),),
    ),
    DemoSupplier(
        "HCP",
        "Heartland Custom Processing",
        "Dakota City",
        "NE",
        30,
        "Ana Silva",
        (
            DemoPlant("HCP-DK", "Heartland Dakota City", "M245L", "Dakota City", "NE", "68731"),
            DemoPlant("HCP-SC", "Heartland Sioux City", "M245S", "Sioux City", "IA", "51101"),
        ),
    ),
    DemoSupplier(
        "GCS",
        "Gulf Coast Seafood & Meats",
        "Houston",
        "TX",
        14,
        "Ray Fontenot",
        (DemoPlant("GCS-HO", "Gulf Coast Houston", "EST. 18765", "Houston", "TX", "77020"),),
    ),
)

CUSTOMER_GROUPS = (
    (
        CustomerKind.RETAILER,
        "US-TX",
        "Austin",
        "TX",
        (
            "Hill Country Grocers",
            "Capitol Market",
            "Bluebonnet Foods",
            "Pecan Street Butcher",
            "Lakeway Fresh Market",
            "Travis County Co-op",
        ),
    ),
    (
        CustomerKind.RETAILER,
        "US-OK",
        "Oklahoma City",
        "OK",
        (
            "Red Dirt Markets",
            "Sooner Supermarkets",
            "Prairie Fresh Grocery",
            "Bricktown Butchers",
        ),
    ),
    (
        CustomerKind.RESTAURANT,
        "US-TX",
        "Houston",
        "TX",
        (
            "Bayou Smokehouse",
            "Montrose Steak Co.",
            "Heights Taqueria",
            "Galleria Grill",
            "Katy Barbecue Pit",
            "Third Coast Kitchen",
            "Buffalo Bayou Bistro",
        ),
    ),
    (
        CustomerKind.RESTAURANT,
        "US-CO",
        "Denver",
        "CO",
        (
            "Mile High Chophouse",
            "LoDo Burger Bar",
            "Front Range Diner",
            "Cherry Creek Grill",
            "Red Rocks Cantina",
        ),
    ),
    (
        CustomerKind.DISTRIBUTOR,
        "US-KS",
        "Wichita",
        "KS",
        (
            "Sunflower Foodservice",
            "Plains Institutional Supply",
            "Air Capital Distributors",
            "Kansas Cold Chain",
        ),
    ),
    (
        CustomerKind.DISTRIBUTOR,
        "US-NE",
        "Omaha",
        "NE",
        (
            "Cornhusker Food Distribution",
            "Platte Valley Supply",
            "Gateway Restaurant Supply",
        ),
    ),
    (
        CustomerKind.PROCESSOR,
        "US-TX",
        "Dallas",
        "TX",
        (
            "Trinity Sausage Works",
            "Deep Ellum Jerky",
            "Big D Patty Co.",
        ),
    ),
    (
        CustomerKind.RETAILER,
        "US-NM",
        "Albuquerque",
        "NM",
        (
            "Rio Grande Markets",
            "Sandia Fresh",
            "Route 66 Grocery",
            "Duke City Butcher Shop",
            "Mesa Verde Foods",
            "Turquoise Trail Market",
            "Land of Enchantment Co-op",
            "Old Town Provisions",
        ),
    ),
)

# (SCAC, name, MC, DOT, days until the insurance ends)
CARRIERS = (
    ("PFRZ", "Polar Freeze Logistics", "MC-412876", "1287654", 240),
    ("CCRT", "Cold Chain Reefer Transport", "MC-598341", "2398761", 18),
    ("LSRF", "Lone Star Reefer", "MC-334120", "1893452", 400),
    ("HPTL", "High Plains Temperature Lines", "MC-771245", "3012874", 150),
    ("ARCF", "Arctic Fox Freight", "MC-209933", "987123", 310),
    ("BLZR", "Blizzard Express", "MC-655012", "2765091", 95),
)

FIRST_NAMES = ("Alex", "Jordan", "Casey", "Morgan", "Riley", "Taylor", "Jamie", "Quinn")
LAST_NAMES = ("Garcia", "Miller", "Johnson", "Lee", "Patel", "Brown", "Kim", "Davis")
AREA_CODES = {
    "TX": "512",
    "OK": "405",
    "CO": "303",
    "KS": "316",
    "NE": "402",
    "NM": "505",
    "IA": "319",
    "SD": "605",
    "AR": "479",
    "MT": "406",
    "TN": "901",
}


def _phone(region: str, n: int) -> str:
    return f"({AREA_CODES.get(region, '512')}) 555-{(n % 90) + 100:04d}"


def _email(name: str, company: str) -> str:
    domain = "".join(ch for ch in company.lower() if ch.isalnum())[:20]
    return f"{name.lower().replace(' ', '.')}@{domain}.example"


def _customer_code(name: str, n: int) -> str:
    letters = "".join(word[0] for word in name.upper().split() if word[0].isalpha())[:4]
    return f"C{n:03d}-{letters}"


def _seed_suppliers(ctx: SeedContext, actor: User | None) -> list[Supplier]:
    existing = set(Supplier.objects.values_list("code", flat=True))
    plants_existing = set(Plant.objects.values_list("code", flat=True))
    for n, demo in enumerate(SUPPLIERS):
        if demo.code not in existing:
            supplier = services.supplier_create(
                by=actor,
                data={
                    "code": demo.code,
                    "name": demo.name,
                    "legal_name": f"{demo.name}, LLC",
                    "tax_id": f"{74 + n}-{1000000 + n * 7919}",
                    "payment_terms_days": demo.terms,
                },
                addresses=[
                    {
                        "kind": "office",
                        "line1": f"{100 + n} Packer Road",
                        "city": demo.city,
                        "region": demo.region,
                        "country": "US",
                    },
                    {
                        "kind": "remit_to",
                        "line1": f"PO Box {4000 + n}",
                        "city": demo.city,
                        "region": demo.region,
                        "country": "US",
                    },
                ],
            )
            services.contact_create(
                by=actor,
                party=supplier,
                data={
                    "name": demo.contact,
                    "title": "Sales manager",
                    "is_primary": True,
                    "email": _email(demo.contact, demo.name),
                    "phone": _phone(demo.region, n),
                },
            )
            services.contact_create(
                by=actor,
                party=supplier,
                data={
                    "name": f"{FIRST_NAMES[n % 8]} {LAST_NAMES[(n + 3) % 8]}",
                    "title": "Accounts receivable",
                    "email": _email("ar", demo.name),
                    "phone": _phone(demo.region, n + 40),
                },
            )
            ctx.record_created("suppliers")
        supplier = Supplier.objects.get(code=demo.code)
        for plant in demo.plants:
            if plant.code in plants_existing:
                continue
            services.plant_create(
                by=actor,
                data={
                    "code": plant.code,
                    "name": plant.name,
                    "supplier": supplier,
                    "establishment_number": plant.establishment,
                    "city": plant.city,
                    "region": plant.region,
                    "postal_code": plant.postal_code,
                    "country": "US",
                },
            )
            ctx.record_created("plants")
    return list(Supplier.objects.filter(code__in=[s.code for s in SUPPLIERS]))


def _seed_customers(ctx: SeedContext, actor: User | None) -> list[Customer]:
    existing = set(Customer.objects.values_list("code", flat=True))
    n = 0
    for kind, tax_region, city, region, names in CUSTOMER_GROUPS:
        for name in names:
            n += 1
            code = _customer_code(name, n)
            if code in existing:
                continue
            limit = {"retailer": 75000, "restaurant": 15000, "distributor": 250000}.get(kind, 50000)
            address = {
                "line1": f"{200 + n} Commerce St",
                "city": city,
                "region": region,
                "postal_code": "",
                "country": "US",
            }
            customer = services.customer_create(
                by=actor,
                data={
                    "code": code,
                    "name": name,
                    "kind": kind,
                    "tax_region": tax_region,
                    "credit_limit": Decimal(limit),
                    "payment_terms_days": 30 if n % 3 else 15,
                    "on_hold": n % 17 == 0,
                },
                addresses=[
                    {"kind": "billing", **address},
                    {"kind": "shipping", "label": "Receiving dock", **address},
                ],
            )
            person = f"{FIRST_NAMES[n % 8]} {LAST_NAMES[n % 7]}"
            services.contact_create(
                by=actor,
                party=customer,
                data={
                    "name": person,
                    "title": "Buyer",
                    "is_primary": True,
                    "email": _email(person, name),
                    "phone": _phone(region, n),
                },
            )
            ctx.record_created("customers")
    return list(Customer.objects.filter(is_active=True).order_by("code"))


def _seed_carriers(ctx: SeedContext, actor: User | None) -> None:
    existing = set(Carrier.objects.values_list("scac", flat=True))
    today = timezone.localdate()
    for n, (scac, name, mc, dot, days) in enumerate(CARRIERS):
        if scac in existing:
            continue
        carrier = services.carrier_create(
            by=actor,
            data={
                "scac": scac,
                "name": name,
                "mc_number": mc,
                "dot_number": dot,
                "insurance_expires_on": today + timedelta(days=days),
            },
        )
        services.contact_create(
            by=actor,
            party=carrier,
            data={
                "name": f"{FIRST_NAMES[(n + 5) % 8]} {LAST_NAMES[(n + 1) % 8]}",
                "title": "Dispatch",
                "is_primary": True,
                "email": _email("dispatch", name),
                "phone": _phone("TX", n + 70),
            },
        )
        ctx.record_created("carriers")


def _seed_links(
    ctx: SeedContext, actor: User | None, suppliers: list[Supplier], customers: list[Customer]
) -> None:
    """Each packer sells from its own plants to a rotating share of the customers."""
    linked = set(SupplierPlant.objects.values_list("supplier_id", "plant_id"))
    for n, supplier in enumerate(sorted(suppliers, key=lambda s: s.code)):
        for plant in supplier.plants.order_by("code"):
            if (supplier.pk, plant.pk) in linked:
                continue
            approved = [c for i, c in enumerate(customers) if (i + n) % 4 == 0]
            services.supplier_plant_create(
                by=actor, supplier=supplier, plant=plant, approved_customers=approved
            )
            ctx.record_created("supplier_plant_mappings")


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    actor = User.objects.filter(email=DEMO_ACTOR_EMAIL).first()
    suppliers = _seed_suppliers(ctx, actor)
    customers = _seed_customers(ctx, actor)
    _seed_carriers(ctx, actor)
    _seed_links(ctx, actor, suppliers, customers)
