from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from procura.accounts.models import User
from procura.demo.seed import SEED_STEPS, SeedContext, run_seed

PRODUCTION_REFUSED = (
    "Demo data and demo users are refused when PROCURA_ENV=production; create real users with "
    "createsuperuser and the user admin."
)


class Command(BaseCommand):
    help = "Load the demo data set. Safe to run again: nothing that exists is created twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users.",
        )
        parser.add_argument(
            "--step",
            action="append",
            dest="steps",
            choices=[step.name for step in SEED_STEPS],
            help="Run only this step (repeatable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError(PRODUCTION_REFUSED)
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("Users exist already; demo data not loaded.")
            return
        ctx = SeedContext(stdout=self.stdout, verbosity=options["verbosity"])
        try:
            created = run_seed(ctx, only=set(options["steps"] or ()) or None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(created.values())
        summary = ", ".join(f"{count} {kind}(s)" for kind, count in sorted(created.items()))
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {summary or 'nothing new'} ({total} created).")
        )
