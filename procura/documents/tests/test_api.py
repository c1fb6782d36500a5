"""Documents through the real API: upload, processing (eager tasks), errors, access, search."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from procura.accounts.tests.factories import make_department
from procura.documents.models import Document, DocumentAttachment, DocumentStatus, SupplierHint
from procura.documents.services import documents_cleanup
from procura.documents.tasks import process_document_task
from procura.documents.tests.factories import (
    blank_pdf,
    encrypted_pdf,
    pdf_with_picture,
    sample_bytes,
    sample_truth,
    upload,
)
from procura.jobs.models import TaskRecord, TaskState

URL = "/api/v1/documents/"


def _upload(client: Any, name: str, data: bytes, capture: Any, **extra: Any) -> Any:
    with capture(execute=True):
        return client.post(URL, {"file": upload(name, data), **extra}, format="multipart")


def test_digital_invoice_upload_is_processed_with_fields_and_task_progress(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("procurement")
    truth = sample_truth()["classic.pdf"]

    response = _upload(
        client, "classic.pdf", sample_bytes("classic.pdf"), django_capture_on_commit_callbacks
    )

    assert response.status_code == 202
    assert set(response.json()) >= {"id", "task_id", "status"}
    task = client.get(f"/api/v1/tasks/{response.json()['task_id']}/").json()
    assert task["state"] == "succeeded"
    assert task["progress"] == 100
    assert task["step"] == "extract"
    assert task["result"]["fields"]["total"] == truth["total"]
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    assert detail["content_type"] == "application/pdf"
    assert detail["page_count"] == 1
    fields = detail["extraction"]["fields"]
    assert fields["invoice_number"]["value"] == truth["invoice_number"]
    assert fields["po_number"]["value"] == truth["po_number"]
    assert fields["total"]["location"]["page"] == 1
    assert len(detail["extraction"]["line_items"]) == len(truth["line_items"])


def test_scanned_invoice_goes_through_ocr(client_as, django_capture_on_commit_callbacks):
    client = client_as("finance")
    truth = sample_truth()["compact-scan.png"]

    # The name says PDF; the content (PNG) decides.
    response = _upload(
        client, "scan.pdf", sample_bytes("compact-scan.png"), django_capture_on_commit_callbacks
    )

    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["content_type"] == "image/png"
    assert detail["used_ocr"] is True
    assert detail["extraction"]["fields"]["total"]["value"] == truth["total"]
    assert detail["extraction"]["fields"]["invoice_date"]["value"] == truth["invoice_date"]


def test_pdf_whose_invoice_is_a_picture_beside_a_text_layer_is_read_by_ocr(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("finance")
    truth = sample_truth()["compact-scan.png"]
    picture = Image.open(io.BytesIO(sample_bytes("compact-scan.png")))
    data = pdf_with_picture(picture, "Forwarded by the mail room scanner")

    response = _upload(client, "forwarded.pdf", data, django_capture_on_commit_callbacks)

    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["used_ocr"] is True
    fields = detail["extraction"]["fields"]
    assert fields["invoice_number"]["value"] == truth["invoice_number"]
    assert fields["total"]["value"] == truth["total"]
    assert "Forwarded by the mail room scanner" in detail["text"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("invoice.pdf", b"<!DOCTYPE html><html><body>%PDF-1.4</body></html>"),
        ("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    ],
)
def test_files_other_than_pdf_png_jpeg_tiff_are_refused_with_415(client_as, name, data):
    client = client_as("procurement")

    response = client.post(URL, {"file": upload(name, data, "application/pdf")}, format="multipart")

    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/problem+json")
    assert Document.objects.count() == 0


def test_upload_over_the_size_limit_is_refused_with_413(client_as, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    client = client_as("procurement")

    response = client.post(
        URL, {"file": upload("big.pdf", blank_pdf() + b" " * 2000)}, format="multipart"
    )

    assert response.status_code == 413
    assert Document.objects.count() == 0


def test_upload_path_has_the_upload_body_limit(settings):
    from procura.core.middleware import body_limit_for

    assert body_limit_for(URL) == settings.DOCUMENT_MAX_UPLOAD_BYTES


def test_encrypted_pdf_fails_with_a_clear_error_and_is_not_retried(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("procurement")

    response = _upload(client, "locked.pdf", encrypted_pdf(), django_capture_on_commit_callbacks)

    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == DocumentStatus.FAILED
    assert document.error_code == "encrypted_pdf"
    assert "encrypted" in document.error
    assert document.attempts == 1
    task = client.get(f"/api/v1/tasks/{response.json()['task_id']}/").json()
    assert task["state"] == "failed"
    assert "encrypted" in task["error"]


def test_damaged_pdf_fails_with_a_clear_error(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")

    response = _upload(
        client, "broken.pdf", b"%PDF-1.7\n1 0 obj <<", django_capture_on_commit_callbacks
    )

    document = Document.objects.get(pk=response.json()["id"])
    assert (document.status, document.error_code) == (DocumentStatus.FAILED, "broken_file")


def test_page_limit(client_as, settings, django_capture_on_commit_callbacks):
    settings.DOCUMENT_MAX_PAGES = 2
    client = client_as("procurement")

    response = _upload(client, "long.pdf", blank_pdf(3), django_capture_on_commit_callbacks)

    document = Document.objects.get(pk=response.json()["id"])
    assert (document.status, document.error_code) == (DocumentStatus.FAILED, "too_many_pages")
    assert "3 pages" in document.error


def test_same_bytes_uploaded_again_return_the_existing_document(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("procurement")
    first = _upload(client, "a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks)

    second = _upload(
        client, "copy of a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks
    )

    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["duplicate"] is True
    assert Document.objects.count() == 1
    assert TaskRecord.objects.count() == 1


def test_same_bytes_from_someone_who_cannot_see_the_first_make_a_document_of_their_own(
    client_as, django_capture_on_commit_callbacks
):
    sales, meat = make_department(name="Sales"), make_department(name="Meat")
    owner = client_as("requester", department=sales)
    first = _upload(owner, "a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks)
    assert first.status_code == 202
    first_id = first.json()["id"]
    attachments_before = list(
        DocumentAttachment.objects.filter(document_id=first_id).values_list(
            "pk", "object_type_id", "object_id", "attached_by_id"
        )
    )
    other = client_as("requester", department=meat)

    second = _upload(
        other, "mine.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks
    )

    assert second.status_code == 202
    body = second.json()
    assert body["id"] != first_id
    assert body["duplicate"] is False
    # The uploader reaches their own document, never the first one.
    assert other.get(f"{URL}{first_id}/").status_code == 404
    assert other.get(f"{URL}{first_id}/download/").status_code == 404
    assert other.get(f"{URL}{body['id']}/download/").status_code == 200
    assert [row["id"] for row in other.get(URL).json()["results"]] == [body["id"]]
    # One stored blob behind both documents.
    first_doc, second_doc = Document.objects.get(pk=first_id), Document.objects.get(pk=body["id"])
    assert first_doc.file.name == second_doc.file.name
    assert first_doc.uploaded_by_id == owner.user.pk
    assert second_doc.uploaded_by_id == other.user.pk
    # Uploading again returns their own document; the owner's copy is untouched.
    again = _upload(other, "m2.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks)
    assert again.json()["id"] == body["id"]
    assert again.json()["duplicate"] is True
    assert list(
        DocumentAttachment.objects.filter(document_id=first_id).values_list(
            "pk", "object_type_id", "object_id", "attached_by_id"
        )
    ) == (attachments_before)


def test_same_bytes_from_someone_who_can_see_the_first_reuse_it(
    client_as, django_capture_on_commit_callbacks
):
    dept = make_department(name="Ops")
    owner = client_as("requester", department=dept)
    first = _upload(owner, "a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks)
    manager = client_as("approver", department=dept)  # sees the department's documents

    second = _upload(
        manager, "a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks
    )

    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Document.objects.count() == 1


def test_cleanup_keeps_a_blob_another_document_still_uses(
    client_as, django_capture_on_commit_callbacks
):
    sales, meat = make_department(name="Sales"), make_department(name="Meat")
    first = _upload(
        client_as("requester", department=sales),
        "a.pdf",
        sample_bytes("modern.pdf"),
        django_capture_on_commit_callbacks,
    )
    second = _upload(
        client_as("requester", department=meat),
        "b.pdf",
        sample_bytes("modern.pdf"),
        django_capture_on_commit_callbacks,
    )
    DocumentAttachment.objects.filter(document_id=first.json()["id"]).delete()
    Document.objects.filter(pk=first.json()["id"]).update(
        created_at=timezone.now() - timedelta(days=30)
    )

    assert documents_cleanup()["documents_removed"] == 1

    kept = Document.objects.get(pk=second.json()["id"])
    assert kept.file.name
    assert kept.file.storage.exists(kept.file.name)


def test_requester_cannot_see_another_departments_document(
    client_as, make_user, django_capture_on_commit_callbacks
):
    sales, meat = make_department(name="Sales"), make_department(name="Meat")
    owner = client_as("requester", department=sales)
    document_id = _upload(
        owner, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    stranger = client_as("requester", department=meat)
    colleague_manager = client_as("approver", department=sales)

    assert stranger.get(f"{URL}{document_id}/").status_code == 404
    assert stranger.get(f"{URL}{document_id}/download/").status_code == 404
    assert stranger.post(f"{URL}{document_id}/reprocess/").status_code == 404
    assert stranger.get(URL).json()["count"] == 0
    assert owner.get(f"{URL}{document_id}/").status_code == 200
    assert colleague_manager.get(f"{URL}{document_id}/").status_code == 200
    assert client_as("finance").get(f"{URL}{document_id}/").status_code == 200


def test_download_is_an_attachment_with_nosniff(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    data = sample_bytes("classic.pdf")
    document_id = _upload(client, "inv.pdf", data, django_capture_on_commit_callbacks).json()["id"]

    response = client.get(f"{URL}{document_id}/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == data


def test_search_finds_documents_by_their_text(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    for name in ("classic.pdf", "european.pdf"):
        _upload(client, name, sample_bytes(name), django_capture_on_commit_callbacks)
    supplier = sample_truth()["european.pdf"]["supplier_name"].split()[0]

    found = client.get(URL, {"search": supplier}).json()

    assert [d["original_name"] for d in found["results"]] == ["european.pdf"]
    assert client.get(URL, {"search": "nothing-like-this"}).json()["count"] == 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_search_uses_words_on_postgresql(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    _upload(client, "modern.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks)
    number = sample_truth()["modern.pdf"]["invoice_number"]

    assert client.get(URL, {"search": f"invoice {number}"}).json()["count"] == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'documents_document_text_fts'")
        assert cursor.fetchone() == (1,)


def test_reprocessing_gives_the_same_result(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    document_id = _upload(
        client, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    before = Document.objects.get(pk=document_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{document_id}/reprocess/")

    assert response.status_code == 202
    after = Document.objects.get(pk=document_id)
    assert after.status == DocumentStatus.PROCESSED
    assert after.extraction == before.extraction
    assert after.text == before.text
    assert after.attempts == 2


def test_reprocess_while_processing_is_a_conflict(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    document_id = _upload(
        client, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    Document.objects.filter(pk=document_id).update(
        status=DocumentStatus.PROCESSING, updated_at=timezone.now()
    )

    assert client.post(f"{URL}{document_id}/reprocess/").status_code == 409


def _flaky_storage(monkeypatch: Any, failures: int) -> None:
    from procura.documents.errors import TransientDocumentError
    from procura.documents.services import processing

    real = processing._read_bytes
    calls = {"n": 0}

    def flaky(document: Document) -> bytes:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise TransientDocumentError("storage timeout")
        return real(document)

    monkeypatch.setattr(processing, "_read_bytes", flaky)


def test_transient_failures_are_retried_until_processed(
    client_as, django_capture_on_commit_callbacks, monkeypatch
):
    _flaky_storage(monkeypatch, failures=2)
    client = client_as("procurement")

    response = _upload(
        client, "a.pdf", sample_bytes("classic.pdf"), django_capture_on_commit_callbacks
    )
    task_id, document_id = response.json()["task_id"], response.json()["id"]
    assert TaskRecord.objects.get(pk=task_id).state == TaskState.RETRYING
    # The broker delivers the retries (a worker does this by itself, after 10 s and 20 s).
    for retries in (1, 2):
        process_document_task.apply(
            args=(document_id,), task_id=task_id, retries=retries, throw=False
        )

    document = Document.objects.get(pk=document_id)
    assert document.status == DocumentStatus.PROCESSED
    assert document.attempts == 3
    assert TaskRecord.objects.get(pk=task_id).state == TaskState.SUCCEEDED


def test_processing_gives_up_after_the_last_retry(
    client_as, django_capture_on_commit_callbacks, monkeypatch
):
    _flaky_storage(monkeypatch, failures=99)
    client = client_as("procurement")
    response = _upload(
        client, "a.pdf", sample_bytes("classic.pdf"), django_capture_on_commit_callbacks
    )

    process_document_task.apply(
        args=(response.json()["id"],), task_id=response.json()["task_id"], retries=3, throw=False
    )

    document = Document.objects.get(pk=response.json()["id"])
    assert (document.status, document.error_code) == (DocumentStatus.FAILED, "transient_failure")


def test_corrections_are_stored_and_become_supplier_hints(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("finance")
    document_id = _upload(
        client, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    number = sample_truth()["european.pdf"]["invoice_number"]

    response = client.patch(
        f"{URL}{document_id}/extraction/",
        {"fields": {"invoice_number": number, "total": "10.00"}, "supplier_id": 42},
        format="json",
    )

    assert response.status_code == 200, response.json()
    fields = response.json()["extraction"]["fields"]
    assert fields["total"] == {
        **fields["total"],
        "value": "10.00",
        "confidence": 1.0,
        "source": "correction",
    }
    hint = SupplierHint.objects.get(supplier_ref=42)
    assert hint.examples["invoice_number"][0]["label"] == "Invoice Number"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{document_id}/reprocess/")
    extraction = Document.objects.get(pk=document_id).extraction
    assert extraction is not None
    assert extraction["fields"]["total"]["value"] == "10.00"


def test_correction_of_an_unknown_field_is_refused(client_as, django_capture_on_commit_callbacks):
    client = client_as("finance")
    document_id = _upload(
        client, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]

    response = client.patch(
        f"{URL}{document_id}/extraction/", {"fields": {"colour": "red"}}, format="json"
    )

    assert response.status_code == 400
    assert "colour" in str(response.json()["errors"])


def test_correction_naming_a_supplier_id_beyond_any_key_is_a_field_error(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as("finance")
    document_id = _upload(
        client, "a.pdf", sample_bytes("european.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]

    response = client.patch(
        f"{URL}{document_id}/extraction/", {"supplier_id": 2**63}, format="json"
    )

    assert response.status_code == 400
    assert "supplier_id" in response.json()["errors"]


def test_cleanup_removes_old_unattached_uploads(client_as, django_capture_on_commit_callbacks):
    client = client_as("procurement")
    document_id = _upload(
        client, "a.pdf", sample_bytes("modern.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    # Its draft supplier invoice was discarded: nothing holds the upload any more.
    DocumentAttachment.objects.filter(document_id=document_id).delete()
    Document.objects.filter(pk=document_id).update(created_at=timezone.now() - timedelta(days=8))
    fresh_id = _upload(
        client, "b.pdf", sample_bytes("classic.pdf"), django_capture_on_commit_callbacks
    ).json()["id"]
    stored = Document.objects.get(pk=document_id).file

    outcome = documents_cleanup()

    assert outcome["documents_removed"] == 1
    assert list(Document.objects.values_list("pk", flat=True)) == [fresh_id]
    assert stored.name
    assert not stored.storage.exists(stored.name)


def test_list_query_count_does_not_grow_with_rows(client_as, make_user):
    client = client_as("procurement")

    def make(count: int) -> None:
        Document.objects.all().delete()
        for index in range(count):
            Document.objects.create(
                file=f"documents/x/{index}.pdf",
                original_name=f"{index}.pdf",
                content_type="application/pdf",
                size=10,
                sha256=f"{index:064d}",
                uploaded_by=client.user,
            )

    make(2)
    client.get(URL)  # the first request loads the user's roles
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    make(20)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).json()["count"] == 20
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
