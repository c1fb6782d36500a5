"""``manage.py verify_audit``: recompute the audit chain and report every tampered event.

Exit status 0 when the chain is intact, 1 when any event was edited, deleted or inserted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from procura.audit.verification import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; list edited, deleted or inserted events."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified.")
            )
            return
        for problem in report.problems:
            self.stderr.write(problem.describe())
        if report.problem_count > len(report.problems):
            self.stderr.write(f"... and {report.problem_count - len(report.problems)} more.")
        raise CommandError(
            f"Audit chain broken: {report.problem_count} problem(s) in {report.checked} events.",
            returncode=1,
        )
