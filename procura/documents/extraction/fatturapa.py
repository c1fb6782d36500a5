"""FatturaPA, the Italian e-invoice (``FatturaElettronica`` versions 1.1 and 1.2, public
administration FPA12 and private FPR12), read into the same invoice as the EN 16931 syntaxes.

Where the terms sit: the seller is ``CedentePrestatore`` (VAT id = ``IdPaese`` + ``IdCodice``,
the partita IVA; ``CodiceFiscale`` the tax code), the buyer ``CessionarioCommittente``; the
document's number, date, currency and stated total are in ``DatiGeneraliDocumento`` of the first
``FatturaElettronicaBody`` (a file may carry a batch of invoices to one buyer from one seller, one
header and several bodies: ``batch_parts`` gives each further body as a file of its own, with the
header, to be read as an invoice of its own); lines are ``DettaglioLinee``, the VAT summary ``DatiRiepilogo`` (taxable amount and tax
per rate), payment ``DettaglioPagamento`` (due date, IBAN).

A partita IVA whose check digit fails is a warning. The other checks are those the exchange
system (SdI) applies before it accepts a file, by its error code: the mandatory terms; 00400/00401 and 00429/00430 a zero VAT rate names its nature
(``Natura``) and only a zero rate does, on lines and in the summary; 00419 every line rate has a
summary; 00423 a line's total price is its unit price times its quantity after
discounts and surcharges (within a cent), 00422 each rate's taxable amount is the sum of its
lines, its fund contributions and its rounding (within a euro), 00421 each rate's tax is the
taxable amount times the rate (within a cent). The stated document total
(``ImportoTotaleDocumento``) is optional and not checked by SdI; when it differs from taxable
amount plus tax (a stamp duty, a withholding), that is a warning.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from procura.documents.extraction.einvoice import EInvoice, Finding, Party

ROOT = "FatturaElettronica"
CENT = Decimal("0.01")
EURO = Decimal("1")
# The document types SdI names (TipoDocumento): TD04 and TD08 are credit notes.
CREDIT_NOTES = {"TD04", "TD08"}
# CondizioniPagamento: how the invoice is paid.
PAYMENT_TERMS = {
    "TP01": "Payment in instalments",
    "TP02": "Payment in full",
    "TP03": "Advance payment",
}
# Invoices of one batch file read at most; SdI itself refuses files over 5 MB.
MAX_BATCH = 200


def is_fatturapa(root: Any) -> bool:
    from lxml import etree

    return etree.QName(root).localname == ROOT


def _all(node: Any, path: str) -> list[Any]:
    return list(
        node.xpath("./" + "/".join(f"*[local-name()='{step}']" for step in path.split("/")))
    )


def _text(node: Any, path: str) -> str | None:
    found = _all(node, path) if node is not None else []
    if not found:
        return None
    text = " ".join((found[0].text or "").split())
    return text or None


def _amount(node: Any, path: str) -> Decimal | None:
    from procura.documents.extraction.einvoice import _decimal

    return _decimal(_text(node, path))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _party(node: Any) -> Party:
    from procura.documents.extraction.einvoice import Party

    if node is None:
        return Party()
    data = _all(node, "DatiAnagrafici")
    anagrafici = data[0] if data else None
    country = _text(anagrafici, "IdFiscaleIVA/IdPaese") if anagrafici is not None else None
    code = _text(anagrafici, "IdFiscaleIVA/IdCodice") if anagrafici is not None else None
    name = None
    if anagrafici is not None:
        name = _text(anagrafici, "Anagrafica/Denominazione") or " ".join(
            part
            for part in (
                _text(anagrafici, "Anagrafica/Nome"),
                _text(anagrafici, "Anagrafica/Cognome"),
            )
            if part
        )
    street = " ".join(
        p for p in (_text(node, "Sede/Indirizzo"), _text(node, "Sede/NumeroCivico")) if p
    )
    return Party(
        name=name or None,
        vat_id=f"{country or ''}{code}" if code else None,
        tax_id=_text(anagrafici, "CodiceFiscale") if anagrafici is not None else None,
        email=_text(node, "Contatti/Email"),
        street=street or None,
        postcode=_text(node, "Sede/CAP"),
        city=_text(node, "Sede/Comune"),
        country=_text(node, "Sede/Nazione"),
    )


def fatturapa_invoice(root: Any) -> tuple[EInvoice, list[Finding]]:
    """The first invoice of a FatturaPA file and what SdI would refuse in it."""
    from procura.documents.extraction.einvoice import EInvoice, EInvoiceLine, Finding

    header = next(iter(_all(root, "FatturaElettronicaHeader")), None)
    bodies = _all(root, "FatturaElettronicaBody")
    findings: list[Finding] = []
    if not bodies:
        findings.append(Finding("FatturaElettronicaBody", "The file carries no invoice body."))
    elif len(bodies) > 1:
        read = min(len(bodies), MAX_BATCH)
        findings.append(
            Finding(
                "FatturaElettronicaBody",
                f"The file is a batch of {len(bodies)} invoices: this is the first, the other "
                f"{read - 1} are read as documents of their own"
                + (
                    f" (the last {len(bodies) - read} are not read)." if read < len(bodies) else "."
                ),
                "warning",
            )
        )
    body = bodies[0] if bodies else root
    general = next(iter(_all(body, "DatiGenerali/DatiGeneraliDocumento")), None)
    goods = next(iter(_all(body, "DatiBeniServizi")), None)
    lines_nodes = _all(goods, "DettaglioLinee") if goods is not None else []
    summary = _all(goods, "DatiRiepilogo") if goods is not None else []
    payment = next(iter(_all(body, "DatiPagamento/DettaglioPagamento")), None)
    basis = sum((_amount(s, "ImponibileImporto") or Decimal(0) for s in summary), Decimal(0))
    tax = sum((_amount(s, "Imposta") or Decimal(0) for s in summary), Decimal(0))
    stated = _amount(general, "ImportoTotaleDocumento") if general is not None else None
    lines = [
        EInvoiceLine(
            description=_text(node, "Descrizione") or "",
            quantity=_amount(node, "Quantita"),
            unit=_text(node, "UnitaMisura"),
            unit_price=_amount(node, "PrezzoUnitario"),
            amount=_amount(node, "PrezzoTotale"),
            tax_rate=_amount(node, "AliquotaIVA"),
        )
        for node in lines_nodes
    ]
    invoice = EInvoice(
        syntax="FatturaPA",
        profile=root.get("versione") or "FatturaPA",
        type_code=_text(general, "TipoDocumento") if general is not None else None,
        number=_text(general, "Numero") if general is not None else None,
        issue_date=_date(_text(general, "Data")) if general is not None else None,
        due_date=_date(_text(payment, "DataScadenzaPagamento")) if payment is not None else None,
        currency=_text(general, "Divisa") if general is not None else None,
        po_number=_text(body, "DatiGenerali/DatiOrdineAcquisto/IdDocumento"),
        preceding_invoice=_text(body, "DatiGenerali/DatiFattureCollegate/IdDocumento"),
        seller=_party(
            next(iter(_all(header, "CedentePrestatore")), None) if header is not None else None
        ),
        buyer=_party(
            next(iter(_all(header, "CessionarioCommittente")), None) if header is not None else None
        ),
        iban=_text(payment, "IBAN") if payment is not None else None,
        line_total=sum((line.amount or Decimal(0) for line in lines), Decimal(0))
        if lines
        else None,
        tax_basis=basis if summary else None,
        tax_total=tax if summary else None,
        grand_total=stated if stated is not None else (basis + tax if summary else None),
        rounding=_amount(general, "Arrotondamento") if general is not None else None,
        lines=lines,
        payment_terms=PAYMENT_TERMS.get(_text(body, "DatiPagamento/CondizioniPagamento") or ""),
        tax_breakdown=[
            {
                "category": _text(node, "Natura") or "S",
                "rate": _text(node, "AliquotaIVA"),
                "basis": _text(node, "ImponibileImporto"),
                "tax": _text(node, "Imposta"),
                # The law that makes the operation exempt or not subject to VAT.
                "exemption_reason": _text(node, "RiferimentoNormativo"),
                "exemption_code": _text(node, "Natura"),
            }
            for node in summary
        ],
    )
    findings += _required(invoice)
    findings += _partita_iva(invoice)
    findings += _nature(lines_nodes, summary)
    findings += _line_totals(lines_nodes)
    findings += _summary(lines_nodes, summary, goods)
    if stated is not None and summary and abs(stated - (basis + tax)) > CENT:
        findings.append(
            Finding(
                "ImportoTotaleDocumento",
                f"The stated total {stated} is not taxable amount {basis} plus tax {tax} "
                "(a stamp duty or withholding may explain it).",
                "warning",
            )
        )
    return invoice, findings


def batch_parts(root: Any) -> list[bytes]:
    """The second and further invoices of a batch file (one header, several bodies), each as a
    FatturaPA file of its own: the header and that body, in the original's namespaces."""
    from copy import deepcopy

    from lxml import etree

    headers = _all(root, "FatturaElettronicaHeader")
    bodies = _all(root, "FatturaElettronicaBody")
    parts = []
    for body in bodies[1:MAX_BATCH]:
        single = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
        for node in (*headers[:1], body):
            single.append(deepcopy(node))
        parts.append(etree.tostring(single, xml_declaration=True, encoding="UTF-8"))
    return parts


