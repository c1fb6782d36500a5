"""Partners built through the services, as users create them."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from procura.partners import services
from procura.partners.models import Carrier, Contact, Customer, Plant, Supplier, SupplierPlant

_sequence = itertools.count(1)


def _n() -> int:
    return next(_sequence)


def make_supplier(**fields: Any) -> Supplier:
    n = _n()
    addresses = fields.pop("addresses", None)
    data = {"code": f"SUP{n:04d}", "name": f"Supplier {n}", "payment_terms_days": 21, **fields}
    return services.supplier_create(by=None, data=data, addresses=addresses)


def make_plant(supplier: Supplier | None = None, **fields: Any) -> Plant:
    n = _n()
    data = {
        "code": f"PL{n:04d}",
        "name": f"Plant {n}",
        "supplier": supplier or make_supplier(),
        "establishment_number": f"M{n}A",
        "city": "Amarillo",
        "region": "TX",
        "country": "US",
        **fields,
    }
    return services.plant_create(by=None, data=data)


def make_customer(**fields: Any) -> Customer:
    n = _n()
    addresses = fields.pop("addresses", None)
    data = {
        "code": f"CUS{n:04d}",
        "name": f"Customer {n}",
        "tax_region": "US-TX",
        "credit_limit": Decimal("10000.00"),
        **fields,
    }
    return services.customer_create(by=None, data=data, addresses=addresses)


def make_carrier(**fields: Any) -> Carrier:
    n = _n()
    letters = "".join(chr(ord("A") + (n // 26**i) % 26) for i in range(4))
    data = {
        "name": f"Carrier {n}",
        "scac": letters,
        "insurance_expires_on": date(2099, 1, 1),
        **fields,
    }
    return services.carrier_create(by=None, data=data)


def make_contact(party: Any = None, **fields: Any) -> Contact:
    n = _n()
    data = {"name": f"Contact {n}", "email": f"contact{n}@example.com", **fields}
    return services.contact_create(by=None, party=party or make_supplier(), data=data)


def make_supplier_plant(**fields: Any) -> SupplierPlant:
    supplier = fields.pop("supplier", None) or make_supplier()
    plant = fields.pop("plant", None) or make_plant(supplier)
    return services.supplier_plant_create(by=None, supplier=supplier, plant=plant, **fields)
