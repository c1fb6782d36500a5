"""Authentication reads the token, its user, department and roles in one query, and sees a
role change, a deactivation or a revocation on the very next request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIRequestFactory

from procura.accounts.authentication import ApiTokenAuthentication, _active_user
from procura.accounts.models import ApiToken, UserSession
from procura.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def authenticate(raw: str):
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    with CaptureQueriesContext(connection) as ctx:
        result = ApiTokenAuthentication().authenticate(request)
    return result, len(ctx.captured_queries)


def fresh_token(user) -> str:
    token, raw = api_token_create(user=user, name="erp")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return raw


def test_token_user_department_and_roles_in_one_query(make_user):
    user = make_user("finance", "auditor")
    raw = fresh_token(user)

    (authenticated, token), queries = authenticate(raw)

    assert queries == 1
    assert authenticated.pk == user.pk
    assert authenticated.role_names == frozenset({"finance", "auditor"})
    assert token.user_id == user.pk
    with CaptureQueriesContext(connection) as ctx:
        assert authenticated.department_id == user.department_id
        _ = authenticated.department
    assert len(ctx.captured_queries) == 0


def test_role_change_deactivation_and_revocation_apply_at_once(make_user):
    user = make_user("finance")
    raw = fresh_token(user)
    user.groups.add(Group.objects.get_or_create(name="procurement")[0])
    user.groups.remove(Group.objects.get(name="finance"))

    (authenticated, _), _ = authenticate(raw)
    assert authenticated.role_names == frozenset({"procurement"})

    user.groups.clear()
    (authenticated, _), _ = authenticate(raw)
    assert authenticated.role_names == frozenset()

    user.is_active = False
    user.save(update_fields=["is_active"])
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)

    user.is_active = True
    user.save(update_fields=["is_active"])
    ApiToken.objects.filter(user=user).update(revoked_at=timezone.now())
    with pytest.raises(AuthenticationFailed):
        authenticate(raw)


def test_session_user_and_roles_in_one_query(make_user):
    user = make_user("warehouse")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    session = UserSession.objects.create(user=user, method="password")

    with CaptureQueriesContext(connection) as ctx:
        loaded = _active_user(user.pk, str(session.pk))

    assert len(ctx.captured_queries) == 1
    assert loaded is not None
    assert loaded.role_names == frozenset({"warehouse", "admin"})


def test_tokens_of_different_users_in_turn_each_give_their_own_user(make_user):
    """The token query is compiled once and reused: every request still reads its own token."""
    first, second = make_user("finance"), make_user("warehouse")
    raw_first, raw_second = fresh_token(first), fresh_token(second)

    for _ in range(2):
        (user, token), queries = authenticate(raw_first)
        assert (user.pk, token.user_id, user.role_names, queries) == (
            first.pk,
            first.pk,
            frozenset({"finance"}),
            1,
        )
        (user, token), _ = authenticate(raw_second)
        assert (user.pk, user.role_names) == (second.pk, frozenset({"warehouse"}))
    with pytest.raises(AuthenticationFailed):
        authenticate(raw_first + "x")
