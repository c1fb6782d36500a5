"""The words invoices print before their values, in the languages suppliers write in.

English, German, French, Dutch, Spanish, Italian, Polish, Portuguese, Swedish, Norwegian, Danish
and Finnish. Each entry is a regular
expression fragment (matched case-insensitively, Unicode word boundaries) with a weight saying
how specific the label is: "Rechnungsnummer" names the invoice number for sure, "Nr." alone does
not. A label may be followed by words or marks of its own ("Total for this invoice", "Tax *");
the value is then looked for after those, to the right, or under the label.
"""

from __future__ import annotations

# "number" words and marks that may follow a document noun: No., Nr., n°, nº, #, Nummer, numéro…
NUMBER_MARK = (
    r"(?:\s*\(\d{3}\))?"  # a document type code: "Handelsrechnung (380) Nr."
    r"(?:\s*(?:number|nummer|numéro|numero|número|numer|num\.?|no\.?|nr\.?|n[°ºo]\.?|n\.|#)"
    r"(?:\s*(?:de|da|del|di)\s*(?:facture|factura|fattura|fatura))?)?\s*[:#.]?"
)

INVOICE_NUMBER = [
    # English
    (rf"\binvoice{NUMBER_MARK}(?!\s*(?:date|total|amount|value|to\b|address))", 0.9),
    (rf"\binv\.?\s*(?:no\.?|#|number){NUMBER_MARK}", 0.9),
    (rf"\bbill{NUMBER_MARK}(?=\s*\S*\d)", 0.75),
    (r"\bbill\s*(?:no\.?|nr\.?|number|#)\s*[:#.]?", 0.75),
    # A French till receipt's "Fct" (facture).
    (r"\bfct\.?\s*(?:n[°º]\.?)?\s*[:#.]?", 0.75),
    # The OCR often reads a label's full stop as a comma ("DOCUMENT NO,").
    (r"\b(?:document|receipt)\s*(?:no[.,]?|number|#)\s*[:#.]?", 0.75),
    (r"\breference\s*(?:no\.?|number|#)?\s*[:#.]?", 0.55),
    # A credit note's own number (not the invoice it corrects).
    (rf"\bcredit\s*(?:note|memo){NUMBER_MARK}", 0.95),
    (r"\bcredit\s*nota[\s-]*(?:nummer|nr\.?)\s*[:#.]?|\bcreditnotanummer\s*[:#.]?", 0.95),
    # A bare "Number:" / "Número:" / "Numero" (a column header) on an invoice.
    (r"^\s*(?:n[uú]mero|num[eé]ro|nummer|numer|number|no\.|nr\.|n[°º])\s*[:.]?", 0.7),
    # German (Rechnung, Handelsrechnung, Rechnungsnummer, Rechnungs-Nr., Rg.-Nr., Belegnummer)
    (r"\b\w*rechnungs?[\s-]*(?:nummer|nr\.?|no\.?)\s*[:#.]?", 0.95),
    (rf"\b\w*rechnung{NUMBER_MARK}(?!\s*(?:datum|betrag|summe|empf))", 0.85),
    (r"\brg\.?[\s-]*nr\.?\s*[:#.]?", 0.85),
    # "Rechnung des Versicherers Nr.", "Gutschrift (Selbst ausgestellte Rechnung) Nr.",
    # "Rechnungskorrektur Nr."
    (
        r"\b\w*(?:rechnung|gutschrift)\w*(?:\s+[^\s:\d]+){0,4}?(?:\s*\(\d{3}\))?\s+(?:nr|no|nummer)\.?"
        r"\s*[:#.]?",
        0.85,
    ),
    (r"\bbeleg[\s-]*(?:nummer|nr\.?)\s*[:#.]?", 0.8),
    (r"\bgutschrift(?:s[\s-]*(?:nummer|nr\.?))?\s*(?:nr\.?)?\s*[:#.]?", 0.8),
    # French
    (r"\b(?:n[°ºo]\.?|numéro)\s*(?:de\s*)?(?:la\s*)?facture\s*[:#.]?", 0.95),
    (rf"\bfacture{NUMBER_MARK}(?!\s*(?:du\b|date|à\b))", 0.85),
    (rf"\bavoir{NUMBER_MARK}", 0.8),
    # Dutch
    (r"\bfactuur[\s-]*(?:nummer|nr\.?|no\.?)\s*[:#.]?", 0.95),
    (rf"\bfactuur{NUMBER_MARK}(?!\s*datum)", 0.85),
    # Spanish / Portuguese / Italian
    (
        r"\b(?:n[°ºo]\.?|núm(?:ero)?\.?|numero)\s*(?:de\s*|da\s*)?(?:factura|fatura|fattura)\s*[:#.]?",
        0.95,
    ),
    (rf"\b(?:factura|fatura|fattura)(?:[\s-]*recibo)?{NUMBER_MARK}", 0.85),
    # A Mexican CFDI's "Serie A Folio 5521" (its "Folio fiscal" is the tax office's UUID); a
    # Brazilian "NOTA FISCAL Nº 000.004.512", "NF-e Nº 4512", "NFS-e Número 12".
    (r"\bfolio(?!\s*fiscal)\s*(?:n[°º]\.?|no\.?|#)?\s*[:#.]?", 0.8),
    (
        r"\b(?:nota\s*fiscal(?:\s*(?:eletr[ôo]nica|de\s*servi[çc]os?(?:\s*eletr[ôo]nica)?))?|nfs?-?e)"
        r"\s*(?:n[°ºo]\.?|no\.?|n[úu]mero|#)\s*[:#.]?",
        0.85,
    ),
    # Polish
    (r"\b(?:numer|nr)\s*faktury\s*[:#.]?", 0.95),
    (rf"\bfaktura(?:\s*vat)?{NUMBER_MARK}", 0.85),
    # Swedish, Norwegian, Danish, Finnish
    (r"\b(?:faktura|kreditnota)[\s-]*(?:nummer|nr\.?|no\.?)\s*[:#.]?", 0.95),
    # Czech "Faktura – daňový doklad č.", Hungarian "Számla sorszáma", Greek "Arithmos",
    # Turkish "Proforma No".
    (r"\b(?:daňový\s*doklad|faktura)\s*(?:č\.|číslo)\s*[:#.]?|\bčíslo\s*faktury\s*[:#.]?", 0.95),
    (r"\bszámla\s*(?:sorszáma|száma|szám)\s*[:#.]?", 0.95),
    (r"\barithmos(?:\s*timologiou)?\s*[:#.]?", 0.85),
    (rf"\bproforma{NUMBER_MARK}(?=\s*\S*\d)", 0.85),
    (r"\b(?:laskun\s*numero|lasku\s*nro|laskunro|hyvityslasku\s*nro)\s*[:#.]?", 0.95),
]
# A receipt's or a booking's own reference ("Booking ID", "Reservation No."), a quote's number or
# the issuer's own reference: taken as the invoice number only when the page prints no invoice
# number, and then as a doubtful one.
BOOKING_NUMBER = [
    (
        r"\b(?:booking|reservation|confirmation|transaction|buchungs|réservation|reserva|prenotazione)"
        r"[\s-]*(?:id|no\.?|nr\.?|number|nummer|numéro|ref(?:erence)?\.?|code|#)\s*[:#.]?",
        0.6,
    ),
    # A till receipt's or a café's own number: "TRAN# 0093381", "Trans No. 5521", "Order #: 2231",
    # "Ticket 0412", "Receipt 1043".
    (
        r"\b(?:trans?|txn|trx|ticket|order|bon)\s*(?:id|no\.?|nr\.?|number|#)\s*[:#.]?",
        0.55,
    ),
    # The issuer's own reference in a letter-style invoice's reference row, when the page prints
    # no invoice number: "Ons kenmerk", "Our ref.", "Unser Zeichen", "Notre référence", "N/Réf.",
    # "Nuestra referencia", "Ns. rif.", "Nossa referência", "Nasz znak" (never the buyer's:
    # "Uw kenmerk", "Your ref.", "Ihr Zeichen").
    (
        r"\b(?:ons\s*kenmerk|our\s*ref(?:erence)?\.?|unser(?:e)?\s*(?:zeichen|referenz)"
        r"|notre\s*r[ée]f(?:[ée]rence)?\.?|n(?:os)?\s*/\s*r[ée]f\.?|nuestra\s*referencia"
        r"|nostro\s*riferimento|ns\.?\s*rif\.?|nossa\s*refer[êe]ncia|nasz\s*znak)\s*[:#.]?",
        0.55,
    ),
    # A quote's or an estimate's own number on a page that bills from it: "Devis n° 24",
    # "Quote #118", "Angebot Nr. 7", "Presupuesto nº 3", "Preventivo n. 12", "Orçamento nº 5".
    (
        r"\b(?:devis|quote|quotation|estimate|angebot|offerte|presupuesto|cotizaci[óo]n|preventivo"
        r"|or[çc]amento)\s*(?:n[°ºo]\.?|no\.?|nr\.?|n\.|number|nummer|numéro|número|#)\s*[:#.]?",
        0.55,
    ),
]
# Text around a would-be number label that says it is another field.
INVOICE_NUMBER_EXCLUDE = (
    # The invoice a credit note corrects: "Original invoice", "Relating to invoice", "zu unserer
    # Rechnung Nr.", "Betreft factuur", "bezogen auf".
    r"\b(?:original|relating\s*to|against|corrected|ursprüngliche|facture\s*d[’']origine)\b|"
    r"\bzu\s+(?:unserer|ihrer|der)\s+rechnung|\bbezogen\s+auf|\bbezüglich|\bbetreft|"
    r"\brelativ[ao]\s+(?:alla\s+)?fattura|\breferente\s+(?:à\s+)?fatura|"
    r"\bdate\b|\bdatum\b|\bdata\b|\bfecha\b|\btotale?\b|\bdue\b|\bto\b\s*:|"
    r"betrag|summe|empfänger|montant|bedrag|importe|importo|kwota|"
    # An order's or a customer's number under a bare "Number" word ("Número de Pedido").
    r"\b(?:de|da|del|of)\s+(?:orden|pedido|order|commande|cliente|client|ordine|encomenda)\b"
)

