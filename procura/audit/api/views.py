from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.audit.api.filters import AuditEventFilter
from procura.audit.api.serializers import AuditEventSerializer
from procura.audit.selectors import audit_event_list
from procura.audit.tasks import verify_audit_chain_task
from procura.core.api.accepted import TaskAcceptedSerializer, task_accepted_response
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet
from procura.core.exports.views import ExportListMixin
from procura.core.pagination import LedgerPagination
from procura.jobs.services import start_task


class AuditEventViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    """The audit trail, newest first. Admins and auditors only."""

    serializer_class = AuditEventSerializer
    # the project's default permission class, the permission matrix, reads this
    permission_resource = "audit_event"
    filterset_class = AuditEventFilter
    search_fields = ["object_repr", "actor_email"]
    ordering_fields = ["sequence", "occurred_at"]
    ordering = ["-sequence"]
    pagination_class = LedgerPagination

    def get_queryset(self) -> Any:
        return audit_event_list()


class AuditVerifyApi(APIView):
    """Start a full verification of the audit chain in the background; follow it at
    ``GET /api/v1/tasks/{task_id}/`` (its result lists every tampered event)."""

    # the project's default permission class, the permission matrix, reads this
    permission_resource = "audit_event"
    permission_actions = {"post": "verify"}

    @extend_schema(request=None, responses={202: TaskAcceptedSerializer})
    def post(self, request: Request) -> Response:
        record = start_task(verify_audit_chain_task, owner=request.user)
        return task_accepted_response(record.pk)
