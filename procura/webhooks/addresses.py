"""Where a webhook may be sent: http(s) only, and never to a private, loopback, link-local or
otherwise internal address unless ``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`` is on (an on-premises
receiver). The host name is resolved and EVERY address it resolves to is checked, when the
endpoint is saved and again before each delivery (a name may be re-pointed later).

A delivery connects to the address that was checked (``resolve_url`` returns it, and
``transport.post_pinned`` connects to that IP with the name kept for the Host header, TLS SNI
and certificate check), so a name that answers differently a moment later (DNS rebinding)
cannot steer the request inside."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Target:
    """Where one request goes: the checked ``address`` to connect to, and the name
    (``host``, ``netloc``) the receiver and its certificate know."""

    scheme: str
    host: str
    netloc: str
    port: int
    address: str
    path: str


def check_url(url: str) -> None:
    """Refuse ``url`` (``RefusedAddress``, 400 on field ``url``) unless it may receive
    webhooks now."""
    resolve_url(url)


def resolve_url(url: str) -> Target:
    """Resolve ``url`` once, check every address (see the module docstring) and return the
    target pinned to the first one; ``RefusedAddress`` when it may not receive webhooks."""
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
    resolved = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not resolved:
        _refuse(UNRESOLVABLE.format(host=host))
    if not private_allowed():
        for address in resolved:
            if not is_public(address):
                _refuse(PRIVATE.format(host=host, address=address))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(
        scheme=parts.scheme,
        host=host,
        netloc=parts.netloc,
        port=port,
        address=str(resolved[0]),
        path=path,
    )


def _refuse(message: str) -> NoReturn:
    raise RefusedAddress(message, errors={"url": [message]})
