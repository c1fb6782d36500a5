"""Small endpoints that exercise the cross-cutting machinery (parsing, ETags, audit, logging),
mounted beside the real URLs by the tests in test_api_behaviour.py."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.urls import include, path
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from procura.accounts.models import Department, User
from procura.audit.services import audit_record
from procura.core.etag import ETagMixin
from procura.core.serializers import ProcuraModelSerializer
from procura.urls import urlpatterns as project_urlpatterns

logger = logging.getLogger("procura.probe")


class EchoApi(APIView):
    """Parses the body, records an audit event about the caller and logs a line."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        payload = request.data
        user = request.user
        assert isinstance(user, User)
        with transaction.atomic():
            event = audit_record(actor=user, action="probe.echoed", obj=user)
        logger.info("echoed", extra={"keys": sorted(payload)})
        return Response({"received": payload, "audit_event": event.pk})


class _DepartmentSerializer(ProcuraModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class DepartmentProbeViewSet(ETagMixin, viewsets.ModelViewSet):
    serializer_class = _DepartmentSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        return Department.objects.all()


router = SimpleRouter()
router.register("probe-departments", DepartmentProbeViewSet, basename="probe-department")

urlpatterns = [
    path("api/v1/probe/echo/", EchoApi.as_view()),
    path("api/v1/", include(router.urls)),
    *project_urlpatterns,
]