def _required(invoice: EInvoice) -> list[Finding]:
    from procura.documents.extraction.einvoice import Finding

    found = []
    for value, where in (
        (invoice.number, "2.1.1.4 Numero"),
        (invoice.issue_date, "2.1.1.3 Data"),
        (invoice.currency, "2.1.1.2 Divisa"),
        (invoice.seller.name, "1.2.1.3 CedentePrestatore Anagrafica"),
        (invoice.seller.vat_id, "1.2.1.1 CedentePrestatore IdFiscaleIVA"),
        (invoice.type_code, "2.1.1.1 TipoDocumento"),
    ):
        if value in (None, ""):
            found.append(Finding(where, f"{where.split(' ', 1)[1]} is missing."))
    if not invoice.lines:
        found.append(Finding("2.2.1 DettaglioLinee", "The invoice has no lines."))
    if invoice.tax_basis is None:
        found.append(Finding("2.2.2 DatiRiepilogo", "The VAT summary is missing."))
    return found


def _partita_iva(invoice: EInvoice) -> list[Finding]:
    """An Italian VAT id (partita IVA) whose check digit fails cannot be registered; the exchange
    system checks the id against the tax registry, which needs a network: here the check digit
    (``python-stdnum``) only, as a warning."""
    from stdnum.it import iva

    from procura.documents.extraction.einvoice import Finding

    found = []
    for role, party in (
        ("CedentePrestatore", invoice.seller),
        ("CessionarioCommittente", invoice.buyer),
    ):
        vat = party.vat_id or ""
        if vat.upper().startswith("IT") and not iva.is_valid(vat[2:]):
            found.append(
                Finding(
                    f"{role} IdFiscaleIVA",
                    f"The partita IVA {vat[2:]} fails its check digit.",
                    "warning",
                )
            )
    return found


