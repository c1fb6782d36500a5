"""One POST to a pinned target (``addresses.Target``): the connection goes to the address
that was checked, never to a fresh resolution of the name. The name still travels in the Host
header, in TLS SNI and in the certificate check, so virtual hosts and HTTPS work as with a
normal request. No proxies from the environment, no redirects, no retries (the delivery log
and backoff own retrying), and at most ``limit`` bytes of the answer are read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import certifi
import urllib3

from procura.webhooks.addresses import Target


@dataclass(frozen=True)
class Answer:
    status: int
    text: str


class TransportError(Exception):
    """The request could not be made or its answer not read."""


def post_pinned(
    target: Target, *, body: bytes, headers: Mapping[str, str], timeout: float, limit: int
) -> Answer:
    pool: urllib3.HTTPConnectionPool
    pool_timeout = urllib3.Timeout(connect=timeout, read=timeout)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=pool_timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=pool_timeout, retries=False
        )
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": target.netloc},
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            raw = response.read(limit, decode_content=True)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        raise TransportError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        pool.close()
    return Answer(status=response.status, text=raw.decode("utf-8", "replace"))
