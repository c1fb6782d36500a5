from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from procura.accounts import login_throttle
from procura.accounts.errors import TooManyAttempts
from procura.accounts.role_permissions import ROLE_APP_PERMISSIONS
from procura.accounts.roles import Role
from procura.accounts.services import user_create, user_update
from procura.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group_and_table_entry():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    assert set(ROLE_APP_PERMISSIONS) == set(Role.values)


def test_role_groups_hold_admin_permissions_from_the_table():
    auditor = Group.objects.get(name=Role.AUDITOR)
    procurement = Group.objects.get(name=Role.PROCUREMENT)
    customer = Group.objects.get(name=Role.CUSTOMER)

    auditor_codes = set(auditor.permissions.values_list("codename", flat=True))
    assert {"view_user", "view_department", "view_auditevent"} <= auditor_codes
    assert not any(code.startswith(("add_", "change_", "delete_")) for code in auditor_codes)
    assert not procurement.permissions.filter(content_type__app_label="accounts").exists()
    assert not customer.permissions.exists()


def test_roles_decide_the_staff_and_superuser_flags(make_user):
    admin = user_create(by=None, email="root@example.com", full_name="Root", roles=["admin"])
    customer = user_create(by=None, email="c@example.com", full_name="C", roles=["customer"])
    make_user("admin")  # another administrator remains after the demotion below

    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert (customer.is_staff, customer.is_superuser) == (False, False)

    demoted = user_update(user=admin, by=None, changes={}, roles=["auditor"])

    assert (demoted.is_staff, demoted.is_superuser) == (True, False)
    assert demoted.role_names == {"auditor"}


def test_phone_is_stored_in_e164_and_junk_is_refused():
    user = user_create(by=None, email="p@example.com", full_name="P", phone="512-555-0123")

    assert user.phone == "+15125550123"
    with pytest.raises(InvalidInput) as refused:
        user_update(user=user, by=None, changes={"phone": "call me"})
    assert "phone" in (refused.value.errors or {})


def test_spending_limit_is_rounded_money_and_not_negative():
    user = user_create(by=None, email="s@example.com", full_name="S", spending_limit="10.005")

    assert user.spending_limit == Decimal("10.01")
    with pytest.raises(InvalidInput):
        user_update(user=user, by=None, changes={"spending_limit": Decimal("-0.01")})


def test_throttle_counts_the_attempt_before_the_password_is_checked(settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 2
    # Guesses in flight together, none answered yet: one past the limit is let through.
    for _ in range(3):
        login_throttle.attempt_begin(email="x@example.com", ip="10.1.1.1")

    with pytest.raises(TooManyAttempts) as refused:
        login_throttle.attempt_begin(email="x@example.com", ip="10.1.1.1")

    assert refused.value.retry_after == 2 * settings.LOGIN_LOCK_BASE_SECONDS
    login_throttle.attempt_begin(email="x@example.com", ip="10.1.1.2")  # another client
    login_throttle.reset(email="x@example.com", ip="10.1.1.1")
    login_throttle.attempt_begin(email="x@example.com", ip="10.1.1.1")
