from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.demo.accounts import USERS


def default_base_url() -> str:
    """Where ``make run`` serves: its HOST and PORT (127.0.0.1:8000 unless changed)."""
    host = os.environ.get("HOST") or "127.0.0.1"
    port = os.environ.get("PORT") or "8000"
    return f"http://{host}:{port}"


PRODUCTION_REFUSED = (
    "Demo data and demo users are refused when PROCURA_ENV=production; create real users with "
    "createsuperuser and the user admin."
)


class Command(BaseCommand):
    help = "Print the demo users, their roles and password, and where to sign in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default=None, help="Default: http://$HOST:$PORT")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError(PRODUCTION_REFUSED)
        base = (options["base_url"] or default_base_url()).rstrip("/")
        present = set(
            User.objects.filter(email__in=[u.email for u in USERS], is_active=True).values_list(
                "email", flat=True
            )
        )
        width = max(len(u.email) for u in USERS)
        lines = [f"{'e-mail'.ljust(width)}  role", f"{'-' * width}  {'-' * 24}"]
        for spec in USERS:
            note = "" if spec.email in present else "  (not loaded: run manage.py seed_demo)"
            lines.append(f"{spec.email.ljust(width)}  {Role(spec.role).label}{note}")
        lines += [
            "",
            f"Password for every demo user: {settings.DEMO_PASSWORD}",
            f"Web app:   {base}/",
            f"API docs:  {base}/api/docs/",
            f"Admin:     {base}/admin/",
        ]
        self.stdout.write("\n".join(lines))
