from __future__ import annotations

from django.db import models


class Supplier(models.Model):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)


class Location(models.Model):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)


class Product(models.Model):
    sku = models.CharField(max_length=40)
    name = models.CharField(max_length=200)


class PurchaseOrder(models.Model):
    number = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=20)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT)
    ship_to = models.ForeignKey(Location, on_delete=models.PROTECT)
    currency = models.CharField(max_length=3)
    payment_terms_days = models.PositiveSmallIntegerField()
    expected_date = models.DateField(null=True)
    total = models.DecimalField(max_digits=14, decimal_places=2)
    revision = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)
    issued_at = models.DateTimeField(null=True)
    closed_at = models.DateTimeField(null=True)
    cancelled_at = models.DateTimeField(null=True)
    archived_at = models.DateTimeField(null=True)
    last_mailed_at = models.DateTimeField(null=True)
    mailed_revision = models.PositiveSmallIntegerField(null=True)
    last_mail_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    product = models.ForeignKey(Product, null=True, on_delete=models.PROTECT)
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=14, decimal_places=3)
    unit = models.CharField(max_length=10)
    unit_price = models.DecimalField(max_digits=14, decimal_places=4)
    line_total = models.DecimalField(max_digits=14, decimal_places=2)
    quantity_received = models.DecimalField(max_digits=14, decimal_places=3, default=0)
    quantity_invoiced = models.DecimalField(max_digits=14, decimal_places=3, default=0)
    request_item = models.BigIntegerField(null=True)

    class Meta:
        ordering = ["line_no"]
