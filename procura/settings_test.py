"""Settings for the test suite: PostgreSQL and Redis when TEST_DATABASE_URL and REDIS_URL are
set (as in CI), an in-memory SQLite database and in-process tasks otherwise."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["PROCURA_ENV"] = "test"
if os.environ.get("TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEST_DATABASE_URL"]
else:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
# One cache namespace per test process (xdist workers inherit the controller's environment).
os.environ["CACHE_KEY_PREFIX"] = (
    f"procura-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
)

from procura.settings import *  # noqa: E402,F403
from procura.settings import DATABASES, REST_FRAMEWORK  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="procura-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run tasks in-process unless they start a real worker (see procura/core/tests).
CELERY_TASK_ALWAYS_EAGER = True
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    # High enough never to slow the suite; procura/core/tests/test_throttling.py lowers them.
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(
        ("anon", "user", "login", "uploads", "exports"), "100000/minute"
    ),
}
# Every request reads its API token (as the query-count tests expect);
# procura/accounts/tests/test_token_cache.py turns the kept tokens on.
API_TOKEN_CACHE_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
