"""Who sent the invoice: the printed supplier name and identifiers, matched to master data.

The printed name is the ``From``/``Supplier``/``Vendor`` block when there is one, otherwise the
most prominent phrase at the top of the first page that is not the title and not the bill-to
block. Matching is a separate step behind ``SupplierMatcher`` so the extraction engine needs no
database: the caller passes candidate suppliers (id, name, tax ids, e-mails, bank accounts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol

from rapidfuzz import fuzz

from procura.core.mail_domains import PUBLIC_MAIL_DOMAINS
from procura.documents.extraction import vocabulary
from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.fields import Candidate
from procura.documents.extraction.layout import Line, Segment
from procura.documents.extraction.parsing import US_STATE_ZIP
from procura.documents.extraction.result import SupplierMatch

SUPPLIER_LABEL = re.compile(vocabulary.SUPPLIER_LABEL, re.I)
BUYER_LABEL = re.compile(vocabulary.BUYER_LABEL, re.I)
TITLE = re.compile(vocabulary.TITLE, re.I)
LEGAL_SUFFIX = re.compile(vocabulary.LEGAL_SUFFIX, re.I)
NOT_A_NAME = re.compile(
    r"\d{3,}|@|www\.|https?:|\w\.(?:com|net|org|shop|in|np)\b|\b(?:page|date|phone|tel|fax|suite|seite|datum"
    r"|telefon|tél|nummer|number|n[uú]mero|fecha|gln|iban|bic|swift"
    r"|time\s*:?\s*\d|cashier|^\s*welcome\s+(?:to|back)\b"
    # An amount: a receipt's "MYWALGREENS SAVINGS 1.20" is a line of the sale, not a name.
    r"|(?<![\d.,])\d+[.,]\d{2}(?![\d.,])"
    r")\b|^\s*(?:nr|no|n°)\b"
    # An address block's heading ("DIRECCIÓN DE FACTURACIÓN", "Billing address").
    r"|\b(?:direcci[óo]n|address|adresse|indirizzo|endere[çc]o)\b"
    # A closing courtesy ("Gracias por comprar en shop.es", "Thank you for your order").
    r"|\b(?:thank\s*you|thanks|gracias|danke|merci|grazie|obrigad[oa]|bedankt)\b"
    # A number's mark ("# 1042", a markdown heading's "#") or a field key ("invoice_number_1").
    r"|^\s*#|[^\W_]_[^\W_]"
    # A person addressed by a salutation is the recipient ("Herrn Manfred Muster", "Attn. Jane
    # Doe", "Mevr. de Vries"); OCR often reads "Herrn" as "Herm".
    r"|^\s*(?:herrn?|herm|frau|mr|mrs|ms|dhr|mevr|monsieur|madame|mme|sig\.?ra|attn|z\.\s*hd)\b\.?\s",
    re.I,
)
_STREET_WORD = r"(?:street|road|avenue|rue|chemin|straße|strasse|straat|calle|via|ulica|rua)"
# A street: its word with a house number on the line ("12 Main Street", "Hauptstraße 5"), or the
# street's name alone, its word first or last ("Rue de Rivoli", "Oxford Street"). A business named
# after its street ("Main Street Restaurant", "Abbey Road Studios") is a name.
STREET = re.compile(
    rf"\b{_STREET_WORD}\b(?=.*\d)|(?<=\d).*\b{_STREET_WORD}\b|^\W*{_STREET_WORD}\b"
    rf"|\b{_STREET_WORD}\W*$",
    re.I,
)


def not_a_name(text: str) -> bool:
    """A line that is an address, a contact, a label or an amount rather than a name."""
    return bool(NOT_A_NAME.search(text) or STREET.search(text))


# A field label printed before the name inside the issuer's block ("Name: ACME GmbH").
NAME_PREFIX = re.compile(
    r"^\s*(?:name|firma|company|raison\s*sociale|naam|nombre|nome)\s*[:.]\s*", re.I
)

EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
TAX_ID_RE = re.compile(
    # A label that names a tax id for sure, then the id.
    r"\b(?:(?:vat|tax)\s*(?:no\.?|number|id|reg(?:istration|\.)?(?:\s*(?:no\.?|number))?)|ein|tin|abn|gstin(?:\s*/\s*uin)?|gst(?:\s*/\s*hst)?\s*(?:reg(?:istration|\.)?\s*)?(?:no\.?|number|#)"
    r"|ust[.-]*id(?:ent)?(?:[.-]*nr\.?)?|uid(?:[\s.-]*nr\.?)?|mwst[\s.-]*nr\.?|steuer[\s.-]*(?:nummer|nr\.?)"
    # "N° de TVA intracommunautaire", "N° de TVA intra communautaire", "TVA intra-com."
    r"|n[°º]\s*(?:de\s*)?tva(?:\s*intra[\s-]*\w*\.?)?|tva\s*intra[\s-]*\w*\.?|btw[\s-]*(?:nummer|nr\.?|id)|nif|cif|p\.\s*iva|partita\s*iva|nip"
    r"|org\.?\s*nr\.?|momsreg\.?\s*nr\.?|cvr(?:[\s.-]*nr\.?)?|y-tunnus|alv[\s-]*(?:tunniste|nro|numero)"
    r"|contribuinte(?:\s*\(nif\))?|ide(?:\s*/\s*tva)?|tps|tvq|gst\s*/\s*hst|qst"
    # Czech DIČ, Greek Α.Φ.Μ. (A.F.M.), Hungarian community tax number, Kenyan KRA PIN.
    r"|di[čc]|(?:α|a)\.?\s*(?:φ|f)\.?\s*(?:μ|m)\.?|közösségi\s*adószám"
    r"|(?:kra\s*)?pin(?=\s*[:#]?\s*[AP]\d{9}[A-Z]\b))\)?"
    # The id stays in its cell: two spaces end it.
    r"\s*[:#.]?\s*([A-Z]{0,3}[ \t-]?[0-9](?:[0-9A-Z/.-]|[ \t](?![ \t])){5,16}[0-9A-Z])(?![,.]\d)"
    # A bare tax word ("VAT", "TVA", "BTW") counts only before a country-prefixed id.
    r"|\b(?:vat|tva|btw|iva|ust|mwst)\s*[:#]?\s*([A-Z]{2}[ \t-]?[0-9][0-9A-Z \t.-]{6,14}[0-9A-Z])\b",
    re.I,
)
# A label saying the id that follows is the buyer's, not the issuer's.
BUYER_ID_MARK = re.compile(r"(?:client|customer|kunde|klant|cliente|buyer|käufer|nabywc)\W*$", re.I)


# A short word in lower case before capitalised ones ("je Duck Company" for "The Duck Company"):
# the end of a word the OCR cut off at the edge of a picture. A name's particle ("van Dijk
# Transport", "de Vries Bouw") is not one.
_CUT_WORD = re.compile(
    r"^\s*(?!(?:van|von|de|der|den|di|da|du|del|dos|das|le|la|el|al|ter|zu)\s)[a-z]{1,3}\s+[A-Z]"
)
_CUT_WEIGHT = 0.85


def _name_candidate(
    doc: DocumentView, line: Line, segment: Segment, text: str, weight: float, order: int
) -> Candidate:
    if _CUT_WORD.match(text):
        weight *= _CUT_WEIGHT
    conf = weight * (0.55 + 0.45 * words_confidence(segment.words))
    return Candidate(text.strip(" :,"), conf, doc.location(line, segment.words), "label", order)


def _layout_candidate(
    doc: DocumentView, line: Line, segment: Segment, text: str, weight: float, order: int
) -> Candidate:
    """A name found by its place on the page rather than under an issuer's label."""
    candidate = _name_candidate(doc, line, segment, text, weight, order)
    candidate.source = "layout"
    return candidate


def _block_name(line: Line, segment: Segment) -> tuple[Segment, str] | None:
    """The name in one line of the issuer's block: the segment itself, or the value beside a
    "Name:" label; other labels ("Anschrift:", "Nummer:") are passed over."""
    text = segment.text.strip()
    if NAME_PREFIX.match(text):
        rest = NAME_PREFIX.sub("", text).strip()
        if rest:
            return (segment, rest) if _reads_like_name(rest) else None
        index = line.segments.index(segment)
        beside = line.segments[index + 1 : index + 2]
        if beside and _reads_like_name(beside[0].text):
            return beside[0], beside[0].text
        return None
    if text.endswith(":") or not _reads_like_name(text):
        return None
    return segment, text


