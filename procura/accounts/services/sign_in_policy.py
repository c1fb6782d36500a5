"""The password sign-in switch: an administrator may allow single sign-on only.

Rule: password sign-in can be turned off only while at least one single sign-on provider is
configured (``SSO_PROVIDERS``), so nobody is locked out; administrators keep their password
either way as the way back in. Each change is audited. Locks the policy row."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from procura.accounts.models import SignInPolicy
from procura.accounts.selectors import sign_in_policy_get
from procura.audit.services import audit_record
from procura.core.errors import Conflict

NO_PROVIDER = (
    "Password sign-in cannot be turned off while no single sign-on provider is configured: "
    "nobody could sign in. Configure a provider first."
)


def sso_configured() -> bool:
    return bool(getattr(settings, "SSO_PROVIDERS", None))


@transaction.atomic
def sign_in_policy_update(*, password_sign_in: bool, by: Any) -> SignInPolicy:
    if not password_sign_in and not sso_configured():
        raise Conflict(
            NO_PROVIDER,
            code="no_sso_provider",
            errors={"password_sign_in": [NO_PROVIDER]},
        )
    before = sign_in_policy_get().password_sign_in
    SignInPolicy.objects.get_or_create(pk=1, defaults={"password_sign_in": before})
    policy = SignInPolicy.objects.select_for_update().get(pk=1)
    if policy.password_sign_in != password_sign_in:
        audit_record(
            actor=by,
            action="sign_in_policy.updated",
            obj=policy,
            changes={"password_sign_in": (policy.password_sign_in, password_sign_in)},
        )
    policy.password_sign_in = password_sign_in
    policy.updated_by = by
    policy.save()
    return policy