INVOICE_DATE = [
    (r"\binvoice\s*date\s*[:.]?", 0.95),
    (
        r"\b(?:date\s*of\s*(?:issue|invoice)|issue\s*date|issued(?:\s*(?:on|at))?|billing\s*date)\s*[:.]?",
        0.9,
    ),
    (r"\b(?:rechnungs|beleg|ausstellungs)[\s-]*datum\s*[:.]?", 0.95),
    # A bill's or a statement's own date: "Statement date", "APRIL STATEMENT GENERATED ON:".
    (
        r"\b(?:(?:statement|bill)\s*(?:date|generated\s*on|issued\s*on|prepared\s*on)"
        r"|generated\s*on)\s*[:.]?",
        0.85,
    ),
    (
        r"\bdate\s*(?:de\s*(?:la\s*)?)?(?:facture|facturation|d[’']émission|d[’']emission)\s*[:.]?",
        0.95,
    ),
    (r"\bfactuurdatum\s*[:.]?", 0.95),
    (r"\bfecha\s*(?:de\s*)?(?:factura|emisi[óo]n|expedici[óo]n)\s*[:.]?", 0.95),
    (
        r"\bdata\s*(?:della\s*|di\s*|da\s*|de\s*)?(?:fattura|documento|emissione|emiss[ãa]o|fatura)\s*[:.]?",
        0.95,
    ),
    (r"\bdata\s*wystawienia\s*[:.]?", 0.95),
    (r"\b(?:faktura|kreditnota)dat(?:um|o)\s*[:.]?", 0.95),
    (r"\bdatum\s*vystavení\s*[:.]?|\b(?:számla\s*)?kelte\s*[:.]?", 0.95),
    (r"\bimerominia(?:\s*ekdosis)?\s*[:.]?|\b(?:fatura\s*)?tarih(?:i)?\s*[:.]?", 0.85),
    (r"\b(?:laskun\s*)?(?:päiväys|päivämäärä|laskupäivä)\s*[:.]?", 0.9),
    # "FATTURA N. 1482/2026 del 01/12/2026", "Factura nº 12 de 03/12/2026", "Faktura nr 5 z dnia"
    (
        r"(?:fattura|factura|fatura|faktura)(?:\s*vat)?\s+(?:(?:n[°ºo.]*|nr\.?|núm\.?|#)\s*)?\S*\d\S*"
        r"\s+(?:del|de|z\s*dnia|dated?)\s*",
        0.9,
    ),
    # "Rechnung Nr. 471102 vom 05.03.2018", "Facture n° 12 du 13/11/2017"
    (
        r"(?:rechnung|gutschrift)\w*(?:\s+[^\s\d]+){0,4}?\s+(?:\(\d{3}\)\s*)?"
        r"(?:(?:nr|no|n[°º])\.?\s*|#\s*)?\S*\d\S*\s+vo[mn]\s*",
        0.9,
    ),
    (r"(?:facture|avoir)\s+(?:(?:n[°ºo]\.?|#)\s*)?\S*\d\S*\s+du\s*", 0.9),
    (r"\binvoice\s+(?:(?:no\.?|#)\s*)?\S*\d\S*\s+(?:issued\s*)?(?:on|at|of|dated)\s*", 0.9),
    (r"(?<!due )(?<!delivery )(?<!order )\b(?:date|datum|fecha|data)\s*[:.]?", 0.7),
    # The date of a heading that ran onto the next line: "Rechnung Nr. 471102" / "vom 05.03.2018"
    # (not a period: "vom 01.05. bis 31.05.").
    (r"^\s*(?:vom|du|del|dated|z\s*dnia)\s+(?!\S+\s+(?:bis|au|al)\b)", 0.7),
]
INVOICE_DATE_EXCLUDE = (
    r"\b(?:due|delivery|ship|order|payment|pay\s*by|service|period)\b|"
    # The date of the invoice a credit note corrects.
    r"\bzu\s+(?:unserer|ihrer|der)\s+rechnung|\bbezogen\s+auf|\bbetreft|\boriginal\s+invoice|"
    r"fällig|liefer|leistung|bestell|auftrag|zahl|"
    r"échéance|echeance|livraison|commande|paiement|"
    r"verval|levering|bestel|"
    r"vencimiento|entrega|pedido|"
    r"scadenza|consegna|ordine|"
    r"płatno|dostaw|sprzedaży|"
    r"vencimento|encomenda|"
    r"förfallo|forfall|forfald|betalingsdato|leverans|levering|eräpäivä|toimitus|"
    r"splatnost|zdanitelného|teljesítés|határidő|geçerlilik|vade"
)

