"""Where a webhook may be sent: http(s) only, and never to a private, loopback, link-local or
otherwise internal address unless ``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`` is on (an on-premises
receiver). The host name is resolved and EVERY address it resolves to is checked, when the
endpoint is saved and again before each delivery (a name may be re-pointed later)."""

from __future__ import annotations

import ipaddress
import socket
from typing import NoReturn
from urllib.parse import urlsplit

from django.conf import settings

from procura.core.errors import InvalidInput

SCHEME = "Use an http:// or https:// address."
NO_HOST = "The address has no host name."
UNRESOLVABLE = "The host name {host!r} does not resolve."
PRIVATE = (
    "{host!r} resolves to {address}, a private or internal address; webhooks are only sent "
    "to public addresses unless an administrator allows private ones."
)
CREDENTIALS = "Put no user name or password in the address; the signature authenticates."


class RefusedAddress(InvalidInput):
    default_code = "webhook_url_refused"


def private_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False))


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_url(url: str) -> None:
    """Refuse ``url`` (``RefusedAddress``, 400 on field ``url``) unless it may receive
    webhooks now."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        _refuse(SCHEME)
    if parts.username or parts.password:
        _refuse(CREDENTIALS)
    host = parts.hostname
    if not host:
        _refuse(NO_HOST)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        _refuse(NO_HOST)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        _refuse(UNRESOLVABLE.format(host=host))
    if private_allowed():
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not is_public(address):
            _refuse(PRIVATE.format(host=host, address=address))


def _refuse(message: str) -> NoReturn:
    raise RefusedAddress(message, errors={"url": [message]})
