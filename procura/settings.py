"""Procura settings, read from the environment (12-factor).

With nothing set, Procura runs embedded: an SQLite file under var/, a local-memory cache and
background tasks executed in-process. PROCURA_ENV=production turns on the deployment checks in
``procura.core.deploy_checks`` and refuses to start on insecure values.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

from procura.core.csp import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

PROCURA_ENV = env.str("PROCURA_ENV", default="development")
if PROCURA_ENV not in {"production", "development", "test"}:
    sys.exit(f"PROCURA_ENV must be production, development or test, not {PROCURA_ENV!r}.")
IS_PRODUCTION = PROCURA_ENV == "production"

# Only ever used outside production; production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "procura-development-only-secret-key-not-for-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Proxies (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8") whose X-Forwarded-For is believed
# for the client address (sign-in throttling, audit). Empty: the peer address is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "csp",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "procura.core",
    "procura.accounts",
    "procura.audit",
    "procura.jobs",
    "procura.currency",
    "procura.partners",
    "procura.catalog",
    "procura.inventory",
    "procura.procurement",
    "procura.sales",
    "procura.documents",
    "procura.notifications",
    "procura.reports",
    "procura.webhooks",
    "procura.mailin",
    "procura.sso",
    "procura.demo",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "procura.core.middleware.RequestIdMiddleware",
    "procura.core.middleware.ReleaseOnCloseMiddleware",
    "procura.core.replica.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "procura.core.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "procura.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "procura.core.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "procura.core.middleware.ApiErrorMiddleware",
    "procura.core.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "procura.urls"
WSGI_APPLICATION = "procura.wsgi.application"
ASGI_APPLICATION = "procura.asgi.application"

FRONTEND_DIST = BASE_DIR / "frontend" / "dist"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "procura" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'procura.sqlite3'}"),
}
# Connections stay open across requests (PostgreSQL: 60 s by default, checked before reuse;
# SQLite: for the life of the worker, as opening it re-runs the PRAGMAs on every request).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = (
        env.int("DB_CONN_MAX_AGE") if "DB_CONN_MAX_AGE" in os.environ else None
    )
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
# Behind PgBouncer in transaction pooling mode: no server-side cursors (one would outlive the
# transaction that owns its server connection); .iterator() then fetches in chunks client-side.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DB_DISABLE_SERVER_SIDE_CURSORS", default=False
)
# A streaming replica for reports and exports (procura.core.replica): reads of safe requests
# under REPLICA_READ_PATHS go there; writes and read-your-writes stay on the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["procura.core.replica.ReplicaRouter"]
REPLICA_READ_PATHS = env.list(
    "REPLICA_READ_PATHS", default=["/api/v1/reports/", "/api/v1/receivables/aging/"]
)
REPLICA_STICKY_SECONDS = env.int("REPLICA_STICKY_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

# --- Cache, broker, tasks -------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Every Redis call gives up after these many seconds (a stalled Redis never hangs a request).
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.5)
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails safe: with Redis down or stalled, reads miss and writes are dropped.
            "BACKEND": "procura.core.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="procura"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                "health_check_interval": 30,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# RabbitMQ (amqp://) is the production broker; Redis serves small installs.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# Task outcomes live on TaskRecord rows (procura.jobs), not in a result backend.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="cache+memory://")
CELERY_TASK_IGNORE_RESULT = True
# With no broker, tasks run in the calling process (embedded mode of `make run`).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Three queues, so a backlog of OCR never delays mail or quick jobs; a worker may serve any set.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="default")
CELERY_OCR_QUEUE = env.str("CELERY_OCR_QUEUE", default="ocr")
CELERY_MAIL_QUEUE = env.str("CELERY_MAIL_QUEUE", default="mail")
CELERY_TASK_ROUTES = ("procura.jobs.routing.route_task",)
# Every task has a time limit (a task may set a longer one of its own).
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_HEARTBEAT = 30
# Publishing gives up fast: an unsent task stays in the outbox and the sweeper sends it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # Redis as broker: a dead worker's unacknowledged message comes back after the visibility
    # timeout; the jobs sweeper re-sends its task within a minute or two before that.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_TASK_TIME_LIMIT + 600,
        "socket_timeout": 2.0,
        "socket_connect_timeout": 1.0,
        "max_retries": 1,
    }
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# Workers and beat log through LOGGING below (JSON lines with request and task ids).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Scheduled jobs run at clock times in the company's time zone.
CELERY_TIMEZONE = env.str("COMPANY_TIME_ZONE", default=env.str("TIME_ZONE", default="UTC"))
CELERY_BEAT_SCHEDULER = "procura.jobs.beat:LeasedScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 10

# The outbox of tasks and its sweeper (procura.jobs.dispatch).
JOBS_HEARTBEAT_SECONDS = env.int("JOBS_HEARTBEAT_SECONDS", default=10)
JOBS_STALE_SECONDS = env.int("JOBS_STALE_SECONDS", default=45)
JOBS_LOST_AFTER_SECONDS = env.int("JOBS_LOST_AFTER_SECONDS", default=CELERY_TASK_TIME_LIMIT + 300)
JOBS_MAX_ATTEMPTS = env.int("JOBS_MAX_ATTEMPTS", default=3)
JOBS_BROKER_BACKOFF_SECONDS = env.float("JOBS_BROKER_BACKOFF_SECONDS", default=5.0)
JOBS_BEAT_LEASE_SECONDS = env.int("JOBS_BEAT_LEASE_SECONDS", default=30)
# Readiness: a queue with more waiting tasks than this is reported as backed up.
HEALTH_QUEUE_WARN_DEPTH = env.int("HEALTH_QUEUE_WARN_DEPTH", default=1000)
# The readiness answer comes within this many seconds; a check still running is reported down.
HEALTH_DEADLINE_SECONDS = env.float("HEALTH_DEADLINE_SECONDS", default=0.9)

# Retention (procura.jobs.retention, daily).
RETENTION_TASK_RECORD_DAYS = env.int("RETENTION_TASK_RECORD_DAYS", default=30)
RETENTION_IDEMPOTENCY_KEY_DAYS = env.int("RETENTION_IDEMPOTENCY_KEY_DAYS", default=7)
RETENTION_NOTIFICATION_LOG_DAYS = env.int("RETENTION_NOTIFICATION_LOG_DAYS", default=365)
RETENTION_EXPIRED_TOKEN_DAYS = env.int("RETENTION_EXPIRED_TOKEN_DAYS", default=1)

# Backups (manage.py backup / restore, procura.core.backup).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=14)

CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
CELERY_BEAT_SCHEDULE["jobs-sweep"] = {
    "task": "procura.jobs.tasks.sweep_jobs_task",
    "schedule": 15.0,
    "options": {"expires": 14},
}
CELERY_BEAT_SCHEDULE["jobs-prune"] = {
    "task": "procura.jobs.tasks.prune_records_task",
    "schedule": crontab(hour=3, minute=30),
}
CELERY_BEAT_SCHEDULE["inventory-check-low-stock"] = {
    "task": "procura.inventory.tasks.check_low_stock_task",
    "schedule": crontab(hour=6, minute=0),
}
CELERY_BEAT_SCHEDULE["procurement-draft-reorders"] = {
    "task": "procura.procurement.tasks.draft_reorders_task",
    # After the morning low-stock check, so the drafts see the same figures.
    "schedule": crontab(hour=6, minute=15),
}
CELERY_BEAT_SCHEDULE["currency-import-exchange-rates"] = {
    "task": "procura.currency.tasks.import_exchange_rates_task",
    "schedule": crontab(hour="*/6", minute=10),
}
CELERY_BEAT_SCHEDULE["audit-verify-chain"] = {
    "task": "procura.audit.tasks.verify_audit_chain_task",
    "schedule": crontab(hour=2, minute=15),
}

# The audit chain is keyed: HMAC-SHA256 under keys held outside the database,
# AUDIT_HMAC_KEYS="<key id>:<secret>,<key id>:<secret>" (oldest first; the last one signs new
# events, the others keep verifying the events they signed). Production refuses to start without
# one; development and tests derive a key from SECRET_KEY.
AUDIT_HMAC_KEYS: dict[str, str] = {}
for _entry in (part.strip() for part in env.str("AUDIT_HMAC_KEYS", default="").split(",")):
    if not _entry:
        continue
    _key_id, _, _secret = _entry.partition(":")
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,32}", _key_id) or not _secret:
        sys.exit(
            "AUDIT_HMAC_KEYS must be '<key id>:<secret>' pairs separated by commas; key ids are "
            "1-32 letters, digits, '.', '_' or '-'."
        )
    AUDIT_HMAC_KEYS[_key_id] = _secret
if not AUDIT_HMAC_KEYS and not IS_PRODUCTION:
    AUDIT_HMAC_KEYS = {"dev": hashlib.sha256(f"procura-audit:{SECRET_KEY}".encode()).hexdigest()}
# The chain head is anchored outside the database: a signed file in this storage (media or S3)
# every hour, which ``verify_audit`` compares with the chain.
AUDIT_ANCHOR_STORAGE = env.str("AUDIT_ANCHOR_STORAGE", default="default")
AUDIT_ANCHOR_PREFIX = env.str("AUDIT_ANCHOR_PREFIX", default="audit-anchors")
# Also e-mail each new anchor to the active auditors (a copy the database administrator cannot
# reach either).
AUDIT_ANCHOR_EMAIL_AUDITORS = env.bool("AUDIT_ANCHOR_EMAIL_AUDITORS", default=False)
CELERY_BEAT_SCHEDULE["audit-anchor-chain"] = {
    "task": "procura.audit.tasks.anchor_audit_chain_task",
    "schedule": crontab(minute=7),
    "options": {"expires": 3000},
}

# Outgoing webhooks (procura.webhooks). Private, loopback and link-local receivers are refused
# unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES is on (an on-premises receiver).
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=False)
WEBHOOKS_TIMEOUT_SECONDS = env.int("WEBHOOKS_TIMEOUT_SECONDS", default=10)
WEBHOOKS_MAX_ATTEMPTS = env.int("WEBHOOKS_MAX_ATTEMPTS", default=8)
WEBHOOKS_RETRY_BASE_SECONDS = env.int("WEBHOOKS_RETRY_BASE_SECONDS", default=30)
WEBHOOKS_DISABLE_AFTER_FAILURES = env.int("WEBHOOKS_DISABLE_AFTER_FAILURES", default=15)
CELERY_BEAT_SCHEDULE["webhooks-sweep"] = {
    "task": "procura.webhooks.tasks.sweep_webhooks_task",
    "schedule": 60.0,
    "options": {"expires": 55},
}

# Invoices by e-mail (procura.mailin): active mailboxes are read every MAILIN_POLL_SECONDS.
# Their passwords are encrypted under MAILBOX_CREDENTIALS_KEY (SECRET_KEY when unset).
MAILBOX_CREDENTIALS_KEY = env.str("MAILBOX_CREDENTIALS_KEY", default="")
MAILIN_POLL_SECONDS = env.int("MAILIN_POLL_SECONDS", default=300)
CELERY_BEAT_SCHEDULE["mailin-poll"] = {
    "task": "procura.mailin.tasks.poll_mailboxes_task",
    "schedule": float(MAILIN_POLL_SECONDS),
    "options": {"expires": max(MAILIN_POLL_SECONDS - 5, 30)},
}

# Single sign-on (procura.sso): the OpenID Connect providers, a JSON list (see
# procura/sso/providers.py); PASSWORD_SIGN_IN_ENABLED=false allows single sign-on only.
SSO_PROVIDERS = env.json("SSO_PROVIDERS", default=[])
PASSWORD_SIGN_IN_ENABLED = env.bool("PASSWORD_SIGN_IN_ENABLED", default=True)

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Argon2id first, as Django's documentation recommends (its costs: accounts/hashers.py, which
# also verifies Argon2 hashes made with other costs). The others only verify older hashes,
# which are upgraded to Argon2id on the next successful sign-in.
PASSWORD_HASHERS = [
    "procura.accounts.hashers.ProcuraArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# --- I18N -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
# Where collectstatic writes (the stack check gives its own run one of its own).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {
        "BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    # Hashed, compressed files served by WhiteNoise with a long cache (manifest from collectstatic).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if STORAGES["default"]["BACKEND"].startswith("storages.backends.s3"):
    from procura.core.media_storage import s3_media_options

    STORAGES["default"]["OPTIONS"] = s3_media_options(
        bucket=env.str("MEDIA_S3_BUCKET"),
        endpoint_url=env.str("MEDIA_S3_ENDPOINT_URL", default=None),
        region=env.str("MEDIA_S3_REGION", default=None),
        prefix=env.str("MEDIA_S3_PREFIX", default=""),
        addressing_style=env.str("MEDIA_S3_ADDRESSING_STYLE", default="auto"),
    )
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.exists() else None
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+[.-][0-9a-zA-Z_-]{8,12}\..+$"

# Largest request body accepted (413 beyond). Uploads have their own, larger limit.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
UPLOAD_PATH_PREFIXES = ["/api/v1/documents/"]
DOCUMENT_MAX_PAGES = env.int("DOCUMENT_MAX_PAGES", default=50)
# Decompression-bomb guard: images (and rendered PDF pages) above this many pixels are refused.
DOCUMENT_MAX_IMAGE_PIXELS = env.int("DOCUMENT_MAX_IMAGE_PIXELS", default=60_000_000)
DOCUMENT_UNATTACHED_RETENTION_DAYS = env.int("DOCUMENT_UNATTACHED_RETENTION_DAYS", default=7)
CELERY_BEAT_SCHEDULE["documents-weekly-cleanup"] = {
    "task": "procura.documents.tasks.cleanup_documents_task",
    "schedule": crontab(hour=4, minute=0, day_of_week="sunday"),
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# CSV imports of master data (procura.core.csv_io): largest file and most rows per import.
CSV_IMPORT_MAX_BYTES = env.int("CSV_IMPORT_MAX_BYTES", default=API_MAX_BODY_BYTES)
CSV_IMPORT_MAX_ROWS = env.int("CSV_IMPORT_MAX_ROWS", default=100_000)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if not IS_PRODUCTION else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Procura <procura@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "procura.accounts.authentication.ApiTokenAuthentication",
        "procura.accounts.authentication.CookieJWTAuthentication",
    ],
    # Fail closed: a view that names no matrix resource and no permission class of its own is
    # refused to everyone.
    "DEFAULT_PERMISSION_CLASSES": ["procura.accounts.permissions.MatrixPermission"],
    "DEFAULT_RENDERER_CLASSES": ["procura.core.renderers.ProcuraJSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "procura.core.renderers.ProcuraContentNegotiation",
    "DEFAULT_PARSER_CLASSES": [
        "procura.core.parsers.ProcuraJSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "procura.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "procura.core.filters.ProcuraFilterBackend",
        "procura.core.filters.ProcuraSearchFilter",
        "procura.core.filters.ProcuraOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "procura.core.errors.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "procura.core.throttling.AnonCountingThrottle",
        "procura.core.throttling.UserCountingThrottle",
        "procura.core.throttling.ProcuraScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="120/minute"),
        "user": env.str("THROTTLE_USER", default="3000/minute"),
        # per client address; wrong passwords also lock per account and client
        "login": env.str("THROTTLE_LOGIN", default="30/minute"),
        "uploads": env.str("THROTTLE_UPLOADS", default="60/minute"),
        "exports": env.str("THROTTLE_EXPORTS", default="30/minute"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "SIGNING_KEY": SECRET_KEY,
    "ALGORITHM": "HS256",
    "AUTH_HEADER_TYPES": ("Bearer",),
}
# Cookies carrying the JWTs. Secure everywhere except plain-http local development.
JWT_ACCESS_COOKIE = "procura_access"
JWT_REFRESH_COOKIE = "procura_refresh"
JWT_COOKIE_SECURE = env.bool("JWT_COOKIE_SECURE", default=IS_PRODUCTION)
JWT_COOKIE_SAMESITE = "Lax"

# Login throttling: failures per account and per client address within the window.
# Personal API tokens expire after this many days unless created with another expiry.
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=90)
# Each web process keeps the API tokens it read (with user and roles) for at most this many
# seconds; a revocation, a deactivation or a role change reaches every process sharing Redis at
# once, and other processes (no Redis) within these seconds. 0: read the token on every request.
API_TOKEN_CACHE_SECONDS = env.int("API_TOKEN_CACHE_SECONDS", default=10)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=15 * 60)
# Per (account, client): after this many failures the client is locked out of the account for
# LOGIN_LOCK_BASE_SECONDS, doubling with each further failure up to LOGIN_LOCK_MAX_SECONDS.
LOGIN_MAX_FAILURES_PER_ACCOUNT = env.int("LOGIN_MAX_FAILURES_PER_ACCOUNT", default=5)
LOGIN_LOCK_BASE_SECONDS = env.int("LOGIN_LOCK_BASE_SECONDS", default=60)
LOGIN_LOCK_MAX_SECONDS = env.int("LOGIN_LOCK_MAX_SECONDS", default=3600)
# Failures on one account from all clients together; clients that signed in to it before pass.
LOGIN_MAX_FAILURES_ACCOUNT_WIDE = env.int("LOGIN_MAX_FAILURES_ACCOUNT_WIDE", default=50)
LOGIN_MAX_FAILURES_PER_IP = env.int("LOGIN_MAX_FAILURES_PER_IP", default=20)
LOGIN_KNOWN_CLIENT_COOKIE = "procura_known_client"
LOGIN_KNOWN_CLIENT_DAYS = env.int("LOGIN_KNOWN_CLIENT_DAYS", default=180)

SPECTACULAR_SETTINGS = {
    "TITLE": "Procura API",
    "DESCRIPTION": "Procure-to-pay, order-to-cash and inventory for trading businesses.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Operation paths as text, not links nested inside the operation's toggle button.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]",
    "ENUM_NAME_OVERRIDES": {
        "WebhookEventTypeEnum": "procura.webhooks.events.EVENT_CHOICES",
        "MailSecurityEnum": "procura.mailin.models.MailSecurity",
        "InboundMessageStatusEnum": "procura.mailin.models.MessageStatus",
        "InboundAttachmentOutcomeEnum": "procura.mailin.models.AttachmentOutcome",
        "UnitEnum": "procura.core.units.UnitOfMeasure",
        "SalesOrderStatusEnum": "procura.sales.models.SalesOrderStatus",
        "SalesQuoteStatusEnum": "procura.sales.models.SalesQuoteStatus",
        "ShipmentStatusEnum": "procura.sales.models.ShipmentStatus",
        "CustomerInvoiceStatusEnum": "procura.sales.models.InvoiceStatus",
        "CustomerPaymentMethodEnum": "procura.sales.models.PaymentMethod",
        "CreditNoteReasonEnum": "procura.sales.models.CreditReason",
        "CustomerReturnReasonEnum": "procura.sales.models.ReturnReason",
        "CustomerReturnStatusEnum": "procura.sales.models.CustomerReturnStatus",
        "CustomerInvoiceKindEnum": "procura.sales.models.InvoiceKind",
        "NotificationChannelEnum": "procura.notifications.models.Channel",
        "NotificationStatusEnum": "procura.notifications.models.DeliveryStatus",
        "RoleEnum": "procura.accounts.roles.Role",
        "PartyStatusEnum": "procura.partners.models.PartyStatus",
        "CustomerKindEnum": "procura.partners.models.CustomerKind",
        "StockMovementKindEnum": "procura.inventory.models.MovementKind",
        "LandedChargeKindEnum": "procura.procurement.models.ChargeKind",
        "LocationKindEnum": "procura.inventory.models.LocationKind",
        "AddressKindEnum": "procura.partners.models.AddressKind",
        "ApproverKindEnum": "procura.procurement.models.ApproverKind",
        "PurchaseRequestStatusEnum": "procura.procurement.models.PurchaseRequestStatus",
        "ApprovalStepStatusEnum": "procura.procurement.models.ApprovalStepStatus",
        "ApprovalHistoryActionEnum": "procura.procurement.models.ApprovalHistoryAction",
        "PurchaseOrderStatusEnum": "procura.procurement.models.PurchaseOrderStatus",
        "SupplierInvoiceKindEnum": "procura.procurement.models.SupplierInvoiceKind",
        "RfqStatusEnum": "procura.procurement.models.RfqStatus",
        "RfqInvitationStatusEnum": "procura.procurement.models.RfqInvitationStatus",
        "BudgetPeriodEnum": "procura.procurement.models.BudgetPeriod",
        "OverBudgetActionEnum": "procura.procurement.models.OverBudgetAction",
        "SupplierInvoiceStatusEnum": "procura.procurement.models.SupplierInvoiceStatus",
        "SupplierDebitNoteStatusEnum": "procura.procurement.models.DebitNoteStatus",
        "PaymentMethodEnum": "procura.procurement.models.PaymentMethod",
        "DocumentStatusEnum": "procura.documents.models.DocumentStatus",
        "DocumentKindEnum": "procura.documents.models.DocumentKind",
        "DocumentAttachmentTypeEnum": "procura.documents.access.ATTACHABLE_MODELS",
    },
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "cookieAuth": {"type": "apiKey", "in": "cookie", "name": JWT_ACCESS_COOKIE},
            "bearerAuth": {"type": "http", "scheme": "bearer"},
        }
    },
    "SECURITY": [{"cookieAuth": []}, {"bearerAuth": []}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "procura.core.schema.add_problem_responses",
        "procura.accounts.permission_docs.document_permissions",
    ],
}

# How far back a stock movement may be dated (a late-booked delivery, a count).
STOCK_BACKDATING_DAYS = env.int("STOCK_BACKDATING_DAYS", default=92)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_HTTPONLY = False  # the web app reads it to send X-CSRFToken
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# A strict Content-Security-Policy on every response (procura.core.csp says what it allows).
CONTENT_SECURITY_POLICY = content_security_policy(report_uri=env.str("CSP_REPORT_URI", default=""))
# The OpenAPI schema and its docs (/api/schema/, /api/docs/) for signed-in people only; on by
# default in production, where the API's shape is nobody else's business.
API_DOCS_REQUIRE_SIGN_IN = env.bool("API_DOCS_REQUIRE_SIGN_IN", default=IS_PRODUCTION)
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^api/health/"]

# --- Logging: JSON lines on stdout, each with the request id -------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "procura.core.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "procura.core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
        "celery": {"level": "INFO"},
    },
}

# --- Metrics and error reports -------------------------------------------------------------
# /metrics answers only to these client networks (Prometheus on an internal address).
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])
PROMETHEUS_EXPORT_MIGRATIONS = False
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=PROCURA_ENV,
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Domain settings ------------------------------------------------------------------------
DEFAULT_CURRENCY = env.str("DEFAULT_CURRENCY", default="USD")
# Where the web app is reached from outside: links in e-mails (a supplier's quotation link).
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://localhost:8000")
# A supplier's link to quote on a request for quotation works this many days after sending.
RFQ_LINK_MAX_AGE_DAYS = env.int("RFQ_LINK_MAX_AGE_DAYS", default=30)
# The currency the company keeps its books in: budgets, reports and aging total in it.
COMPANY_CURRENCY = env.str("COMPANY_CURRENCY", default=DEFAULT_CURRENCY)
# Our own company as it appears on the invoices we receive (the buyer, never the supplier).
PROCURA_COMPANY_NAME = env.str("PROCURA_COMPANY_NAME", default="Westgate Retail Group")
PROCURA_COMPANY_VAT_IDS = env.list("PROCURA_COMPANY_VAT_IDS", default=[])
# Our own country (ISO 3166-1 alpha-2): a supplier created from an invoice that shows no country
# of its issuer gets it. Empty: the country of COMPANY_CURRENCY when only one country uses it.
PROCURA_COMPANY_COUNTRY = env.str("PROCURA_COMPANY_COUNTRY", default="")
# A rate older than this many days (weekends and holidays have none) is not used.
EXCHANGE_RATE_MAX_AGE_DAYS = env.int("EXCHANGE_RATE_MAX_AGE_DAYS", default=10)
# Daily rate feed (ECB euro reference rates XML); empty: rates are imported by hand only.
EXCHANGE_RATE_FEED_URL = env.str("EXCHANGE_RATE_FEED_URL", default="")
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="procura-demo-2026")

# Procure-to-pay: approval follow-up delays, receipt and three-way match tolerances.
PROCUREMENT_APPROVAL_REMINDER_HOURS = env.int("PROCUREMENT_APPROVAL_REMINDER_HOURS", default=24)
PROCUREMENT_APPROVAL_ESCALATION_HOURS = env.int("PROCUREMENT_APPROVAL_ESCALATION_HOURS", default=72)
PROCUREMENT_RECEIPT_TOLERANCE_PERCENT = env.str(
    "PROCUREMENT_RECEIPT_TOLERANCE_PERCENT", default="5"
)
PROCUREMENT_MATCH_PRICE_TOLERANCE_PERCENT = env.str(
    "PROCUREMENT_MATCH_PRICE_TOLERANCE_PERCENT", default="2"
)
PROCUREMENT_MATCH_PRICE_TOLERANCE_AMOUNT = env.str(
    "PROCUREMENT_MATCH_PRICE_TOLERANCE_AMOUNT", default="0.05"
)
PROCUREMENT_MATCH_QUANTITY_TOLERANCE_PERCENT = env.str(
    "PROCUREMENT_MATCH_QUANTITY_TOLERANCE_PERCENT", default="0"
)
PROCUREMENT_MATCH_TOTAL_TOLERANCE_AMOUNT = env.str(
    "PROCUREMENT_MATCH_TOTAL_TOLERANCE_AMOUNT", default="0.05"
)
CELERY_BEAT_SCHEDULE["procurement-approval-follow-up"] = {
    "task": "procura.procurement.tasks.follow_up_approvals_task",
    "schedule": timedelta(minutes=30),
}
CELERY_BEAT_SCHEDULE["reports-daily-spend-summary"] = {
    "task": "procura.reports.tasks.send_daily_spend_summary_task",
    "schedule": crontab(hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["procurement-monthly-archive"] = {
    "task": "procura.procurement.tasks.archive_closed_orders_task",
    "schedule": crontab(hour=1, minute=0, day_of_month="1"),
}
# Phone numbers typed without a country code are read in this region (stored as E.164).
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")

# Notifications: SMS backend "console" (logged) or "http" (Twilio-style gateway), retries with
# exponential backoff, and the circuit breaker that protects the SMS gateway.
NOTIFICATIONS_SMS_BACKEND = env.str("NOTIFICATIONS_SMS_BACKEND", default="console")
NOTIFICATIONS_SMS_GATEWAY_URL = env.str("NOTIFICATIONS_SMS_GATEWAY_URL", default="")
NOTIFICATIONS_SMS_GATEWAY_ACCOUNT = env.str("NOTIFICATIONS_SMS_GATEWAY_ACCOUNT", default="")
NOTIFICATIONS_SMS_GATEWAY_TOKEN = env.str("NOTIFICATIONS_SMS_GATEWAY_TOKEN", default="")
NOTIFICATIONS_SMS_FROM = env.str("NOTIFICATIONS_SMS_FROM", default="")
NOTIFICATIONS_SMS_TIMEOUT_SECONDS = env.float("NOTIFICATIONS_SMS_TIMEOUT_SECONDS", default=5.0)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=3)
NOTIFICATIONS_RETRY_BACKOFF_SECONDS = env.int("NOTIFICATIONS_RETRY_BACKOFF_SECONDS", default=30)
NOTIFICATIONS_BREAKER_THRESHOLD = env.int("NOTIFICATIONS_BREAKER_THRESHOLD", default=3)
NOTIFICATIONS_BREAKER_COOLDOWN_SECONDS = env.int(
    "NOTIFICATIONS_BREAKER_COOLDOWN_SECONDS", default=300
)

# Order-to-cash: overdue invoice reminders at these days past due (each sent once).
SALES_REMINDER_DAYS = (7, 30, 60)
CELERY_BEAT_SCHEDULE["sales-overdue-invoice-reminders"] = {
    "task": "procura.sales.tasks.send_overdue_reminders_task",
    "schedule": crontab(hour=8, minute=0),
}
CELERY_BEAT_SCHEDULE["sales-expire-quotes"] = {
    "task": "procura.sales.tasks.expire_quotes_task",
    "schedule": crontab(hour=0, minute=20),
}

if IS_PRODUCTION:
    from procura.core.deploy_checks import refuse_insecure_settings

    refuse_insecure_settings(globals())
