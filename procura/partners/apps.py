from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from procura.documents.extraction import SupplierCandidate


def supplier_candidates() -> list[SupplierCandidate]:
    """Active suppliers as invoice extraction matches them: name (and legal name), tax id and
    the e-mail addresses of their active contacts. Two queries, whatever the number."""
    from django.db.models import Prefetch

    from procura.documents.extraction import SupplierCandidate
    from procura.partners.models import Contact, Supplier

    mailboxes = Contact.objects.filter(is_active=True).exclude(email="").only("supplier", "email")
    suppliers = (
        Supplier.objects.filter(is_active=True)
        .only("id", "name", "legal_name", "tax_id", "iban")
        .prefetch_related(Prefetch("contacts", queryset=mailboxes, to_attr="mailboxes"))
        .order_by("id")
    )
    candidates = []
    for supplier in suppliers:
        tax_ids = [supplier.tax_id] if supplier.tax_id else []
        emails = [contact.email for contact in supplier.mailboxes]
        names = {supplier.name, supplier.legal_name} - {""}
        candidates += [
            SupplierCandidate(
                id=supplier.pk,
                name=name,
                tax_ids=tax_ids,
                emails=emails,
                ibans=[supplier.iban] if supplier.iban else [],
            )
            for name in sorted(names)
        ]
    return candidates


class PartnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.partners"
    label = "partners"

    def ready(self) -> None:
        from procura.documents.access import register_supplier_candidates

        register_supplier_candidates(supplier_candidates)
