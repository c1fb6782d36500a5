"""The in-app notification centre: a message per person, read or unread, beside the e-mail and
SMS deliveries. Fed by the same events: whatever is queued for delivery to the e-mail address
of an active user also lands in that user's inbox, so the bell and the mail never disagree.

Messages are the person's own; nobody reads another's. They are kept, read or not, until the
retention pruning removes old ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone


class InboxMessage(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    object_type = models.CharField(
        max_length=100, blank=True, help_text="What the message is about, e.g. purchase_request."
    )
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "notifications"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title}"


def inbox_post(
    *,
    user_ids: Iterable[int],
    title: str,
    body: str = "",
    object_type: str = "",
    object_id: str = "",
) -> list[InboxMessage]:
    """One unread message for each of ``user_ids`` (duplicates once). No lock: inserts only."""
    unique = sorted(set(user_ids))
    return InboxMessage.objects.bulk_create(
        [
            InboxMessage(
                user_id=user_id,
                title=title[:200],
                body=body,
                object_type=object_type,
                object_id=str(object_id),
            )
            for user_id in unique
        ]
    )


def inbox_post_to_emails(
    *,
    emails: Iterable[str],
    title: str,
    body: str = "",
    object_type: str = "",
    object_id: str = "",
) -> list[InboxMessage]:
    """The in-app copy of a message sent to these addresses: for each one that belongs to an
    active user. Addresses of outsiders (suppliers, customers' contacts) are skipped."""
    from django.contrib.auth import get_user_model

    wanted = {email.strip().lower() for email in emails if email and email.strip()}
    if not wanted:
        return []
    users = get_user_model().objects.filter(email__in=wanted, is_active=True)
    return inbox_post(
        user_ids=users.values_list("pk", flat=True),
        title=title,
        body=body,
        object_type=object_type,
        object_id=object_id,
    )


def inbox_for(*, user_id: int) -> QuerySet[InboxMessage]:
    return InboxMessage.objects.filter(user_id=user_id)


def inbox_unread_count(*, user_id: int) -> int:
    return InboxMessage.objects.filter(user_id=user_id, read_at__isnull=True).count()


@transaction.atomic
def inbox_mark_read(*, user_id: int, message_ids: Iterable[int] | None = None) -> int:
    """Mark the person's messages read (all of them when ``message_ids`` is None); messages of
    others are never touched. Returns how many changed. A conditional UPDATE, no lock."""
    queryset = InboxMessage.objects.filter(user_id=user_id, read_at__isnull=True)
    if message_ids is not None:
        queryset = queryset.filter(pk__in=list(message_ids))
    return queryset.update(read_at=timezone.now())
