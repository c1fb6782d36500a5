"""A credit note read from a PDF (or an e-invoice) becomes a draft credit note linked to the
invoice it credits.

The page is ``uk-credit-note.txt`` (documents/tests/samples/world, drawn as a PDF with a text
layer): Pennine Dairies Ltd (VAT GB 318 4401 22) credits 104.00 GBP of its invoice PD-118840.
The e-invoices are the PEPPOL credit note and FeRD's ZUGFeRD 1 corrections (invoice corrections of
Musterlieferant GmbH, VAT DE123456789, crediting 8.79 EUR of its invoice R87654321012345) of
documents/tests/samples/einvoices.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.catalog.tests.factories import make_product
from procura.documents.models import Document
from procura.documents.tests.factories import SAMPLES, processed_upload, upload
from procura.documents.tests.world import render_pdf
from procura.partners.models import Supplier
from procura.partners.tests.factories import make_supplier
from procura.procurement.models import SupplierInvoice
from procura.procurement.services.invoice_documents import read_document_invoice
from procura.procurement.services.invoices import (
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_invoice_void,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db

DOCUMENTS = "/api/v1/documents/"
INVOICES = "/api/v1/supplier-invoices/"
CREDIT_NOTE = "uk-credit-note.txt"
EINVOICES = SAMPLES / "einvoices"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
    }


@pytest.fixture
def pennine() -> Supplier:
    return make_supplier(name="Pennine Dairies Ltd", tax_id="GB318440122", currency="GBP")


def approved_invoice(people, supplier: Supplier, number: str) -> SupplierInvoice:
    """An invoice of 100 cases of yoghurt at 1.85, received, matched and approved."""
    order = make_order(
        people["buyer"], supplier=supplier, lines=[order_line(make_product(), "100", "1.85")]
    )
    line = order.lines.get()
    goods_receipt_post(
        order=order, by=people["buyer"], lines=[{"order_line": line, "quantity_received": D(100)}]
    )
    invoice = supplier_invoice_create(
        by=people["clerk"],
        supplier=supplier,
        invoice_number=number,
        invoice_date=timezone.localdate(),
        subtotal=D("185.00"),
        total=D("185.00"),
        purchase_order=order,
        lines=[{"order_line": line, "quantity": D(100), "unit_price": D("1.85")}],
    )
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    return supplier_invoice_approve(invoice=invoice, by=people["controller"])


def upload_credit_note(client: Any, capture: Any) -> int:
    with capture(execute=True):
        response = client.post(
            DOCUMENTS,
            {"file": upload("credit-note.pdf", render_pdf(CREDIT_NOTE))},
            format="multipart",
        )
    return int(ok(response, 202)["id"])


def uploaded_note(people, as_user, capture: Any) -> SupplierInvoice:
    """The draft credit note the clerk's upload of the page gives."""
    document_id = upload_credit_note(as_user(people["clerk"]), capture)
    return SupplierInvoice.objects.get(source_document_id=document_id)


def post_note(people, as_user, note: SupplierInvoice, body: dict[str, Any]) -> Any:
    """The controller posts the credit note through the API."""
    url = f"{INVOICES}{note.pk}/post-credit-note/"
    return ok(as_user(people["controller"]).post(url, body, format="json"))


def test_an_uploaded_credit_note_is_a_draft_credit_note_linked_to_the_invoice_it_credits(
    people, pennine, as_user, django_capture_on_commit_callbacks
):
    invoice = approved_invoice(people, pennine, "PD-118840")
    clerk = as_user(people["clerk"])

    document_id = upload_credit_note(clerk, django_capture_on_commit_callbacks)

    extraction = ok(clerk.get(f"{DOCUMENTS}{document_id}/"))["extraction"]
    assert extraction["kind"] == "credit_note"
    assert extraction["fields"]["credited_invoice_number"]["value"] == "PD-118840"
    note = SupplierInvoice.objects.get(source_document_id=document_id)
    body = ok(clerk.get(f"{INVOICES}{note.pk}/"))
    assert (body["kind"], body["status"], body["supplier"]) == ("credit_note", "draft", pennine.pk)
    assert (body["invoice_number"], body["subtotal"], body["tax"], body["total"]) == (
        "CN-2291",
        "99.00",
        "5.00",
        "104.00",
    )
    assert (body["credited_invoice"], body["credited_invoice_number"]) == (invoice.pk, "PD-118840")
    assert body["credited_invoice_reference"] == "PD-118840"
    assert "credited_invoice" not in body["low_confidence_fields"]

    posted = post_note(people, as_user, note, {})

    assert [(a["invoice_number"], a["amount"]) for a in posted["credit_applications"]] == [
        ("PD-118840", "104.00")
    ]
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("81.00"), "partially_paid")