DUE_DATE = [
    (
        r"\b(?:due\s*date|payment\s*due(?:\s*date)?|date\s*due|due\s*on|pay(?:able)?\s*by)\s*[:.]?",
        0.95,
    ),
    (r"\b(?:fällig(?:keits(?:datum)?)?(?:\s*am)?|zahlbar\s*bis|zahlungsziel)\s*[:.]?", 0.9),
    (r"\b(?:date\s*d[’']échéance|échéance|a\s*régler\s*avant\s*le)\s*[:.]?", 0.9),
    (r"\bvervaldatum\s*[:.]?", 0.9),
    (r"\b(?:fecha\s*de\s*)?vencimiento\s*[:.]?", 0.9),
    (r"\b(?:data\s*(?:di\s*)?)?scadenza\s*[:.]?", 0.9),
    (r"\btermin\s*płatności\s*[:.]?", 0.9),
    (r"\bdata\s*de\s*vencimento\s*[:.]?", 0.9),
    (r"\b(?:förfallo|forfalls|forfalds|betalings)dat(?:um|o)\s*[:.]?|\beräpäivä\s*[:.]?", 0.9),
    (r"\bdue\s*[:.]?", 0.75),
]

SUBTOTAL = [
    (r"\bsub[\s-]?total[e]?\b", 0.95),
    # "Subtota $22,379.39": a pale label's thin last letter lost to the OCR.
    (r"\bsub[\s-]?tota(?=\s*:?\s*(?:[$€£₹]|\d|$))", 0.8),
    (
        r"\b(?:net\s*(?:amount|total|value)(?!\s*payable)"
        r"|total\s*(?:net|before\s*tax(?:es)?|excl\.?(?:uding)?\s*(?:vat|tax(?:es)?|gst))"
        r"|amount\s*(?:before|excl\.?(?:uding)?)\s*(?:tax|vat)|taxable\s*(?:amount|value))\b",
        0.9,
    ),
    # "Total (excl. taxes):", "Total (before tax)", "Total without VAT", "Amount w/o tax".
    (r"\btotal\s*\(\s*(?:excl\.?(?:uding)?|before|without)\s*(?:vat|tax(?:es)?|gst)\s*\)", 0.9),
    (r"\b(?:total|amount|sum)\s*(?:without|w/o)\s*(?:vat|tax(?:es)?|gst)\b", 0.9),
    (
        r"\b(?:netto[\s-]*(?:betrag|summe|gesamt|wert)?|summe\s*netto|gesamt\s*netto|zwischensumme"
        r"|rechnungssumme\s*(?:netto|(?:ohne|exkl\.?|excl\.?)\s*(?:ust|mwst)\.?)|warenwert"
        r"|total\s*(?:exkl\.?|ohne)\s*(?:ust|mwst)\.?"
        r"|steuerbasis(?:betrag)?)\b",
        0.85,
    ),
    (
        r"\b(?:tot(?:al|\.)?\s*h\.?t\.?|montant\s*h\.?t\.?|sous[\s-]*total|total\s*hors\s*taxes?|base\s*h\.?t\.?"
        r"|total\s*htva|total\s*hors\s*tva)",
        0.9,
    ),
    (
        r"\b(?:subtotaal|totaal\s*excl\.?(?:usief)?\s*btw|excl(?:usief)?\.?\s*btw|netto\s*bedrag)\b",
        0.9,
    ),
    (r"\b(?:base\s*imponible|importe\s*neto|total\s*sin\s*iva|total\s*parcial)\b", 0.9),
    # "BI" / "B.I." (base imponible) opening a totals line: "BI G (16 %) Bs. 820,00".
    (r"^\s*b\.?\s?i\.?(?=\s)", 0.75),
    (r"\b(?:(?:totale\s*)?imponibile|totale\s*netto|subtotale)\b", 0.9),
    (r"\b(?:wartość\s*netto|razem\s*netto|suma\s*netto)\b", 0.9),
    (
        r"\b(?:valor\s*l[íi]quido|total\s*(?:sem\s*iva|il[íi]quido|l[íi]quido)|base\s*tribut[áa]vel"
        r"|incid[êe]ncia)\b",
        0.9,
    ),
    (
        r"\b(?:summa\s*(?:exkl\.?|exklusive|eks\.?|ekskl\.?)\s*(?:moms|mva)|sum\s*eks\.?\s*mva"
        r"|(?:beløb|beløp|belopp|total)\s*(?:ekskl\.?|eks\.?|exkl\.?)\s*(?:moms|mva)|nettobeløp"
        r"|veroton\s*(?:yhteensä|summa|hinta)?|yhteensä\s*ilman\s*alv)\b",
        0.9,
    ),
    (r"\b(?:základ\s*daně|celkem\s*bez\s*dph|ara\s*toplam|kathari\s*axia)\b", 0.9),
    (r"\bpositionssumme\b", 0.6),
    # An insurance premium before its insurance tax ("Gesamtbeitrag", "Nettobeitrag").
    (r"\b(?:netto|gesamt)beitrag\b", 0.6),
]