def _with_continuation(doc: DocumentView, line: Line, segment: Segment, text: str) -> str:
    """A long legal name broken over two lines ("MVM Musterhafter" / "Versicherungsverein
    Musterstadt a.G."): the next line, aligned under it, ends with the legal form."""
    if LEGAL_SUFFIX.search(text):
        return text
    for _below_line, below in doc.segments_below(line, segment, 1):
        if (
            abs(below.x0 - segment.x0) < 3
            and LEGAL_SUFFIX.search(below.text)
            and _reads_like_name(below.text)
        ):
            return f"{text} {below.text}"
    return text


def _head_above(doc: DocumentView, line: Line, segment: Segment) -> Segment | None:
    """The start of a long name broken over two lines, on the line just over ``segment`` (which
    ends with the legal form): alone on its line, aligned with it, no legal form, no digits."""
    if not LEGAL_SUFFIX.search(segment.text.strip()):
        return None
    order = doc.lines.index(line)
    if order == 0:
        return None
    above = doc.lines[order - 1]
    height = max(segment.bottom - segment.top, 1.0)
    if above.page is not line.page or len(above.segments) != 1 or line.top - above.bottom > height:
        return None
    head = above.segments[0]
    if (
        abs(head.x0 - segment.x0) < 3
        and _reads_like_name(head.text)
        and not LEGAL_SUFFIX.search(head.text.strip())
        and not head.text.strip().endswith(":")
        and not re.search(r"\d", head.text)
    ):
        return head
    return None


def _with_head(doc: DocumentView, line: Line, segment: Segment, text: str) -> str:
    """A long legal name broken over two lines beside its "Name:" label, the label level with
    its second line: "MVM Musterhafter" / "Name: Versicherungsverein Musterstadt a.G."."""
    index = line.segments.index(segment) if segment in line.segments else 0
    if not index or not NAME_PREFIX.fullmatch(line.segments[index - 1].text.strip() + " "):
        return text
    head = _head_above(doc, line, segment)
    return f"{head.text.strip()} {text}" if head is not None else text


# A pronoun ("WE WANT TO HEAR FROM YOU!") or a shop's or flat's number in its building ("Shop
# No 18/19 Amrapali Shopping Mall", "Unit 4, ..."): never a company's name.
_PRONOUN = re.compile(r"^\W*(?:you|us|me|them|our|your|we)\b\W*$", re.I)
_ADDRESS_UNIT = re.compile(
    r"\b(?:shop|plot|flat|unit|floor|door|house|bldg|building|block|stall|office)\s*"
    r"(?:no\.?|nr\.?|number|#)?\s*\d",
    re.I,
)


def _reads_like_name(text: str) -> bool:
    return (
        len(text.strip()) >= 2
        and not not_a_name(text)
        and not BUYER_LABEL.search(text)
        and not TITLE.search(text)
        and not _PRONOUN.match(text)
        and not _ADDRESS_UNIT.search(text)
        and bool(re.search(r"[^\W\d_]{2}", text))
    )


# The labels of a header row ("BILLED TO | FROM | PURCHASE ORDER" over the values): the cell
# beside a "From" there is another field's label, and the issuer's name is under the "From".
_FIELD_LABELS = [
    re.compile(pattern, re.I)
    for pattern, _ in (
        *vocabulary.INVOICE_NUMBER,
        *vocabulary.INVOICE_DATE,
        *vocabulary.DUE_DATE,
        *vocabulary.TOTAL,
    )
] + [re.compile(r"\b(?:p\.?o\.?|purchase\s*order|your\s*order|order\s*(?:no|number|ref))", re.I)]


def _is_field_label(text: str) -> bool:
    """Whether ``text`` is a field's label and nothing else (no value in it)."""
    bare = text.strip().rstrip(" :#.")
    if not bare or re.search(r"\d", bare):
        return False
    if (
        text.strip().endswith(":")
        or BUYER_LABEL.search(bare)
        or SUPPLIER_LABEL.fullmatch(bare)
        or _ADDRESS_HEADING.search(bare)
    ):
        return True
    for pattern in _FIELD_LABELS:
        m = pattern.search(bare)
        if m and m.start() == 0 and m.end() >= len(bare):
            return True
    return False


_BARE_FROM = re.compile(r"\s*from\s*", re.I)
_ADDRESS_HEADING = re.compile(r"\b(?:address|adresse|indirizzo|direcci[óo]n|endere[çc]o)\b", re.I)


def _in_a_sentence(line: Line, segment: Segment) -> bool:
    """A bare "from" after other words of its line ("WE WANT TO HEAR FROM YOU!"): a word of a
    sentence, not the label of the issuer's block (which starts its line, or follows another
    label in a row of labels)."""
    before = line.segments[: line.segments.index(segment)]
    return bool(before) and not any(_is_field_label(other.text) for other in before)


def supplier_name(doc: DocumentView) -> list[Candidate]:
    found: list[Candidate] = []
    for order, line in enumerate(doc.lines):
        for segment in line.segments:
            m = SUPPLIER_LABEL.match(segment.text)
            if not m or (_BARE_FROM.fullmatch(m.group(0)) and _in_a_sentence(line, segment)):
                continue
            rest = NAME_PREFIX.sub("", segment.text[m.end() :]).strip(" :")
            if rest and LEGAL_SUFFIX.fullmatch(rest.strip()):
                # "Lieferant GmbH": the label word is the name's own first word.
                found.append(_name_candidate(doc, line, segment, segment.text, 0.85, order))
            elif rest and _reads_like_name(rest):
                found.append(_name_candidate(doc, line, segment, rest, 0.95, order))
            elif not rest:
                # "Sold By | WS Retail Services Pvt. Ltd.": the name beside the label.
                index = line.segments.index(segment)
                beside = line.segments[index + 1 : index + 2]
                if (
                    beside
                    and _reads_like_name(beside[0].text)
                    and not _is_field_label(beside[0].text)
                ):
                    text = beside[0].text.strip(" ,")
                    found.append(_name_candidate(doc, line, beside[0], text, 0.92, order))
                    continue
                # The block under the label: the first line that reads like a name, past
                # customer numbers and global location numbers.
                for below_line, below in doc.segments_below(line, segment, 5):
                    named = _block_name(below_line, below)
                    if named is not None:
                        name_segment, text = named
                        text = _with_continuation(doc, below_line, name_segment, text)
                        text = _with_head(doc, below_line, name_segment, text)
                        found.append(
                            _name_candidate(doc, below_line, name_segment, text, 0.9, order)
                        )
                        break
    if found:
        return _own_names(found)
    heads = _address_block_heads(doc)
    legal = _legal_line(doc, heads)
    return _own_names(
        _sender_line(doc)
        + _payee_line(doc)
        + _legal_footer(doc)
        + _footer_address(doc)
        + _thanks_from(doc)
        + _signatory_line(doc)
        + legal
        + _payee_line(doc, _COPYRIGHT)
        + _prominent_name(doc, heads)
        # A store's trade name, when no company name with its legal form is printed.
        + ([] if legal else _store_named_at_close(doc))
    )


# A phrase naming the issuer's parent or group: "a subsidiary of", "an affiliate of", "part of
# the … group", "a member of", "ein Unternehmen der", "filiale de", "onderdeel van". What follows
# it is another company; what comes before it on the line is the issuer's own name.
_AFFILIATE = re.compile(
    r"[\s,;:(–—-]*\b(?:(?:is\s+)?(?:a|an|the)\s+)?(?:(?:wholly[\s-]*owned\s+)?(?:subsidiary|affiliate"
    r"|division|member|unit)\s+(?:company\s+)?of|part\s+of|affiliated\s+with|owned\s+by)\b"
    r"|[\s,;:(–—-]*\b(?:(?:ein|eine)\s+(?:unternehmen|tochter(?:gesellschaft)?|mitglied)\s+(?:der|des|von)"
    r"|mitglied\s+(?:der|des)|(?:une\s+)?(?:filiale|soci[ée]t[ée])\s+du\s+groupe|(?:une\s+)?filiale\s+d[eu]"
    r"|membre\s+du|(?:onderdeel|dochter(?:onderneming)?|lid)\s+van|(?:una\s+)?(?:filial|empresa)\s+del?"
    r"|parte\s+del?|miembro\s+de|membro\s+d[eio]|societ[àa]\s+del\s+gruppo|controllata\s+da)\b",
    re.I,
)
# A parent's name is weak evidence: a last resort, less sure than any name the page's own
# blocks give.
_PARENT_WEIGHT = 0.45


