from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer, ProcuraSerializer
from procura.mailin.models import InboundAttachment, InboundMessage, Mailbox, MailSecurity


class MailboxSerializer(ProcuraModelSerializer):
    """A mailbox's settings as shown: never its password, only whether one is stored."""

    has_password = serializers.SerializerMethodField()
    documents_owner_email = serializers.CharField(source="documents_owner.email", read_only=True)

    class Meta:
        model = Mailbox
        fields = [
            "id", "name", "host", "port", "security", "username", "folder", "is_active",
            "documents_owner", "documents_owner_email", "has_password", "last_polled_at",
            "last_error", "last_uid", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_password(self, obj: Mailbox) -> bool:
        return bool(obj.password_encrypted)


class MailboxWriteSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=100)
    host = serializers.CharField(max_length=255)
    port = serializers.IntegerField(min_value=1, max_value=65535)
    security = serializers.ChoiceField(choices=MailSecurity.choices)
    username = serializers.CharField(max_length=255)
    password = serializers.CharField(
        max_length=500, write_only=True, required=False, allow_blank=True, trim_whitespace=False
    )
    folder = serializers.CharField(max_length=255, required=False, default="INBOX")
    is_active = serializers.BooleanField(required=False, default=True)
    documents_owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False
    )

    def validate_host(self, value: str) -> str:
        host = value.strip()
        if not host or any(c.isspace() or c in "/:@" for c in host):
            raise serializers.ValidationError(
                "Enter a host name or address, e.g. imap.example.com."
            )
        return host


class MailboxPatchSerializer(MailboxWriteSerializer):
    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for item in fields.values():
            item.required = False
            if hasattr(item, "default"):
                item.default = serializers.empty
        return fields


class InboundAttachmentSerializer(ProcuraModelSerializer):
    document_status = serializers.CharField(source="document.status", default=None)

    class Meta:
        model = InboundAttachment
        fields = [
            "id", "filename", "declared_type", "size", "outcome", "reason", "document",
            "document_status",
        ]  # fmt: skip
        read_only_fields = fields


class InboundMessageSerializer(ProcuraModelSerializer):
    mailbox_name = serializers.CharField(source="mailbox.name", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", default=None)
    attachments = InboundAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = InboundMessage
        fields = [
            "id", "mailbox", "mailbox_name", "message_id", "from_address", "from_name",
            "subject", "sent_at", "received_at", "status", "error", "supplier",
            "supplier_name", "supplier_matched_by", "attachments",
        ]  # fmt: skip
        read_only_fields = fields
