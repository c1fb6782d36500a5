"""gunicorn settings for `make run`, `make serve`, the container image and the systemd unit;
override with GUNICORN_* env vars. Logs are JSON lines on stdout (access lines carry the
request id); X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS (the proxy)."""

import multiprocessing
import os

from procura.core.logging import gunicorn_logconfig

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
logger_class = "procura.core.logging.GunicornLogger"
logconfig_dict = gunicorn_logconfig(os.environ.get("LOG_LEVEL", "INFO"))
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Uploads up to 20 MB arrive through nginx, which buffers them; gunicorn's own limits stay.
limit_request_line = 8190