TAX = [
    # India: CGST + SGST (within a state) or IGST (between states), UTGST in union territories.
    (r"\b(?:total\s*)?(?:sales\s*tax|vat|(?:c|s|i|ut)?gst|hst|tax(?:es)?)\b", 0.9),
    (r"\b(?:mwst|ust|umsatzsteuer|mehrwertsteuer|steuerbetrag|steuer)\b\.?", 0.9),
    # "Versicherungsteuer" on insurance premiums, "Umsatzsteuerbetrag"
    (r"\b(?:umsatz|mehrwert|versicherung)s?steuer(?:betrag)?\b", 0.85),
    (r"\b(?:(?:montant|total)\s*(?:de\s*la\s*)?)?(?:tva|taxes?)\b", 0.9),
    # "TVA 20,00 % payée sur les débits", "TVA acquittée sur les encaissements"
    (
        r"\btva\s*(?:\d{1,2}(?:[.,]\d{1,3})?\s*%)?\s*(?:payée|acquittée)\s*sur\s*les"
        r"\s*(?:débits|encaissements)",
        0.9,
    ),
    (r"\b(?:btw(?:[\s-]*bedrag)?)\b", 0.9),
    (r"\b(?:(?:cuota|total|importe)\s*)?(?:iva|igic|impuestos?)\b", 0.9),
    (r"\b(?:(?:totale\s*)?iva|imposta)\b", 0.9),
    (r"\b(?:kwota\s*)?(?:vat|podatek)\b", 0.9),
    (r"\b(?:valor\s*(?:do\s*)?)?(?:iva|imposto)\b", 0.9),
    (r"\b(?:moms|mva|alv)(?:[\s-]*(?:belopp|beløb|beløp|beløpet|yhteensä|määrä))?\b", 0.9),
    # Czech DPH, Hungarian ÁFA, Turkish KDV, Greek FPA (in Latin letters).
    (r"\b(?:dph|áfa|kdv|f\.?p\.?a)\b\.?", 0.9),
    # Canada: GST/HST with Quebec's QST (TPS, TVQ); US local sales taxes printed with their rate
    # ("Franklin County 1.25%").
    (r"\b(?:tps|tvq|qst|pst)\b", 0.9),
    # A duty charged on a bill: "Electricity Duty @ 5%", "Excise Duty".
    (r"\b(?:electricity|excise|energy)\s*duty\b", 0.8),
    (r"\b(?:county|city|municipal|district|transit)\b(?=.*%)", 0.8),
]
# The halves of India's GST within a state or a union territory (equal: central and state).
HALF_TAX = r"\b(C|S|UT)\s?GST\b"
# One part of a tax charged in parts: a GST half, a US state's or county's sales tax, a
# Canadian province's tax beside the federal GST. Lower case, so that findall tells them apart.
TAX_PART = (
    r"\b((?:c|s|ut)\s?gst|(?:state|county|city|local|municipal|district|transit|provincial)"
    r"(?=\s*(?:sales\s*)?tax\b)|pst|qst|tvq)\b"
)
# A tax label that is not the tax amount: tax ids, rates, bases, totals with tax included.
TAX_EXCLUDE = (
    r"\b(?:sub[\s-]?total|excl|before|incl|including|grand|net\s*amount|amount\s*due|balance)\b|"
    r"\b(?:tax|vat|gst)\s*(?:id|no|number|reg|code|#|rate|base)|"
    r"(?:ust|mwst|steuer)[\s.-]*(?:id|nr|nummer|satz|sätze|basis|pflicht|frei|schlüssel)|"
    # "zzgl. 19 % USt." is the tax; "Preise zzgl. MwSt." is not.
    r"steuernummer|steuer-nr|ohne|inkl|\w\W*\bzzgl|basisbetrag|"
    r"tva\s*(?:intra|n[°º]|no|num)|n[°º]\s*tva|ttc|h\.t\.|\bht\b|\bbase\b|taux|"
    r"btw[\s-]*(?:nummer|nr|id|tarief)|incl\.?\s*btw|"
    r"partita\s*iva|p\.\s*iva|codice|aliquota|\bnip\b|\bnif\b|\bcif\b|gstin|\buin\b|"
    r"riepilogo|taxable|"
    r"(?:moms|mva|alv)[\s.-]*(?:reg|nr|tunniste|grundlag|grunnlag|pliktig|fri)|\bexkl|\beks|"
    r"\bveroton|\bverollinen|org\.?\s*nr|"
    # The base the tax is charged on: "Montant soumis à TVA", "amount subject to VAT".
    r"soumis\s*à|subject\s*to|hors\s*(?:tva|taxes?)|"
    # A total said to be with or without the tax: "Total paid with VAT", "Total w/o tax".
    r"\bwith(?:out)?\s*(?:vat|tax|gst)|w/o\s*(?:vat|tax|gst)"
)

