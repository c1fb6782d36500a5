"""The PDF side of a hybrid e-invoice (Factur-X, ZUGFeRD 1 and 2, XRechnung inside a PDF/A-3).

The XML inside is checked by ``einvoice``; this module checks what the Factur-X and ZUGFeRD
specifications require of the PDF that carries it, as far as that can be read without a
PDF/A validator (fonts, colour and the rest of PDF/A-3 need veraPDF, which is not run here):

- XMP metadata present, with the PDF/A identification (``pdfaid:part`` 3, a conformance level);
- the Factur-X / ZUGFeRD properties (``fx:`` / ``zf:``): ``DocumentType`` INVOICE,
  ``DocumentFileName`` naming the attachment the invoice is in, ``ConformanceLevel`` naming the
  XML's own profile (the guideline id), and the PDF/A extension schema that declares those
  properties (PDF/A allows no undeclared property);
- the attachment: a name the standard gives (``factur-x.xml``, ``zugferd-invoice.xml``,
  ``ZUGFeRD-invoice.xml``, ``xrechnung.xml``) and consistent with the XMP namespace, an
  ``/AFRelationship`` of Data, Source or Alternative, associated with the document by its ``/AF``
  array (PDF/A-3), MIME type ``text/xml``.

The page must show the invoice the XML carries (Factur-X and ZUGFeRD make the PDF the
human-readable copy of the same invoice). Without a PDF/A validator only the text layer can be
compared: when the pages have text but print neither the XML's invoice total (BT-112) nor its
amount due (BT-115) in any usual notation, the PDF shows another invoice (or another version of
it) than the data finance books, and that is reported as a warning, naming the amounts. A
warning, not an error: no official validator (CEN, KoSIT, Mustang) compares the two, and the
ZUGFeRD corpus keeps such a file among its correct samples (a page stating 571.04 over an XML of
671.15). Pages without text (scans) are not compared.

A missing ``ConformanceLevel``, an unusual ``Version`` or a release candidate's profile (ZUGFeRD
RC, before the rule) is only a warning: official samples of
the ZUGFeRD corpus lack the one (Mustang's 2017 ZUGFeRD 1 invoice) or write ``1p0`` for the other
(Konik) and are read correctly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from procura.documents.extraction.einvoice import EInvoice, Finding

logger = logging.getLogger(__name__)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
# The XMP namespace of each generation, with the attachment names it allows.
FACTURX_NS = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
ZUGFERD2_NS = "urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#"
ZUGFERD1_NS = "urn:ferd:pdfa:CrossIndustryDocument:invoice:1p0#"
ZUGFERD_RC_NS = "urn:ferd:pdfa:invoice:rc#"
ATTACHMENT_NAMES = {
    FACTURX_NS: ("factur-x.xml", "xrechnung.xml"),
    ZUGFERD2_NS: ("zugferd-invoice.xml", "xrechnung.xml"),
    ZUGFERD1_NS: ("ZUGFeRD-invoice.xml",),
    ZUGFERD_RC_NS: ("ZUGFeRD-invoice.xml",),
}
INVOICE_ATTACHMENTS = {
    "factur-x.xml",
    "zugferd-invoice.xml",
    "ZUGFeRD-invoice.xml",
    "xrechnung.xml",
}
RELATIONSHIPS = {"/Data", "/Source", "/Alternative"}
VERSIONS = {"1.0", "2p0", "1.2", "2.0", "2.1", "2.2", "2.3", "3.0", "RC"}
# The XMP ConformanceLevel each profile of the XML may be declared as.
LEVELS = {
    "minimum": {"MINIMUM"},
    "basicwl": {"BASIC WL"},
    "basic": {"BASIC"},
    "en16931": {"EN 16931", "COMFORT", "XRECHNUNG"},
    "comfort": {"COMFORT", "EN 16931"},
    "extended": {"EXTENDED"},
    "xrechnung": {"XRECHNUNG", "EN 16931"},
}
# Pages whose text is compared with the XML's amounts (an invoice's totals are on its first pages
# or its last; longer PDFs are statements with the invoice attached).
PAGES_COMPARED = 20
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


@dataclass
class Attachment:
    name: str
    relationship: str | None
    mime_type: str | None
    associated: bool = True  # listed in an /AF array (of the document or a page)


@dataclass
class Container:
    """What the PDF says about the invoice it carries."""

    xmp: dict[str, dict[str, str]] = field(default_factory=dict)  # namespace -> property -> value
    declared_schemas: set[str] = field(default_factory=set)
    has_xmp: bool = False
    attachments: dict[str, Attachment] = field(default_factory=dict)


def _resolve(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _xmp_properties(packet: bytes) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Every simple property of every ``rdf:Description`` (written as element or attribute),
    by namespace, and the namespaces the PDF/A extension schemas declare."""
    try:
        root = etree.fromstring(packet, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return {}, set()
    if root is None:
        return {}, set()
    found: dict[str, dict[str, str]] = {}
    for description in root.iter(f"{{{RDF}}}Description"):
        for name, value in description.attrib.items():
            qname = etree.QName(name)
            if qname.namespace and qname.namespace != RDF:
                found.setdefault(qname.namespace, {}).setdefault(qname.localname, value.strip())
        for child in description:
            if not isinstance(child.tag, str) or len(child):
                continue
            qname = etree.QName(child)
            if qname.namespace:
                found.setdefault(qname.namespace, {}).setdefault(
                    qname.localname, (child.text or "").strip()
                )
    declared = {(node.text or "").strip() for node in root.iter(f"{{{PDFA_SCHEMA}}}namespaceURI")}
    return found, declared


def read_container(reader: Any) -> Container:
    """The XMP properties and the embedded files' specifications of a ``pypdf`` reader."""
    container = Container()
    catalog = _resolve(reader.trailer["/Root"])
    metadata = catalog.get("/Metadata")
    if metadata is not None:
        packet = _resolve(metadata).get_data()
        container.has_xmp = bool(packet.strip())
        container.xmp, container.declared_schemas = _xmp_properties(packet)
    associated = _associated_files(reader, catalog)
    names = _resolve(catalog.get("/Names")) if catalog.get("/Names") else None
    tree = _resolve(names.get("/EmbeddedFiles")) if names and names.get("/EmbeddedFiles") else None
    pending = [tree] if tree is not None else []
    while pending:
        node = _resolve(pending.pop())
        pairs = _resolve(node.get("/Names")) or []
        for index in range(0, len(pairs) - 1, 2):
            reference = pairs[index + 1]
            spec = _resolve(reference)
            name = str(spec.get("/UF") or spec.get("/F") or pairs[index])
            stream = _resolve(_resolve(spec.get("/EF") or {}).get("/F"))
            subtype = stream.get("/Subtype") if stream is not None else None
            relationship = spec.get("/AFRelationship")
            container.attachments[name] = Attachment(
                name=name,
                relationship=str(relationship) if relationship is not None else None,
                mime_type=str(subtype)[1:].replace("#2F", "/") if subtype is not None else None,
                associated=getattr(reference, "idnum", None) in associated
                or any(spec is other for other in associated.values()),
            )
        pending.extend(_resolve(node.get("/Kids")) or [])
    return container


def _associated_files(reader: Any, catalog: Any) -> dict[int | None, Any]:
    """The file specifications PDF/A-3 associates with the document or a page (``/AF``), by
    object number."""
    owners = [catalog, *(_resolve(page) for page in reader.pages)]
    found: dict[int | None, Any] = {}
    for owner in owners:
        for reference in _resolve(owner.get("/AF")) or []:
            found[getattr(reference, "idnum", None)] = _resolve(reference)
    return found


def _level_of(invoice: EInvoice, guideline: str | None) -> str:
    if guideline and "xrechnung" in guideline.lower():
        return "xrechnung" if invoice.profile not in LEVELS else invoice.profile
    return invoice.profile


def container_findings(
    reader: Any, attachment: str, invoice: EInvoice, guideline: str | None = None
) -> list[Finding]:
    """What the PDF carrying ``invoice`` (read from ``attachment``) breaks of the Factur-X /
    ZUGFeRD rules for the PDF; never raises for a damaged PDF."""
    from procura.documents.extraction.einvoice import Finding

    try:
        container = read_container(reader)
    except Exception:  # a damaged object tree: the page reader reports what it can
        logger.debug("PDF container unreadable", exc_info=True)
        return [Finding("PDF", "The PDF's metadata and attachments cannot be read.", "warning")]
    found: list[Finding] = []
    if not container.has_xmp:
        return [
            Finding(
                "XMP",
                "The PDF has no XMP metadata: a Factur-X / ZUGFeRD PDF must declare itself "
                "(PDF/A-3 identification and the invoice's file name, type and profile).",
            )
        ]
    pdfa = container.xmp.get(PDFAID, {})
    if pdfa.get("part") != "3":
        found.append(
            Finding(
                "XMP pdfaid:part",
                f"The PDF declares PDF/A part {pdfa.get('part') or '(none)'}; a PDF carrying an "
                "e-invoice must be PDF/A-3.",
            )
        )
    if not pdfa.get("conformance"):
        found.append(
            Finding("XMP pdfaid:conformance", "The PDF/A conformance level (A, B or U) is missing.")
        )
    namespaces = [ns for ns in ATTACHMENT_NAMES if ns in container.xmp]
    if not namespaces:
        found.append(
            Finding(
                "XMP fx:/zf:",
                "The XMP metadata has no Factur-X / ZUGFeRD properties (DocumentFileName, "
                "DocumentType, Version, ConformanceLevel).",
            )
        )
        return found + _attachment_findings(container, attachment, None)
    namespace = namespaces[0]
    props = container.xmp[namespace]
    prefix = "fx" if namespace == FACTURX_NS else "zf"
    if namespace not in container.declared_schemas:
        found.append(
            Finding(
                "XMP pdfaExtension",
                f"The properties in {namespace} are not declared by a PDF/A extension schema.",
            )
        )
    if props.get("DocumentType", "").upper() != "INVOICE":
        found.append(
            Finding(
                f"XMP {prefix}:DocumentType",
                f"DocumentType is {props.get('DocumentType') or '(none)'}, not INVOICE.",
            )
        )
    file_name = props.get("DocumentFileName")
    if file_name != attachment:
        found.append(
            Finding(
                f"XMP {prefix}:DocumentFileName",
                f"The metadata names the invoice file {file_name or '(none)'}, but the invoice "
                f"is attached as {attachment}.",
            )
        )
    version = props.get("Version")
    if version not in VERSIONS:
        found.append(
            Finding(
                f"XMP {prefix}:Version",
                f"Version {version or '(none)'} is not one the standards define.",
                "warning",
            )
        )
    level = props.get("ConformanceLevel")
    allowed = LEVELS.get(_level_of(invoice, guideline))
    if not level:
        found.append(
            Finding(
                f"XMP {prefix}:ConformanceLevel",
                "The metadata does not name the profile (ConformanceLevel).",
                "warning",
            )
        )
    elif allowed is not None and level.upper() not in allowed:
        found.append(
            Finding(
                f"XMP {prefix}:ConformanceLevel",
                f"The metadata declares the {level} profile, but the XML is "
                f"{invoice.profile.upper()} (its guideline id {guideline or '?'}).",
                # The release candidate of ZUGFeRD predates the rule (Mustang's own 2014 RC
                # invoices declare BASIC over a COMFORT XML).
                "warning" if namespace == ZUGFERD_RC_NS else "error",
            )
        )
    return found + _attachment_findings(container, attachment, namespace)


def _attachment_findings(
    container: Container, attachment: str, namespace: str | None
) -> list[Finding]:
    from procura.documents.extraction.einvoice import Finding

    found = []
    allowed = ATTACHMENT_NAMES.get(namespace or "", tuple(INVOICE_ATTACHMENTS))
    if attachment not in allowed:
        found.append(
            Finding(
                "attachment name",
                f"The invoice is attached as {attachment}; the standard names it "
                f"{' or '.join(allowed)}.",
            )
        )
    spec = container.attachments.get(attachment)
    if spec is None:
        return found
    if spec.relationship not in RELATIONSHIPS:
        found.append(
            Finding(
                "attachment /AFRelationship",
                f"The attachment's relationship to the PDF is {spec.relationship or '(none)'}; "
                "PDF/A-3 requires one and the standard allows Data, Source or Alternative.",
            )
        )
    if not spec.associated:
        found.append(
            Finding(
                "attachment /AF",
                f"{attachment} is not associated with the document (/AF), as PDF/A-3 requires "
                "of every embedded file.",
            )
        )
    if spec.mime_type != "text/xml":
        found.append(
            Finding(
                "attachment /Subtype",
                f"The attachment's MIME type is {spec.mime_type or '(none)'}, not text/xml.",
            )
        )
    return found


def _printed_forms(amount: Decimal) -> set[str]:
    """How ``amount`` may be printed: 1234.5 -> 1234.50, 1234,50, 1,234.50, 1.234,50,
    1 234,50 (with a space, no-break or narrow no-break space), 1'234.50; the sign is left out
    (credit notes print it in many ways)."""
    plain = f"{abs(amount).quantize(Decimal('0.01')):.2f}"
    whole, cents = plain.split(".")
    grouped = f"{int(whole):,}"
    forms = {plain, f"{whole},{cents}", f"{grouped}.{cents}"}
    for separator in (".", " ", "\u00a0", "\u202f", "'"):
        forms.add(f"{grouped.replace(',', separator)},{cents}")
    forms.add(f"{grouped.replace(',', chr(39))}.{cents}")
    return forms


def page_amount_findings(reader: Any, invoice: EInvoice) -> list[Finding]:
    """A warning when the pages' text prints neither the XML's invoice total nor its amount
    due (see the module's note); nothing when the pages have no text or the XML no total."""
    from procura.documents.extraction.einvoice import Finding

    stated = [value for value in (invoice.grand_total, invoice.due_payable) if value is not None]
    if not stated:
        return []
    try:
        text = " ".join(page.extract_text() or "" for page in reader.pages[:PAGES_COMPARED])
    except Exception:  # a damaged page: the page reader reports it
        logger.debug("Page text unreadable", exc_info=True)
        return []
    if not any(character.isdigit() for character in text):
        return []
    if any(form in text for value in stated for form in _printed_forms(value)):
        return []
    amounts = " / ".join(f"{value} {invoice.currency or ''}".strip() for value in stated)
    return [
        Finding(
            "PDF page BT-112",
            f"The page does not show the invoice total or amount due of the XML ({amounts}): "
            "the PDF and its XML describe different invoices; check which one is right "
            "before paying.",
            "warning",
        )
    ]
