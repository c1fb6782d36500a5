from __future__ import annotations

import pytest
from django.test import Client, override_settings

from procura.jobs.models import TaskRecord, TaskState

pytestmark = pytest.mark.django_db


def test_metrics_report_requests_tasks_and_ocr_pages_to_an_internal_scraper(api_client):
    TaskRecord.objects.create(name="documents.process", state=TaskState.FAILED)
    api_client.get("/api/health/")

    response = Client(REMOTE_ADDR="127.0.0.1").get("/metrics")

    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert 'procura_task_records{state="failed",task="documents.process"} 1.0' in text
    assert "procura_ocr_pages 0.0" in text
    assert "procura_tasks_unsent" in text


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_metrics_are_refused_to_public_clients_directly_or_through_the_proxy():
    direct = Client(REMOTE_ADDR="203.0.113.7").get("/metrics")
    forwarded = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").get("/metrics")

    assert direct.status_code == 404
    assert forwarded.status_code == 404


def test_each_request_is_counted_in_its_view_method_and_status_series(client_as):
    from prometheus_client import REGISTRY

    client = client_as("auditor")
    labels = {"status": "200", "view": "purchase-order-list", "method": "GET"}
    name = "django_http_responses_total_by_status_view_method_total"
    before = REGISTRY.get_sample_value(name, labels) or 0.0
    missing = {**labels, "status": "404"}
    missing_before = REGISTRY.get_sample_value(name, missing) or 0.0

    for _ in range(3):
        assert client.get("/api/v1/purchase-orders/").status_code == 200
    client.get("/api/v1/purchase-orders/999999/")

    assert REGISTRY.get_sample_value(name, labels) == before + 3
    detail = {**missing, "view": "purchase-order-detail"}
    assert (REGISTRY.get_sample_value(name, detail) or 0.0) >= 1
    assert (REGISTRY.get_sample_value(name, missing) or 0.0) == missing_before