def _nature(lines: list[Any], summary: list[Any]) -> list[Finding]:
    """A zero rate names the nature of the operation that makes it zero (``Natura``), a rate
    above zero does not (00400/00401 on lines, 00429/00430 in the summary); every rate of a line
    has its summary (00419)."""
    from procura.documents.extraction.einvoice import Finding

    found = []
    for nodes, missing, present, where in (
        (lines, "00400", "00401", "line {}"),
        (summary, "00429", "00430", "summary {}"),
    ):
        for index, node in enumerate(nodes, start=1):
            rate = _amount(node, "AliquotaIVA")
            nature = _text(node, "Natura")
            place = where.format(_text(node, "NumeroLinea") or index)
            if rate == 0 and not nature:
                found.append(
                    Finding(f"{missing} {place}", f"A zero VAT rate without its Natura ({place}).")
                )
            elif rate is not None and rate != 0 and nature:
                found.append(
                    Finding(
                        f"{present} {place}",
                        f"Natura {nature} given with a VAT rate of {rate}% ({place}).",
                    )
                )
    summarised = {_amount(node, "AliquotaIVA") for node in summary}
    line_rates = {rate for node in lines if (rate := _amount(node, "AliquotaIVA")) is not None}
    for rate in sorted(line_rates - summarised):
        found.append(
            Finding(f"00419 rate {rate}", f"Lines at {rate}% have no VAT summary (DatiRiepilogo).")
        )
    return found


