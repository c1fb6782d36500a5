"""Supplier invoices, their three-way match against order and receipt, and payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from procura.core.models import TrackedModel
from procura.core.money import (
    CurrencyField,
    ExchangeRateField,
    MoneyField,
    QuantityField,
    RateField,
)
from procura.currency.models import ConvertedDocument
from procura.procurement.models.orders import PurchaseOrder, PurchaseOrderLine
from procura.procurement.models.requests import default_currency


class SupplierInvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    MATCHED = "matched", "Matched"
    EXCEPTION = "exception", "Exception"
    APPROVED = "approved", "Approved for payment"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


OPEN_INVOICE_STATUSES = frozenset(
    {
        SupplierInvoiceStatus.DRAFT,
        SupplierInvoiceStatus.MATCHED,
        SupplierInvoiceStatus.EXCEPTION,
        SupplierInvoiceStatus.APPROVED,
        SupplierInvoiceStatus.PARTIALLY_PAID,
    }
)
PAYABLE_INVOICE_STATUSES = frozenset(
    {SupplierInvoiceStatus.APPROVED, SupplierInvoiceStatus.PARTIALLY_PAID}
)


class SupplierInvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class SupplierInvoice(TrackedModel, ConvertedDocument):
    kind = models.CharField(
        max_length=12,
        choices=SupplierInvoiceKind.choices,
        default=SupplierInvoiceKind.INVOICE,
        help_text="A credit note states what the supplier owes us (its amounts are positive).",
    )
    supplier = models.ForeignKey(
        "partners.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        help_text="Unknown only on a draft read from a document (to be chosen or created).",
    )
    invoice_number = models.CharField(
        max_length=60, help_text="The supplier's own number, unique per supplier."
    )
    purchase_order = models.ForeignKey(
        PurchaseOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    invoice_date = models.DateField()
    due_date = models.DateField()
    currency = CurrencyField(default=default_currency)
    subtotal = MoneyField()
    tax = MoneyField(default=0)
    total = MoneyField()
    status = models.CharField(
        max_length=20,
        choices=SupplierInvoiceStatus.choices,
        default=SupplierInvoiceStatus.DRAFT,
        db_index=True,
    )
    match_exceptions = models.JSONField(default=list, blank=True, editable=False)
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)
    exception_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exception_comment = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    amount_paid = MoneyField(default=0, editable=False)
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    void_reason = models.CharField(max_length=300, blank=True)
    source_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supplier_invoices",
        editable=False,
        help_text="The uploaded invoice this draft was read from.",
    )
    low_confidence_fields = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Fields read from the document with low confidence: check them first.",
    )
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        help_text="On a credit note: the supplier's invoice it credits (applied to it when "
        "posted, if that invoice is open).",
    )
    credited_invoice_reference = models.CharField(
        max_length=60,
        blank=True,
        default="",
        editable=False,
        help_text="On a credit note read from a document: the number of the invoice it credits "
        "as printed (linked when the supplier has an open invoice of that number).",
    )

    class Meta:
        ordering = ["-invoice_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_document"],
                condition=models.Q(source_document__isnull=False),
                name="uniq_supplier_invoice_source_document",
            ),
            models.UniqueConstraint(
                fields=["supplier", "invoice_number"],
                condition=~models.Q(invoice_number=""),
                name="uniq_supplier_invoice_number",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(supplier__isnull=False),
                name="supplier_invoice_supplier_past_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0)
                & models.Q(amount_paid__lte=models.F("total")),
                name="supplier_invoice_paid_within_total",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.invoice_number} ({self.supplier_id})"

    @property
    def balance(self) -> Decimal:
        """What is still owed on an invoice; on a posted credit note, the credit not yet
        applied (``amount_paid`` is what was applied to invoices)."""
        return Decimal(self.total) - Decimal(self.amount_paid)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == SupplierInvoiceKind.CREDIT_NOTE


class SupplierInvoiceLine(models.Model):
    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    order_line = models.ForeignKey(
        PurchaseOrderLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoice_lines",
    )
    description = models.CharField(max_length=300, blank=True)
    quantity = QuantityField()
    unit_price = RateField()
    line_total = MoneyField(editable=False)

    class Meta:
        ordering = ["invoice_id", "line_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "line_no"], name="uniq_supplier_invoice_line_no"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="supplier_invoice_line_qty_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}.{self.line_no}"


class PaymentMethod(models.TextChoices):
    ACH = "ach", "ACH transfer"
    WIRE = "wire", "Wire transfer"
    CHECK = "check", "Check"
    CARD = "card", "Card"
    OTHER = "other", "Other"
    DEBIT_NOTE = "debit_note", "Debit note"
    CREDIT_NOTE = "credit_note", "Credit note"


# Recorded by the system when a debit or credit note is applied, never entered as a payment.
ENTERED_PAYMENT_METHODS = [
    (value, label)
    for value, label in PaymentMethod.choices
    if value not in {PaymentMethod.DEBIT_NOTE, PaymentMethod.CREDIT_NOTE}
]


class SupplierPayment(TrackedModel):
    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.PROTECT, related_name="payments")
    amount = MoneyField()
    paid_on = models.DateField()
    method = models.CharField(max_length=12, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=100, blank=True)
    debit_note = models.ForeignKey(
        "procurement.SupplierDebitNote",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="applications",
        help_text="The debit note this settlement applies (method debit_note).",
    )
    credit_note = models.ForeignKey(
        SupplierInvoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="credit_applications",
        help_text="The supplier's posted credit note this settlement applies (method "
        "credit_note); its amount is also counted as applied on the credit note.",
    )
    exchange_rate = ExchangeRateField(
        null=True, blank=True, editable=False, help_text="To the company currency on paid_on."
    )
    exchange_difference = MoneyField(
        null=True,
        blank=True,
        editable=False,
        help_text="Realised exchange difference in the company currency: what the payment is "
        "worth at its date less what it was worth at the invoice's rate (positive: a loss).",
    )

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="supplier_payment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} on {self.paid_on}"
