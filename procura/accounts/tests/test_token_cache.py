"""API tokens kept for a few seconds per process: the next request of the same token reads
nothing, and a revocation, a deactivation, a role change, a password change, a department or
role group changed, another process's change and the end of the kept time each make it read
the token again. Without a reachable cache nothing is kept."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed

from procura.accounts import authentication
from procura.accounts.authentication import AUTH_GENERATION_KEY
from procura.accounts.models import ApiToken
from procura.accounts.services import api_token_create, api_token_revoke
from procura.accounts.services.users import user_deactivate, user_reactivate, user_update
from procura.accounts.tests.factories import make_department
from procura.accounts.tests.test_authentication_queries import authenticate
from procura.core.testing import redis_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_tokens(settings):
    settings.API_TOKEN_CACHE_SECONDS = 10
    authentication._TOKENS.clear()
    yield
    authentication._TOKENS.clear()


def used_token(user) -> str:
    """A token authenticated twice (the first request starts the cache's generation, the
    second keeps the token)."""
    _, raw = api_token_create(user=user, name="erp")
    authenticate(raw)
    authenticate(raw)
    return raw


def test_the_next_request_reads_no_token_and_gets_its_own_user(make_user):
    user = make_user("finance", "auditor")
    raw = used_token(user)

    (first, token), queries = authenticate(raw)
    assert queries == 0
    assert (first.pk, first.role_names, token.user_id) == (
        user.pk,
        frozenset({"finance", "auditor"}),
        user.pk,
    )
    first.full_name = "changed by one request"
    first.department = None

    (second, _), queries = authenticate(raw)
    assert queries == 0
    assert second is not first
    assert second.full_name == user.full_name
    assert second.department_id == user.department_id


def test_roles_given_and_taken_apply_on_the_next_request(make_user):
    user = make_user("finance")
    raw = used_token(user)

    user_update(user=user, by=None, changes={}, roles=["procurement"])
    (authenticated, _), queries = authenticate(raw)
    assert queries == 1
    assert authenticated.role_names == frozenset({"procurement"})

    user.groups.add(Group.objects.get_or_create(name="auditor")[0])
    (authenticated, _), _ = authenticate(raw)
    assert authenticated.role_names == frozenset({"procurement", "auditor"})

    user.groups.clear()
    (authenticated, _), _ = authenticate(raw)
    assert authenticated.role_names == frozenset()


def test_deactivation_revocation_and_password_change_refuse_the_next_request(make_user):
    admin = make_user("admin")
    user = make_user("finance")
    raw = used_token(user)

    user_deactivate(user=user, by=admin)
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)

    user_reactivate(user=user, by=admin)
    raw = used_token(user)  # deactivation revoked the old token
    token = ApiToken.objects.get(user=user, revoked_at__isnull=True)
    api_token_revoke(token=token, by=user)
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)

    raw = used_token(user)
    user.set_password("a new long passphrase 1")
    user.save()
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)


def test_a_department_or_role_group_changed_is_read_again(make_user):
    department = make_department(name="Meat buying", code="MEAT")
    user = make_user("finance", department=department)
    raw = used_token(user)

    department.name = "Meat and poultry buying"
    department.save()
    (authenticated, _), queries = authenticate(raw)
    assert queries == 1
    assert authenticated.department.name == "Meat and poultry buying"

    Group.objects.filter(name="finance").update(name="finance")  # no signal: still kept
    assert authenticate(raw)[1] == 0
    Group.objects.get(name="finance").save()
    assert authenticate(raw)[1] == 1


def test_a_change_made_by_another_process_is_seen_on_the_next_request(make_user):
    user = make_user("finance")
    raw = used_token(user)
    # Another process revoked the token and wrote a new generation to the shared cache; this
    # process's own kept tokens were not told.
    ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    assert authenticate(raw)[1] == 0  # same generation: kept (the change went around it)
    cache.set(AUTH_GENERATION_KEY, "written by another process", timeout=None)

    with pytest.raises(AuthenticationFailed):
        authenticate(raw)


def test_a_kept_token_is_read_again_after_the_kept_time(make_user, monkeypatch):
    user = make_user("finance")
    raw = used_token(user)
    now = authentication.time.monotonic()

    monkeypatch.setattr(authentication.time, "monotonic", lambda: now + 5)
    assert authenticate(raw)[1] == 0
    monkeypatch.setattr(authentication.time, "monotonic", lambda: now + 11)
    assert authenticate(raw)[1] == 1


def test_an_expired_kept_token_is_refused(make_user, time_machine):
    user = make_user("finance")
    raw = used_token(user)
    expires_at = ApiToken.objects.get(user=user).expires_at

    time_machine.move_to(expires_at, tick=False)
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)


def test_nothing_is_kept_when_the_cache_is_unreachable(make_user):
    user = make_user("finance")
    _, raw = api_token_create(user=user, name="erp")
    with redis_unreachable():
        counts = [authenticate(raw)[1] for _ in range(3)]
    assert counts[1:] == [1, 1]


def test_without_kept_time_every_request_reads_its_token(make_user, settings):
    settings.API_TOKEN_CACHE_SECONDS = 0
    user = make_user("finance")
    _, raw = api_token_create(user=user, name="erp")
    assert [authenticate(raw)[1] for _ in range(3)][1:] == [1, 1]
