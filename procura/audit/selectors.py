"""Reading the audit trail."""

from __future__ import annotations

from django.db import models

from procura.audit.models import AuditEvent, AuditEventQuerySet


def audit_event_list() -> AuditEventQuerySet:
    """Newest first. The actor is shown by the e-mail stored on the event, so no join."""
    return AuditEvent.objects.all().order_by("-sequence")


def audit_event_history(*, obj: models.Model) -> AuditEventQuerySet:
    """The events about one object, newest first (served by the object/sequence index)."""
    return AuditEvent.objects.for_object(obj).order_by("-sequence")