TOTAL = [
    (
        r"\b(?:grand\s*total|total\s*(?:amount\s*)?due|amount\s*due|balance\s*(?:due|to\s*pay)|amount\s*payable"
        r"|total\s*payable|total\s*amount|invoice\s*total|total\s*(?:incl\.?|including)\s*(?:vat|tax|gst)"
        r"|total\s*(?:for\s*this\s*invoice|to\s*pay)|due\s*payable|total\s*invoice\s*value"
        r"|total\s*(?:\w+\s+)?with\s*(?:vat|tax(?:es)?|gst)"
        r"|invoice\s*value)\b",
        0.95,
    ),
    (
        r"\b(?:gesamtbetrag|rechnungsbetrag|brutto[\s-]*(?:betrag|summe)|bruttosumme|zahlbetrag|endbetrag"
        r"|gesamtsumme|rechnungssumme|summe\s*brutto|gesamt\s*brutto|zu\s*zahlen(?:der\s*betrag)?"
        r"|zahlbarer\s*betrag)\b",
        0.95,
    ),
    # A condensed or dot-matrix "TTC" whose second T lost its bar reads "TIC".
    (
        r"\b(?:tot(?:al|\.)?\s*t\.?[ti]\.?c\.?|montant\s*t\.?t\.?c\.?|net\s*[àa]\s*payer|montant\s*total|total\s*à\s*payer"
        r"|total\s*facture|total\s*tvac|tva\s*comprise)\b",
        0.95,
    ),
    (r"\b(?:totaal(?:\s*incl\.?(?:usief)?\s*btw)?|te\s*betalen|totaalbedrag|factuurbedrag)\b", 0.9),
    (r"\b(?:total\s*(?:factura|a\s*pagar)|importe\s*total)\b", 0.95),
    # What is owed: "Saldo adeudado", "Importe adeudado", "Saldo a pagar".
    (r"\b(?:(?:saldo|importe|total)\s*adeudado|saldo\s*(?:a\s*pagar|pendiente))\b", 0.9),
    # A total that says the tax is in it: "TOTAL (IVA incluido)", "Total (VAT included)".
    (
        r"\btotal\w*\s*\(?\s*(?:iva|vat|tva|mwst|ust|btw|gst)\s*(?:incluido|inclus[ae]?|included|inkl\.?"
        r"|incluso|inclusa)\b\s*\)?",
        0.97,
    ),
    (r"\b(?:totale\s*(?:documento|fattura|da\s*pagare)|importo\s*totale|totale)\b", 0.9),
    (r"\b(?:do\s*zapłaty|razem\s*brutto|wartość\s*brutto|suma\s*brutto)\b", 0.95),
    (r"\b(?:total\s*a\s*pagar|valor\s*total)\b", 0.95),
    (
        r"\b(?:att\s*betala|å\s*betale|at\s*betale|summa\s*att\s*betala|i\s*alt"
        r"|(?:summa|sum|total[t]?|beløb|beløp)\s*(?:inkl\.?|inklusive)\s*(?:moms|mva)"
        r"|maksettava(?:\s*yhteensä)?|loppusumma)\b",
        0.95,
    ),
    (
        r"\b(?:celkem\s*k\s*úhradě|k\s*úhradě|fizetendő(?:\s*összeg)?|végösszeg|genel\s*toplam"
        r"|synolo(?:\s*pliromis)?)(?!\w)",
        0.95,
    ),
    (r"\byhteensä\b", 0.85),
    (r"\b(?:solde\s*à\s*payer|restant\s*dû)\b", 0.7),
    # A bill's or a statement's charges for the period (the amount due may add a past balance).
    (r"\b(?:total\s*)?current\s*(?:\w+\s*)?(?:charges|bill)\b", 0.7),
    (r"\bnet\s*(?:amount\s*)?payable\b", 0.95),
    # A grocery till's "**** BALANCE" (not a loyalty card's or a statement's past balance).
    (
        r"(?<!opening )(?<!closing )(?<!previous )(?<!prior )(?<!starting )(?<!beginning )"
        r"(?<!card )(?<!points )(?<!rewards )(?<!gift )\bbalance\b(?!\s*(?:forward|brought|b/?f|c/?f))",
        0.7,
    ),
    (r"(?<!sub)(?<!sub-)(?<!sub )\b(?:total|summe|gesamt|razem|suma)\b", 0.8),
    # A pale "Total:" whose thin last letter the OCR lost ("Tota $19,647.68"): only right before
    # the amount or its currency mark.
    (r"(?<!sub)(?<!sub-)(?<!sub )\btota(?=\s*:?\s*(?:[$€£₹]|\d|$))", 0.7),
]
# What was paid already (a deposit, a part payment): the balance due is the total less it.
PAID = [
    (
        r"\b(?:amount\s*paid|paid\s*(?:amount|to\s*date)|deposit\s*(?:paid|received)|payments?\s*received"
        r"|bereits\s*(?:bezahlt|gezahlt)|anzahlung|acompte\s*(?:versé|payé)|déjà\s*(?:payé|réglé)"
        r"|reeds\s*betaald|importe\s*pagado|anticipo|già\s*pagato|zapłacono)\b",
        0.9,
    )
]
# A tip added to a restaurant bill: between the net and the total, and no tax.
TIP = r"\b(?:tips?|gratuity|trinkgeld|pourboire|propina|mancia|fooi)\b"
# The amount due of a bill or a statement, alone in a box with the amount under it.
DUE_BOX = [(r"^\s*(?:total\s*)?(?:amount|balance)\s*due\s*$|^\s*total\s*due\s*$", 0.9)]
TOTAL_EXCLUDE = (
    r"sub[\s-]?total|total\s*\(?\s*(?:net|before|excl|tax|vat|qty|quantity|weight|h\.?t|hors|sem|sin|taxes)|"
    # The total of the taxes: "TOTAL IMPUESTOS", "Totale imposte".
    r"total[ei]?\s*(?:de\s*(?:los\s*)?)?(?:impuestos?|impostos?|imposte|podatk\w*)|"
    r"\bnet\s*(?:amount|total)(?!\s*payable)|page|seite|"
    # A bill's amount with the late fee: "Amount payable after due date".
    r"after\s*(?:the\s*)?due\s*date|late\s*(?:payment|fee)|"
    r"netto|ohne|exkl|zuschläge|abschläge|rabatt|positions|\bder\s*(?:zu|ab)|"
    r"\bht\b|excl|zonder|senza|\bbez\b|imponibile|without|w/o|"
    r"(?:total|summe|gesamt|totaal|totale|razem)\s*(?:der\s*|de\s*la\s*)?(?:mwst|ust|tva|btw|iva|vat|steuer)\b|"
    r"htva|hors\s*tva|"
    r"taxable|il[íi]quido|veroton|\bexkl|\beks\b|"
    # An amount payable after an early-payment discount is not the invoice's total.
    r"skonto|escompte|sconto|descuento\s*pronto|korting\s*bij|early\s*payment|cash\s*discount|"
    # A till receipt's other totals: what was saved, the deposits, the number of items.
    r"total\s*(?:savings?|saved|items?|number|discounts?|points|rewards|tips?)\b|total\s*(?:\w+\s+)?depo"
)

