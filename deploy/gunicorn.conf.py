"""gunicorn settings for `make run`, `make serve`, the container image and the systemd unit;
override with GUNICORN_* env vars. Logs are JSON lines on stdout (access lines carry the
request id); X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS (the proxy)."""

import multiprocessing
import os
import shutil
import tempfile

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

# Prometheus metrics summed over all workers (procura.core.metrics): each process writes its own
# files here; the directory is emptied when the server starts and a dead worker's files retired.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join(tempfile.gettempdir(), f"procura-metrics-{os.getpid()}"),
)


def on_starting(server):
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


# Garbage collection: the objects the loaded application holds (modules, URL patterns, compiled
# list plans) live as long as the worker, so they are moved out of the collector's sight once
# the worker has loaded the app; and young-generation collections run less often, so a request
# rarely pays for a full collection. "0" in GUNICORN_GC_THRESHOLDS keeps Python's defaults.
GC_THRESHOLDS = os.environ.get("GUNICORN_GC_THRESHOLDS", "5000,10,10")


def post_worker_init(worker):  # noqa: ARG001 - gunicorn's hook signature
    import gc

    from django.urls import get_resolver

    # Every URL module, view and serializer is imported before the worker takes a request:
    # otherwise the first person each new worker serves (after a deploy, a restart or
    # max_requests) waits for the whole API to import, seconds on a busy two-core server.
    # (Loading the patterns imports them; resolving a path would tie this file to one URL
    # that a project served with it, such as the list benchmark's baseline, may not have.)
    get_resolver().url_patterns  # noqa: B018 - loading them is the point
    gc.collect()
    gc.freeze()
    if GC_THRESHOLDS != "0":
        gc.set_threshold(*(int(part) for part in GC_THRESHOLDS.split(",")))
