"""Done-when check of the documents issue with procurement present: an invoice uploaded through
the API is read by a real Celery worker and ends as a draft supplier invoice on its order.

Runs only on PostgreSQL with REDIS_URL set (see procura/core/tests/test_worker.py).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from procura.core.testing import wait_for_task
from procura.core.tests.test_worker import celery_worker  # noqa: F401 - the fixture
from procura.documents.models import Document
from procura.documents.tests.factories import sample_bytes, sample_truth, upload
from procura.procurement.models import SupplierInvoice, SupplierInvoiceStatus
from procura.procurement.tests.test_invoice_documents import SAMPLE, northfield, received_order

DONE_SECONDS = 120

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL)",
    ),
]


def test_an_uploaded_invoice_becomes_a_draft_invoice_through_a_worker(
    celery_worker,  # noqa: F811
    client_as,
    settings,
):
    # The worker runs with the default settings: files go where it looks for them.
    settings.MEDIA_ROOT = settings.VAR_DIR / "media"
    truth = sample_truth()[SAMPLE]
    supplier = northfield()
    order = received_order(supplier)
    clerk = client_as("finance")

    try:
        response = clerk.post(
            "/api/v1/documents/", {"file": upload(SAMPLE, sample_bytes(SAMPLE))}, format="multipart"
        )
        assert response.status_code == 202, response.content
        status = wait_for_task(clerk, response.json()["task_id"], seconds=DONE_SECONDS)
        log = celery_worker.log_path.read_text()
        assert status["state"] == "succeeded", f"{status}\n--- worker log ---\n{log}"

        invoice = SupplierInvoice.objects.get(source_document_id=response.json()["id"])
        assert invoice.status == SupplierInvoiceStatus.DRAFT
        assert invoice.supplier_id == supplier.pk
        assert invoice.purchase_order_id == order.pk
        assert invoice.invoice_number == truth["invoice_number"]
        assert str(invoice.total) == truth["total"]
    finally:
        for document in Document.objects.all():
            document.file.delete(save=False)
