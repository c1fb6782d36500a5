from __future__ import annotations

from typing import Any

from celery import shared_task

from procura.jobs.tasks import TrackedTask
from procura.mailin.services import mailbox_poll, mailboxes_due


@shared_task(base=TrackedTask, bind=True, name="procura.mailin.tasks.poll_mailbox_task")
def poll_mailbox_task(self: TrackedTask, mailbox_id: int) -> dict[str, Any]:
    """Read one mailbox now (the "Check now" button, and each mailbox of the schedule).
    Idempotent: a message already imported is ignored."""
    return mailbox_poll(mailbox_id=mailbox_id).as_dict()


@shared_task(name="procura.mailin.tasks.poll_mailboxes_task")
def poll_mailboxes_task() -> dict[str, int]:
    """On the beat schedule: queue a read of every active mailbox."""
    due = mailboxes_due()
    for mailbox_id in due:
        poll_mailbox_task.apply_async(args=(mailbox_id,), expires=240)
    return {"queued": len(due)}
