"""Credit notes read from the page: told from invoices by their title or a negative total, in
several languages, with the invoice they credit as a field of its own; plain invoices that only
mention credit ("credit card", "Gutschrift erfolgt", "avoir" the verb) stay invoices. The kind
follows the rule e-invoices follow, so a "Gutschrift" that names no credited invoice is read as
a self-billed invoice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.credit_notes import DocumentKind, credited_line, document_kind
from procura.documents.extraction.result import InvoiceExtraction, LineItem
from procura.documents.tests import world
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.world import render_text

CREDIT_NOTES = {
    "uk-credit-note.txt": "PD-118840",
    "de-gutschrift.txt": "RE-2026-0877",
    "nl-creditnota.txt": "2026-0877",
}


def _read(text: str) -> InvoiceExtraction:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def _amounts(result: InvoiceExtraction) -> tuple[str | None, ...]:
    return tuple(result.value(name) for name in ("subtotal", "tax", "total"))


def test_every_world_sample_is_read_as_the_kind_it_is() -> None:
    kinds = {}
    for name in world.names():
        pages = read_document(world.render_pdf(name), "application/pdf").pages
        result = extract_invoice(pages)
        kinds[name] = (result.kind, result.value("credited_invoice_number"))
    assert {name: kinds[name] for name in CREDIT_NOTES} == {
        name: ("credit_note", number) for name, number in CREDIT_NOTES.items()
    }
    invoices = {name: kind for name, kind in kinds.items() if name not in CREDIT_NOTES}
    assert set(invoices.values()) == {("invoice", None)}
    assert len(invoices) == len(world.names()) - 3


def test_the_credited_invoice_is_a_field_with_its_confidence_and_a_note() -> None:
    pages = read_document(world.render_pdf("uk-credit-note.txt"), "application/pdf").pages
    result = extract_invoice(pages)
    credited = result.as_json()["fields"]["credited_invoice_number"]
    assert credited["value"] == "PD-118840"
    assert credited["confidence"] >= 0.8
    assert credited["location"]["page"] == 1
    assert result.value("invoice_number") == "CN-2291"  # its own number, not the credited one
    assert any("credited invoice: PD-118840" in note for note in result.notes)
    assert result.as_json()["kind"] == "credit_note"


def test_a_french_avoir_names_the_original_invoice() -> None:
    result = _read(
        """## Conserverie du Littoral SARL
14 quai de la Fosse, 44000 Nantes
TVA FR 40 303 265 045
                                              Westgate Retail Group
                                              12 rue de Rivoli, 75004 Paris

AVOIR N° AV-2026-031
Date : 08/12/2026
Facture d'origine n° F-2026-1093 du 03/12/2026

Désignation                         Qté     PU HT      Montant HT
Sardines à l'huile (boîtes abîmées)   24      2,50          60,00

                                        Total HT               60,00
                                        TVA 5,5 %               3,30
                                        Total TTC              63,30
"""
    )
    assert result.kind == "credit_note"
    assert result.value("invoice_number") == "AV-2026-031"
    assert result.value("credited_invoice_number") == "F-2026-1093"
    assert _amounts(result) == ("60.00", "3.30", "63.30")


def test_an_italian_nota_di_credito_and_its_fattura_di_riferimento() -> None:
    result = _read(
        """## Oleificio Bellini S.r.l.
Via Emilia 12, 40121 Bologna
P.IVA IT 01234567897
                                              Spett.le Westgate Retail Group
                                              Corso Buenos Aires 3, 20124 Milano
NOTA DI CREDITO n. 12 del 09/12/2026
Fattura di riferimento: 94 del 02/12/2026

Descrizione                        Q.tà     Prezzo      Importo
Sconto su olio extravergine           1     100,00       100,00

                                     Imponibile            100,00
                                     IVA 4%                  4,00
                                     Totale documento      104,00
"""
    )
    assert result.kind == "credit_note"
    assert result.value("credited_invoice_number") == "94"
    assert _amounts(result) == ("100.00", "4.00", "104.00")


def test_a_spanish_factura_rectificativa() -> None:
    result = _read(
        """## Conservas Rías Altas S.L.
Polígono de Sabón, 15142 Arteixo (A Coruña)
NIF B15123456
FACTURA RECTIFICATIVA
Nº factura: R-2026-004                          Westgate Retail Group
Fecha: 10/12/2026                               Calle Mayor 1, 28013 Madrid
Factura rectificada: A-2026-118

Concepto                               Cantidad     Precio      Importe
Devolución atún claro                        20       3,15        63,00

                                           Base imponible           63,00
                                           IVA 10%                   6,30
                                           Total                    69,30
"""
    )
    assert result.kind == "credit_note"
    assert result.value("invoice_number") == "R-2026-004"
    assert result.value("credited_invoice_number") == "A-2026-118"


def test_a_polish_faktura_korygujaca() -> None:
    result = _read(
        """## Chłodnia Mazowsze Sp. z o.o.
ul. Mroźna 7, 05-800 Pruszków
NIP PL 5272526895
                                            Faktura korygująca nr FK/3/12/2026
                                            Data wystawienia: 11.12.2026