def _own_names(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with an affiliate phrase cut off: the name before it is the issuer's; a
    candidate that names only the parent ("A subsidiary of Meridian Holdings Inc.") goes last,
    as the parent's name, with little confidence."""
    own: list[Candidate] = []
    parents: list[Candidate] = []
    for candidate in candidates:
        m = _AFFILIATE.search(candidate.value)
        if m is None:
            own.append(candidate)
            continue
        before = candidate.value[: m.start()].strip(" ,;:-–—(")
        after = candidate.value[m.end() :].strip(" ,;:-–—().")
        after = re.sub(r"^(?:the|der|des|du|de|la|le|del|van)\s+", "", after, flags=re.I)
        if before and _reads_like_name(before):
            candidate.value = before
            own.append(candidate)
        elif after and _reads_like_name(after):
            candidate.value = after
            candidate.confidence = min(candidate.confidence, _PARENT_WEIGHT)
            candidate.source = "parent"
            parents.append(candidate)
    return own + parents


def issuer_name(
    doc: DocumentView, emails: Sequence[str], is_us: Callable[[str], bool]
) -> Candidate | None:
    """The issuer's name. Under a "From"/"Seller" label, the surest of those; otherwise, of the
    names the layout suggests (the sender line, the legal footer, a name with its legal form,
    the most prominent phrases of the top of page 1), in that order, the first one that the
    issuer's e-mail or web domain names, or else the first one. Our own name is never taken."""
    names = [c for c in supplier_name(doc) if not is_us(c.value)]
    labelled = [c for c in names if c.source == "label"]
    if labelled:
        return max(labelled, key=lambda c: (round(c.confidence, 2), -c.order))
    domains = _domain_hosts(doc, emails)
    # A parent's name is taken only when the page names no one else, whatever its domain.
    own = [c for c in names if c.source != "parent"] or names
    return next((c for c in own if _named_in(c, domains)), own[0] if own else None)


# "ACME GmbH ● Hauptstr. 1 ● 12345 Berlin": the sender line printed above the address window.
_SENDER_SEPARATORS = re.compile(r"\s*[●•·|◦▪]\s*|\s+[-–]\s+")
_POSTCODE = re.compile(r"\b\d{4,5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


# A street and house number ("Kellergasse 12", "Bryggen 14b"): an address, not a name.
_HOUSE_NUMBER = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*)?\s+\d{1,4}[a-z]?$", re.I)


def _sender_line(doc: DocumentView) -> list[Candidate]:
    for order, line in enumerate(doc.lines[:40]):
        for segment in line.segments:
            parts = [p for p in _SENDER_SEPARATORS.split(segment.text) if p.strip()]
            if (
                len(parts) >= 3
                and _POSTCODE.search(segment.text)
                and _reads_like_name(parts[0])
                and not _HOUSE_NUMBER.search(parts[0])
            ):
                return [_layout_candidate(doc, line, segment, parts[0], 0.85, order)]
    return []


# Who is to be paid: "Make checks payable to ACME LLC", "Cheques payable to: ACME Ltd", "Account
# name: ACME Ltd", "Beneficiary: ACME GmbH", "Kontoinhaber: …", "Titulaire du compte : …", a
# copyright line ("© 2018 ACME Inc. All rights reserved."). The issuer asks to be paid and signs
# its own page even when its name is printed elsewhere only in a logo picture.
_PAYEE = re.compile(
    r"(?:\bpayable\s+to|\bbeneficiary(?:\s*name)?|\bpayee|\bbegünstigter|\bten\s+name\s+van"
    r"|(?P<holder>\b(?:account|a/c)\s*(?:holder|name)|\bkontoinhaber(?:in)?"
    r"|\btitulaire(?:\s+du\s+compte)?|\brekeninghouder|\bintestat(?:o|ario)"
    r"|\btitular(?:\s+da\s+conta|\s+de\s+la\s+cuenta)?))"
    r"\s*[:.]?\s+(?P<name>\S.{1,60}?)\s*[.,;]?\s*$",
    re.I,
)
# An account's holder names the payee among bank details; elsewhere ("Account name: Joan Smith"
# on a utility bill) it is the customer's account.
_BANK_DETAILS = re.compile(r"\b(?:iban|bic|swift|sort\s*code|routing|bsb|ifsc|bank)\b", re.I)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d\s*)?,?\s*)?"
    r"(?P<name>[^\W\d_].{1,60}?)\s*(?:[.,]\s*)?(?:all\s+rights\s+reserved\b.*)?$",
    re.I,
)
# A debit from the buyer's own account names the buyer as the account's holder.
_DEBIT = re.compile(r"\bdebit|lastschrift|pr[ée]l[èe]vement|incasso|mandat", re.I)
# An ampersand a logo or a heavy font prints is often read as a letter: "SCEAG" for SCE&G.
_AMPERSAND_READ_AS = "A8"


def _payee_line(doc: DocumentView, pattern: re.Pattern[str] = _PAYEE) -> list[Candidate]:
    """The name the page asks payment to be made to (with ``_COPYRIGHT``, that owns the page)."""
    hosts = _domain_hosts(doc, [e.lower() for e in EMAIL_RE.findall(doc.text)])
    for order, line in enumerate(doc.lines):
        for segment in line.segments:
            m = pattern.search(segment.text)
            if not m:
                continue
            nearby = " ".join(other.text for other in doc.lines[max(0, order - 3) : order + 4])
            if _DEBIT.search(nearby) or (
                "holder" in m.groupdict() and m.group("holder") and not _BANK_DETAILS.search(nearby)
            ):
                continue
            name = m.group("name").strip(" :,.")
            if _reads_like_name(name) and not _is_field_label(name):
                name = _ampersand(name, hosts)
                return [_layout_candidate(doc, line, segment, name, 0.8, order)]
    return []


def _ampersand(name: str, hosts: Sequence[str]) -> str:
    """``name`` with a letter that stands for an ampersand put back: an all-capital short name
    that is the issuer's web or e-mail domain with one letter more inside it ("SCEAG" on a page
    of sceg.com) had its ampersand read as that letter."""
    compact = name.strip()
    if not re.fullmatch(r"[A-Z0-9]{3,8}", compact):
        return name
    for i in range(1, len(compact) - 1):
        if compact[i] in _AMPERSAND_READ_AS:
            dropped = (compact[:i] + compact[i + 1 :]).lower()
            if any(dropped == host.rsplit(".", 1)[-1] for host in hosts):
                return f"{compact[:i]}&{compact[i + 1 :]}"
    return name


# A long legal form the OCR misread by a letter or two ("tncorporatep" for Incorporated): the
# form is known, so it is put back and the name before it kept.
_LONG_LEGAL_FORMS = ("Incorporated", "Corporation", "Limited")


def _legal_form_repaired(text: str) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if i == 0 or len(word) < 7 or not word.isalpha():
            continue
        for form in _LONG_LEGAL_FORMS:
            if word.lower() != form.lower() and fuzz.ratio(word.lower(), form.lower()) >= 80:
                words[i] = form
    return " ".join(words)


# A company name with its legal form at the head of a line: "Au bon moulin SARL 1242 chemin…".
_LEGAL_HEAD = re.compile(
    # At least one word before the legal form: "SAS au capital de…" names no company.
    r"^\s*((?:(?:['’]?[^\W\d_][\w&.'’-]*,?|&)\s+){1,5}?"
    r"(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|SARL|SAS|SA|EURL|B\.?V\.?|N\.?V\.?|S\.?r\.?l\.?|S\.?p\.?A\.?"
    r"|S\.?L\.?|Ltd\.?|Limited|LLC|Inc\.?|Incorporated|Corporation|Corp\.?|PLC|Sp\.\s*z\s*o\.?\s*o\.?|Lda\.?|Pvt\.?\s*Ltd\.?"
    r"|V\.?O\.?F\.?|Oy|AB|AS|ApS|A/S|SRL|S\.?n\.?c\.?|Sp\.\s*j\.?))"
    r"(?=[\s,]|$)"
)


# A legal form some countries print before the name: "SIA Paraugs" (Latvia), "UAB Pavyzdys"
# (Lithuania), "OÜ Näidis" (Estonia), "OOO Primer" (Russia and its neighbours).
_LEGAL_FIRST = re.compile(
    r"^\s*((?:SIA|UAB|OÜ|OOO|ООО)\s+(?:['’\"“„]?[^\W\d_][\w&.'’\"”-]*(?:\s+|$)){1,4})\s*$"
)