def _adjusted(price: Decimal, node: Any) -> Decimal:
    """The unit price after the line's discounts (SC) and surcharges (MG), each a percentage
    or an amount per unit, applied in order."""
    for adjustment in _all(node, "ScontoMaggiorazione"):
        sign = Decimal(-1) if _text(adjustment, "Tipo") == "SC" else Decimal(1)
        percent = _amount(adjustment, "Percentuale")
        amount = _amount(adjustment, "Importo")
        if percent is not None:
            price += sign * price * percent / 100
        elif amount is not None:
            price += sign * amount
    return price


def _line_totals(nodes: list[Any]) -> list[Finding]:
    from procura.documents.extraction.einvoice import Finding

    found = []
    for node in nodes:
        price = _amount(node, "PrezzoUnitario")
        total = _amount(node, "PrezzoTotale")
        if price is None or total is None:
            continue
        quantity = _amount(node, "Quantita") or Decimal(1)
        expected = _adjusted(price, node) * quantity
        if abs(expected - total) > CENT:
            number = _text(node, "NumeroLinea") or "?"
            found.append(
                Finding(
                    f"00423 line {number}",
                    f"Line {number}: unit price {price} x quantity {quantity} after discounts "
                    f"and surcharges is {expected.quantize(CENT)}, not the total price {total}.",
                )
            )
    return found


def _summary(lines: list[Any], summary: list[Any], goods: Any) -> list[Finding]:
    from procura.documents.extraction.einvoice import Finding

    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for node in lines:
        rate = _amount(node, "AliquotaIVA")
        if rate is not None:
            by_rate[rate] += _amount(node, "PrezzoTotale") or Decimal(0)
    # A fund contribution (cassa previdenziale) is taxed at its own rate.
    root = goods.getparent() if goods is not None else None
    for fund in (
        _all(root, "DatiGenerali/DatiGeneraliDocumento/DatiCassaPrevidenziale")
        if root is not None
        else []
    ):
        rate = _amount(fund, "AliquotaIVA")
        if rate is not None:
            by_rate[rate] += _amount(fund, "ImportoContributoCassa") or Decimal(0)
    found = []
    rates_seen: dict[Decimal, Decimal] = defaultdict(Decimal)
    for node in summary:
        rate = _amount(node, "AliquotaIVA")
        basis = _amount(node, "ImponibileImporto")
        tax = _amount(node, "Imposta")
        if rate is None or basis is None:
            continue
        rates_seen[rate] += basis + (_amount(node, "Arrotondamento") or Decimal(0))
        if tax is not None and abs(basis * rate / 100 - tax) > CENT:
            found.append(
                Finding(
                    f"00421 rate {rate}",
                    f"Tax {tax} at {rate}% of {basis} should be "
                    f"{(basis * rate / 100).quantize(CENT)}.",
                )
            )
    for rate, basis in rates_seen.items():
        if abs(by_rate.get(rate, Decimal(0)) - basis) > EURO:
            found.append(
                Finding(
                    f"00422 rate {rate}",
                    f"The taxable amount at {rate}% is {basis}, but the lines at that rate add up "
                    f"to {by_rate.get(rate, Decimal(0))}.",
                )
            )
    return found