Dotyczy faktury nr FV/112/12/2026 z dnia 01.12.2026

Nazwa                          Ilość     Cena netto     Wartość netto
Zwrot: schab wieprzowy            10          22,00            220,00

                                        Razem netto              220,00
                                        VAT 5%                    11,00
                                        Razem brutto             231,00
"""
    )
    assert result.kind == "credit_note"
    assert result.value("credited_invoice_number") == "FV/112/12/2026"


def test_a_us_credit_memo_printed_negative_is_turned_positive() -> None:
    result = _read(
        """# Lakeside Paper Co.
400 Industrial Pkwy, Madison, WI 53704
ar@lakesidepaper.example
                                                    CREDIT MEMO
                                                    Memo #       CM-5521
                                                    Date         12/09/2026
Bill To: Westgate Retail Group
Relates to invoice 1027

Item                               Qty       Rate        Amount
Copy paper, damaged cases           -3      40.00       -120.00

                                              Subtotal       -120.00
                                              Sales tax        -6.60
                                              Total         $ -126.60
"""
    )
    assert result.kind == "credit_note"
    assert _amounts(result) == ("120.00", "6.60", "126.60")
    assert result.value("credited_invoice_number") == "1027"
    assert result.value("invoice_number") == "CM-5521"  # not the invoice it credits
    [line] = result.line_items
    assert (Decimal(line.quantity or 0), Decimal(line.unit_price or 0), line.amount) == (
        3,
        40,
        "120.00",
    )


def test_a_negative_total_without_a_title_is_a_credit_note_that_names_no_invoice() -> None:
    result = _read(
        """# ACME Supplies Ltd
1 High Street, Leeds LS1 1AA
accounts@acme-supplies.example
                                          Invoice No:   INV-2291
                                          Date:         3 December 2026
Returned widgets
                                                  Subtotal        -100.00
                                                  VAT 20%          -20.00
                                                  Total         £ -120.00
"""
    )
    assert result.kind == "credit_note"
    assert result.value("invoice_number") == "INV-2291"
    assert _amounts(result) == ("100.00", "20.00", "120.00")
    assert result.value("credited_invoice_number") is None
    assert "credited invoice: the credit note names none" in result.notes


@pytest.mark.parametrize(
    "remark",
    [
        "We accept all major credit cards. Credit terms: 30 days net.",
        "Credit note will follow for any goods returned within 14 days.",
        "Die Gutschrift erfolgt nach Eingang der Rücksendung.",
        "Gutschrift erfolgt nach Zahlungseingang",
        "Nous espérons avoir répondu à votre demande.",
        "Avoir à valoir sur votre prochaine commande en cas de retour.",
        "Eventuali resi saranno accreditati con nota di credito.",
        "Creditnota volgt na ontvangst van de retourzending.",
    ],
)
def test_an_invoice_that_mentions_credit_stays_an_invoice(remark: str) -> None:
    result = _read(
        f"""# Harbour Foods Ltd
2 Dock Road, Hull HU1 2AA
VAT Registration No. GB 318 4401 22
                                          Invoice No:   HF-7731
                                          Date:         3 December 2026
Description                        Qty      Unit price        Net
Smoked haddock                      10         12.00        120.00

                                                  Subtotal         120.00
                                                  VAT 20%           24.00
                                                  Total          £ 144.00
{remark}
"""
    )
    assert result.kind == "invoice"
    assert "credited_invoice_number" not in result.fields
    assert _amounts(result) == ("120.00", "24.00", "144.00")


def test_an_invoice_deducting_an_earlier_credit_note_stays_an_invoice() -> None:
    result = _read(
        """# Harbour Foods Ltd
2 Dock Road, Hull HU1 2AA
                                          Invoice No:   HF-7732
                                          Date:         4 December 2026
Description                        Qty      Unit price        Net
Smoked haddock                      10         12.00        120.00
Credit note CN-118                                         -20.00
Trade discount                                              -5.00

                                                  Subtotal          95.00
                                                  VAT 20%           19.00
                                                  Total          £ 114.00
