from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import timezone

from procura.accounts.errors import INVALID_CREDENTIALS, SESSION_INVALID, TOO_MANY_ATTEMPTS
from procura.accounts.tests.conftest import (
    LOGIN_URL,
    LOGOUT_URL,
    ME_URL,
    PASSWORD,
    PASSWORD_URL,
    REFRESH_URL,
    TOKENS_URL,
)
from procura.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ACCESS = settings.JWT_ACCESS_COOKIE
REFRESH = settings.JWT_REFRESH_COOKIE


def test_login_sets_httponly_cookies_and_returns_no_token(make_user, browser):
    user = make_user("approver", email="ann@example.com", spending_limit=1500)
    client = browser()

    response = client.login("  Ann@Example.com ")

    assert response.status_code == 200
    body = response.json()
    assert body["user"]["email"] == "ann@example.com"
    assert body["user"]["roles"] == ["approver"]
    assert body["user"]["spending_limit"] == "1500.00"
    assert set(body) == {"user"}
    raw = response.content.decode()
    access, refresh = response.cookies[ACCESS], response.cookies[REFRESH]
    assert access.value not in raw
    assert refresh.value not in raw
    for cookie in (access, refresh):
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert not cookie["secure"]
    assert access["path"] == "/"
    assert refresh["path"] == "/api/v1/auth/"
    assert AuditEvent.objects.filter(action="user.login_succeeded", object_id=str(user.pk)).exists()


def test_signed_in_client_reads_me(signed_in, make_user):
    boss = make_user("approver", full_name="Boss")
    client = signed_in("requester", manager=boss, phone="+15125550100")

    response = client.get(ME_URL)

    assert response.status_code == 200
    me = response.json()
    assert me["manager"] == {"id": boss.pk, "full_name": "Boss", "email": boss.email}
    assert me["department"] is None
    assert me["phone"] == "+15125550100"
    assert me["is_active"] is True


def test_me_without_session_is_401(api_client):
    response = api_client.get(ME_URL)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    # no cookie at all: nothing to renew
    assert response.json()["code"] == "no_session"


def test_me_with_only_a_refresh_cookie_asks_for_a_refresh(signed_in):
    client = signed_in("requester")
    del client.cookies[ACCESS]  # the browser dropped the expired access cookie

    response = client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert client.unsafe("post", REFRESH_URL).status_code == 200
    assert client.get(ME_URL).status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_401(make_user, browser):
    make_user(email="bob@example.com")
    client = browser()

    wrong_password = client.login("bob@example.com", "not-the-password")
    unknown_email = client.login("nobody@example.com", "not-the-password")

    assert wrong_password.status_code == unknown_email.status_code == 401
    for response in (wrong_password, unknown_email):
        assert response.json()["detail"] == INVALID_CREDENTIALS
        assert response.json()["code"] == "invalid_credentials"
        assert ACCESS not in response.cookies
    failures = AuditEvent.objects.filter(action="user.login_failed")
    assert failures.count() == 2
    assert all("password" not in event.data for event in failures)
    assert "not-the-password" not in str(list(failures.values("data", "changes")))


def test_inactive_user_cannot_sign_in(make_user, browser):
    make_user(email="gone@example.com", is_active=False)

    response = browser().login("gone@example.com")

    assert response.status_code == 401
    assert response.json()["detail"] == INVALID_CREDENTIALS


def test_login_ignores_a_stale_access_cookie(make_user, browser):
    make_user(email="carl@example.com")
    client = browser()
    client.cookies[ACCESS] = "not-a-jwt"

    response = client.login("carl@example.com")

    assert response.status_code == 200


