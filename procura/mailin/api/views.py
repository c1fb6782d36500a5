"""Mailboxes (administrators) and the messages received from them (finance, procurement,
auditors: the "received by e-mail" view)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.permissions import MatrixPermission
from procura.core.api.accepted import TaskAcceptedSerializer, task_accepted_response
from procura.jobs.services import start_task
from procura.mailin import selectors, services
from procura.mailin.api import serializers as s
from procura.mailin.models import InboundMessage, Mailbox


def _validated(serializer_class: Any, data: Any) -> Any:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MailboxViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Mailboxes Procura reads supplier invoices from. The password is write-only."""

    permission_classes = [MatrixPermission]
    permission_resource = "mailbox"
    serializer_class = s.MailboxSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Mailbox]:
        return selectors.mailbox_list()

    @extend_schema(request=s.MailboxWriteSerializer, responses={201: s.MailboxSerializer})
    def create(self, request: Request) -> Response:
        data = _validated(s.MailboxWriteSerializer, request.data)
        mailbox = services.mailbox_create(data=data, by=request.user)
        return Response(s.MailboxSerializer(mailbox).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MailboxPatchSerializer, responses=s.MailboxSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = _validated(s.MailboxPatchSerializer, request.data)
        mailbox = services.mailbox_update(mailbox=self.get_object(), data=data, by=request.user)
        return Response(s.MailboxSerializer(mailbox).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.mailbox_delete(mailbox=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={202: TaskAcceptedSerializer})
    @action(detail=True, methods=["post"])
    def poll(self, request: Request, pk: str | None = None) -> Response:
        """Read the mailbox now; the task's result counts what was imported."""
        from procura.mailin.tasks import poll_mailbox_task

        mailbox = self.get_object()
        record = start_task(
            poll_mailbox_task, owner=request.user, args=[mailbox.pk], name="mailin.poll"
        )
        return task_accepted_response(record.pk)


class InboundMessageFilter(filters.FilterSet):
    class Meta:
        model = InboundMessage
        fields = ["mailbox", "status", "supplier"]


class InboundMessageViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Received by e-mail: each message read, with what became of every attachment (imported
    as a document, a duplicate, or skipped and why) and why a message was rejected."""

    permission_classes = [MatrixPermission]
    permission_resource = "inbound_message"
    serializer_class = s.InboundMessageSerializer
    filterset_class = InboundMessageFilter
    search_fields = ["from_address", "subject", "from_name"]
    ordering_fields = ["received_at", "sent_at"]

    def get_queryset(self) -> QuerySet[InboundMessage]:
        return selectors.inbound_message_list()
