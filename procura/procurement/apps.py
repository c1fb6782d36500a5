from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.procurement"
    label = "procurement"

    def ready(self) -> None:
        from procura.documents import access as documents
        from procura.procurement import access
        from procura.procurement.models import PurchaseOrder, SupplierInvoice

        documents.register_attachment_policy(
            "procurement.purchaserequest", access.PurchaseRequestAttachmentPolicy()
        )
        documents.register_attachment_policy(
            "procurement.purchaseorder",
            access.RoleAttachmentPolicy(PurchaseOrder, access.ORDER_READERS),
        )
        documents.register_attachment_policy(
            "procurement.supplierinvoice",
            access.RoleAttachmentPolicy(SupplierInvoice, access.PAYABLES_READERS),
        )
        documents.register_processed_handler(access.on_invoice_document_processed)