def _legal_head(text: str) -> re.Match[str] | None:
    """A name with its legal form (after it, or before it where a country prints it so) heading
    ``text``; the name with its form is the match's first group."""
    return _LEGAL_HEAD.match(_legal_form_repaired(text)) or _LEGAL_FIRST.match(text)


def _under_buyer_label(doc: DocumentView, order: int, segment: Segment) -> bool:
    """Whether ``segment`` stands in a bill-to block: a buyer's label a few lines above it, over
    the same column."""
    line = doc.lines[order]
    for above in doc.lines[max(0, order - 4) : order]:
        if above.page is not line.page:
            continue
        for label in above.segments:
            if BUYER_LABEL.search(label.text) and label.x0 - 20 <= segment.x0 <= label.x1 + 20:
                return True
    return False


# The top of the first page, where the issuer's letterhead and the addressee's window are.
_HEAD_ZONE = 0.5


def _address_block_heads(doc: DocumentView) -> list[tuple[Line, Segment, float]]:
    """Names over a postcode-and-town line (within the next three lines of their column) at the
    top of page 1, outside any buyer's labelled block: the unlabelled name-and-address blocks,
    each with the bottom of its postcode's line."""
    if not doc.pages:
        return []
    page = doc.pages[0]
    heads = []
    for order, line in enumerate(doc.lines):
        if line.page is not page or line.top > page.height * _HEAD_ZONE:
            continue
        for segment in line.segments:
            if (
                not _reads_like_name(segment.text)
                or _is_field_label(segment.text)
                or _under_buyer_label(doc, order, segment)
            ):
                continue
            postal = [
                below_line
                for below_line, below in doc.segments_below(line, segment, 3)
                if _postal(below.text)
            ]
            if postal:
                heads.append((line, segment, postal[0].bottom))
    return heads


def _addressee(
    doc: DocumentView, heads: list[tuple[Line, Segment, float]], line: Line, segment: Segment
) -> bool:
    """Whether the name ``segment`` heads the addressee's unlabelled block: another name and
    address block, its postcode included, stands wholly higher on the page and not left of it
    (the issuer's letterhead above, or above and to the right; then the window with the
    addressee). A block lower and to the right of the first is the issuer's own beside a window,
    or a French client's block. A title or a logo's line over the name is not a block of its
    own: its postcode is the name's. Or the company's own block starts on the same line, to the
    right: see ``_company_block_beside``."""
    if not any(head is segment for _, head, _ in heads):
        return False
    return _company_block_beside(doc, line, segment) or any(
        other.bottom <= line.top and postcode <= line.top and segment.x0 < head.x1
        for other, head, postcode in heads
    )


# An identifier printed under a company's name in its own block: a tax or company number.
_ID_LINE = re.compile(r"^\s*(?:[A-Z]{2}[ -]?)?\d[\d .-]{6,16}\d\s*$")


def _company_block_beside(doc: DocumentView, line: Line, segment: Segment) -> bool:
    """Two blocks starting on one line side by side, split by a wide gap: the mailing address
    at the left (``segment`` heads it), and at the right a name with its tax or company number
    under it, as a company prints its own block. The number marks the issuer's block; the
    mailing address is the addressee's."""
    height = max(segment.bottom - segment.top, 1.0)
    for other in line.segments:
        if other.x0 - segment.x1 < height * 6 or not _reads_like_name(other.text):
            continue
        if _is_field_label(other.text) or BUYER_LABEL.search(other.text):
            continue
        under = doc.segments_below(line, other, 1)
        if under and (_ID_LINE.match(under[0][1].text) or TAX_ID_RE.search(under[0][1].text)):
            return True
    return False


def _legal_line(doc: DocumentView, heads: list[tuple[Line, Segment, float]]) -> list[Candidate]:
    """The first line of page 1 (or a footer) that starts with a name and its legal form, not
    heading the addressee's block (``heads``: the page's address blocks)."""
    for order, line in enumerate(doc.lines):
        # The name and its legal form may come apart in cells ("Khileshwori Trading | Pvt. | Ltd").
        joined = [Segment(line.words)] if 1 < len(line.segments) <= 3 else []
        for segment in [*line.segments, *joined]:
            m = _legal_head(segment.text)
            if (
                m
                and _reads_like_name(m.group(1))
                and not _names_a_parent(m.group(1))
                and not BUYER_LABEL.search(line.text)
                and not _TO_LABEL.match(line.text)
                and not _under_buyer_label(doc, order, segment)
                # The joined cells start with the line's first segment.
                and not _addressee(
                    doc, heads, line, line.segments[0] if segment in joined else segment
                )
            ):
                group = _group_head(doc, order, segment)
                if group is not None:
                    index, above = group
                    text = above.text.strip()
                    return [_layout_candidate(doc, doc.lines[index], above, text, 0.8, index)]
                name = m.group(1).strip()
                if name == segment.text.strip():
                    name = _name_with_head(doc, line, segment, name)
                return [_layout_candidate(doc, line, segment, name, 0.8, order)]
    return []


def _name_with_head(doc: DocumentView, line: Line, segment: Segment, name: str) -> str:
    """``name`` (all of ``segment``) with the start of the name on the line over it, when that
    line starts the block: "MVM Musterhafter" / "Versicherungsverein Musterstadt a.G.". A logo's
    word that the name repeats ("ACME" over "ACME Holdings Ltd") is not a part of it."""
    head = _head_above(doc, line, segment)
    if head is None or _segment_above(doc, doc.lines.index(line) - 1, head) is not None:
        return name
    if set(normalise_name(head.text).split()) <= set(normalise_name(name).split()):
        return name
    return f"{head.text.strip()} {name}"


def _names_a_parent(text: str) -> bool:
    """Whether ``text`` names only a parent company ("A subsidiary of Meridian Holdings Inc.")."""
    m = _AFFILIATE.search(text)
    return m is not None and not text[: m.start()].strip(" ,;:-–—(")


def _has_legal_form(text: str) -> bool:
    return bool(_legal_head(text) or LEGAL_SUFFIX.search(text.strip()))


def _segment_above(doc: DocumentView, order: int, segment: Segment) -> tuple[int, Segment] | None:
    """The segment just over ``segment`` in its column, on one of the lines before it."""
    line = doc.lines[order]
    height = max(segment.bottom - segment.top, 1.0)
    for index in range(order - 1, max(order - 4, 0) - 1, -1):
        above = doc.lines[index]
        if above.page is not line.page or line.top - above.bottom > height * 2.5:
            return None
        for candidate in above.segments:
            if min(candidate.x1, segment.x1) - max(candidate.x0, segment.x0) > 0:
                return index, candidate
    return None


def _group_head(doc: DocumentView, order: int, segment: Segment) -> tuple[int, Segment] | None:
    """A group's letterhead: its name over the names of its companies, each with its legal form
    ("Orange & Rockland" / "Pike County Light & Power Co." / "Rockland Electric Company"). When
    the company name at ``order`` has another company's name under it and a name without a legal
    form over it, in one stack, the name heading the stack is the one the page goes by."""
    below = doc.segments_below(doc.lines[order], segment, 3)
    if not below or not _has_legal_form(below[0][1].text):
        return None
    found = _segment_above(doc, order, segment)
    if found is None:
        return None
    index, above = found
    text = above.text.strip()
    if (
        _reads_like_name(text)
        and not _has_legal_form(text)
        and not _is_field_label(text)
        and not BUYER_LABEL.search(text)
        and not _under_buyer_label(doc, index, above)
    ):
        return found
    return None


# A till receipt's closing line names the store: "THANK YOU FOR SHOPPING AT WALGREENS".
_SHOPPING_AT = re.compile(
    r"\b(?:thank\s*you|thanks)\s*for\s*(?:shopping|dining|choosing|visiting|your\s*purchase)"
    r"\s*(?:at|with|in)\s+(?P<name>[^\W\d_][\w&'’. -]{1,40}?)\s*[.!]*\s*$",
    re.I,
)


def _store_named_at_close(doc: DocumentView) -> list[Candidate]:
    for order, line in enumerate(doc.lines):
        m = _SHOPPING_AT.search(line.text)
        if (
            m
            and _reads_like_name(m.group("name"))
            and not re.fullmatch(r"\s*us\s*", m.group("name"), re.I)
        ):
            return [_layout_candidate(doc, line, line.segments[0], m.group("name"), 0.7, order)]
    return []


