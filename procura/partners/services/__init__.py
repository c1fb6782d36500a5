"""Every write to partners goes through these functions (see the modules per aggregate)."""

from procura.partners.services.carriers import (
    carrier_create,
    carrier_deactivate,
    carrier_reactivate,
    carrier_update,
)
from procura.partners.services.contacts import (
    contact_create,
    contact_deactivate,
    contact_reactivate,
    contact_set_primary,
    contact_update,
)
from procura.partners.services.customers import (
    customer_create,
    customer_deactivate,
    customer_reactivate,
    customer_update,
)
from procura.partners.services.reading_hints import supplier_reading_hints_reset
from procura.partners.services.suppliers import (
    plant_create,
    plant_deactivate,
    plant_reactivate,
    plant_update,
    supplier_create,
    supplier_deactivate,
    supplier_plant_create,
    supplier_plant_deactivate,
    supplier_plant_reactivate,
    supplier_plant_update,
    supplier_reactivate,
    supplier_update,
)

__all__ = [
    "carrier_create",
    "carrier_deactivate",
    "carrier_reactivate",
    "carrier_update",
    "contact_create",
    "contact_deactivate",
    "contact_reactivate",
    "contact_set_primary",
    "contact_update",
    "customer_create",
    "customer_deactivate",
    "customer_reactivate",
    "customer_update",
    "plant_create",
    "plant_deactivate",
    "plant_reactivate",
    "plant_update",
    "supplier_create",
    "supplier_deactivate",
    "supplier_plant_create",
    "supplier_plant_deactivate",
    "supplier_plant_reactivate",
    "supplier_plant_update",
    "supplier_reactivate",
    "supplier_reading_hints_reset",
    "supplier_update",
]