# Column headers that name an amount only as a table's header, with the currency in them: "€ HT",
# "Montant EUR HT", "€ TTC(*)". Alone in their cell; never a label before a value on a line (a
# bare "HT" there is a unit price's "Prix HT"). Not "Net": a line-items table's column.
_CURRENCY_IN_HEADER = r"(?:montant|total|betrag|amount|bedrag)?\s*(?:\(?(?:[A-Z]{3}|[€$£₹])\)?\s*)?"
_HEADER_END = r"\s*(?:\(\*+\)|\*+)?\s*$"
COLUMN_HEADERS = {
    "subtotal": [
        (rf"^\s*{_CURRENCY_IN_HEADER}(?:h\.?t\.?v?a?|hors\s*(?:tva|taxes?)){_HEADER_END}", 0.85)
    ],
    "tax": [(rf"^\s*{_CURRENCY_IN_HEADER}(?:tva|mwst|ust|vat|btw|iva|tax|gst){_HEADER_END}", 0.85)],
    "total": [(rf"^\s*{_CURRENCY_IN_HEADER}(?:t\.?t\.?c\.?|tvac){_HEADER_END}", 0.85)],
}

# A retail bill's amount payable, when printed under its tax lines or under a gross amount and
# its discount ("Gross Amount / Discount / Net Amount"), or a French till's "TOTAL H.T. / TVA /
# TOTAL NET"; elsewhere "Net amount" is before tax.
NET_PAYABLE = r"^\s*(?:net\s*(?:amount|total|payable|bill(?:\s*amount)?|value)|total\s*net)\b"
GROSS_BEFORE_DISCOUNT = r"^\s*(?:gross\s*(?:amount|total|value)|total\s*before\s*discount)\b"
# A tax summary's net column: "Net", "Netto", "Net amount", "Base", "Taxable value".
NET_COLUMN = r"\s*(?:net(?:to)?|net\s*amount|base|taxable\s*(?:value|amount)|ht)\s*(?:\(?[A-Z]{3}\)?|[€$£₹])?\s*"

