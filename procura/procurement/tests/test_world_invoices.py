"""Supplier invoices as they arrive from the US, India and Europe become draft invoices.

The invoices are hand-written fixtures (documents/tests/samples/world, drawn as PDFs with a text
layer), not the benchmark generator's: an Indian GST invoice (CGST + SGST, lakh grouping, day
first dates), a US invoice with the bill-to block before the seller and a footnoted tax label, a
Polish faktura (spaced thousands, zł, totals under column headers), a French facture with its TVA
breakdown table, an untaxed German Kleinunternehmer invoice, a Dutch factuur and a British one.
None of their suppliers is in master data: the draft is made without a supplier, and the
document offers what "create supplier from this invoice" needs.
"""

from __future__ import annotations

from typing import Any

import pytest

from procura.documents.tests.factories import upload
from procura.documents.tests.world import photograph, render_pdf, truth
from procura.partners.models import Supplier
from procura.procurement.models import SupplierInvoice, SupplierInvoiceStatus

pytestmark = pytest.mark.django_db

DOCUMENTS = "/api/v1/documents/"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def upload_invoice(client: Any, capture: Any, name: str) -> int:
    with capture(execute=True):
        response = client.post(
            DOCUMENTS,
            {"file": upload(name.replace(".txt", ".pdf"), render_pdf(name))},
            format="multipart",
        )
    return int(ok(response, 202)["id"])


@pytest.mark.parametrize(
    "name",
    [
        "in-gst-intra.txt",
        "us-aws.txt",
        "pl-faktura.txt",
        "fr-facture.txt",
        "de-rechnung.txt",
        "uk-vat.txt",
    ],
)
def test_a_foreign_invoice_becomes_a_draft_with_its_key_fields(
    client_as, django_capture_on_commit_callbacks, name
):
    want = truth()[name]
    clerk = client_as("finance")

    document_id = upload_invoice(clerk, django_capture_on_commit_callbacks, name)

    document = ok(clerk.get(f"{DOCUMENTS}{document_id}/"))
    fields = document["extraction"]["fields"]
    assert fields["supplier_name"]["value"] == want["supplier_name"]
    draft = SupplierInvoice.objects.get(source_document_id=document_id)
    body = ok(clerk.get(f"/api/v1/supplier-invoices/{draft.pk}/"))
    assert body["status"] == SupplierInvoiceStatus.DRAFT
    assert body["supplier"] is None
    assert (body["invoice_number"], body["invoice_date"], body["currency"]) == (
        want["invoice_number"],
        want["invoice_date"],
        want["currency"],
    )
    assert (body["subtotal"], body["tax"], body["total"]) == (
        want["subtotal"],
        want["tax"],
        want["total"],
    )
    # Nothing is doubtful but the supplier, which master data does not know yet.
    assert "supplier" in body["low_confidence_fields"]
    assert not {"invoice_number", "invoice_date", "total", "tax", "subtotal"} & set(
        body["low_confidence_fields"]
    )


def test_a_phone_photo_of_a_french_invoice_becomes_a_draft(
    client_as, django_capture_on_commit_callbacks
):
    """A 150 dpi JPEG, turned a few degrees and lit unevenly: enlarged, straightened, read."""
    want = truth()["fr-facture.txt"]
    clerk = client_as("finance")
    photo = photograph(render_pdf("fr-facture.txt"), 150, seed=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(DOCUMENTS, {"file": upload("facture.jpg", photo)}, format="multipart")
    document_id = int(ok(response, 202)["id"])

    document = ok(clerk.get(f"{DOCUMENTS}{document_id}/"))
    assert document["content_type"] == "image/jpeg"
    body = ok(
        clerk.get(
            f"/api/v1/supplier-invoices/"
            f"{SupplierInvoice.objects.get(source_document_id=document_id).pk}/"
        )
    )
    got = {key: body[key] for key in ("invoice_number", "invoice_date", "currency")}
    got |= {key: body[key] for key in ("subtotal", "tax", "total")}
    assert got == {key: want[key] for key in got}
    assert document["extraction"]["fields"]["supplier_name"]["value"] == want["supplier_name"]


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("nl-factuur.txt", ("Industrieweg 17", "3542 AD", "Utrecht", "NL")),
        ("in-gst-intra.txt", ("Plot 14, MIDC Industrial Area, Bhosari", "411026", "Pune", "IN")),
        ("pl-faktura.txt", ("ul. Przemysłowa 48", "61-541", "Poznań", "PL")),
        ("ca-storage.txt", ("2250 Dixie Road", "L4Y 1Z4", "Mississauga", "CA")),
    ],
)
def test_create_supplier_from_an_unmatched_invoice_is_prefilled_and_names_the_draft(
    client_as, django_capture_on_commit_callbacks, name, address
):
    want = truth()[name]
    clerk = client_as("finance")
    document_id = upload_invoice(clerk, django_capture_on_commit_callbacks, name)
    extraction = ok(clerk.get(f"{DOCUMENTS}{document_id}/"))["extraction"]
    issuer = extraction["parties"]["supplier"]
    fields = extraction["fields"]

    # What the web app prefills the new supplier with: the issuer, never the buyer.
    assert issuer["name"] == want["supplier_name"]
    assert issuer["vat_id"] == want["supplier_tax_id"]
    assert issuer["email"] == want["supplier_email"]
    assert fields["supplier_iban"]["value"] == want["supplier_iban"]
    assert (issuer["street"], issuer["postcode"], issuer["city"], issuer["country"]) == address

    # Procurement creates the supplier from it as the web form does, and points the document
    # at it: the draft invoice gets its supplier.
    buyer = client_as("procurement")
    created = ok(
        buyer.post(
            "/api/v1/suppliers/",
            {
                "code": "NEW-1",
                "name": issuer["name"],
                "tax_id": issuer["vat_id"],
                "iban": fields["supplier_iban"]["value"] or "",
                "currency": fields["currency"]["value"],
                "addresses": [
                    {
                        "kind": "billing",
                        "line1": issuer["street"],
                        "postal_code": issuer["postcode"],
                        "city": issuer["city"],
                        "country": issuer["country"],
                    }
                ],
            },
            format="json",
        ),
        201,
    )
    ok(
        clerk.patch(
            f"{DOCUMENTS}{document_id}/extraction/",
            {"fields": {}, "supplier_id": created["id"]},
            format="json",
        )
    )
    supplier = Supplier.objects.get(pk=created["id"])
    assert supplier.addresses.get().city == address[2]
    draft = SupplierInvoice.objects.get(source_document_id=document_id)
    assert draft.supplier == supplier
    assert draft.total == draft.subtotal + draft.tax
