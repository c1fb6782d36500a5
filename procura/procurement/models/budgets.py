"""Budgets: how much a department and/or a product category may spend in a period, in the
company currency, and what happens when a request or order would go over it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from procura.core.models import ActivatableModel, TrackedModel
from procura.core.money import CurrencyField, MoneyField


class BudgetPeriod(models.TextChoices):
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


class OverBudgetAction(models.TextChoices):
    WARN = "warn", "Warn (and add the approval rule's over-budget steps)"
    STOP = "stop", "Stop"


def company_currency() -> str:
    return str(settings.COMPANY_CURRENCY)


def period_end(start: date, period: str) -> date:
    """The last day of the period starting on ``start``."""
    months = {BudgetPeriod.MONTH: 1, BudgetPeriod.QUARTER: 3, BudgetPeriod.YEAR: 12}[
        BudgetPeriod(period)
    ]
    month_index = start.month - 1 + months
    following = date(start.year + month_index // 12, month_index % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


class Budget(TrackedModel, ActivatableModel):
    """Spend of ``department`` (any when blank) on products in ``category`` or below it (any
    when blank) from ``starts_on`` to ``ends_on``. Committed spend is approved requests not yet
    ordered plus open orders not yet invoiced; actual spend is what suppliers invoiced."""

    name = models.CharField(max_length=120)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, null=True, blank=True, related_name="budgets"
    )
    period = models.CharField(max_length=10, choices=BudgetPeriod.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(editable=False)
    amount = MoneyField()
    currency = CurrencyField(default=company_currency, editable=False)
    on_exceed = models.CharField(
        max_length=10, choices=OverBudgetAction.choices, default=OverBudgetAction.WARN
    )

    class Meta:
        ordering = ["-starts_on", "name", "id"]
        indexes = [models.Index(fields=["starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="budget_period_valid"
            ),
            models.UniqueConstraint(
                fields=["department", "category", "period", "starts_on"],
                condition=models.Q(is_active=True),
                name="uniq_active_budget_scope_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on}..{self.ends_on})"
