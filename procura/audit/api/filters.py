import django_filters
from django import forms

from procura.audit.models import AuditEvent
from procura.core.filters import IsoDateTimeFilter

# Largest value of a BigAutoField; anything above is no user and must be a 400, not a 500.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AuditEventFilter(django_filters.FilterSet):
    """``?actor=<user id>&action=<action>&object_type=<app.model>&object_id=<id>``,
    ``?action_prefix=purchase_order.``, ``?occurred_after=...&occurred_before=...`` (ISO 8601)."""

    actor = IdFilter(field_name="actor_id", min_value=1, max_value=MAX_ID)
    action_prefix = django_filters.CharFilter(field_name="action", lookup_expr="startswith")
    occurred_after = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["actor", "action", "object_type", "object_id", "request_id"]