# The issuer thanking its customer in its own name: "LILLE MOTOS DUCROO vous remercie de votre
# confiance", "Bäckerei Kolb dankt Ihnen für Ihren Einkauf", "Harbour Books thanks you for your
# order". A team or a pronoun ("L'équipe vous remercie", "We thank you") names no one.
_NAME_THANKS = re.compile(
    r"^\s*[\"“”«»']?\s*(?P<name>[^\W\d_][\w&'’. -]{1,40}?)\s*[\"“”«»']?\s+"
    r"(?:vous\s+remercie|thanks\s+you|dankt\s+(?:ihnen|dir|euch)|bedankt\s+u|le\s+agradece"
    r"|(?:ti|vi)\s+ringrazia|agradece|dziękuje)\b",
    re.I,
)
_TEAM = re.compile(r"\b(?:[ée]quipe|team|staff|personnel|management|direction)\b", re.I)


def _thanks_from(doc: DocumentView) -> list[Candidate]:
    for order, line in enumerate(doc.lines):
        m = _NAME_THANKS.match(line.text)
        if m and _reads_like_name(m.group("name")) and not _TEAM.search(m.group("name")):
            name = m.group("name").strip(" .")
            return [_layout_candidate(doc, line, line.segments[0], name, 0.75, order)]
    return []


# "For Kaveri Polymers | Authorised Signatory": the issuer signs its invoice (India, the UK...).
_FOR_NAME = re.compile(r"^\s*for\s*[:,]?\s+(?P<name>\S.{1,60}?)\s*[:,]?\s*$", re.I)
_SIGNATORY = re.compile(r"\bauthori[sz]ed\s*signator(?:y|ies)\b|\bproprietor\b|\bpartner\b", re.I)


def _signatory_line(doc: DocumentView) -> list[Candidate]:
    for order, line in enumerate(doc.lines):
        nearby = " ".join(other.text for other in doc.lines[order : order + 3])
        if not _SIGNATORY.search(nearby):
            continue
        for segment in line.segments:
            m = _FOR_NAME.match(segment.text)
            if m and _reads_like_name(m.group("name")):
                return [_layout_candidate(doc, line, segment, m.group("name"), 0.8, order)]
    return []


# The legal line of the footer: "BOUYGUES TELECOM - Société Anonyme au capital de 712 588 399,56 €",
# "Free SAS au capital de 3.441.812 Euros": the name before the legal form and the capital.
_NAME_AND_CAPITAL = re.compile(
    r"^\s*(?P<name>(?:['’]?[^\W\d_][\w&.'’-]*\s+){0,5}?['’]?[^\W\d_][\w&.'’-]*)\s*[-–−,]?\s*"
    r"(?:soci[ée]t[ée]\s+(?:anonyme|par\s+actions\s+simplifi[ée]e|à\s+responsabilit[ée]\s+limit[ée]e)"
    r"|SASU?|SA|SARL|EURL|SCOP)?\s*[-–−,]?\s*au\s+capital\s+(?:social\s+)?de\b",
    re.I,
)
# A footer line that starts with the company's seat or its capital, under the name's own line:
# "NETPRESSE" / "Siège social : 16 rue Mollien…"; "Oravel Stays Private Limited" / "Registered
# Office: …".
_SEAT_LINE = re.compile(
    r"^\s*(?:si[èe]ge\s+social|registered\s+office|regd\.?\s+office|sitz\s+der\s+gesellschaft"
    r"|(?:SASU?|SARL|SA|EURL)\s+au\s+capital)\b",
    re.I,
)


def _legal_footer(doc: DocumentView) -> list[Candidate]:
    found: list[Candidate] = []
    for order, line in enumerate(doc.lines):
        if len(line.segments) != 1:
            continue
        segment = line.segments[0]
        m = _NAME_AND_CAPITAL.match(segment.text)
        if m and _reads_like_name(m.group("name")) and not LEGAL_SUFFIX.fullmatch(m.group("name")):
            found.append(_layout_candidate(doc, line, segment, m.group("name"), 0.8, order))
            continue
        if not _SEAT_LINE.match(segment.text) or order == 0:
            continue
        above = doc.lines[order - 1]
        text = above.text.strip()
        if (
            above.page is line.page
            and len(above.segments) == 1
            and len(text.split()) <= 6
            and _reads_like_name(text)
            and not re.search(r"\d", text)
        ):
            found.append(_layout_candidate(doc, above, above.segments[0], text, 0.8, order - 1))
    return found[:1]


# A footer's column with the issuer's name and its legal form over its street and postcode:
# "Mustermann AG" / "Musterstrasse 272a" / "98765 Musterstadt", beside the bank's and the
# contact's columns.
_FOOTER_ZONE = 0.75


def _footer_address(doc: DocumentView) -> list[Candidate]:
    for order, line in enumerate(doc.lines):
        page = line.page
        if line.top < page.height * _FOOTER_ZONE:
            continue
        segment = line.segments[0]
        m = _LEGAL_HEAD.match(segment.text)
        if not m or m.group(1).strip() != segment.text.strip() or not _reads_like_name(m.group(1)):
            continue
        below = [s.text for _, s in doc.segments_below(line, segment, 3)]
        if any(_POSTCODE.search(text) for text in below[:3]) and len(below) >= 2:
            return [_layout_candidate(doc, line, segment, m.group(1), 0.75, order)]
    return []


_TAGLINE = re.compile(r"\s+[-–—]\s+")
_STORE_NUMBER = re.compile(
    r"\s+(?:#|(?:store|shop|branch|unit)\s*(?:#|no\.?)?)\s*\d{1,6}\s*$", re.I
)


_LOGO_PLACEHOLDER = re.compile(r"^\s*(?:your\s+|votre\s+|ihr\s+)?logo\b\W*", re.I)


# A bare "To:" before the addressee's name.
_TO_LABEL = re.compile(r"\s*to\s*:\s*", re.I)


# Words that mark a business's registered name as a legal form does: "Manishika Enterprise",
# "Kaveri Traders", "Shree Industries" (India's proprietorships and partnerships have none).
_BUSINESS_WORD = re.compile(r"\b(?:enterprises?|traders|trading|industries|agencies)\b", re.I)


def _logo_noise(text: str, read: float) -> bool:
    """What OCR makes of a logo or a smudge: mostly marks rather than letters ("“Ort <<"), or a
    short word read unsurely ("kl.", "AGN")."""
    letters = len(re.findall(r"[^\W\d_]", text))
    marks = len(re.findall(r"[^\w\s&.,'’-]", text))
    return letters < 2 * marks or (read < 0.6 and letters < 5)


# One word of letters and digits mixed: an id or a code, not a name.
_CODE = re.compile(r"(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]{6,}")


# A name set in big, widely spaced capitals ("BURGER   SEIGNEUR") falls into one segment a word;
# its words stand at most this many letter heights apart.
_SPACED_GAP = 1.5
_BIG = 1.5


def _spaced_name(line: Line, body: float) -> list[Segment]:
    """The run of neighbouring one-word segments of a line, all big words of letters in capitals
    of one size, read as the one name they are."""
    run: list[Segment] = []
    runs: list[list[Segment]] = []
    for segment in line.segments:
        word = segment.words[0]
        fits = (
            len(segment.words) == 1
            and word.text.isalpha()
            and word.text.isupper()
            and len(word.text) >= 2
            and word.height >= _BIG * body
        )
        if fits and run:
            last = run[-1].words[0]
            near = word.x0 - last.x1 <= _SPACED_GAP * max(word.height, last.height)
            alike = 0.8 <= word.height / last.height <= 1.25
            if not (near and alike):
                runs.append(run)
                run = []
        if fits:
            run.append(segment)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    return [Segment([w for s in found for w in s.words]) for found in runs if len(found) >= 2]


# A field's label and its value in one cell: "Zahlungsbedingungen: 30 Tage netto".
_LABEL_AND_VALUE = re.compile(r"^\s*[^\W\d_][^\W\d]*(?:\s+[^\W\d_][^\W\d]*){0,3}\s*:\s+\S")


def _labelled_value(line: Line, segment: Segment) -> bool:
    """Whether ``segment`` is a field's value: after its label in the cell before it or in its
    own cell; a name's own label ("Name:", "Firma:") excepted."""
    if NAME_PREFIX.match(segment.text):
        return False
    if _LABEL_AND_VALUE.match(segment.text):
        return True
    index = line.segments.index(segment) if segment in line.segments else 0
    before = line.segments[index - 1].text.strip() if index else ""
    return before.endswith(":") and not NAME_PREFIX.fullmatch(before)


