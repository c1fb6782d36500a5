"""What the daily reorder job drafts for a reorder rule when its stock runs low."""

from __future__ import annotations

from django.db import models

from procura.core.models import TrackedModel


class ReorderDraft(models.TextChoices):
    NONE = "none", "Nothing (the buyer drafts from the low-stock list)"
    REQUEST = "request", "A draft purchase request"
    ORDER = "order", "A draft purchase order"


class ReorderPolicy(TrackedModel):
    rule = models.OneToOneField(
        "inventory.ReorderRule", on_delete=models.CASCADE, related_name="procurement_policy"
    )
    auto_draft = models.CharField(
        max_length=10, choices=ReorderDraft.choices, default=ReorderDraft.NONE
    )

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.auto_draft}"
