"""Daily exchange rates, each quoted as units of ``currency`` for one unit of ``base`` (the ECB
publishes euro reference rates: base EUR, 1 EUR = 1.0856 USD)."""

from __future__ import annotations

from django.db import models

from procura.core.models import TimeStampedModel
from procura.core.money import CurrencyField, ExchangeRateField


class ExchangeRate(TimeStampedModel):
    base = CurrencyField()
    currency = CurrencyField()
    rate_date = models.DateField()
    rate = ExchangeRateField()
    source = models.CharField(max_length=40, default="manual")

    class Meta:
        ordering = ["-rate_date", "currency"]
        indexes = [models.Index(fields=["currency", "base", "-rate_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "currency", "rate_date"], name="uniq_exchange_rate_day"
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(
                condition=~models.Q(base=models.F("currency")), name="exchange_rate_two_currencies"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate} {self.currency} on {self.rate_date}"


class ConvertedDocument(models.Model):
    """A money document in its own currency that keeps the rate to the company currency used
    at its date (units of company currency for one unit of the document's). Null when no rate
    was known then; 1 for a document in the company currency."""

    exchange_rate = ExchangeRateField(null=True, blank=True, editable=False)
    exchange_rate_date = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
