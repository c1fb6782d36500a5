from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from procura.audit.anchors import audit_anchor_write
from procura.audit.verification import audit_chain_verify
from procura.jobs.tasks import TrackedTask

logger = logging.getLogger("procura.audit")


@shared_task(base=TrackedTask, bind=True)
def verify_audit_chain_task(self: TrackedTask) -> dict[str, Any]:
    """Verify the whole audit chain (on request, and nightly from the beat schedule). Read-only,
    so running it twice is harmless. A broken chain is logged as an error for the operators."""

    def progress(checked: int, total: int) -> None:
        percent = 100 * checked // total if total else 100
        self.report_progress(min(percent, 99), f"Checked {checked} of {total} events")

    report = audit_chain_verify(progress=progress)
    if not report.ok:
        logger.error(
            "Audit chain broken",
            extra={
                "problem_count": report.problem_count,
                "problems": [p.describe() for p in report.problems[:20]],
            },
        )
    return report.as_dict()


@shared_task(bind=True, max_retries=5, default_retry_delay=60, retry_backoff=True)
def anchor_audit_chain_task(self: Any) -> dict[str, Any]:
    """Hourly: write the committed chain head to the anchor storage (signed), so a later
    rewrite of the chain in the database can be proven. Idempotent: nothing is written when the
    newest anchor already covers the head. A storage outage is retried with backoff."""
    try:
        anchor = audit_anchor_write()
    except OSError as exc:
        logger.warning("Audit anchor not written; retrying", extra={"error": str(exc)})
        raise self.retry(exc=exc) from exc
    if anchor is None:
        return {"written": False}
    return {"written": True, "sequence": anchor.sequence, "file": anchor.name}