"""
    )
    assert result.kind == "invoice"
    assert _amounts(result) == ("95.00", "19.00", "114.00")


def test_a_phone_photo_of_a_gutschrift_is_read_as_a_credit_note() -> None:
    photo = world.photograph(world.render_pdf("de-gutschrift.txt"), 120, 7)

    result = extract_invoice(read_document(photo, "image/jpeg").pages)

    assert result.kind == "credit_note"
    assert (result.value("invoice_number"), result.value("total")) == ("GS-2026-014", "233.24")
    assert result.value("credited_invoice_number") == "RE-2026-0877"


@pytest.mark.parametrize(
    ("printed", "credited"),
    [
        (("-3", "40.00", "-120.00"), ("3", "40.00", "120.00")),
        (("3", "40.00", "-120.00"), ("3", "40.00", "120.00")),
        (("3", "-40.00", "-120.00"), ("3", "40.00", "120.00")),
        (("1", "10.00", "10.00"), ("1", "-10.00", "-10.00")),  # a fee charged on the credit
        (("-3", "40.00", None), ("3", "40.00", None)),
    ],
)
def test_a_line_printed_negative_is_turned_so_quantity_times_price_is_its_amount(
    printed: tuple[str, str, str | None], credited: tuple[str, str, str | None]
) -> None:
    quantity, price, amount = printed
    item = LineItem("Returned", quantity, price, amount, 0.9)

    turned = credited_line(item)

    assert (turned.quantity, turned.unit_price, turned.amount) == credited


# One rule for a page and an e-invoice: (title, negative total, names a credited invoice, type
# code) -> kind, and whether it is an invoice only because "Gutschrift" names no invoice.
@pytest.mark.parametrize(
    ("title", "negative", "credits", "code", "kind", "self_billed"),
    [
        ("Gutschrift Nr. GS-7", False, False, None, "invoice", True),
        ("GUTSCHRIFT", False, False, "380", "invoice", True),
        ("Gutschrift", False, True, None, "credit_note", False),
        ("GUTSCHRIFT", False, True, "380", "credit_note", False),
        ("Gutschrift", True, False, None, "credit_note", False),
        ("Gutschrift", False, True, "389", "invoice", True),  # the self-billed code decides
        ("Avoir n° 12", False, False, None, "credit_note", False),
        ("AVOIR", False, False, "380", "credit_note", False),
        ("Credit note", False, False, None, "credit_note", False),
        ("Creditnota", False, False, "380", "credit_note", False),
        ("Nota di credito", False, False, None, "credit_note", False),
        ("Nota de crédito", False, False, "380", "credit_note", False),
        ("Rechnungskorrektur", False, True, "384", "invoice", False),  # charges more
        ("Rechnungskorrektur", False, True, None, "credit_note", False),
        ("Korekta faktury", False, True, "380", "invoice", False),
        ("Korekta faktury", False, True, None, "credit_note", False),
        ("Rechnung", False, False, None, "invoice", False),
        ("Rechnung", True, False, "380", "credit_note", False),
        ("Rechnung", False, False, "381", "credit_note", False),
        (None, True, False, "381", "invoice", False),  # a credit note of -100 charges 100
    ],
)
def test_what_a_document_is_follows_one_rule(
    title: str | None,
    negative: bool,
    credits: bool,
    code: str | None,
    kind: str,
    self_billed: bool,
) -> None:
    decided = document_kind(title, negative=negative, credits_invoice=credits, type_code=code)
    assert (decided.kind, decided.self_billed) == (kind, self_billed)


_TITLED_PAGE = """## Lindenhof Metallhandel GmbH
Industriestraße 4, 70565 Stuttgart
USt-IdNr. DE 811 234 567
{title} Nr. GS-2026-031                         Kunde: Westgate Retail GmbH
Datum: 14.12.2026
{credited}

Bezeichnung                          Menge     Preis      Betrag
Altmetall Kupfer                        40      4,50      180,00

                                     Nettobetrag          180,00
                                     USt 19%               34,20
                                     Gesamtbetrag         214,20
"""


@pytest.mark.parametrize(
    ("title", "credited", "kind"),
    [
        # Self-billing: the customer's "Gutschrift" for what it received is paid to the supplier.
        ("Gutschrift", "", "invoice"),
        ("GUTSCHRIFT", "zu unserer Rechnung Nr. RE-2026-0877", "credit_note"),
        ("Avoir", "", "credit_note"),
        ("Credit note", "", "credit_note"),
        ("Creditnota", "", "credit_note"),
        ("Nota di credito", "", "credit_note"),
        ("Nota de crédito", "", "credit_note"),
        ("Rechnungskorrektur", "zu unserer Rechnung Nr. RE-2026-0877", "credit_note"),
        ("Faktura korygująca", "Dotyczy faktury nr FV/112/12/2026", "credit_note"),
    ],
)
def test_a_page_is_a_credit_note_by_the_rule_of_e_invoices(
    title: str, credited: str, kind: str
) -> None:
    result = _read(_TITLED_PAGE.format(title=title, credited=credited))

    assert result.kind == kind
    assert _amounts(result) == ("180.00", "34.20", "214.20")
    self_billed = DocumentKind("invoice", self_billed=True).note
    assert (self_billed in result.notes) == (kind == "invoice")
    if kind == "credit_note" and credited:
        assert result.value("credited_invoice_number") == credited.split()[-1]


@pytest.mark.django_db
def test_an_uploaded_gutschrift_naming_no_invoice_becomes_an_invoice_draft(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.procurement.models import SupplierInvoice

    data = render_text(_TITLED_PAGE.format(title="Gutschrift", credited=""))

    detail = processed_upload(
        client_as("finance"), django_capture_on_commit_callbacks, "gutschrift.pdf", data
    )

    extraction = detail["extraction"]
    assert extraction["kind"] == "invoice"
    assert "credited_invoice_number" not in extraction["fields"]
    assert DocumentKind("invoice", self_billed=True).note in extraction["notes"]
    draft = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert (draft.kind, draft.total) == ("invoice", Decimal("214.20"))
