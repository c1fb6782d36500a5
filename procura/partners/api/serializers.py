"""Partner representations. Input is type-checked here; the services normalise and validate
(the same rules for the API, the admin and CSV imports)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer, StrictPrimaryKeyRelatedField
from procura.partners.field_rules import customer_hidden_fields
from procura.partners.models import (
    Carrier,
    Contact,
    Customer,
    PartnerAddress,
    PartyStatus,
    Plant,
    Supplier,
    SupplierPlant,
)

TRACKING_FIELDS = ("is_active", "deactivated_at", "created_at", "updated_at")
# Uniqueness is checked by the services on the normalised value (' abc' and 'ABC' collide).
NO_UNIQUE_VALIDATOR: dict[str, list[Any]] = {"validators": []}


class AddressSerializer(ProcuraModelSerializer):
    class Meta:
        model = PartnerAddress
        fields = ["kind", "label", "line1", "line2", "city", "region", "postal_code", "country"]


class ContactBriefSerializer(ProcuraModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "title", "email", "phone", "is_primary"]
        read_only_fields = fields


def status_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=PartyStatus.choices, read_only=True)


class SupplierSerializer(ProcuraModelSerializer):
    status = status_field()

    class Meta:
        model = Supplier
        fields = [
            "id",
            "code",
            "name",
            "legal_name",
            "tax_id",
            "iban",
            "payment_terms_days",
            "currency",
            "on_hold",
            "status",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]
        extra_kwargs = {"code": NO_UNIQUE_VALIDATOR}

    def validate_iban(self, value: str) -> str:
        from stdnum import iban

        if not value:
            return ""
        if not iban.is_valid(value):
            raise serializers.ValidationError(INVALID_IBAN_MESSAGE)
        return str(iban.compact(value))


INVALID_IBAN_MESSAGE = "This is not a valid IBAN (its check digits do not match)."


class PlantBriefSerializer(ProcuraModelSerializer):
    class Meta:
        model = Plant
        fields = ["id", "code", "name", "establishment_number", "city", "region", "is_active"]
        read_only_fields = fields


class SupplierDetailSerializer(SupplierSerializer):
    addresses = AddressSerializer(many=True, required=False)
    contacts = ContactBriefSerializer(many=True, read_only=True)
    plants = PlantBriefSerializer(many=True, read_only=True)

    class Meta(SupplierSerializer.Meta):
        fields = [*SupplierSerializer.Meta.fields, "addresses", "contacts", "plants"]


class CustomerSerializer(ProcuraModelSerializer):
    """Credit limit, payment terms and tax id are left out for roles that may not read them."""

    status = status_field()

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        request = self.context.get("request")
        for name in customer_hidden_fields(getattr(request, "user", None)) if request else ():
            data.pop(name, None)
        return data

    class Meta:
        model = Customer
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "legal_name",
            "tax_id",
            "payment_terms_days",
            "credit_limit",
            "currency",
            "tax_region",
            "on_hold",
            "status",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]
        extra_kwargs = {"code": NO_UNIQUE_VALIDATOR}


class CustomerDetailSerializer(CustomerSerializer):
    addresses = AddressSerializer(many=True, required=False)
    contacts = ContactBriefSerializer(many=True, read_only=True)

    class Meta(CustomerSerializer.Meta):
        fields = [*CustomerSerializer.Meta.fields, "addresses", "contacts"]


class PlantSerializer(ProcuraModelSerializer):
    supplier_code = serializers.CharField(source="supplier.code", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)

    class Meta:
        model = Plant
        fields = [
            "id",
            "code",
            "name",
            "supplier",
            "supplier_code",
            "supplier_name",
            "establishment_number",
            "line1",
            "line2",
            "city",
            "region",
            "postal_code",
            "country",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]
        extra_kwargs = {"code": NO_UNIQUE_VALIDATOR, "establishment_number": NO_UNIQUE_VALIDATOR}


class PlantDetailSerializer(PlantSerializer):
    contacts = ContactBriefSerializer(many=True, read_only=True)

    class Meta(PlantSerializer.Meta):
        fields = [*PlantSerializer.Meta.fields, "contacts"]


class SupplierPlantSerializer(ProcuraModelSerializer):
    supplier_code = serializers.CharField(source="supplier.code", read_only=True)
    plant_code = serializers.CharField(source="plant.code", read_only=True)
    establishment_number = serializers.CharField(
        source="plant.establishment_number", read_only=True
    )
    approved_customers = StrictPrimaryKeyRelatedField(
        many=True, queryset=Customer.objects.all(), required=False
    )

    class Meta:
        model = SupplierPlant
        fields = [
            "id",
            "supplier",
            "supplier_code",
            "plant",
            "plant_code",
            "establishment_number",
            "approved_customers",
            "products",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]
        # One link per (supplier, plant): the service reports a duplicate.
        validators: list[Any] = []


class ContactSerializer(ProcuraModelSerializer):
    party_type = serializers.CharField(read_only=True)
    party_code = serializers.SerializerMethodField()
    party_name = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "supplier",
            "plant",
            "customer",
            "carrier",
            "party_type",
            "party_code",
            "party_name",
            "name",
            "title",
            "email",
            "phone",
            "is_primary",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]

    @extend_schema_field(OpenApiTypes.STR)
    def get_party_code(self, contact: Contact) -> str:
        party = contact.party
        return str(getattr(party, "code", None) or getattr(party, "scac", ""))

    @extend_schema_field(OpenApiTypes.STR)
    def get_party_name(self, contact: Contact) -> str:
        return str(getattr(contact.party, "name", ""))


class CarrierSerializer(ProcuraModelSerializer):
    insurance_expired = serializers.SerializerMethodField()
    insurance_days_left = serializers.SerializerMethodField()

    class Meta:
        model = Carrier
        fields = [
            "id",
            "name",
            "scac",
            "mc_number",
            "dot_number",
            "insurance_expires_on",
            "insurance_expired",
            "insurance_days_left",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["id", *TRACKING_FIELDS]
        extra_kwargs = {"scac": NO_UNIQUE_VALIDATOR}

    def _days_left(self, carrier: Carrier) -> int | None:
        expires: date | None = carrier.insurance_expires_on
        if expires is None:
            return None
        return (expires - timezone.localdate()).days

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_insurance_expired(self, carrier: Carrier) -> bool:
        """True when the insurance has lapsed (no date on file counts as lapsed)."""
        days = self._days_left(carrier)
        return days is None or days < 0

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_insurance_days_left(self, carrier: Carrier) -> int | None:
        return self._days_left(carrier)


class CarrierDetailSerializer(CarrierSerializer):
    contacts = ContactBriefSerializer(many=True, read_only=True)

    class Meta(CarrierSerializer.Meta):
        fields = [*CarrierSerializer.Meta.fields, "contacts"]


class ReadingHintDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReadingHintUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ReadingHintLessonSerializer(serializers.Serializer):
    """One place the reader learned a field is printed, and where that was learned."""

    # (a declared field named like Field.label: DRF's metaclass takes it off the class)
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="The label the value is printed under or beside."
    )
    position = serializers.CharField(
        help_text="Where the value stands from its label: same (in the label's phrase), right, "
        "below; region (no label: the value's place on the page); empty for a date order only."
    )
    page = serializers.IntegerField(allow_null=True)
    date_order = serializers.CharField(help_text="eu: day first; us: month first; empty.")
    value = serializers.CharField(help_text="The value it was learned from.")
    document = ReadingHintDocumentSerializer(allow_null=True, help_text="The invoice it came from.")
    learned_at = serializers.DateTimeField(allow_null=True)
    learned_by = ReadingHintUserSerializer(allow_null=True)
    how = serializers.CharField(
        help_text="corrected: a person typed the value; confirmed: approved as read."
    )
    seen = serializers.IntegerField(help_text="Invoices that taught it.")


class ReadingHintFieldSerializer(serializers.Serializer):
    field = serializers.CharField()
    lessons = ReadingHintLessonSerializer(many=True)


class ReadingHintsSerializer(serializers.Serializer):
    """What the invoice reader learned about a supplier's invoices."""

    corrections = serializers.IntegerField(help_text="Corrections that taught it.")
    updated_at = serializers.DateTimeField(allow_null=True)
    hints = ReadingHintFieldSerializer(many=True, help_text="Per field, in the order tried.")
