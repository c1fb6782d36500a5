"""Error codes and messages of the accounts domain (tests assert on these constants)."""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus

from procura.core.errors import DomainError


class AccountsErrorCode(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    SESSION_INVALID = "session_invalid"
    NO_SESSION = "no_session"
    EMAIL_TAKEN = "email_taken"
    MANAGER_CYCLE = "manager_cycle"
    UNKNOWN_ROLE = "unknown_role"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105
    ALREADY_REVOKED = "already_revoked"
    ALREADY_IN_STATE = "already_in_state"
    SELF_DEACTIVATION = "self_deactivation"
    DEPARTMENT_CODE_TAKEN = "department_code_taken"
    LAST_ADMIN = "last_admin"


INVALID_CREDENTIALS = "The e-mail address or password is incorrect."
TOO_MANY_ATTEMPTS = "Too many failed sign-in attempts. Try again later."
SESSION_INVALID = "Your session has expired or is invalid; sign in again."
NO_SESSION = "Nobody is signed in on this browser."
EMAIL_TAKEN = "A user with this e-mail address already exists."
MANAGER_CYCLE = "This manager would make the user report to themselves."
UNKNOWN_ROLE = "Unknown role."
WRONG_PASSWORD = "The current password is incorrect."  # noqa: S105
TOKEN_ALREADY_REVOKED = "This token has already been revoked."  # noqa: S105
USER_ALREADY_ACTIVE = "The user is already active."
USER_ALREADY_INACTIVE = "The user is already deactivated."
SELF_DEACTIVATION = "You cannot deactivate your own account."
DEPARTMENT_CODE_TAKEN = "A department with this code or name already exists."
LAST_ADMIN = "This is the last active administrator; make someone else an administrator first."
INVALID_PHONE = "Enter a valid phone number, e.g. +15125550100."


class InvalidCredentials(DomainError):
    status_code = HTTPStatus.UNAUTHORIZED
    default_code = AccountsErrorCode.INVALID_CREDENTIALS
    title = "Sign-in failed"


class SessionInvalid(DomainError):
    status_code = HTTPStatus.UNAUTHORIZED
    default_code = AccountsErrorCode.SESSION_INVALID
    title = "Not signed in"


class TooManyAttempts(DomainError):
    status_code = HTTPStatus.TOO_MANY_REQUESTS
    default_code = AccountsErrorCode.TOO_MANY_ATTEMPTS
    title = "Too many attempts"

    def __init__(self, *, retry_after: int) -> None:
        super().__init__(TOO_MANY_ATTEMPTS, data={"retry_after": retry_after})
        self.retry_after = retry_after
