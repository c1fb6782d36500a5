"""Writes of the accounts domain, one module per aggregate."""

from procura.accounts.services.departments import department_create, department_update
from procura.accounts.services.sessions import (
    SessionTokens,
    normalize_login_email,
    password_change,
    session_login,
    session_logout,
    session_open,
    session_refresh,
    sessions_revoke_all,
)
from procura.accounts.services.tokens import api_token_create, api_token_revoke
from procura.accounts.services.users import (
    user_create,
    user_credentials_revoke,
    user_deactivate,
    user_reactivate,
    user_update,
)

__all__ = [
    "SessionTokens",
    "api_token_create",
    "api_token_revoke",
    "department_create",
    "department_update",
    "normalize_login_email",
    "password_change",
    "session_login",
    "session_open",
    "session_logout",
    "session_refresh",
    "sessions_revoke_all",
    "user_create",
    "user_credentials_revoke",
    "user_deactivate",
    "user_reactivate",
    "user_update",
]
