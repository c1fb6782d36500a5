"""Refuse to start in production with insecure settings.

Called at the end of settings when PROCURA_ENV=production. A misconfigured deployment must fail
loudly at start, not run with a guessable secret or a debug page open to the internet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MIN_SECRET_KEY_LENGTH = 50


class InsecureSettingsError(SystemExit):
    pass


def insecure_settings_problems(settings: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    secret = settings.get("SECRET_KEY") or ""
    if secret == settings.get("DEVELOPMENT_SECRET_KEY") or secret.startswith("django-insecure"):
        problems.append("SECRET_KEY is the development default; set a random SECRET_KEY.")
    elif len(secret) < MIN_SECRET_KEY_LENGTH or len(set(secret)) < 5:
        problems.append(
            f"SECRET_KEY is too short or too simple; use at least {MIN_SECRET_KEY_LENGTH} random characters."
        )
    if settings.get("DEBUG"):
        problems.append("DEBUG must be off in production (DEBUG=false).")
    hosts = settings.get("ALLOWED_HOSTS") or []
    if not hosts:
        problems.append("ALLOWED_HOSTS is empty; list the host names Procura is served under.")
    if "*" in hosts:
        problems.append("ALLOWED_HOSTS='*' accepts any host; list the host names instead.")
    problems.extend(_audit_key_problems(settings.get("AUDIT_HMAC_KEYS") or {}))
    return problems


MIN_AUDIT_KEY_LENGTH = 32


def _audit_key_problems(keys: Mapping[str, str]) -> list[str]:
    if not keys:
        return [
            "AUDIT_HMAC_KEYS is not set; the audit trail needs a key held outside the database "
            "('<key id>:<secret>', at least 32 random characters)."
        ]
    weak = [key_id for key_id, secret in keys.items() if len(secret) < MIN_AUDIT_KEY_LENGTH]
    if weak:
        return [
            f"AUDIT_HMAC_KEYS: the key(s) {', '.join(weak)} are shorter than "
            f"{MIN_AUDIT_KEY_LENGTH} characters."
        ]
    return []


def refuse_insecure_settings(settings: Mapping[str, Any]) -> None:
    problems = insecure_settings_problems(settings)
    if problems:
        message = "Procura refuses to start with insecure production settings:\n" + "\n".join(
            f"  - {p}" for p in problems
        )
        # SystemExit prints its message on stderr and exits with status 1.
        raise InsecureSettingsError(message)
