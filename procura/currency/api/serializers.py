from __future__ import annotations

from rest_framework import serializers

from procura.core.money import CURRENCY_CHOICES
from procura.core.serializers import ProcuraModelSerializer
from procura.currency.models import ExchangeRate


class ExchangeRateSerializer(ProcuraModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "base", "currency", "rate_date", "rate", "source", "updated_at"]
        read_only_fields = ["source", "updated_at"]


class RateImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An ECB euro reference rates XML file.")


class RateImportSerializer(serializers.Serializer):
    rates = serializers.IntegerField()
    first_date = serializers.DateField()
    last_date = serializers.DateField()
    currencies = serializers.ListField(child=serializers.CharField())


class ConvertQuerySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, help_text="Convert from.")
    to = serializers.ChoiceField(
        choices=CURRENCY_CHOICES, required=False, help_text="Convert to (the company currency)."
    )
    on = serializers.DateField(required=False)


class ConversionSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()
    to = serializers.CharField()
    rate = serializers.DecimalField(max_digits=20, decimal_places=8)
    rate_date = serializers.DateField(allow_null=True)
    converted = serializers.DecimalField(max_digits=16, decimal_places=2)


class CompanyCurrencySerializer(serializers.Serializer):
    currency = serializers.CharField()


class CompanyTotalsSerializer(serializers.Serializer):
    """A report's amounts totalled in the company currency at each currency's rate of the day."""

    currency = serializers.CharField(help_text="The company currency.")
    on = serializers.DateField(help_text="Rates of this day (the latest published on or before).")
    totals = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2),
        help_text="Per column of the report, in the company currency.",
    )
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="Currencies with no usable rate on that day: left out of the totals.",
    )


class CompanyRowFields(serializers.Serializer):
    """The rate a report row was converted at and its total in the company currency (null
    without a rate)."""

    rate = serializers.DecimalField(
        max_digits=20, decimal_places=8, source="rate.value", allow_null=True, read_only=True
    )
    rate_date = serializers.DateField(source="rate.rate_date", allow_null=True, read_only=True)
    total_company = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        source="company_amounts.total",
        allow_null=True,
        read_only=True,
    )
