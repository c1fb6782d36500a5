"""Done-when check: a digital and a scanned invoice uploaded through the API end, through a real
Celery worker, as processed documents with their fields.

Runs only on PostgreSQL with REDIS_URL set (see procura/core/tests/test_worker.py).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from procura.core.testing import wait_for_task
from procura.core.tests.test_worker import celery_worker  # noqa: F401 - the fixture
from procura.documents.models import Document
from procura.documents.tests.factories import sample_bytes, sample_truth, upload

DONE_SECONDS = 120

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL)",
    ),
]


def test_digital_and_scanned_invoices_are_processed_by_a_worker(
    celery_worker,  # noqa: F811
    client_as,
    settings,
):
    # The worker runs with the default settings: files go where it looks for them.
    settings.MEDIA_ROOT = settings.VAR_DIR / "media"
    client = client_as("procurement")
    truth = sample_truth()

    try:
        for name in ("modern.pdf", "compact-scan.png"):
            response = client.post(
                "/api/v1/documents/", {"file": upload(name, sample_bytes(name))}, format="multipart"
            )
            assert response.status_code == 202
            status = wait_for_task(client, response.json()["task_id"], seconds=DONE_SECONDS)
            log = celery_worker.log_path.read_text()
            assert status["state"] == "succeeded", f"{status}\n--- worker log ---\n{log}"
            detail = client.get(f"/api/v1/documents/{response.json()['id']}/").json()
            assert detail["status"] == "processed"
            fields = detail["extraction"]["fields"]
            for field in ("invoice_number", "invoice_date", "total", "currency"):
                assert fields[field]["value"] == truth[name][field]
    finally:
        for document in Document.objects.all():
            document.file.delete(save=False)
