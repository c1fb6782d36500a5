"""Production settings refuse insecure values at start, and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
GOOD_SECRET = "k7#Qm2vX9pL4zR8tW1yB6nC3fH5jD0sG7aE2uI9oP4lK8mN1bV6cX3zQ"
GOOD = {
    "SECRET_KEY": GOOD_SECRET,
    "DEBUG": "false",
    "ALLOWED_HOSTS": "procura.example.com",
    "AUDIT_HMAC_KEYS": "2026a:Zr8Wq2Lx5Tn9Vb3Kc7Hd1Mf4Pj6Ys0Ga",
}


def run_production(code_or_args: list[str], **overrides: str | None) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "PROCURA_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "procura.settings",
        **GOOD,
    }
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, *code_or_args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETUP = ["-c", "import django; django.setup(); print('started')"]


def test_good_production_settings_start():
    result = run_production(SETUP)

    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is the development default"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY is the development default"),
        ({"SECRET_KEY": "short-key"}, "SECRET_KEY is too short"),
        ({"SECRET_KEY": "a" * 80}, "SECRET_KEY is too short or too simple"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS='*'"),
        ({"ALLOWED_HOSTS": "procura.example.com,*"}, "ALLOWED_HOSTS='*'"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is empty"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is empty"),
        ({"AUDIT_HMAC_KEYS": None}, "AUDIT_HMAC_KEYS is not set"),
        ({"AUDIT_HMAC_KEYS": "2026a:short"}, "the key(s) 2026a are shorter than 32"),
    ],
)
def test_insecure_production_settings_refuse_to_start(overrides, message):
    result = run_production(SETUP, **overrides)

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "Procura refuses to start with insecure production settings" in result.stderr
    assert message in result.stderr
    assert result.stderr.count("refuses to start") == 1
    assert "Traceback" not in result.stderr


def test_every_problem_is_listed_at_once():
    result = run_production(SETUP, SECRET_KEY=None, DEBUG="true", ALLOWED_HOSTS="*")

    assert result.returncode != 0
    for message in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"):
        assert message in result.stderr


def test_deployment_security_checks_are_clean():
    result = run_production(
        ["manage.py", "check", "--deploy", "--tag", "security", "--fail-level", "WARNING"]
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_full_deployment_check_reports_nothing():
    result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
