"""A lean Django REST framework project serving the purchase order list shape, to measure
Procura's list against (see bench/lists/harness.py)."""

from __future__ import annotations

import os

import environ

SECRET_KEY = "bench-baseline-only"  # noqa: S105 - a benchmark project on loopback
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = ["django.contrib.contenttypes", "rest_framework", "baseline"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "baseline.urls"
DATABASES = {
    "default": {
        **environ.Env.db_url_config(
            os.environ.get("BASELINE_DATABASE_URL", "sqlite:////tmp/procura-bench-baseline.sqlite3")
        ),
        "CONN_MAX_AGE": 600,
    }
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = None
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
