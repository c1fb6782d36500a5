"""Which supplier sent a message: the supplier of an active contact with the sender's exact
address, else the one supplier whose contacts write from the sender's domain. A public mail
provider's domain (gmail.com, outlook.com...) says nothing about the company and is never
matched by domain; a domain shared by several suppliers matches none."""

from __future__ import annotations

from dataclasses import dataclass

from procura.core.mail_domains import PUBLIC_MAIL_DOMAINS
from procura.partners.selectors import (
    supplier_ids_by_contact_domain,
    supplier_ids_by_contact_email,
)


@dataclass(frozen=True)
class SenderMatch:
    supplier_id: int
    matched_by: str  # "contact_email" or "domain"


def match_sender(address: str) -> SenderMatch | None:
    by_address = supplier_ids_by_contact_email(address)
    if len(by_address) == 1:
        return SenderMatch(by_address[0], "contact_email")
    if by_address:
        return None  # one address, several suppliers: a person decides
    domain = address.rpartition("@")[2].lower()
    if not domain or domain in PUBLIC_MAIL_DOMAINS:
        return None
    by_domain = supplier_ids_by_contact_domain(domain)
    return SenderMatch(by_domain[0], "domain") if len(by_domain) == 1 else None
