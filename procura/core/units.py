"""Units of measure. Meat is sold by the pound and the kilogram, cases and pieces by count."""

from django.db import models


class UnitOfMeasure(models.TextChoices):
    EACH = "each", "Each"
    CASE = "case", "Case"
    LB = "lb", "Pound"
    KG = "kg", "Kilogram"
