"""What the invoice reader learned about a supplier's invoices, seen and undone under the supplier.

Kestrel Cold Chain prints its invoice number as "Voucher ref" and its total as "Settlement sum"
(see documents/tests/test_learning.py): finance corrects its first invoice, the reader learns
those labels. Finance lists the lessons with their origin, forgets one field's or all of them
(recorded in the supplier's history), and the next invoice is read as if nothing had been learned.
An approved invoice teaches as well: a date read right but unsure, left as it was, is read with
the confidence of a learned label on the next invoice.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.audit.models import AuditEvent
from procura.documents.extraction.hints import CONFIRMED, CORRECTED
from procura.documents.models import Document, SupplierHint
from procura.documents.services.reading_hints import document_confirm
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.test_learning import FIRST, SECOND, _correct, _invoice_pdf, _values
from procura.partners.tests.factories import make_supplier

pytestmark = pytest.mark.django_db


def _url(supplier: Any, field: str = "") -> str:
    return f"/api/v1/suppliers/{supplier.pk}/reading-hints/" + (f"{field}/" if field else "")


@pytest.fixture
def kestrel(client_as: Any, django_capture_on_commit_callbacks: Any) -> Any:
    supplier = make_supplier(name="Kestrel Cold Chain Ltd", tax_id="GB123456789", currency="GBP")
    finance = client_as("finance", full_name="Fiona Ledger")

    def upload(name: str, data: bytes) -> dict[str, Any]:
        return processed_upload(finance, django_capture_on_commit_callbacks, name, data)

    return finance, upload, supplier


def _lessons(client: Any, supplier: Any) -> dict[str, list[dict[str, Any]]]:
    response = client.get(_url(supplier))
    assert response.status_code == 200, response.content
    return {hint["field"]: hint["lessons"] for hint in response.json()["hints"]}


def test_finance_sees_each_lesson_with_the_invoice_it_came_from_when_and_by_whom(kestrel):
    finance, upload, supplier = kestrel
    assert _lessons(finance, supplier) == {}

    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417", "total": "1440.00"})

    lessons = _lessons(finance, supplier)
    assert set(lessons) == {"invoice_number", "total"}
    number = lessons["invoice_number"][0]
    assert (number["label"], number["position"], number["value"]) == (
        "Voucher ref",
        "right",
        "KV-20417",
    )
    assert number["document"] == {"id": first["id"], "name": "kestrel-1.pdf"}
    assert number["learned_by"] == {"id": finance.user.pk, "name": "Fiona Ledger"}
    assert (number["how"], number["seen"]) == (CORRECTED, 1)
    assert number["learned_at"] is not None
    assert lessons["total"][0]["label"] == "Settlement sum"


def test_forgetting_one_field_reads_the_next_invoice_without_it_and_is_in_the_history(kestrel):
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417", "total": "1440.00"})

    response = finance.delete(_url(supplier, "invoice_number"))
    assert response.status_code == 204, response.content

    assert set(_lessons(finance, supplier)) == {"total"}
    event = AuditEvent.objects.get(action="supplier.reading_hints_reset")
    assert (event.object_id, event.actor_id) == (str(supplier.pk), finance.user.pk)
    assert event.data == {"fields": ["invoice_number"]}
    second = _values(upload("kestrel-2.pdf", _invoice_pdf(**SECOND)))
    assert second["invoice_number"] != "KV-20533"  # the reader alone cannot read this label
    assert second["total"] == "1176.00"  # what was not forgotten still reads


def test_forgetting_everything_reads_the_next_invoice_as_if_nothing_was_learned(kestrel):
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417", "total": "1440.00"})

    assert finance.delete(_url(supplier)).status_code == 204
    assert finance.delete(_url(supplier)).status_code == 204  # nothing left: nothing recorded

    assert _lessons(finance, supplier) == {}
    assert not SupplierHint.objects.filter(supplier_ref=supplier.pk).exists()
    events = AuditEvent.objects.filter(action="supplier.reading_hints_reset")
    assert [e.data for e in events] == [{"fields": ["invoice_number", "total"]}]
    second = upload("kestrel-2.pdf", _invoice_pdf(**SECOND))
    sources = {name: fv["source"] for name, fv in second["extraction"]["fields"].items()}
    assert "hint" not in sources.values()
    assert _values(second)["total"] != "1176.00"


def test_an_unknown_field_is_not_found_and_changes_nothing(kestrel):
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417"})

    response = finance.delete(_url(supplier, "supplier_name"))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert set(_lessons(finance, supplier)) == {"invoice_number"}


@pytest.mark.parametrize(
    ("role", "can_see", "can_reset"),
    [
        ("finance", True, True),
        ("procurement", True, True),
        ("auditor", True, False),
        ("warehouse", False, False),
        ("sales", False, False),
        ("requester", False, False),
        ("customer", False, False),
    ],
)
def test_who_may_see_and_reset_what_was_learned(client_as, role, can_see, can_reset):
    supplier = make_supplier()
    SupplierHint.objects.create(supplier_ref=supplier.pk, examples={"total": [{"label": "Sum"}]})
    client = client_as(role)

    assert client.get(_url(supplier)).status_code == (200 if can_see else 403)
    assert client.delete(_url(supplier, "total")).status_code == (204 if can_reset else 403)
    assert client.delete(_url(supplier)).status_code == (204 if can_reset else 403)
    assert SupplierHint.objects.filter(supplier_ref=supplier.pk).exists() is not can_reset


def test_the_supplier_itself_is_still_never_deleted(client_as):
    supplier = make_supplier()
    response = client_as("procurement").delete(f"/api/v1/suppliers/{supplier.pk}/")
    assert response.status_code == 405


def test_the_list_takes_the_same_queries_however_many_lessons(kestrel, make_user):
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417"})
    with CaptureQueriesContext(connection) as few:
        assert len(_lessons(finance, supplier)["invoice_number"]) == 1

    second = upload("kestrel-2.pdf", _invoice_pdf(**{**SECOND, "voucher": "KV 20533"}))
    _correct(finance, second, {"invoice_number": "KV 20533", "total": "1176.00"})
    other = make_user("finance")
    document = Document.objects.get(pk=first["id"])
    document_confirm(
        document=document,
        supplier_ref=supplier.pk,
        values={"invoice_date": "2026-03-02", "subtotal": D("1200.00")},
        by=other,
    )
    with CaptureQueriesContext(connection) as many:
        lessons = _lessons(finance, supplier)
    assert sum(len(found) for found in lessons.values()) > 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_values_approved_as_read_teach_and_the_next_invoice_reads_them_surer(kestrel, make_user):
    """The supplier writes its dates month first: "03/02/2026" could be either way round, so
    the reader is unsure of it. Approved as read, the next invoice's date is read surely."""
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    read = first["extraction"]["fields"]["invoice_date"]
    assert (read["value"], read["confidence"] < 0.6) == ("2026-03-02", True)
    approver = make_user("finance")

    learned = document_confirm(
        document=Document.objects.get(pk=first["id"]),
        supplier_ref=supplier.pk,
        values={"invoice_date": "2026-03-02", "subtotal": D("1200.00"), "total": D("1500.00")},
        by=approver,
    )

    assert learned == ["invoice_date", "subtotal"]  # the total was not read as approved
    date = _lessons(finance, supplier)["invoice_date"][0]
    assert (date["how"], date["date_order"], date["learned_by"]["id"]) == (
        CONFIRMED,
        "us",
        approver.pk,
    )
    second = upload("kestrel-2.pdf", _invoice_pdf(**{**SECOND, "issued": "04/05/2026"}))
    date_read = second["extraction"]["fields"]["invoice_date"]
    assert date_read["value"] == "2026-04-05"
    assert date_read["source"] == "hint"
    assert date_read["confidence"] >= 0.8


