from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from procura.core.middleware import client_ip

PROXIES = ["127.0.0.1", "10.0.0.0/8"]


def request_from(peer: str, forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=peer)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@override_settings(TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        # The client's own X-Forwarded-For is kept by nginx on the left: only the right-most
        # untrusted address counts.
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", "203.0.113.7"),
        ("127.0.0.1", "2001:db8::5", "2001:db8::5"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        # Not from a trusted proxy: its header is ignored.
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
    ],
)
def test_client_address_behind_a_trusted_proxy(peer, forwarded, expected):
    assert client_ip(request_from(peer, forwarded)) == expected


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_ip(request_from("127.0.0.1", "203.0.113.7")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=PROXIES, LOGIN_MAX_FAILURES_PER_IP=2)
def test_one_client_behind_the_proxy_cannot_lock_out_another(make_user, db):
    from procura.accounts.tests.conftest import BrowserClient

    user = make_user("procurement", email="buyer@example.com")
    attacker = BrowserClient(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(4):
        attacker.login("someone@example.com", "wrong-password-here")
    assert attacker.login(user.email).status_code == 429

    colleague = BrowserClient(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert colleague.login(user.email).status_code == 200
