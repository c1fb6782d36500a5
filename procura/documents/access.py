"""Who may see a document, and the hooks other domains register.

A document is visible to admins, finance and procurement; to the person who uploaded it; to an
approver for documents uploaded in their department; and to anyone who may see an object it is
attached to. Each attachable domain registers an ``AttachmentPolicy`` for its model (in its
``AppConfig.ready``) saying which of its objects a user may see; until it does, attachment to
that model grants nothing beyond the rules above.

Documents imports no other domain: suppliers for matching and the handler that turns a processed
invoice into a draft supplier invoice are registered here by partners and procurement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q, QuerySet

from procura.accounts.roles import Role
from procura.core.permissions import has_any_role, user_roles

if TYPE_CHECKING:
    from procura.documents.extraction import SupplierCandidate
    from procura.documents.models import Document

# Models documents can be attached to ("app_label.model").
ATTACHABLE_MODELS = (
    "procurement.purchaserequest",
    "procurement.purchaseorder",
    "procurement.supplierinvoice",
    "sales.salesorder",
    "partners.supplier",
    "partners.customer",
)
FULL_ACCESS_ROLES = (Role.ADMIN, Role.FINANCE, Role.PROCUREMENT)


class AttachmentPolicy(Protocol):
    def visible_ids(self, user: Any) -> QuerySet[Any] | None:
        """Ids of the objects ``user`` may see (a values_list queryset); None means all."""


@dataclass
class _Registry:
    policies: dict[str, AttachmentPolicy]
    supplier_candidates: Callable[[], Iterable[SupplierCandidate]] | None
    processed_handlers: list[Callable[[Document], None]]


registry = _Registry(policies={}, supplier_candidates=None, processed_handlers=[])


def register_attachment_policy(model_label: str, policy: AttachmentPolicy) -> None:
    registry.policies[model_label.lower()] = policy


def register_supplier_candidates(provider: Callable[[], Iterable[SupplierCandidate]]) -> None:
    """Partners gives the suppliers (with tax ids, e-mails, bank accounts) to match against."""
    registry.supplier_candidates = provider


def register_processed_handler(handler: Callable[[Document], None]) -> None:
    """Called in the processing transaction for each processed supplier-invoice document, and
    again in the transaction of a person's correction of its fields (procurement: create or
    refresh the draft supplier invoice). Must be idempotent: a document can be processed again."""
    if handler not in registry.processed_handlers:
        registry.processed_handlers.append(handler)


def notify_processed(document: Document) -> None:
    """Run the processed handlers for a supplier-invoice document (the caller holds its row)."""
    from procura.documents.models import DocumentKind

    if document.kind != DocumentKind.SUPPLIER_INVOICE or document.extraction is None:
        return
    for handler in registry.processed_handlers:
        handler(document)


def has_full_access(user: Any) -> bool:
    return has_any_role(user, FULL_ACCESS_ROLES)


def visibility_filter(user: Any) -> Q | None:
    """The condition on documents ``user`` may see; None when they see all."""
    if has_full_access(user):
        return None
    condition = Q(uploaded_by=user)
    if Role.APPROVER in user_roles(user) and getattr(user, "department_id", None):
        condition |= Q(department_id=user.department_id)
    from django.contrib.contenttypes.models import ContentType

    for label, policy in sorted(registry.policies.items()):
        app_label, model = label.split(".")
        try:
            object_type = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            continue
        ids = policy.visible_ids(user)
        attached = Q(attachments__object_type=object_type)
        if ids is not None:
            attached &= Q(attachments__object_id__in=ids)
        condition |= attached
    return condition


def can_attach_to(user: Any, model_label: str, object_id: int) -> bool:
    if has_full_access(user):
        return True
    policy = registry.policies.get(model_label)
    if policy is None:
        return False
    ids = policy.visible_ids(user)
    return ids is None or ids.filter(pk=object_id).exists()
