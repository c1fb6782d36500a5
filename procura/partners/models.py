"""Business partners: the suppliers (packers) we buy from, their plants, the customers we sell
to, the refrigerated carriers that move the product, and the people we talk to at each.

Status: every party has ``is_active`` (deactivated instead of deleted once referenced) and
suppliers and customers also an ``on_hold`` flag (a buying or credit hold that keeps the party
visible but blocks new orders). The API reports the pair as one ``status``: ``inactive`` when
not active, else ``on_hold`` or ``active``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from procura.core.models import ActivatableModel, TrackedModel
from procura.core.money import CurrencyField, MoneyField
from procura.partners import validators as v

PAYMENT_TERMS_MAX_DAYS = 365


class PartyStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    INACTIVE = "inactive", "Inactive"


def party_status(*, is_active: bool, on_hold: bool = False) -> str:
    if not is_active:
        return PartyStatus.INACTIVE
    return PartyStatus.ON_HOLD if on_hold else PartyStatus.ACTIVE


def status_filter(status: str) -> Q:
    """The queryset condition for one ``PartyStatus``."""
    if status == PartyStatus.INACTIVE:
        return Q(is_active=False)
    return Q(is_active=True, on_hold=status == PartyStatus.ON_HOLD)


def stripped(value: str) -> str:
    return (value or "").strip()


def upper(value: str) -> str:
    return (value or "").strip().upper()


Normalisers = dict[str, Callable[[str], str]]


class NormalisedModel(models.Model):
    """``normalise()`` puts each text field in its stored form and reports every bad field."""

    normalisers: ClassVar[Normalisers] = {}

    class Meta:
        abstract = True

    def normalise(self) -> None:
        errors: dict[str, list[str]] = {}
        for field, normaliser in self.normalisers.items():
            try:
                setattr(self, field, normaliser(getattr(self, field)))
            except ValidationError as exc:
                errors[field] = exc.messages
        if errors:
            raise ValidationError(errors)


ADDRESS_NORMALISERS: Normalisers = {
    "line1": stripped,
    "line2": stripped,
    "city": stripped,
    "region": stripped,
    "postal_code": upper,
    "country": v.normalise_country,
}


class AddressFields(models.Model):
    line1 = models.CharField(max_length=200, blank=True)
    line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True, help_text="State or province.")
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="ISO 3166-1 alpha-2.")

    class Meta:
        abstract = True


class PartnerModel(NormalisedModel, TrackedModel, ActivatableModel):
    """Common to every party: a unique code, a name, notes, an active flag."""

    code = models.CharField(max_length=20, unique=True, help_text="Trimmed and upper-cased.")
    name = models.CharField(max_length=200)
    notes = models.TextField(blank=True)

    normalisers: ClassVar[Normalisers] = {
        "code": v.normalise_code,
        "name": stripped,
        "notes": stripped,
    }

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TradingPartnerModel(PartnerModel):
    """Suppliers and customers: they get invoices, so they have terms, a currency, a hold."""

    legal_name = models.CharField(max_length=200, blank=True)
    tax_id = models.CharField(max_length=30, blank=True, help_text="EIN or VAT number.")
    payment_terms_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(PAYMENT_TERMS_MAX_DAYS)],
        help_text="Net days.",
    )
    currency = CurrencyField(default=settings.DEFAULT_CURRENCY)
    on_hold = models.BooleanField(default=False)

    normalisers: ClassVar[Normalisers] = {
        **PartnerModel.normalisers,
        "legal_name": stripped,
        "tax_id": upper,
        "currency": upper,
    }

    class Meta(PartnerModel.Meta):
        abstract = True

    @property
    def status(self) -> str:
        return party_status(is_active=self.is_active, on_hold=self.on_hold)


class Supplier(TradingPartnerModel):
    iban = models.CharField(
        max_length=34, blank=True, help_text="Bank account the supplier is paid to (IBAN)."
    )

    class Meta(TradingPartnerModel.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_terms_days__lte=PAYMENT_TERMS_MAX_DAYS),
                name="supplier_payment_terms_range",
            )
        ]


class CustomerKind(models.TextChoices):
    RETAILER = "retailer", "Retailer"
    RESTAURANT = "restaurant", "Restaurant"
    DISTRIBUTOR = "distributor", "Distributor"
    PROCESSOR = "processor", "Processor"
    OTHER = "other", "Other"


class Customer(TradingPartnerModel):
    kind = models.CharField(max_length=20, choices=CustomerKind.choices, default=CustomerKind.OTHER)
    credit_limit = MoneyField(default=0, validators=[MinValueValidator(0)])
    tax_region = models.CharField(
        max_length=6, help_text="Country and region the sales tax follows, e.g. 'US-TX'."
    )

    normalisers: ClassVar[Normalisers] = {
        **TradingPartnerModel.normalisers,
        "tax_region": v.normalise_tax_region,
    }

    class Meta(TradingPartnerModel.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_limit__gte=0), name="customer_credit_limit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(payment_terms_days__lte=PAYMENT_TERMS_MAX_DAYS),
                name="customer_payment_terms_range",
            ),
        ]


class Plant(PartnerModel, AddressFields):
    """A processing facility under USDA inspection, owned by one supplier."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="plants")
    establishment_number = models.CharField(
        max_length=12, unique=True, help_text="USDA establishment number, e.g. 'M245C'."
    )

    normalisers: ClassVar[Normalisers] = {
        **PartnerModel.normalisers,
        **ADDRESS_NORMALISERS,
        "establishment_number": v.normalise_establishment_number,
    }


