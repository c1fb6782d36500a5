"""Who may see procurement records beyond their API, and what documents attached to them show.

Documents attached to a purchase request, purchase order or supplier invoice are visible to
whoever may see that record (registered with the documents domain in ``ProcurementConfig``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet

from procura.accounts.roles import Role
from procura.core.errors import DomainError
from procura.core.permissions import has_any_role, user_roles
from procura.documents.models import Document
from procura.procurement.models import PurchaseRequest
from procura.procurement.selectors.requests import SEE_ALL_ROLES, purchase_request_visibility

logger = logging.getLogger("procura.procurement")

ORDER_READERS = (Role.PROCUREMENT, Role.FINANCE, Role.WAREHOUSE, Role.AUDITOR)
PAYABLES_READERS = (Role.FINANCE, Role.PROCUREMENT, Role.AUDITOR)


@dataclass(frozen=True)
class RoleAttachmentPolicy:
    """Records everyone holding one of ``roles`` reads (orders, invoices); nobody else."""

    model: type[models.Model]
    roles: tuple[str, ...]

    def visible_ids(self, user: Any) -> QuerySet[Any] | None:
        if has_any_role(user, self.roles):
            return None
        return self.model._default_manager.none().values_list("pk", flat=True)


class PurchaseRequestAttachmentPolicy:
    """The requests the user may see: their own, their department's, the ones they decide."""

    def visible_ids(self, user: Any) -> QuerySet[Any] | None:
        if has_any_role(user, SEE_ALL_ROLES):
            return None
        if not user_roles(user):
            return PurchaseRequest.objects.none().values_list("pk", flat=True)
        return PurchaseRequest.objects.filter(purchase_request_visibility(user)).values_list(
            "pk", flat=True
        )


def on_invoice_document_processed(document: Document) -> None:
    """Processed or corrected invoice document -> its draft supplier invoice. A document the
    invoice cannot be made from (an order of another supplier, amounts beyond the columns)
    stays processed; the reason is logged and a correction can try again."""
    from procura.procurement.services.invoice_documents import supplier_invoice_from_document

    try:
        supplier_invoice_from_document(document=document)
    except DomainError as exc:
        logger.warning(
            "No draft supplier invoice from document %s: %s",
            document.pk,
            exc.detail,
            extra={"document_id": document.pk, "code": exc.code},
        )