def test_a_credit_note_naming_no_open_invoice_on_file_is_left_unlinked_and_flagged(
    people, pennine, as_user, django_capture_on_commit_callbacks
):
    # Another supplier's invoice of that number, and one of Pennine's under another number.
    approved_invoice(people, make_supplier(currency="GBP"), "PD-118840")
    other = approved_invoice(people, pennine, "PD-118841")
    clerk = as_user(people["clerk"])

    document_id = upload_credit_note(clerk, django_capture_on_commit_callbacks)

    note = SupplierInvoice.objects.get(source_document_id=document_id)
    body = ok(clerk.get(f"{INVOICES}{note.pk}/"))
    assert body["kind"] == "credit_note"
    assert (body["credited_invoice"], body["credited_invoice_reference"]) == (None, "PD-118840")
    assert "credited_invoice" in body["low_confidence_fields"]

    # Finance corrects the number read: the draft follows and is linked.
    ok(
        clerk.patch(
            f"{DOCUMENTS}{document_id}/extraction/",
            {"fields": {"credited_invoice_number": "PD-118841"}},
            format="json",
        )
    )

    body = ok(clerk.get(f"{INVOICES}{note.pk}/"))
    assert (body["credited_invoice"], body["credited_invoice_reference"]) == (
        other.pk,
        "PD-118841",
    )
    assert "credited_invoice" not in body["low_confidence_fields"]


def test_a_credit_note_posted_with_a_chosen_invoice_is_applied_to_it(
    people, pennine, as_user, django_capture_on_commit_callbacks
):
    chosen = approved_invoice(people, pennine, "PD-200001")
    note = uploaded_note(people, as_user, django_capture_on_commit_callbacks)
    assert note.credited_invoice is None

    posted = post_note(people, as_user, note, {"credited_invoice": chosen.pk})

    assert posted["credited_invoice"] == chosen.pk
    assert [a["invoice_number"] for a in posted["credit_applications"]] == ["PD-200001"]


def _read_naming(supplier: Supplier, number: str):
    extraction = {
        "kind": "credit_note",
        "fields": {
            "invoice_number": {"value": "CN-1", "confidence": 0.95},
            "invoice_date": {"value": "2026-12-03", "confidence": 0.95},
            "subtotal": {"value": "10.00", "confidence": 0.95},
            "tax": {"value": "0.00", "confidence": 0.95},
            "total": {"value": "10.00", "confidence": 0.95},
            "credited_invoice_number": {"value": number, "confidence": 0.9},
        },
    }
    return read_document_invoice(Document(extraction=extraction, supplier_ref=supplier.pk))


def test_only_an_open_invoice_of_the_supplier_is_linked(people, pennine):
    invoice = approved_invoice(people, pennine, "PD-1")
    assert _read_naming(pennine, "pd-1").credited_invoice == invoice

    supplier_invoice_void(invoice=invoice, by=people["controller"], reason="entered twice")

    read = _read_naming(pennine, "PD-1")
    assert read.credited_invoice is None
    assert read.credited_reference == "PD-1"
    assert "credited_invoice" in read.low_confidence


def test_an_invoice_read_from_a_document_names_no_credited_invoice(pennine):
    extraction = {
        "fields": {
            "invoice_number": {"value": "INV-1", "confidence": 0.95},
            "total": {"value": "10.00", "confidence": 0.95},
            "credited_invoice_number": {"value": "PD-1", "confidence": 0.9},
        }
    }
    read = read_document_invoice(Document(extraction=extraction, supplier_ref=pennine.pk))
    assert (read.kind, read.credited_reference, read.credited_invoice) == ("invoice", "", None)
    assert "credited_invoice" not in read.low_confidence


