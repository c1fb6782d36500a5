"""Mailbox passwords at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key derived with HKDF
from ``MAILBOX_CREDENTIALS_KEY`` (or, when unset, ``SECRET_KEY``). The clear password exists
only in memory while a mailbox is being read; it is never logged nor returned by the API."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

KEY_INFO = b"procura.mailin.credentials.v1"


class CredentialsUnreadable(Exception):
    """The stored password cannot be decrypted (the key changed): enter it again."""


def _fernet() -> Fernet:
    secret = getattr(settings, "MAILBOX_CREDENTIALS_KEY", "") or settings.SECRET_KEY
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(password: str) -> str:
    return _fernet().encrypt(password.encode()).decode() if password else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise CredentialsUnreadable from None
