"""Prometheus metrics at ``/metrics``.

Requests, latency and responses come from django-prometheus' middleware (per view and method).
This module adds what the database and the broker know, read at scrape time so every web
process reports the same figures whatever worker ran the task: task records by name and state
(finished ones count task outcomes), the depth of each Celery queue, and pages read by OCR.

``/metrics`` answers only to clients in METRICS_ALLOWED_NETWORKS (the client address as
resolved through TRUSTED_PROXIES; loopback by default), so Prometheus scrapes it on an internal
address while the public proxy in front refuses it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from ipaddress import ip_address, ip_network

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from procura.core.middleware import client_ip

logger = logging.getLogger("procura.metrics")


class ProcuraCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        # Looked up by name: core sits below the domains and imports none of them.
        Document = apps.get_model("documents", "Document")  # noqa: N806
        TaskRecord = apps.get_model("jobs", "TaskRecord")  # noqa: N806

        try:
            tasks = GaugeMetricFamily(
                "procura_task_records",
                "Task records by task and state (finished states count task outcomes).",
                labels=["task", "state"],
            )
            rows = TaskRecord.objects.values("name", "state").annotate(n=Count("id")).order_by()
            for row in rows:
                tasks.add_metric([row["name"], row["state"]], row["n"])
            yield tasks
            unsent = GaugeMetricFamily(
                "procura_tasks_unsent", "Tasks recorded but not yet accepted by the broker."
            )
            unsent.add_metric(
                [], TaskRecord.objects.filter(state="pending", dispatched_at__isnull=True).count()
            )
            yield unsent
            ocr = Document.objects.filter(used_ocr=True).aggregate(pages=Sum("page_count"))
            pages = GaugeMetricFamily(
                "procura_ocr_pages", "Pages read by OCR, over the documents kept."
            )
            pages.add_metric([], float(ocr["pages"] or 0))
            yield pages
        except Exception:  # a scrape must not fail because one source did
            logger.exception("Metrics from the database unavailable")
        depth = GaugeMetricFamily(
            "procura_queue_depth", "Messages waiting in each Celery queue.", labels=["queue"]
        )
        for queue, waiting in _queue_depths().items():
            depth.add_metric([queue], waiting)
        yield depth


def _queue_depths() -> dict[str, int]:
    from procura.core.health import in_process, queue_depths

    if in_process():
        return {}
    try:
        return queue_depths()
    except Exception:
        logger.warning("Queue depth unavailable: broker unreachable")
        return {}


_registered = False


def register() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(ProcuraCollector())
        _registered = True


def metrics_view(request: HttpRequest) -> HttpResponse:
    address = client_ip(request)
    try:
        allowed = any(
            ip_address(address) in ip_network(net, strict=False)
            for net in settings.METRICS_ALLOWED_NETWORKS
        )
    except ValueError:
        allowed = False
    if not allowed:
        return HttpResponse(status=404)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers: add up what each process wrote (deploy/gunicorn.conf.py).
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(ProcuraCollector())
    else:
        register()
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
