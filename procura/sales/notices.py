"""What the customer is told, and where: the order's events go to the customer's primary
contact (e-mail and SMS), invoices to the billing contact (accounts receivable / billing title,
else the primary contact) with the invoice PDF attached."""

from __future__ import annotations

from procura.notifications.services import notification_queue
from procura.partners.models import Contact, Customer
from procura.sales.models import CustomerInvoice, SalesOrder, Shipment

BILLING_TITLE_WORDS = ("billing", "receivable", "accounts payable", "accounting")
INVOICE_PDF_LOADER = "procura.sales.documents.invoice_pdf_attachments"


def _contacts(customer: Customer) -> list[Contact]:
    return list(customer.contacts.filter(is_active=True).order_by("-is_primary", "name", "id"))


def primary_contact(customer: Customer) -> Contact | None:
    contacts = _contacts(customer)
    return contacts[0] if contacts else None


def billing_contact(customer: Customer) -> Contact | None:
    contacts = _contacts(customer)
    for contact in contacts:
        title = contact.title.lower()
        if contact.email and any(word in title for word in BILLING_TITLE_WORDS):
            return contact
    return contacts[0] if contacts else None


def notify_order_event(
    order: SalesOrder, template: str, *, shipment: Shipment | None = None
) -> None:
    contact = primary_contact(order.customer)
    if contact is None:
        return
    notification_queue(
        template=f"sales/{template}",
        context={"order": order, "customer": order.customer, "shipment": shipment},
        email=contact.email,
        phone=contact.phone,
        object_type="sales.salesorder",
        object_id=str(order.pk),
    )


def notify_invoice_issued(invoice: CustomerInvoice) -> None:
    contact = billing_contact(invoice.customer)
    if contact is None:
        return
    notification_queue(
        template="sales/invoice_issued",
        context={"invoice": invoice, "customer": invoice.customer},
        email=contact.email,
        phone=contact.phone,
        object_type="sales.customerinvoice",
        object_id=str(invoice.pk),
        attachment_loader=INVOICE_PDF_LOADER,
        attachment_args=[invoice.pk],
    )


def notify_invoice_overdue(invoice: CustomerInvoice, *, days: int) -> None:
    contact = billing_contact(invoice.customer)
    if contact is None or not contact.email:
        return
    notification_queue(
        template="sales/invoice_overdue",
        context={"invoice": invoice, "customer": invoice.customer, "days": days},
        email=contact.email,
        object_type="sales.customerinvoice",
        object_id=str(invoice.pk),
    )