CURRENCY_LABEL = r"\b(?:currency|(?:rechnungs)?währung|devise|monnaie|valuta|moneda|divisa|waluta|moeda)\s*[:.]?\s*"

# The issuer's block: "From", "Seller", "Sold by", "Verkäufer", "Lieferant", "Vendeur"…
SUPPLIER_LABEL = (
    r"^\s*(?:from|supplier|vendor|seller|sold\s*by|issued\s*by|remit\s*to|bill\s*from"
    r"|verkäufer|lieferant|rechnungssteller|absender|leistungserbringer"
    r"|vendeur|fournisseur|émetteur|emetteur|prestataire"
    r"|leverancier|verkoper|afzender"
    r"|proveedor|vendedor|emisor|fornecedor|emitente"
    r"|fornitore|venditore|cedente(?:\s*/\s*prestatore)?|mittente"
    r"|sprzedawca|wystawca|dostawca)\b(?![-–])\s*[:.]?"
)
BUYER_LABEL = (
    r"\b(?:bill(?:ed)?\s*to|invoice\s*to|ship\s*to|sold\s*to|customer|buyer|deliver\s*to|client"
    r"|käufer|kunde|rechnungsempfänger|leistungsempfänger|warenempfänger|empfänger|lieferadresse"
    r"|acheteur|destinataire|adresse\s*de\s*(?:livraison|facturation)|facturé\s*à|livré\s*à"
    r"|klant|afnemer|koper|factuuradres|afleveradres"
    r"|cliente|comprador|destinatario|facturar\s*a|enviar\s*a"
    r"|cessionario(?:\s*/\s*committente)?|committente|intestatario"
    r"|nabywca|odbiorca|kupujący"
    r"|adquirente)\b"
)
# Title words and document names that are never the supplier's name.
TITLE = (
    r"^\s*(?:(?:tax|commercial|sales|proforma|pro-forma)\s*)?invoice\b|^\s*(?:payment\s*)?receipt\b"
    r"|^\s*(?:kopie\s*)?(?:\w*rechnung|gutschrift|facture|avoir|factuur|factura|fattura|fatura"
    r"|faktura|credit\s*note|statement)\b|^\s*(?:kopie|copy|copie|duplicate|original)\b"
    # A word before the document's noun and nothing after it: "My Invoice", "Your Receipt".
    r"|^\s*[^\W\d_]+\s+(?:invoice|receipt|rechnung|facture|factuur|factura|fattura|fatura|faktura)"
    r"\s*$"
)
LEGAL_SUFFIX = (
    r"\b(?:inc|llc|llp|ltd|limited|gmbh|ag|kg|ohg|ug|e\.\s?k|s\.?a\.?s?|sarl|s\.?a\.?r\.?l|eurl|sasu"
    r"|b\.?v\.?|n\.?v\.?|v\.?o\.?f|s\.?r\.?l\.?|s\.?p\.?a\.?|s\.?n\.?c|s\.?l\.?|s\.?l\.?u"
    r"|lda|ltda|sp\.?\s*z\s*o\.?\s*o\.?|s\.?c\.?|plc|co|corp|corporation|company|oy|ab|a/s|aps|as"
    r"|pty|pvt|private\s*limited|gbr|mbh|a\.\s?g|e\.\s?v)\.?$"
)

