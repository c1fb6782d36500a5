"""Which queue a task goes to: OCR and document reading on the OCR queue, anything that sends
mail or SMS on the mail queue, the rest on the default queue. Queue names come from settings
(CELERY_OCR_QUEUE, CELERY_MAIL_QUEUE, CELERY_TASK_DEFAULT_QUEUE), read when a task is sent."""

from __future__ import annotations

from typing import Any

from django.conf import settings

OCR_TASKS = frozenset({"procura.documents.tasks.process_document_task"})
MAIL_TASKS = frozenset(
    {
        "procura.notifications.tasks.deliver_notification_task",
        "procura.sales.tasks.send_overdue_reminders_task",
    }
)


def queue_for(name: str) -> str:
    if name in OCR_TASKS:
        return str(settings.CELERY_OCR_QUEUE)
    if name in MAIL_TASKS:
        return str(settings.CELERY_MAIL_QUEUE)
    from procura.celery import app

    return str(app.conf.task_default_queue or settings.CELERY_TASK_DEFAULT_QUEUE)


def route_task(
    name: str, args: Any, kwargs: Any, options: Any, task: Any = None, **kw: Any
) -> dict[str, str]:
    return {"queue": queue_for(name)}
