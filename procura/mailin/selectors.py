"""Reads of mailboxes and of the messages received from them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from procura.mailin.models import InboundAttachment, InboundMessage, Mailbox


def mailbox_list() -> QuerySet[Mailbox]:
    return Mailbox.objects.select_related("documents_owner")


def inbound_message_list() -> QuerySet[InboundMessage]:
    return InboundMessage.objects.select_related("mailbox", "supplier").prefetch_related(
        Prefetch(
            "attachments",
            queryset=InboundAttachment.objects.select_related("document").order_by("id"),
        )
    )