def _prominent_name(doc: DocumentView, heads: list[tuple[Line, Segment, float]]) -> list[Candidate]:
    """The biggest, topmost phrase of page 1 that reads like a company name, not heading the
    addressee's block (``heads``: the page's address blocks)."""
    if not doc.pages:
        return []
    page = doc.pages[0]
    lines = [line for line in doc.lines if line.page is page and line.top < page.height * 0.4]
    buyer_zone: list[tuple[float, float, float]] = []  # x0, x1, bottom limit of bill-to blocks
    heights = sorted(w.height for line in lines for w in line.words) or [1.0]
    body = heights[len(heights) // 2]
    scored: list[tuple[float, Candidate]] = []
    for order, line in enumerate(lines):
        for segment in [*_spaced_name(line, body), *line.segments]:
            if _addressee(doc, heads, line, segment):
                # The addressee's block, its contact's name included.
                buyer_zone.append((segment.x0 - body, segment.x1 + body, line.bottom + body * 7))
                continue
            if BUYER_LABEL.search(segment.text) or _TO_LABEL.fullmatch(segment.text):
                buyer_zone.append(
                    (segment.x0 - body, segment.x1 + body * 12, line.bottom + body * 7)
                )
                continue
            # "Camille Roux - Graphiste": the name before its trade or tagline; a store's number
            # after a chain's name ("SUMMIT FUEL #2214", "Store 0417") is not part of it.
            text = _STORE_NUMBER.sub("", _TAGLINE.split(segment.text)[0]).strip(" :,")
            # A template's logo placeholder before the name ("LOGO LE FOURNISSEUR").
            text = _LOGO_PLACEHOLDER.sub("", text)
            if (
                len(line.segments) >= 4  # a table's header or row ("Item | Qty | Price | Amount")
                or len(text) < 3
                # A field's label ("Type:", "Merchant ID:") or a code ("9hqjxvufdr", "e6d598ef").
                or segment.text.rstrip().endswith(":")
                # A field's value, after its label ("Terms: | Net 15 days", "Terms: Net 15").
                or _labelled_value(line, segment)
                or _CODE.fullmatch(text)
                or TITLE.search(text)
                or not_a_name(text)
                or not re.search(r"[A-Za-z]{2}", text)
            ):
                continue
            center = (segment.x0 + segment.x1) / 2
            if any(x0 <= center <= x1 and line.top <= limit for x0, x1, limit in buyer_zone):
                continue
            read = words_confidence(segment.words)
            if _ADDRESS_UNIT.search(text) or _PRONOUN.match(text) or _logo_noise(text, read):
                continue
            size = max(w.height for w in segment.words) / body
            # A big phrase read unsurely is often a logo's lettering read as words ("AGN"):
            # how surely it was read weighs as much as its size.
            legal = LEGAL_SUFFIX.search(text)
            # "Aboli Gala 1. Skira kg": a weight's unit, not the legal form KG.
            named = (legal and legal.group(0) != "kg") or _BUSINESS_WORD.search(text)
            score = size * read * (1.4 if named else 1.0) - order * 0.02
            conf = min(0.85, 0.45 + 0.12 * size) * (0.55 + 0.45 * words_confidence(segment.words))
            at, place = line, segment
            group = _group_head(doc, doc.lines.index(line), segment) if named else None
            if group is not None:
                # One of a group's companies under the group's name: the group's name.
                at, place = doc.lines[group[0]], group[1]
                text = place.text.strip()
            elif named and text == segment.text.strip():
                text = _name_with_head(doc, line, segment, text)
            scored.append(
                (score, Candidate(text, conf, doc.location(at, place.words), "layout", order))
            )
    scored.sort(key=lambda item: -item[0])
    return [candidate for _, candidate in scored[:3]]


@dataclass(frozen=True)
class BuyerIdentity:
    """Our own company: its name and tax ids are on every invoice we receive, as the buyer's,
    and are never taken for the supplier's."""

    names: Sequence[str] = ()
    tax_ids: Sequence[str] = ()
    country: str | None = None  # ISO 3166-1 alpha-2

    def is_us(self, name: str) -> bool:
        wanted = normalise_name(name)
        return bool(wanted) and any(
            fuzz.ratio(wanted, normalise_name(own)) >= 90 for own in self.names if own
        )

    def owns_tax_id(self, value: str) -> bool:
        return normalise_id(value) in {normalise_id(t) for t in self.tax_ids}


@dataclass
class SupplierIdentifiers:
    tax_ids: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    ibans: list[str] = field(default_factory=list)


def normalise_id(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper())


# An Indian GST identification number: state code, PAN, entity number, "Z", check character.
_GSTIN = re.compile(r"\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]")


# A GSTIN's state code and PAN (the holder's income-tax number), whatever follows.
_PAN_HEAD = re.compile(r"\d{2}[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]")


def _checked_prefix(value: str) -> str:
    """The longest run of leading words of ``value`` that is an id with check digits (EU VAT,
    GSTIN, Swiss UID): "29AAGCR4417M1ZX CI" (the next label's start) is the GSTIN alone."""
    words = value.split()
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        if _has_check_digits(candidate) and _valid_tax_id(candidate):
            return candidate
    return value


def _has_check_digits(value: str) -> bool:
    compact = normalise_id(value)
    return bool(
        _GSTIN.fullmatch(compact) or compact.startswith("CHE") or re.match(r"[A-Z]{2}\d", compact)
    )


def _valid_tax_id(value: str) -> bool:
    """An EU VAT number must pass its check digits; other ids (EIN, GSTIN, tax numbers) are
    kept when they hold enough digits."""
    from stdnum.eu import vat

    compact = normalise_id(value)
    if _GSTIN.fullmatch(compact):
        from stdnum.in_ import gstin

        return bool(gstin.is_valid(compact))
    if compact.startswith("CHE"):
        from stdnum.ch import uid

        return bool(uid.is_valid(compact[:12]))
    if re.match(r"^[A-Z]{2}", compact) and compact[:2] in vat.MEMBER_STATES | {"EL", "GB"}:
        if compact[:2] == "GB":
            from stdnum.gb import vat as gb_vat

            return bool(gb_vat.is_valid(compact))
        return bool(vat.is_valid(compact))
    return sum(c.isdigit() for c in compact) >= 6


def _valid_iban(value: str) -> bool:
    from stdnum import iban

    return bool(iban.is_valid(value))


def buyer_block_text(doc: DocumentView) -> str:
    """The text printed in the buyer's blocks: under (or beside) a "Bill to", "Customer",
    "Nabywca" label, in the label's column, for a few lines."""
    parts: list[str] = []
    for line in doc.lines:
        for segment in line.segments:
            if not BUYER_LABEL.search(segment.text):
                continue
            parts.append(segment.text)
            parts += [below.text for _line, below in doc.segments_below(line, segment, 7)]
    return "\n".join(parts)


# "Nr konta: 54 1090 1014 0000 0712 1981 3000": a labelled 26-digit Polish account number.
_NRB_RE = re.compile(
    r"(?:konta|rachunku|rachunek|nrb)\s*(?:bankowego\s*)?[:.]?\s*(\d{2}(?:[ \t]?\d{4}){6})\b", re.I
)
# A company register number ("Org.nr", "Y-tunnus", "CVR"): the VAT id, when also printed, is
# the one to keep.
_REGISTER_LABEL = re.compile(r"^(?:org|y-tunnus|cvr)", re.I)


# A tax id's label alone in its cell, the id under it ("GSTIN | CIN" over "06AABCO6063D1ZQ | …").
_TAX_ID_HEADER = re.compile(
    r"^\s*(?:gstin(?:\s*/\s*uin)?|vat\s*(?:no\.?|number|id|reg(?:istration)?\s*no\.?)|ust[.-]*id(?:nr\.?)?"
    r"|n[°º]\s*(?:de\s*)?tva(?:\s*intra[\s-]*\w*)?|tva\s*intra[\s-]*\w*|btw[\s-]*(?:nummer|nr\.?))"
    r"\s*[:.]?\s*$",
    re.I,
)


def _ids_under_labels(doc: DocumentView) -> list[str]:
    """Tax ids printed under their label; only ids with check digits that pass them."""
    found: list[str] = []
    for line in doc.lines:
        for segment in line.segments:
            if not _TAX_ID_HEADER.match(segment.text):
                continue
            for _below_line, below in doc.segments_below(line, segment, 1):
                value = below.text.strip()
                if _has_check_digits(value) and _valid_tax_id(value):
                    found.append(value)
    return found


_GSTIN_IN_TEXT = re.compile(r"(?<![A-Z0-9])\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z](?![A-Z0-9])")


def _gstins(text: str) -> list[str]:
    """Indian GST numbers wherever printed, under whatever label ("GST:", "GSTIN -", "GST ID
    NO."): their check character tells them from other codes."""
    return [m.group(0) for m in _GSTIN_IN_TEXT.finditer(text) if _valid_tax_id(m.group(0))]


def identifiers(doc: DocumentView) -> SupplierIdentifiers:
    """Tax ids, e-mails and IBANs in the text; a value failing its check digits is not one,
    and an id labelled as the customer's or printed in the buyer's block is left out. Company
    register numbers come after tax ids."""
    text = doc.text
    buyer_text = buyer_block_text(doc)
    buyer_ids = normalise_id(buyer_text)
    tax_ids: list[str] = []
    registers: set[str] = set()
    for m in TAX_ID_RE.finditer(text):
        # The id ends where its cell does (the next phrase on the line is something else) or
        # at a word in lower case ("IT04821930213 Tel. 0521…").
        value = re.split(
            r"\s{2,}|\s+[-–]\s+|\s+[·|]\s+|\s+(?=\S*[a-z])|\s+(?=(?:MWST|TVA|IVA|VAT|BTW)\b)",
            m.group(1) or m.group(2),
        )[0]
        value = _checked_prefix(value.strip().rstrip("."))
        before = text[max(0, m.start() - 20) : m.start()]
        if BUYER_ID_MARK.search(before) or normalise_id(value) in buyer_ids:
            continue
        if _valid_tax_id(value) and value not in tax_ids:
            tax_ids.append(value)
            if _REGISTER_LABEL.match(m.group(0)):
                registers.add(value)
    for value in _ids_under_labels(doc) + _gstins(text):
        if normalise_id(value) not in buyer_ids and value not in tax_ids:
            tax_ids.append(value)
    tax_ids.sort(key=lambda value: value in registers)
    buyer_emails = {e.lower() for e in EMAIL_RE.findall(buyer_text)}
    emails = [e.lower() for e in EMAIL_RE.findall(text)]
    printed = [normalise_id(m.group(0)) for m in IBAN_RE.finditer(text)]
    # A Polish account number (NRB) is the IBAN without its "PL".
    printed += ["PL" + re.sub(r"\D", "", m.group(1)) for m in _NRB_RE.finditer(text)]
    return SupplierIdentifiers(
        tax_ids=tax_ids,
        emails=[e for e in emails if e not in buyer_emails] or emails,
        ibans=[iban for iban in dict.fromkeys(printed) if _valid_iban(iban)],
    )


@dataclass(frozen=True)
class SupplierCandidate:
    """A supplier from master data, as the matcher needs it."""

    id: int | str
    name: str
    tax_ids: Sequence[str] = ()
    emails: Sequence[str] = ()
    ibans: Sequence[str] = ()


class SupplierMatcher(Protocol):
    def match(
        self, *, name: str | None, found: SupplierIdentifiers, text: str
    ) -> SupplierMatch | None: ...


_SUFFIX_WORDS = re.compile(
    # Latin America's forms, written with dots and spaces: "S.A. de C.V.", "S. de R.L. de C.V.",
    # "S.A.P.I. de C.V.", "S.A.C.", "E.I.R.L.".
    r"\b(s\s?a(?:\s?b|\s?p\s?i)?\s+de\s+c\s?v|s\s+de\s+r\s?l(?:\s+de\s+c\s?v)?|s\s+a\s+c|e\s?i\s?r\s?l"
    r"|inc|llc|llp|ltd|limited|gmbh|mbh|ag|sa|sas|sasu|sarl|eurl|bv|nv|vof|srl|spa|snc|sl|slu"
    r"|lda|ltda|sp\s*z\s*o\s*o|plc|co|corp|corporation|incorporated|company|sia|uab|kg|ohg|ug|oy|ab|as|aps|pty|pvt"
    r"|private(?=\s+limited\b))\b\.?",
    re.I,
)


def normalise_name(name: str) -> str:
    return " ".join(_SUFFIX_WORDS.sub(" ", re.sub(r"[^\w\s]", " ", name.lower())).split())


# The OCR may part a dot from the word before it ("www.sceg .com").
_WEB_DOMAIN = re.compile(r"\bwww\.([\w-]+(?:\s?\.[\w-]+)+)", re.I)
# A web address printed without "www." ("MYWALGREENS.COM", "saathimart.com", "shop.example"),
# not an e-mail's domain (those are read from the e-mails).
_BARE_DOMAIN = re.compile(
    r"(?<![@\w.-])((?:[a-z0-9][\w-]*\.)+(?:com|net|org|shop|store|example|in|np|pk|lk|us|uk|ca|au"
    r"|de|fr|es|it|nl|be|pl|pt|se|no|dk|fi|ie|ch|at))(?![\w.-]*@)\b",
    re.I,
)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _domain_hosts(doc: DocumentView, emails: Sequence[str]) -> list[str]:
    """The e-mail and web domains on the page, without their top-level part, folded."""
    domains = [e.split("@", 1)[1] for e in emails if "@" in e] + _web_domains(doc.text)
    return [_folded(d.lower().rsplit(".", 1)[0]) for d in domains]


def _named_in(name: Candidate, hosts: Sequence[str]) -> bool:
    words = [w for w in _folded(normalise_name(name.value)).split() if len(w) >= 4]
    return any(w in host for w in words for host in hosts)


def _spells_domain(name: Candidate, hosts: Sequence[str]) -> bool:
    """Whether the name's words make up most of a domain's name ("Karoo Fresh Produce",
    karoofresh)."""
    words = [w for w in _folded(normalise_name(name.value)).split() if len(w) >= 4]
    for host in hosts:
        for part in host.split("."):
            spelled = sum(len(w) for w in words if w in part)
            if spelled and spelled >= 0.6 * len(part):
                return True
    return False


NO_SECOND_CUE = "no second cue (e-mail or web domain, repeated on the page)"


def name_confirmed(doc: DocumentView, name: Candidate, emails: Sequence[str]) -> bool:
    """Whether a second cue backs the issuer's name: a word of it in the issuer's e-mail or web
    domain ("Karoo Fresh Produce", accounts@karoofresh.example), or the name printed again on
    another line (the footer's legal line, "cheques payable to ..."). A title word, a tagline or
    the buyer's name taken for the issuer rarely has one. The domain backs a name that spells
    most of it: "Office", all the OCR made of a logo, is not confirmed by officedepot.com."""
    hosts = _domain_hosts(doc, emails)
    letters = re.sub(r"[\W_]", "", _folded(name.value))
    if _spells_domain(name, hosts) or (
        # Initials and an ampersand ("SCE&G", sceg.com) spell the domain letter for letter.
        len(letters) >= 3 and any(letters == host.rsplit(".", 1)[-1] for host in hosts)
    ):
        return True
    wanted = _folded(normalise_name(name.value))
    if len(wanted.split()) < 2:
        return False  # one word ("SZÁMLA") recurs in labels; it needs the domain
    printed = re.compile(r"\b" + re.escape(wanted) + r"\b")
    seen = sum(bool(printed.search(_folded(normalise_name(line.text)))) for line in doc.lines)
    return seen >= 2


class CandidateSupplierMatcher:
    """Matches against a list of candidates: tax id, then IBAN, then e-mail, then name."""

    def __init__(self, candidates: Iterable[SupplierCandidate]) -> None:
        self.candidates = list(candidates)

    def match(
        self, *, name: str | None, found: SupplierIdentifiers, text: str
    ) -> SupplierMatch | None:
        compact_text = normalise_id(text)
        tax_ids = {normalise_id(t) for t in found.tax_ids}
        for supplier in self.candidates:
            for tax_id in supplier.tax_ids:
                norm = normalise_id(tax_id)
                if norm and (norm in tax_ids or (len(norm) >= 8 and norm in compact_text)):
                    return SupplierMatch(supplier.id, supplier.name, "tax_id", 0.99)
        ibans = set(found.ibans)
        for supplier in self.candidates:
            if any(normalise_id(iban) in ibans for iban in supplier.ibans if iban):
                return SupplierMatch(supplier.id, supplier.name, "iban", 0.97)
        emails = set(found.emails)
        for supplier in self.candidates:
            if any(email.lower() in emails for email in supplier.emails if email):
                return SupplierMatch(supplier.id, supplier.name, "email", 0.95)
        if name:
            wanted = normalise_name(name)
            scored = [
                (SequenceMatcher(None, wanted, normalise_name(s.name)).ratio(), s)
                for s in self.candidates
            ]
            scored.sort(key=lambda item: (-item[0], str(item[1].id)))
            if scored and scored[0][0] >= 0.85:
                ratio, supplier = scored[0]
                return SupplierMatch(supplier.id, supplier.name, "name", round(0.9 * ratio, 3))
        # The issuer's own domain, from its e-mails or its web address ("www.acme.example"); a
        # mail provider's domain is shared by strangers and names no one.
        domains = {e.split("@", 1)[1] for e in emails} | set(_web_domains(text))
        domains -= PUBLIC_MAIL_DOMAINS
        for supplier in self.candidates:
            if any(e.split("@", 1)[-1].lower() in domains for e in supplier.emails if "@" in e):
                return SupplierMatch(supplier.id, supplier.name, "email_domain", 0.8)
        return None


def _web_domains(text: str) -> list[str]:
    """The web addresses' domains printed in ``text``, lower case, without "www."."""
    found = [re.sub(r"\s", "", m.group(1)).lower() for m in _WEB_DOMAIN.finditer(text)]
    found += [
        m.group(1).lower().removeprefix("www.")
        for m in _BARE_DOMAIN.finditer(text)
        if not m.group(1).lower().startswith("www.")
    ]
    return found


# A postcode and town as countries print them: "79098 Freiburg", "61-541 Poznań", "4450-718
# Matosinhos", "3542 AD Utrecht", "San Francisco, CA 94104", "Leicester LE2 7QR", "Pune 411026".
_POSTAL = [
    re.compile(
        r"(?:^|,\s*)(?P<city>[^\W\d_][^,\d]*?),\s*(?P<state>[A-Z]{2})\s+(?P<post>\d{5}(?:-\d{4})?)\b"
    ),
    re.compile(
        r"(?:^|,\s*)(?P<city>[^\W\d_][^,\d]*?),\s*(?P<state>[A-Z]{2})\s+(?P<post>[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"
    ),
    re.compile(
        r"(?:^|,\s*)(?P<city>[^\W\d_][^,\d]*?)\s+(?P<post>[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b"
    ),
    re.compile(
        r"(?:^|,\s*|\s)(?P<post>\d{2}-\d{3}|\d{4}-\d{3}|\d{4}\s?[A-Z]{2}|(?:[A-Z]{1,2}-)?\d{4,5})"
        r"\s+(?P<city>[^\W\d_][^,\d()]*?)\s*(?:\(|,|$)"
    ),
    re.compile(r"(?:^|,\s*)(?P<city>[^\W\d_][^,\d]*?)\s*-?\s*(?P<post>\d{3}\s?\d{3})\b"),
]
# A statement of share capital before the street: "SAS au capital de 10 000 € 4 quai…".
_CAPITAL = re.compile(r"^.*?\bcapital[e]?\b.*?(?:€|\beur(?:os?)?\b)\s*", re.I)
_NOT_ADDRESS = re.compile(
    r"@|www\.|https?:|\b(?:tel|tél|phone|fax|iban|bic|vat|tva|btw|ust|gstin|nip|nif|cif|ein"
    r"|kvk|siret|uid|steuer|p\.\s*iva|partita)\b",
    re.I,
)


def _postal(text: str) -> tuple[str, str, str] | None:
    """(street before the postcode on the same line, postcode, town) of an address line."""
    for pattern in _POSTAL:
        m = pattern.search(text)
        if m and len(m.group("city").strip()) >= 2:
            street = _CAPITAL.sub("", text[: m.start()]).strip(" ,·|-")
            return street, m.group("post"), m.group("city").strip()
    return None


def issuer_address(doc: DocumentView, name: Candidate | None) -> dict[str, str | None]:
    """Street, postcode and town printed with the issuer's name: on the name's own line after
    it (a sender line, "Name, street, 12345 Town") or in the lines under it. The name's line is
    the candidate's own (or, under a "Seller:" label, one of the next); when no address is
    printed there (a name read from a signature or a closing line), the other lines that carry
    the name, from the top of the page."""
    if name is None:
        return {}
    near = [
        (line, segment)
        for line in doc.lines[max(name.order, 0) : name.order + 6]
        for segment in line.segments
        if name.value in segment.text
    ][:1]
    elsewhere = [
        (line, segment)
        for line in doc.lines
        for segment in line.segments
        if name.value in segment.text and (line, segment) not in near
    ]
    for line, segment in near + elsewhere:
        address = _address_from(doc, line, segment, segment.text.split(name.value, 1)[1])
        if address:
            return address
    return {}


def _address_from(
    doc: DocumentView, line: Line, segment: Segment, rest: str
) -> dict[str, str | None]:
    texts = [p for p in _SENDER_SEPARATORS.split(rest) if p.strip(" ,")]
    texts = [", ".join(texts)] if texts else []
    for _line, below in doc.segments_below(line, segment, 5):
        if BUYER_LABEL.search(below.text):
            break
        texts += [p for p in _SENDER_SEPARATORS.split(below.text) if p.strip(" ,")]
    street: str | None = None
    for text in texts:
        # "Dorfstraße 3 6863 Egg UID: ATU…": the address ends where ids and contacts begin.
        cut = _NOT_ADDRESS.search(text)
        text = text[: cut.start()] if cut else text
        if not text.strip(" ,"):
            continue
        found = _postal(text)
        if found:
            before, postcode, city = found
            address: dict[str, str | None] = {
                "street": before or street,
                "postcode": postcode,
                "city": city,
            }
            if US_STATE_ZIP.search(text):
                address["country"] = "US"  # "San Francisco, CA 94110": a state and a ZIP code
            return address
        if street is None and re.search(r"\d", text):
            street = text.strip(" ,")
    return {}


# Postcodes only one country writes so: Poland 61-541, Portugal 4450-718, the UK's LE2 7QR.
_POSTCODE_COUNTRY = [
    (re.compile(r"\d{2}-\d{3}"), "PL"),
    (re.compile(r"\d{4}-\d{3}"), "PT"),
    (re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"), "GB"),
    (re.compile(r"\d{5}-\d{4}"), "US"),
    (re.compile(r"[A-Z]\d[A-Z]\s?\d[A-Z]\d"), "CA"),
]


def issuer_country(
    tax_id: str | None,
    postcode: str | None = None,
    currency: str | None = None,
    iban: str | None = None,
) -> str | None:
    """The issuer's country: the one its VAT id names (prefix, checked; "IN" for a GSTIN, "CA" for
    a business number), else the one its postcode's form belongs to, else its IBAN's, else the
    one whose own currency the invoice is in."""
    compact = normalise_id(tax_id or "")
    if _GSTIN.fullmatch(compact) or _PAN_HEAD.match(compact):
        return "IN"  # also a GSTIN whose last characters the OCR lost: its PAN is there
    prefix = compact[:2]
    if re.fullmatch(r"[A-Z]{2}", prefix) and _valid_tax_id(compact):
        return {"EL": "GR"}.get(prefix, prefix)
    if re.fullmatch(r"[A-Z]\d{7}[0-9A-Z]|\d{8}[A-Z]", compact):
        from stdnum.es import nif

        if nif.is_valid(compact):
            return "ES"  # a Spanish NIF/CIF printed without its country prefix
    if re.fullmatch(r"\d{9}R[TPC]\d{4}", compact):
        return "CA"  # a Canadian business number with its GST/HST (RT) program account
    for pattern, country in _POSTCODE_COUNTRY:
        if postcode and pattern.fullmatch(postcode.strip()):
            return country
    if iban and _valid_iban(iban):
        return normalise_id(iban)[:2]
    return currency_country(currency)


EURO_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "CY",
        "DE",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PT",
        "SI",
        "SK",
    ]
)
OTHER_CURRENCIES = {
    "BG": "BGN", "CZ": "CZK", "DK": "DKK", "HU": "HUF", "PL": "PLN", "RO": "RON", "SE": "SEK",
    "GB": "GBP", "CH": "CHF", "NO": "NOK", "IN": "INR", "US": "USD", "CA": "CAD", "AU": "AUD",
    "NZ": "NZD", "SG": "SGD", "HK": "HKD", "NP": "NPR", "PK": "PKR", "LK": "LKR",
}  # fmt: skip


def currency_country(currency: str | None) -> str | None:
    """The one country whose own currency ``currency`` is (none for the euro)."""
    by_currency = {code: country for country, code in OTHER_CURRENCIES.items()}
    return by_currency.get((currency or "").upper())


def country_currency(country: str | None) -> str | None:
    """The currency of the issuer's country, for an invoice that prints none."""
    if not country:
        return None
    return "EUR" if country in EURO_COUNTRIES else OTHER_CURRENCIES.get(country)