def test_login_without_csrf_header_is_refused(make_user, browser):
    make_user(email="dee@example.com")
    client = browser()

    response = client.post(
        LOGIN_URL, {"email": "dee@example.com", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert ACCESS not in response.cookies


def test_cookie_session_post_without_csrf_header_is_refused(signed_in):
    client = signed_in("requester")

    refused = client.post(TOKENS_URL, {"name": "ci"}, format="json")
    accepted = client.unsafe("post", TOKENS_URL, {"name": "ci"})

    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201


def test_refresh_rotates_and_the_old_refresh_token_is_refused(signed_in):
    client = signed_in("requester")
    old_refresh = client.cookies[REFRESH].value
    old_access = client.cookies[ACCESS].value

    rotated = client.unsafe("post", REFRESH_URL)

    assert rotated.status_code == 200
    assert rotated.cookies[REFRESH].value not in ("", old_refresh)
    assert rotated.cookies[ACCESS].value not in ("", old_access)
    assert client.get(ME_URL).status_code == 200

    client.cookies[REFRESH] = old_refresh
    reused = client.unsafe("post", REFRESH_URL)

    assert reused.status_code == 401
    assert reused.json()["detail"] == SESSION_INVALID
    assert reused.cookies[REFRESH].value == ""
    assert reused.cookies[ACCESS].value == ""


def test_refresh_without_cookie_is_401(browser):
    response = browser().unsafe("post", REFRESH_URL)

    assert response.status_code == 401


def test_logout_revokes_the_refresh_token_and_clears_cookies(signed_in):
    client = signed_in("requester")
    refresh = client.cookies[REFRESH].value

    response = client.unsafe("post", LOGOUT_URL)

    assert response.status_code == 204
    assert response.cookies[ACCESS].value == ""
    assert response.cookies[REFRESH].value == ""
    client.cookies[REFRESH] = refresh
    assert client.unsafe("post", REFRESH_URL).status_code == 401
    assert AuditEvent.objects.filter(action="user.logout", object_id=str(client.user.pk)).exists()


def test_password_change_validates_and_ends_other_sessions(signed_in):
    client = signed_in("requester")
    other = signed_in(user=client.user)
    other_refresh = other.cookies[REFRESH].value

    wrong = client.unsafe(
        "post", PASSWORD_URL, {"current_password": "nope", "new_password": "A-much-better-one-42"}
    )
    weak = client.unsafe(
        "post", PASSWORD_URL, {"current_password": PASSWORD, "new_password": "12345"}
    )
    changed = client.unsafe(
        "post",
        PASSWORD_URL,
        {"current_password": PASSWORD, "new_password": "A-much-better-one-42"},
    )

    assert wrong.status_code == 400
    assert "current_password" in wrong.json()["errors"]
    assert weak.status_code == 400
    assert "new_password" in weak.json()["errors"]
    assert changed.status_code == 200
    assert client.get(ME_URL).status_code == 200
    assert client.unsafe("post", REFRESH_URL).status_code == 200
    other.cookies[REFRESH] = other_refresh
    assert other.unsafe("post", REFRESH_URL).status_code == 401
    assert client.login(client.user.email, "A-much-better-one-42").status_code == 200


def test_sixth_attempt_on_an_account_is_throttled_even_with_the_right_password(make_user, browser):
    make_user(email="eve@example.com")
    client = browser()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT):
        assert client.login("EVE@example.com", "wrong-password").status_code == 401

    response = client.login("eve@example.com")

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert response.json()["detail"].startswith(TOO_MANY_ATTEMPTS)
    assert int(response["Retry-After"]) == settings.LOGIN_LOCK_BASE_SECONDS
    assert ACCESS not in response.cookies


def test_throttled_answer_is_the_same_for_an_unknown_account(make_user, browser):
    make_user(email="fay@example.com")
    client = browser()
    for email in ("fay@example.com", "ghost@example.com"):
        for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT):
            client.login(email, "wrong-password")

    known = client.login("fay@example.com", "wrong-password")
    unknown = client.login("ghost@example.com", "wrong-password")

    assert known.status_code == unknown.status_code == 429

    # Each window counts down from its own first attempt: the seconds may differ by the time
    # the attempts took, the answer may not.
    def shape(response):
        return re.sub(r"\d+", "N", response.json()["detail"])

    assert shape(known) == shape(unknown)


