from __future__ import annotations

import re
from datetime import date

from django.utils import timezone
from rest_framework import serializers

from procura.core.money import MONEY_MAX_DIGITS
from procura.core.serializers import ProcuraSerializer
from procura.reports.selectors import month_range

MONTH_PATTERN = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


class MonthQuerySerializer(serializers.Serializer):
    month = serializers.CharField(
        required=False,
        help_text="Calendar month as YYYY-MM; the current month when omitted.",
    )

    def validate_month(self, value: str) -> date:
        match = MONTH_PATTERN.fullmatch(value)
        if match is None or not 1 <= int(match["month"]) <= 12:
            raise serializers.ValidationError("Enter a month as YYYY-MM.")
        return date(int(match["year"]), int(match["month"]), 1)

    def month_or_current(self) -> date:
        month: date | None = self.validated_data.get("month")
        return month or timezone.localdate().replace(day=1)


class SpendDepartmentSerializer(ProcuraSerializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DepartmentSpendRowSerializer(ProcuraSerializer):
    department = SpendDepartmentSerializer(
        allow_null=True, help_text="Requesting department; null for direct orders (Unassigned)."
    )
    currency = serializers.CharField()
    total = serializers.DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=2)
    orders = serializers.IntegerField(help_text="Issued orders contributing to the total.")


class SpendByDepartmentSerializer(ProcuraSerializer):
    month = serializers.CharField(help_text="YYYY-MM")
    rows = DepartmentSpendRowSerializer(many=True)


class QueueItemSerializer(ProcuraSerializer):
    kind = serializers.ChoiceField(
        choices=[
            "purchase_request",
            "purchase_order",
            "supplier_invoice",
            "sales_order",
            "customer_invoice",
            "low_stock",
        ]
    )
    id = serializers.CharField()
    number = serializers.CharField(help_text="The business number (PR-, PO-, SO-, INV-, SKU).")
    title = serializers.CharField()
    party = serializers.CharField(help_text="Requester, supplier, customer or location.")
    status = serializers.CharField()
    amount = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=2, allow_null=True, help_text="Open amount."
    )
    currency = serializers.CharField()
    since = serializers.DateField(allow_null=True, help_text="The day the age counts from.")
    age_days = serializers.IntegerField(allow_null=True)
    due = serializers.DateField(allow_null=True)


class QueueSectionSerializer(ProcuraSerializer):
    key = serializers.CharField()
    title = serializers.CharField()
    action = serializers.CharField(help_text="What the person does with these items.")
    count = serializers.IntegerField(help_text="All items waiting; ``items`` holds the first.")
    items = QueueItemSerializer(many=True)
    note = serializers.CharField(help_text="E.g. what waits for a colleague (segregation).")


class WorkQueueSerializer(ProcuraSerializer):
    sections = QueueSectionSerializer(many=True)


class PeriodQuerySerializer(serializers.Serializer):
    months = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=36,
        help_text="How many calendar months (default 12).",
    )
    until = serializers.CharField(
        required=False, help_text="The last month, YYYY-MM; the current month when omitted."
    )

    def validate_until(self, value: str) -> date:
        return MonthQuerySerializer().validate_month(value)

    def period(self) -> tuple[date, date]:
        return month_range(
            months=self.validated_data.get("months") or 12, until=self.validated_data.get("until")
        )


class SpendQuerySerializer(PeriodQuerySerializer):
    by = serializers.ChoiceField(
        choices=["month", "department", "category", "supplier"],
        required=False,
        help_text="What each row is: a month (default), a department, a category or a supplier.",
    )


class PeriodRowSerializer(ProcuraSerializer):
    key = serializers.CharField(help_text="Stable key: YYYY-MM, a code or an id.")
    name = serializers.CharField(help_text="What people read: a month, a department, a name.")
    currency = serializers.CharField()
    total = serializers.DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=2)
    orders = serializers.IntegerField()
    total_company = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=2,
        allow_null=True,
        help_text="The total in the company currency, each document at its own rate; null when "
        "a document of the row has no rate.",
    )


class PeriodReportSerializer(ProcuraSerializer):
    start = serializers.DateField(help_text="First day included.")
    end = serializers.DateField(help_text="First day no longer included.")
    by = serializers.CharField()
    company_currency = serializers.CharField(help_text="The currency of total_company.")
    rows = PeriodRowSerializer(many=True)


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=100,
        trim_whitespace=True,
        help_text="A number, code, SKU or name (2+ characters).",
    )


class SearchHitSerializer(ProcuraSerializer):
    kind = serializers.ChoiceField(
        choices=[
            "purchase_request",
            "purchase_order",
            "supplier_invoice",
            "sales_order",
            "customer_invoice",
            "product",
            "supplier",
            "customer",
        ]
    )
    id = serializers.CharField()
    number = serializers.CharField(help_text="Business number, code or SKU.")
    title = serializers.CharField()
    status = serializers.CharField()
    amount = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=2, allow_null=True
    )
    currency = serializers.CharField()


class SearchResultSerializer(ProcuraSerializer):
    query = serializers.CharField()
    results = SearchHitSerializer(many=True)