def test_approving_the_invoice_teaches_what_was_read_right_but_unsure(kestrel, client_as):
    """Through the API: the draft from the first invoice is matched, its exception (no order)
    accepted and the invoice approved, each by another person; the date approved as read is
    learned from the approver, and the next invoice's date is read surely."""
    from procura.procurement.models import SupplierInvoice

    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417", "total": "1440.00"})
    invoice = SupplierInvoice.objects.get(source_document_id=first["id"])
    assert invoice.invoice_date.isoformat() == "2026-03-02"  # read unsure, left as it was
    url = f"/api/v1/supplier-invoices/{invoice.pk}/"
    assert finance.post(f"{url}match/").json()["status"] == "exception"
    controller, approver = client_as("finance"), client_as("finance")
    accepted = controller.post(f"{url}accept-exception/", {"comment": "Storage, no order"})
    assert accepted.json()["status"] == "matched", accepted.content

    approved = approver.post(f"{url}approve/")

    assert approved.status_code == 200, approved.content
    lessons = _lessons(finance, supplier)
    date = lessons["invoice_date"][0]
    assert (date["how"], date["learned_by"]["id"], date["value"]) == (
        CONFIRMED,
        approver.user.pk,
        "2026-03-02",
    )
    assert lessons["invoice_number"][0]["how"] == CORRECTED  # corrected: not taught again
    second = upload("kestrel-2.pdf", _invoice_pdf(**{**SECOND, "issued": "04/05/2026"}))
    date_read = second["extraction"]["fields"]["invoice_date"]
    assert (date_read["value"], date_read["source"]) == ("2026-04-05", "hint")
    assert date_read["confidence"] >= 0.8