def test_successful_login_clears_the_account_counter(make_user, browser):
    make_user(email="gil@example.com")
    client = browser()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT - 1):
        client.login("gil@example.com", "wrong-password")
    assert client.login("gil@example.com").status_code == 200

    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT - 1):
        client.login("gil@example.com", "wrong-password")

    assert client.login("gil@example.com").status_code == 200


def test_one_address_is_throttled_after_its_failure_limit(make_user, browser):
    make_user(email="hal@example.com")
    client = browser()
    for n in range(settings.LOGIN_MAX_FAILURES_PER_IP):
        response = client.login(f"guess{n}@example.com", "wrong", REMOTE_ADDR="10.0.0.7")
        assert response.status_code == 401

    blocked = client.login("hal@example.com", REMOTE_ADDR="10.0.0.7")
    elsewhere = client.login("hal@example.com", REMOTE_ADDR="10.0.0.8")

    assert blocked.status_code == 429
    assert "Retry-After" in blocked
    assert elsewhere.status_code == 200


def test_throttle_lifts_when_the_window_ends(make_user, browser, settings, time_machine):
    time_machine.move_to(timezone.now())  # the clock runs on; the test moves it past the lock
    settings.LOGIN_LOCK_BASE_SECONDS = 1
    make_user(email="ida@example.com")
    client = browser()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT):
        client.login("ida@example.com", "wrong-password")
    assert client.login("ida@example.com").status_code == 429

    time_machine.shift(1.2)

    assert client.login("ida@example.com").status_code == 200


def test_guessing_from_one_client_does_not_lock_the_owner_out_elsewhere(make_user, browser):
    make_user(email="jo@example.com")
    attacker = browser()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT):
        attacker.login("jo@example.com", "guess", REMOTE_ADDR="203.0.113.9")
    assert attacker.login("jo@example.com", REMOTE_ADDR="203.0.113.9").status_code == 429

    owner = browser()
    assert owner.login("jo@example.com", REMOTE_ADDR="198.51.100.4").status_code == 200


def test_lockout_delay_grows_with_each_failure_past_the_limit(
    make_user, browser, settings, time_machine
):
    time_machine.move_to(timezone.now())  # the clock runs on; the test moves it past each lock
    settings.LOGIN_LOCK_BASE_SECONDS = 1
    make_user(email="kim@example.com")
    client = browser()
    for _ in range(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT):
        assert client.login("kim@example.com", "guess").status_code == 401
    delays = []
    for _ in range(3):
        refused = client.login("kim@example.com", "guess")
        assert refused.status_code == 429
        delays.append(int(refused["Retry-After"]))
        time_machine.shift(delays[-1] + 0.1)
        # Once the lock runs out one attempt is checked; another wrong one locks for longer.
        assert client.login("kim@example.com", "guess").status_code == 401

    assert delays == [1, 2, 4]
    time_machine.shift(8.1)
    assert client.login("kim@example.com").status_code == 200


def test_known_client_gets_through_an_account_wide_lock(make_user, browser, settings):
    settings.LOGIN_MAX_FAILURES_ACCOUNT_WIDE = 3
    make_user(email="lee@example.com")
    known = browser()
    assert known.login("lee@example.com", REMOTE_ADDR="198.51.100.7").status_code == 200
    # Guessing spread over many addresses locks the account for clients it does not know.
    for n in range(4):
        browser().login("lee@example.com", "guess", REMOTE_ADDR=f"203.0.113.{n}")
    stranger = browser().login("lee@example.com", REMOTE_ADDR="192.0.2.50")
    assert stranger.status_code == 429

    assert known.login("lee@example.com", REMOTE_ADDR="198.51.100.7").status_code == 200
