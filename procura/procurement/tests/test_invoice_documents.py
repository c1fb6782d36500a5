"""An uploaded supplier invoice becomes a draft supplier invoice on the order it names.

The sample ``european.pdf`` (bench/ocr generator, ground truth in documents/tests/samples) is an
invoice of Northfield Meats LLC (tax id 47-1029384, ar@northfieldmeats.example) for order
PO-2026-488710; the tests build that supplier and order in master data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from procura.audit.models import AuditEvent
from procura.documents.models import Document, DocumentAttachment
from procura.documents.tests.factories import (
    SAMPLES,
    blank_pdf,
    processed_upload,
    sample_bytes,
    sample_truth,
    upload,
)
from procura.partners.models import Supplier
from procura.partners.tests.factories import make_contact, make_supplier
from procura.procurement.models import PurchaseOrder, SupplierInvoice, SupplierInvoiceStatus
from procura.procurement.services.invoice_documents import read_document_invoice
from procura.procurement.services.invoices import supplier_invoice_create
from procura.procurement.services.orders import purchase_order_create, purchase_order_issue
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import (
    make_location,
    make_person,
    make_request,
    order_line,
)

pytestmark = pytest.mark.django_db

SAMPLE = "european.pdf"
DOCUMENTS = "/api/v1/documents/"
EINVOICES = SAMPLES / "einvoices"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def correct(client: Any, document_id: int, body: dict[str, Any]) -> None:
    ok(client.patch(f"{DOCUMENTS}{document_id}/extraction/", body, format="json"))


def northfield() -> Supplier:
    supplier = make_supplier(name="Northfield Meats LLC", tax_id="47-1029384", currency="EUR")
    make_contact(supplier, email="ar@northfieldmeats.example", is_primary=True)
    return supplier


def received_order(supplier: Supplier) -> PurchaseOrder:
    """The order the sample names, with every line received in full."""
    truth = sample_truth()[SAMPLE]
    buyer = make_person("procurement")
    order = purchase_order_create(
        by=buyer,
        supplier=supplier,
        ship_to=make_location(),
        currency="EUR",
        lines=[
            order_line(
                None,
                item["quantity"],
                item["unit_price"],
                description=item["description"],
                unit="kg",
            )
            for item in reversed(truth["line_items"])  # another order than the invoice's
        ],
    )
    order = purchase_order_issue(order=order, by=buyer)
    PurchaseOrder.objects.filter(pk=order.pk).update(number=truth["po_number"])
    goods_receipt_post(
        order=order,
        by=buyer,
        lines=[
            {"order_line": line, "quantity_received": line.quantity} for line in order.lines.all()
        ],
    )
    order.refresh_from_db()
    return order


def upload_sample(client: Any, capture: Any) -> int:
    with capture(execute=True):
        response = client.post(
            DOCUMENTS, {"file": upload(SAMPLE, sample_bytes(SAMPLE))}, format="multipart"
        )
    return int(ok(response, 202)["id"])


def test_processed_invoice_document_becomes_a_draft_invoice_on_its_order(
    client_as, django_capture_on_commit_callbacks
):
    truth = sample_truth()[SAMPLE]
    supplier = northfield()
    order = received_order(supplier)
    clerk = client_as("finance")

    document_id = upload_sample(clerk, django_capture_on_commit_callbacks)

    document = ok(clerk.get(f"{DOCUMENTS}{document_id}/"))
    assert document["extraction"]["supplier"]["supplier_id"] == supplier.pk
    invoice = SupplierInvoice.objects.get(source_document_id=document_id)
    body = ok(clerk.get(f"/api/v1/supplier-invoices/{invoice.pk}/"))
    assert body["status"] == SupplierInvoiceStatus.DRAFT
    assert body["supplier"] == supplier.pk
    assert body["purchase_order"] == order.pk
    assert body["source_document"] == document_id
    assert body["invoice_number"] == truth["invoice_number"]
    assert body["invoice_date"] == truth["invoice_date"]
    assert body["due_date"] == truth["due_date"]
    assert body["currency"] == "EUR"
    assert (body["subtotal"], body["tax"], body["total"]) == (
        truth["subtotal"],
        truth["tax"],
        truth["total"],
    )
    by_description = {line.description: line.pk for line in order.lines.all()}
    assert [(line["description"], line["order_line"]) for line in body["lines"]] == [
        (item["description"], by_description[item["description"]]) for item in truth["line_items"]
    ]
    assert [Decimal(line["quantity"]) for line in body["lines"]] == [
        Decimal(item["quantity"]) for item in truth["line_items"]
    ]
    assert body["low_confidence_fields"] == sorted(document["extraction"]["low_confidence_fields"])
    attached = DocumentAttachment.objects.filter(
        document_id=document_id,
        object_type=ContentType.objects.get_for_model(SupplierInvoice),
        object_id=invoice.pk,
    )
    assert attached.exists()

    # processing the same document again makes no second invoice and changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        ok(clerk.post(f"{DOCUMENTS}{document_id}/reprocess/"), 202)
    assert SupplierInvoice.objects.filter(supplier=supplier).count() == 1
    assert ok(clerk.get(f"/api/v1/supplier-invoices/{invoice.pk}/")) == body

    # a person's correction of the document updates the draft
    correct(clerk, document_id, {"fields": {"due_date": "2026-08-14"}})
    invoice.refresh_from_db()
    assert invoice.due_date == date(2026, 8, 14)
    assert "supplier_invoice.refreshed_from_document" in set(
        AuditEvent.objects.filter(object_id=str(invoice.pk)).values_list("action", flat=True)
    )

    # and the three-way match runs on it (another finance person could approve it)
    matched = ok(client_as("finance").post(f"/api/v1/supplier-invoices/{invoice.pk}/match/"))
    assert matched["status"] == SupplierInvoiceStatus.MATCHED, matched["match_exceptions"]

    # once out of draft, corrections leave the invoice alone
    correct(clerk, document_id, {"fields": {"due_date": "2026-09-01"}})
    invoice.refresh_from_db()
    assert invoice.due_date == date(2026, 8, 14)


def test_an_invoice_number_already_entered_is_taken_as_done(
    client_as, django_capture_on_commit_callbacks
):
    truth = sample_truth()[SAMPLE]
    supplier = northfield()
    entered = supplier_invoice_create(
        by=make_person("finance"),
        supplier=supplier,
        invoice_number=truth["invoice_number"].lower(),
        invoice_date=date(2026, 6, 14),
        subtotal=Decimal("100"),
        total=Decimal("100"),
        lines=[
            {"description": "Ground beef", "quantity": Decimal("1"), "unit_price": Decimal(100)}
        ],
    )

    document_id = upload_sample(client_as("finance"), django_capture_on_commit_callbacks)

    assert list(SupplierInvoice.objects.values_list("pk", flat=True)) == [entered.pk]
    assert Document.objects.get(pk=document_id).status == "processed"
    assert DocumentAttachment.objects.filter(document_id=document_id, object_id=entered.pk).exists()


def test_an_unknown_supplier_gives_a_draft_without_one_until_a_correction_names_it(
    client_as, django_capture_on_commit_callbacks
):
    truth = sample_truth()[SAMPLE]
    clerk = client_as("finance")
    document_id = upload_sample(clerk, django_capture_on_commit_callbacks)
    draft = SupplierInvoice.objects.get(source_document_id=document_id)
    assert draft.supplier is None
    assert draft.status == SupplierInvoiceStatus.DRAFT
    assert draft.invoice_number == truth["invoice_number"]
    assert str(draft.total) == truth["total"]
    assert "supplier" in draft.low_confidence_fields
    refused = clerk.post(f"/api/v1/supplier-invoices/{draft.pk}/match/")
    assert refused.status_code == 409
    assert "supplier" in refused.json()["detail"]

    supplier = make_supplier(name="NFM Holdings")
    correct(clerk, document_id, {"supplier_id": supplier.pk})

    invoice = SupplierInvoice.objects.get(source_document_id=document_id)
    assert invoice.pk == draft.pk
    assert invoice.supplier == supplier
    assert "supplier" not in invoice.low_confidence_fields
    assert invoice.purchase_order is None
    assert "po_number" in invoice.low_confidence_fields


def test_low_confidence_fields_and_doubtful_lines_are_flagged():
    supplier = make_supplier()
    extraction = {
        "fields": {
            "invoice_number": {"value": "A-17", "confidence": 0.98},
            "invoice_date": {"value": "2026-05-02", "confidence": 0.97},
            "subtotal": {"value": "30.00", "confidence": 0.95},
            "total": {"value": "30.00", "confidence": 0.41},
        },
        "line_items": [
            {"description": "Brisket", "quantity": "10", "unit_price": "3", "confidence": 0.9},
            {"description": "Smudged", "quantity": None, "unit_price": None, "confidence": 0.2},
        ],
        "low_confidence_fields": ["total"],
    }

    read = read_document_invoice(Document(extraction=extraction, supplier_ref=supplier.pk))

    assert read.header is not None
    assert read.header.total == Decimal("30.00")
    assert read.low_confidence == ["line_items", "total"]
    assert [line["description"] for line in read.lines] == ["Brisket"]


def test_documents_on_orders_and_invoices_follow_who_may_read_them(
    client_as, django_capture_on_commit_callbacks
):
    order = received_order(northfield())
    clerk = client_as("finance")

    def listed(role: str) -> int:
        return int(ok(client_as(role).get(DOCUMENTS))["count"])

    # attached to its draft invoice: auditors read invoices, the warehouse does not
    document_id = upload_sample(clerk, django_capture_on_commit_callbacks)
    assert (listed("auditor"), listed("warehouse")) == (1, 0)

    # attached to the order too: the warehouse reads orders
    ok(
        clerk.post(
            f"{DOCUMENTS}{document_id}/attachments/",
            {"object_type": "procurement.purchaseorder", "object_id": order.pk},
            format="json",
        )
    )
    assert listed("warehouse") == 1
    assert (listed("requester"), listed("sales")) == (0, 0)


def test_a_requester_sees_documents_on_the_requests_they_may_see(org, as_user):
    request = make_request(org.requester)
    response = as_user(org.finance).post(
        DOCUMENTS,
        {
            "file": upload("quote.pdf", blank_pdf()),
            "attach_to_type": "procurement.purchaserequest",
            "attach_to_id": request.pk,
        },
        format="multipart",
    )
    ok(response, 202)
    stranger = make_person("requester")

    assert ok(as_user(org.requester).get(DOCUMENTS))["count"] == 1
    assert ok(as_user(stranger).get(DOCUMENTS))["count"] == 0


def test_a_document_of_a_negative_total_is_read_as_a_credit_note_of_positive_amounts() -> None:
    supplier = make_supplier(name="Refunds Ltd", currency="EUR")
    extraction = {
        "fields": {
            "invoice_number": {"value": "CN-9", "confidence": 0.98},
            "invoice_date": {"value": "2026-05-02", "confidence": 0.97},
            "subtotal": {"value": "-100.00", "confidence": 0.95},
            "tax": {"value": "-19.00", "confidence": 0.95},
            "total": {"value": "-119.00", "confidence": 0.95},
        },
        "line_items": [
            {
                "description": "Returned brisket",
                "quantity": "-10",
                "unit_price": "10",
                "amount": "-100.00",
                "confidence": 0.9,
            },
        ],  # fmt: skip
    }

    read = read_document_invoice(Document(extraction=extraction, supplier_ref=supplier.pk))

    assert read.kind == "credit_note"
    assert (read.header.subtotal, read.tax, read.header.total) == (
        Decimal("100.00"),
        Decimal("19.00"),
        Decimal("119.00"),
    )
    assert [(line["quantity"], line["unit_price"]) for line in read.lines] == [
        (Decimal("10"), Decimal("10"))
    ]
    assert "line_items" not in read.low_confidence


def test_an_einvoice_draft_keeps_each_line_amount_to_the_cent_and_adds_up_to_its_totals(
    client_as, django_capture_on_commit_callbacks
):
    """Two lines whose amount over the quantity needs more than the four places a unit price
    keeps: 700 sheets at 0.28286 (198.00; at 0.2829 they would be 198.03), and 300 cups at
    1.00 less a line allowance of 25.00 (275.00, billed at 0.91666…; at 0.9167, 275.01)."""
    supplier = make_supplier(name="Lieferant GmbH", tax_id="DE123456789", currency="EUR")
    xml = (EINVOICES / "EN16931_Einfach.ubl.xml").read_bytes()
    for was, now in (
        (b'unitCode="H87">20<', b'unitCode="H87">700<'),
        (b'"EUR">9.9<', b'"EUR">0.28286<'),
        (b'unitCode="H87">50<', b'unitCode="H87">300<'),
        (b'"EUR">5.5<', b'"EUR">1.00<'),
        (
            b"<cac:Item>\n      <cbc:Name>Joghurt Banane",
            b"<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
            b"<cbc:AllowanceChargeReason>Rabatt</cbc:AllowanceChargeReason>"
            b'<cbc:Amount currencyID="EUR">25.00</cbc:Amount></cac:AllowanceCharge>'
            b"<cac:Item>\n      <cbc:Name>Joghurt Banane",
        ),
    ):
        assert xml.count(was) == 1, was
        xml = xml.replace(was, now)
    client = client_as("finance")

    detail = processed_upload(client, django_capture_on_commit_callbacks, "invoice.xml", xml)

    report = detail["extraction"]["einvoice"]
    assert report["valid"] is True, report["findings"]
    assert not [f for f in report["findings"] if f["where"].startswith("BT-131")]
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    body = ok(client.get(f"/api/v1/supplier-invoices/{invoice.pk}/"))
    assert (body["supplier"], body["subtotal"], body["total"]) == (supplier.pk, "473.00", "529.87")
    assert [(x["quantity"], x["unit_price"], x["line_total"]) for x in body["lines"]] == [
        ("700.000", "0.2829", "198.00"),
        ("300.000", "0.9167", "275.00"),
    ]
    assert sum(Decimal(x["line_total"]) for x in body["lines"]) == Decimal(body["subtotal"])


def test_a_ubl_invoice_declaring_no_en16931_specification_is_read_into_a_draft(
    client_as, django_capture_on_commit_callbacks
):
    """A UBL 2.0 invoice of before EN 16931 (no CustomizationID, the due date in its payment
    means, no document currency nor amount with tax, both optional in UBL) is read by its UBL
    elements, with a warning for the missing specification: the currency from its amounts,
    the amount with tax from the amount due."""
    supplier = make_supplier(name="Lieferant GmbH", tax_id="DE123456789", currency="EUR")
    xml = (EINVOICES / "EN16931_Einfach.ubl.xml").read_bytes()
    for was, now in (
        (
            b"<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:"
            b"poacc:billing:3.0</cbc:CustomizationID>",
            b"<cbc:UBLVersionID>2.0</cbc:UBLVersionID>",
        ),
        (b"<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", b""),
        (b"<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>", b""),
        (b'<cbc:TaxInclusiveAmount currencyID="EUR">529.87</cbc:TaxInclusiveAmount>', b""),
        (
            b"  <cac:PaymentTerms>",
            b"  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"
            b"<cbc:PaymentDueDate>2018-04-04</cbc:PaymentDueDate></cac:PaymentMeans>\n"
            b"  <cac:PaymentTerms>",
        ),
    ):
        assert xml.count(was) == 1, was
        xml = xml.replace(was, now)
    client = client_as("finance")

    detail = processed_upload(client, django_capture_on_commit_callbacks, "invoice.xml", xml)

    report = detail["extraction"]["einvoice"]
    assert (report["valid"], report["profile"]) == (True, "UBL 2.0"), report["findings"]
    assert [f["where"] for f in report["findings"] if f["where"] == "CustomizationID"] == [
        "CustomizationID"
    ]
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    body = ok(client.get(f"/api/v1/supplier-invoices/{invoice.pk}/"))
    assert (body["supplier"], body["invoice_number"], body["due_date"]) == (
        supplier.pk,
        "471102",
        "2018-04-04",
    )
    assert (body["currency"], body["subtotal"], body["total"]) == ("EUR", "473.00", "529.87")
    assert [x["line_total"] for x in body["lines"]] == ["198.00", "275.00"]


@pytest.mark.parametrize(
    ("name", "lines", "subtotal"),
    [
        ("Facture_FR_MINIMUM.pdf", [("Amount without tax (the e-invoice has no lines)", "624.90")], "624.90"),
        ("basicwl.xml", [("Amount without tax at 0% (the e-invoice has no lines)", "2076.76")], "2076.76"),
    ],
)  # fmt: skip
def test_an_einvoice_profile_without_lines_gives_a_draft_line_per_vat_rate(
    client_as, django_capture_on_commit_callbacks, name, lines, subtotal
):
    """MINIMUM has neither lines nor a VAT breakdown: one line of the amount without tax.
    BASIC WL has a breakdown: one line per rate, its taxable amount."""
    if name == "basicwl.xml":
        from procura.documents.extraction.einvoice import embedded_xml

        found = embedded_xml((EINVOICES / "Facture_UE_BASICWL.pdf").read_bytes())
        assert found is not None
        # With the delivery date and country that make this sample valid (BR-IC-11/12).
        data = found[1].replace(
            b"<ram:ApplicableHeaderTradeDelivery/>",
            b"<ram:ApplicableHeaderTradeDelivery><ram:ShipToTradeParty><ram:PostalTradeAddress>"
            b"<ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress></ram:ShipToTradeParty>"
            b"<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>"
            b'<udt:DateTimeString format="102">20171105</udt:DateTimeString>'
            b"</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>"
            b"</ram:ApplicableHeaderTradeDelivery>",
        )
    else:
        data = (EINVOICES / name).read_bytes()
    client = client_as("finance")

    detail = processed_upload(client, django_capture_on_commit_callbacks, name, data)

    assert detail["extraction"]["einvoice"]["valid"] is True
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    body = ok(client.get(f"/api/v1/supplier-invoices/{invoice.pk}/"))
    assert body["subtotal"] == subtotal
    assert [(x["description"], x["line_total"]) for x in body["lines"]] == lines
    assert (
        "line_items"
        not in read_document_invoice(Document.objects.get(pk=detail["id"])).low_confidence
    )


def test_a_ubl_21_invoice_with_the_rounding_in_its_total_and_a_lump_sum_line_is_a_valid_draft(
    client_as, django_capture_on_commit_callbacks
):
    """As the OASIS UBL 2.1 examples write it: the amount with tax includes the payable
    rounding (473.00 + 56.87 + 0.13 = 530.00, due 530.00), which EN 16931 adds to the amount
    due only; and a line that states its amount without a quantity or a price (both optional
    in UBL), kept as one unit at that amount."""
    make_supplier(name="Lieferant GmbH", tax_id="DE123456789", currency="EUR")
    xml = (EINVOICES / "EN16931_Einfach.ubl.xml").read_bytes()
    for was, now in (
        (
            b"<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:"
            b"poacc:billing:3.0</cbc:CustomizationID>",
            b"<cbc:UBLVersionID>2.1</cbc:UBLVersionID>",
        ),
        (b"<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>", b""),
        (b'"EUR">529.87</cbc:TaxInclusiveAmount>', b'"EUR">530.00</cbc:TaxInclusiveAmount>'),
        (
            b'<cbc:PayableAmount currencyID="EUR">529.87</cbc:PayableAmount>',
            b'<cbc:PayableRoundingAmount currencyID="EUR">0.13</cbc:PayableRoundingAmount>'
            b'<cbc:PayableAmount currencyID="EUR">530.00</cbc:PayableAmount>',
        ),
        (b'<cbc:InvoicedQuantity unitCode="H87">50</cbc:InvoicedQuantity>', b""),
        (
            b'<cac:Price>\n      <cbc:PriceAmount currencyID="EUR">5.5</cbc:PriceAmount>\n'
            b"    </cac:Price>\n",
            b"",
        ),
    ):
        assert xml.count(was) == 1, was
        xml = xml.replace(was, now)
    client = client_as("finance")

    detail = processed_upload(client, django_capture_on_commit_callbacks, "invoice.xml", xml)

    report = detail["extraction"]["einvoice"]
    assert (report["valid"], report["profile"]) == (True, "UBL 2.1"), report["findings"]
    rounding = [f for f in report["findings"] if f["where"] == "BR-CO-15"]
    assert [f["severity"] for f in rounding] == ["warning"]
    assert "includes the rounding (0.13)" in rounding[0]["message"]
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    body = ok(client.get(f"/api/v1/supplier-invoices/{invoice.pk}/"))
    assert (body["subtotal"], body["total"]) == ("473.00", "530.00")
    assert [(x["quantity"], x["unit_price"], x["line_total"]) for x in body["lines"]] == [
        ("20.000", "9.9000", "198.00"),
        ("1.000", "275.0000", "275.00"),
    ]
    read = read_document_invoice(Document.objects.get(pk=detail["id"]))
    assert "line_items" not in read.low_confidence
