"""A password replaced by any path ends the user's access: every session and API token.

The API's own password change, an administrator's form, ``manage.py changepassword`` and a
``set_password()`` in a shell all end in ``User.save()``; the ``post_save`` receiver below ends
the sessions and tokens in the same transaction and records who did it when a caller said so
(``password_set_by``), or no one (a command line).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from procura.accounts.models import SessionEndReason, User

_setter: ContextVar[User | None] = ContextVar("procura_password_setter", default=None)


@contextmanager
def password_set_by(user: User | None) -> Iterator[None]:
    """Passwords saved inside the block were set by ``user`` (for the audit event)."""
    token = _setter.set(user)
    try:
        yield
    finally:
        _setter.reset(token)


def end_access_when_password_replaced(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or created or not instance.password_replaced:
        return
    from procura.accounts.services.users import user_credentials_revoke

    user_credentials_revoke(
        user=instance, by=_setter.get(), reason=SessionEndReason.PASSWORD_CHANGED
    )


# Saves that change nothing a token's authentication reads.
_BOOKKEEPING_FIELDS = frozenset({"last_login", "last_used_at"})


def auth_row_changed(sender: type[Any], update_fields: Any = None, **kwargs: Any) -> None:
    """A token, user, role group or department was saved or deleted: API tokens kept by any
    process are read again (``authentication.auth_changed``)."""
    if update_fields and frozenset(update_fields) <= _BOOKKEEPING_FIELDS:
        return
    from procura.accounts.authentication import auth_changed

    auth_changed()


def auth_links_changed(sender: type[Any], action: str, **kwargs: Any) -> None:
    """Roles (or permissions) given to or taken from users or groups."""
    if action.startswith("post_"):
        from procura.accounts.authentication import auth_changed

        auth_changed()