class AddressKind(models.TextChoices):
    BILLING = "billing", "Billing"
    SHIPPING = "shipping", "Shipping"
    REMIT_TO = "remit_to", "Remit to"
    OFFICE = "office", "Office"


class PartnerAddress(NormalisedModel, AddressFields):
    """A location of a supplier or a customer (plants carry their own address)."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.CASCADE, null=True, blank=True, related_name="addresses"
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, null=True, blank=True, related_name="addresses"
    )
    kind = models.CharField(max_length=20, choices=AddressKind.choices)
    label = models.CharField(max_length=100, blank=True, help_text="e.g. 'Dock 3, Store #112'.")

    normalisers: ClassVar[Normalisers] = {**ADDRESS_NORMALISERS, "label": stripped}

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(supplier__isnull=False) & Q(customer__isnull=True))
                | (Q(supplier__isnull=True) & Q(customer__isnull=False)),
                name="partner_address_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.line1}, {self.city}"


class SupplierPlant(TrackedModel, ActivatableModel):
    """A supplier sells from a plant, to the customers approved for that relationship.

    The seller need not own the plant: traders and brokers sell other packers' production.
    """

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="plant_links")
    plant = models.ForeignKey(Plant, on_delete=models.PROTECT, related_name="supplier_links")
    approved_customers = models.ManyToManyField(
        Customer, blank=True, related_name="approved_supplier_plants"
    )
    products = models.ManyToManyField("catalog.Product", blank=True, related_name="supplier_plants")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["supplier__code", "plant__code"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "plant"], name="uniq_supplier_plant")
        ]

    def __str__(self) -> str:
        return f"{self.supplier_id} @ {self.plant_id}"


class Carrier(NormalisedModel, TrackedModel, ActivatableModel):
    """A (refrigerated) trucking company, identified by its SCAC code."""

    name = models.CharField(max_length=200)
    scac = models.CharField(
        max_length=4, unique=True, help_text="Standard Carrier Alpha Code, 2-4 letters."
    )
    mc_number = models.CharField(max_length=8, blank=True, help_text="FMCSA motor carrier number.")
    dot_number = models.CharField(max_length=8, blank=True, help_text="USDOT number.")
    insurance_expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    normalisers: ClassVar[Normalisers] = {
        "name": stripped,
        "scac": v.normalise_scac,
        "mc_number": v.normalise_mc_number,
        "dot_number": v.normalise_dot_number,
        "notes": stripped,
    }

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.scac} {self.name}"


PARTY_FIELDS = ("supplier", "plant", "customer", "carrier")


def _exactly_one_party() -> Q:
    condition = Q()
    for party in PARTY_FIELDS:
        only_this = Q(**{f"{party}__isnull": False})
        for other in PARTY_FIELDS:
            if other != party:
                only_this &= Q(**{f"{other}__isnull": True})
        condition |= only_this
    return condition


class Contact(NormalisedModel, TrackedModel, ActivatableModel):
    """A person at exactly one party; at most one primary contact per party."""

    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    plant = models.ForeignKey(
        Plant, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=150)
    title = models.CharField(max_length=100, blank=True, help_text="Role or job title.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +15125550100.")
    is_primary = models.BooleanField(default=False)

    normalisers: ClassVar[Normalisers] = {
        "name": stripped,
        "title": stripped,
        "email": v.normalise_email,
        "phone": v.normalise_phone,
    }

    class Meta:
        ordering = ["-is_primary", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_party(), name="contact_one_party"),
            models.CheckConstraint(
                condition=Q(is_primary=False) | Q(is_active=True),
                name="contact_primary_is_active",
            ),
            *(
                models.UniqueConstraint(
                    fields=[party],
                    condition=Q(is_primary=True),
                    name=f"uniq_primary_contact_per_{party}",
                )
                for party in PARTY_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def party(self) -> Any:
        for party in PARTY_FIELDS:
            if getattr(self, f"{party}_id") is not None:
                return getattr(self, party)
        return None

    @property
    def party_type(self) -> str:
        for party in PARTY_FIELDS:
            if getattr(self, f"{party}_id") is not None:
                return party
        return ""