def test_a_peppol_credit_note_is_linked_to_the_invoice_its_billing_reference_names(
    people, as_user, django_capture_on_commit_callbacks
):
    nordfisk = make_supplier(name="Nordfisk AS", tax_id="NO974760673MVA", currency="NOK")
    invoice = approved_invoice(people, nordfisk, "NF-2026-0412")
    xml = (EINVOICES / "peppol_credit_note.xml").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(people["clerk"]).post(
            DOCUMENTS, {"file": upload("credit.xml", xml, "application/xml")}, format="multipart"
        )
    document_id = int(ok(response, 202)["id"])

    note = SupplierInvoice.objects.get(source_document_id=document_id)
    assert (note.kind, note.supplier, note.credited_invoice) == ("credit_note", nordfisk, invoice)
    assert note.credited_invoice_reference == "NF-2026-0412"


@pytest.mark.parametrize(
    "name",
    [
        # EXTENDED: an additional referenced document of type OI (previous invoice number).
        "ZUGFeRD_1p0_EXTENDED_Rechnungskorrektur.pdf",
        # COMFORT: a header note, "Ursprungsbeleg-Nr  : R87654321012345".
        "ZUGFeRD_1p0_COMFORT_Rechnungskorrektur.pdf",
    ],
)
def test_a_zugferd_1_correction_is_a_credit_note_linked_to_the_invoice_it_corrects(
    people, as_user, django_capture_on_commit_callbacks, name: str
):
    musterlieferant = make_supplier(
        name="Musterlieferant GmbH", tax_id="DE123456789", currency="EUR"
    )
    invoice = approved_invoice(people, musterlieferant, "R87654321012345")
    clerk = as_user(people["clerk"])

    detail = processed_upload(
        clerk, django_capture_on_commit_callbacks, name, (EINVOICES / name).read_bytes()
    )

    extraction = detail["extraction"]
    assert (extraction["source"], extraction["kind"]) == ("e-invoice", "credit_note")
    assert extraction["fields"]["credited_invoice_number"]["value"] == "R87654321012345"
    note = SupplierInvoice.objects.get(source_document_id=detail["id"])
    body = ok(clerk.get(f"{INVOICES}{note.pk}/"))
    assert (body["kind"], body["invoice_number"], body["total"]) == (
        "credit_note",
        "RK21012345",
        "8.79",
    )
    assert (body["credited_invoice"], body["credited_invoice_reference"]) == (
        invoice.pk,
        "R87654321012345",
    )
    assert "credited_invoice" not in body["low_confidence_fields"]
    # The two goods lines and the four discounts (its amounts turned positive, the discounts
    # then reduce the credit) add up to the amount without tax; the line of text is no line.
    assert [x["line_total"] for x in body["lines"]] == [
        "5.00",
        "2.90",
        "-0.10",
        "-0.06",
        "-0.05",
        "-0.02",
    ]
    assert body["subtotal"] == "7.67"
    assert "line_items" not in body["low_confidence_fields"]


def test_posting_a_credit_note_with_a_null_credited_invoice_clears_the_link_read(
    people, pennine, as_user, django_capture_on_commit_callbacks
):
    invoice = approved_invoice(people, pennine, "PD-118840")
    note = uploaded_note(people, as_user, django_capture_on_commit_callbacks)
    assert note.credited_invoice == invoice

    posted = post_note(people, as_user, note, {"credited_invoice": None})

    assert (posted["status"], posted["credited_invoice"], posted["credit_applications"]) == (
        "approved",
        None,
        [],
    )
    assert posted["balance"] == "104.00"  # all the credit left, to apply later
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("185.00"), "approved")
    event = AuditEvent.objects.get(action="supplier_invoice.credit_note_posted")
    assert event.changes["credited_invoice"] == {"before": "PD-118840", "after": ""}