# A line saying the invoice carries no tax: small businesses under a threshold, exempt supplies.
UNTAXED = (
    r"not\s*(?:vat|gst|tax)\s*registered|no\s*(?:vat|gst|tax)\s*(?:charged|applicable|applied)"
    r"|§\s*19\s*ustg|kleinunternehmer|keine\s*(?:umsatzsteuer|mwst)|ohne\s*(?:ausweis\s*der\s*)?umsatzsteuer"
    r"|tva\s*non\s*applicable|293\s*b\s*du\s*cgi|vrijgesteld\s*van\s*btw|kleineondernemersregeling"
    r"|exento\s*de\s*iva|exenta\s*de\s*iva|regime\s*forfettario|esente\s*iva|zwolnion\w*\s*(?:z|od)\s*(?:vat|podatku)"
    r"|isento\s*de\s*iva|isenção\s*de\s*iva|tax[\s-]*exempt|exempt\s*from\s*(?:gst|vat|tax)"
    # India: a composition dealer's "bill of supply" charges no GST.
    r"|not\s*eligible\s*to\s*collect\s*tax|\bbill\s*of\s*supply\b"
)
# Amounts said to be without tax ("Zeilenbetrag Ohne MwSt.", "Prices excl. VAT"): when no tax
# and no net are printed either, the total is the net of an untaxed sale (an export, a reverse
# charge), though less surely than when the page says so.
NET_PRICES = (
    r"\b(?:ohne|exkl\.?|exklusive|zzgl\.?)\s*(?:mwst|ust)\b|\bexcl(?:\.|uding)?\s*(?:vat|tax|gst|btw)\b"
    r"|\bhors\s*(?:tva|taxes?)\b|\bnet\s*of\s*(?:vat|tax)\b|\bexclusief\s*btw\b"
)
# Lines printed between the subtotal and the total that change what is charged: added (a service
# charge, delivery, shipping, packing) or taken off (a discount, a coupon). The subtotal above
# them is then not the net the tax is charged on.
CHARGE = (
    r"\b(?:service\s*(?:charges?|fee)|delivery(?:\s*(?:charges?|fees?))?|shipping|freight|postage"
    r"|carriage|packing|packaging|handling|surcharge|convenience\s*fee|container\s*charges?"
    r"|frais\s*(?:de\s*)?(?:port|livraison|service|d'envoi)|versand\w*|porto|fracht\w*|verpackung"
    r"|servicegeb[üu]hr|verzendkosten|bezorgkosten|gastos\s*de\s*env[ií]o|env[ií]o|portes"
    r"|spese\s*di\s*(?:spedizione|trasporto)|koszty\s*(?:dostawy|wysyłki))\b"
)
ALLOWANCE = (
    r"\b(?:discounts?|rabatte?|nachl[aä]ss(?:e)?|remises?|r[ée]ductions?|korting(?:en)?|descuentos?"
    r"|scont[oi]|rabat(?:y)?|descontos?|coupons?|vouchers?|promo(?:tions?)?)\b"
)
# A line that rounds the total to whole units ("Round off (-)0.92", "Arrondi").
ROUNDING = (
    r"round(?:ing|ed)?[\s-]*off|\brounding\b|arrondi|rundung|afronding|redondeo|arrotondamento"
    r"|zaokrąglenie|arredondamento|öresavrundning|avrunding|afrunding|pyöristys"
)
