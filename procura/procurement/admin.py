"""Procurement in the Django admin: read-mostly views for support. Every business change goes
through the API (and its services), so documents are not editable here."""

from __future__ import annotations

from django.contrib import admin

from procura.core.admin import ReadOnlyAdmin
from procura.procurement.models import (
    ApprovalRule,
    ApprovalRuleStep,
    Delegation,
    GoodsReceipt,
    PurchaseOrder,
    PurchaseRequest,
    SupplierInvoice,
    SupplierPayment,
)


class ApprovalRuleStepInline(admin.TabularInline):
    model = ApprovalRuleStep
    extra = 0


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "currency", "amount_over", "amount_up_to", "department", "is_active"]
    list_filter = ["currency", "is_active"]
    inlines = [ApprovalRuleStepInline]


@admin.register(PurchaseRequest)
class PurchaseRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "requester", "department", "status", "total", "currency"]
    list_filter = ["status", "department"]
    search_fields = ["number", "title"]
    list_select_related = ["requester", "department"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["delegator", "delegate", "starts_on", "ends_on", "revoked_at"]
    list_select_related = ["delegator", "delegate"]


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "supplier", "status", "total", "currency", "revision", "issued_at"]
    list_filter = ["status"]
    search_fields = ["number", "supplier__name"]
    list_select_related = ["supplier"]


@admin.register(GoodsReceipt)
class GoodsReceiptAdmin(ReadOnlyAdmin):
    list_display = ["number", "order", "received_on"]
    search_fields = ["number", "order__number"]
    list_select_related = ["order"]


@admin.register(SupplierInvoice)
class SupplierInvoiceAdmin(ReadOnlyAdmin):
    list_display = ["invoice_number", "supplier", "status", "total", "amount_paid", "due_date"]
    list_filter = ["status"]
    search_fields = ["invoice_number", "supplier__name"]
    list_select_related = ["supplier"]


@admin.register(SupplierPayment)
class SupplierPaymentAdmin(ReadOnlyAdmin):
    list_display = ["invoice", "amount", "paid_on", "method", "reference"]
    list_select_related = ["invoice"]
