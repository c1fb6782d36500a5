from __future__ import annotations

from typing import Any

from celery import shared_task

from procura.audit.verification import audit_chain_verify
from procura.jobs.tasks import TrackedTask


@shared_task(base=TrackedTask, bind=True)
def verify_audit_chain_task(self: TrackedTask) -> dict[str, Any]:
    """Verify the whole audit chain. Read-only, so running it twice is harmless."""

    def progress(checked: int, total: int) -> None:
        percent = 100 * checked // total if total else 100
        self.report_progress(min(percent, 99), f"Checked {checked} of {total} events")

    return audit_chain_verify(progress=progress).as_dict()
