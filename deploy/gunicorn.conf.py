"""gunicorn settings for `make run` and `make serve`; override with GUNICORN_* env vars."""

import multiprocessing
import os

workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Garbage collection: the objects the loaded application holds (modules, URL patterns, compiled
# serializers) live as long as the worker, so they are moved out of the collector's sight once
# the worker has loaded the app; and young-generation collections run less often, so a request
# rarely pays for a full collection. "0" in GUNICORN_GC_THRESHOLDS keeps Python's defaults.
GC_THRESHOLDS = os.environ.get("GUNICORN_GC_THRESHOLDS", "50000,20,100")


def post_worker_init(worker):  # noqa: ARG001 - gunicorn's hook signature
    import gc

    gc.collect()
    gc.freeze()
    if GC_THRESHOLDS != "0":
        gc.set_threshold(*(int(part) for part in GC_THRESHOLDS.split(",")))
