"""Confidence that says when a value is only a guess: a name nothing else backs, a date whose
day and month could swap, an amount derived from the others that the arithmetic then "confirms"."""

from __future__ import annotations

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.result import LOW_CONFIDENCE, InvoiceExtraction
from procura.documents.tests.world import render_text


def _read(text: str) -> InvoiceExtraction:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def _invoice(
    title: str, email: str, date: str, currency: str = "", name: str = "Bluegum Timber Traders"
) -> str:
    return f"""## {title}
{name}
14 Wattle Street, Perth
{email}

Invoice No:   BT-4471
Invoice Date: {date}

Description                 Qty     Price      Amount
Decking boards               10     40.00      400.00

                            Subtotal           400.00
                            Tax                 40.00
                            Total {currency}         440.00
"""


def test_a_title_read_as_the_name_with_nothing_backing_it_is_below_the_line() -> None:
    # A title in a language the reader has no word list for, where the issuer's name should be.
    text = _invoice("PROFORMA FATURA", "accounts@ledgerhouse.example", "2026-12-03", name="Sales")
    result = _read(text)
    name = result.fields["supplier_name"]
    # Taken as the name (as today), it is marked for a person to check.
    assert name.value != "PROFORMA FATURA" or (
        name.confidence < LOW_CONFIDENCE and "supplier_name" in result.low_confidence_fields
    )
    assert any("no second cue" in note for note in result.notes)


def test_a_name_backed_by_the_issuers_email_domain_keeps_its_confidence() -> None:
    def printed_once(email: str) -> InvoiceExtraction:
        return _read(_invoice("Bluegum Timber Traders", email, "2026-12-03", name="Sales office"))

    backed = printed_once("ar@bluegumtimber.example")
    alone = printed_once("ar@ledgerhouse.example")
    assert backed.fields["supplier_name"].value == "Bluegum Timber Traders"
    assert alone.fields["supplier_name"].value == "Bluegum Timber Traders"
    assert backed.fields["supplier_name"].confidence >= LOW_CONFIDENCE
    assert alone.fields["supplier_name"].confidence < backed.fields["supplier_name"].confidence


def test_a_date_whose_day_and_month_could_swap_is_doubtful_unless_the_page_tells() -> None:
    unsure = _read(_invoice("Bluegum Timber Traders", "ar@bluegumtimber.example", "05/12/2026"))
    assert unsure.fields["invoice_date"].value in {"2026-12-05", "2026-05-12"}
    assert unsure.fields["invoice_date"].confidence < LOW_CONFIDENCE
    assert any("day and month" in note for note in unsure.notes)
    # A currency names the country's habit: euros, day first.
    told = _read(
        _invoice("Bluegum Timber Traders", "ar@bluegumtimber.example", "05/12/2026", "EUR")
    )
    assert told.fields["invoice_date"].value == "2026-12-05"
    assert told.fields["invoice_date"].confidence >= LOW_CONFIDENCE
    # A day above 12 settles it too.
    plain = _read(_invoice("Bluegum Timber Traders", "ar@bluegumtimber.example", "25/11/2026"))
    assert plain.fields["invoice_date"].value == "2026-11-25"
    assert plain.fields["invoice_date"].confidence >= LOW_CONFIDENCE


def test_an_amount_derived_from_the_others_is_not_confirmed_by_the_same_sum() -> None:
    def read(before_tax: str) -> InvoiceExtraction:
        return _read(
            f"""## Bluegum Timber Traders
ar@bluegumtimber.example
Invoice No: BT-4472          Invoice Date: 2026-12-03

Decking boards, 10 pieces delivered to site
                            {before_tax}
                            GST                 40.00
                            Total              440.00
"""
        )

    alone = read("")
    assert (alone.fields["subtotal"].value, alone.fields["total"].value) == ("400.00", "440.00")
    assert alone.fields["subtotal"].source == "derived"
    assert alone.checks["subtotal_plus_tax_is_total"] is True
    # Printed nowhere: derived, and said so, whatever the sum says.
    assert alone.fields["subtotal"].confidence < LOW_CONFIDENCE
    # Printed under a label the reader does not know: the page and the sum agree.
    printed = read("Charges ex works     400.00")
    assert printed.fields["subtotal"].value == "400.00"
    assert printed.fields["subtotal"].confidence >= LOW_CONFIDENCE


def test_a_vat_included_receipt_total_is_not_confirmed_as_the_subtotal_by_its_own_lines() -> None:
    result = _read(
        """## Mwangi Hardware
Receipt No: 004417        Date: 2026-12-05

Item                     Qty    Price     Total
Padlock 50mm               4    850.00   3,400.00
Chain 6mm (m)             10    320.00   3,200.00
"""
    )
    subtotal = result.fields["subtotal"]
    assert subtotal.value == "6600.00"
    assert subtotal.confidence < LOW_CONFIDENCE
    assert result.checks["lines_sum_to_subtotal"] is True


def test_space_grouped_thousands_before_a_decimal_point() -> None:
    result = _read(
        """## Karoo Fresh Produce (Pty) Ltd
accounts@karoofresh.example
Invoice No: KFP-20931        Invoice Date: 2026-12-05

                                    Total Exclusive:       R 25 285.00
                                    Total VAT (15%):        R 3 792.75
                                    Total Inclusive:       R 29 077.75
"""
    )
    assert (
        result.fields["subtotal"].value,
        result.fields["tax"].value,
        result.fields["total"].value,
    ) == ("25285.00", "3792.75", "29077.75")
