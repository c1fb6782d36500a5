"""Reading a mailbox over IMAP with imap-tools: connect (IMAPS, STARTTLS or plain), log in,
select the folder and hand out the raw bytes of each message above a UID, without marking
anything read until it is imported (``mark_seen``)."""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from imap_tools import AND, BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, U
from imap_tools.errors import ImapToolsError

from procura.mailin.models import MailSecurity

TIMEOUT_SECONDS = 30


class ImapFailure(Exception):
    """The mailbox could not be read; the message says why without any credential."""


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: str
    username: str
    password: str
    folder: str


class ImapSession:
    def __init__(self, box: BaseMailBox, folder: str) -> None:
        self.box = box
        self.folder = folder

    def uid_validity(self) -> int:
        status = self.box.folder.status(self.folder, ["UIDVALIDITY"])
        return int(status["UIDVALIDITY"])

    def uids_after(self, last_uid: int) -> list[int]:
        # "N:*" always matches the newest message, even below N: filter again here.
        found = self.box.uids(AND(uid=U(str(last_uid + 1), "*")))
        return sorted(uid for uid in (int(u) for u in found) if uid > last_uid)

    def raw(self, uid: int) -> bytes | None:
        status, data = self.box.client.uid("FETCH", str(uid), "(BODY.PEEK[])")
        if status != "OK":
            raise ImapFailure(f"The server refused to send message {uid}.")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                return item[1]
        return None  # expunged meanwhile

    def mark_seen(self, uid: int) -> None:
        self.box.flag(str(uid), "\\Seen", True)


def _box(settings: ImapSettings) -> BaseMailBox:
    if settings.security == MailSecurity.SSL:
        return MailBox(
            settings.host,
            settings.port,
            timeout=TIMEOUT_SECONDS,
            ssl_context=ssl.create_default_context(),
        )
    if settings.security == MailSecurity.STARTTLS:
        return MailBoxStartTls(
            settings.host,
            settings.port,
            timeout=TIMEOUT_SECONDS,
            ssl_context=ssl.create_default_context(),
        )
    return MailBoxUnencrypted(settings.host, settings.port, timeout=TIMEOUT_SECONDS)


@contextmanager
def imap_session(settings: ImapSettings) -> Iterator[ImapSession]:
    """An open, logged-in session on the folder; every failure is an ``ImapFailure``."""
    try:
        box = _box(settings)
    except (OSError, ssl.SSLError, imaplib.IMAP4.error, ImapToolsError, ValueError) as exc:
        raise ImapFailure(_connect_error(settings, exc)) from None
    try:
        try:
            box.login(settings.username, settings.password, initial_folder=settings.folder)
        except (imaplib.IMAP4.error, ImapToolsError) as exc:
            raise ImapFailure(
                f"Sign-in to {settings.host} as {settings.username!r} or opening folder "
                f"{settings.folder!r} failed: {_reason(exc)}"
            ) from None
        try:
            yield ImapSession(box, settings.folder)
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
            raise ImapFailure(f"Reading {settings.host} failed: {_reason(exc)}") from None
    finally:
        with suppress(OSError, imaplib.IMAP4.error, ImapToolsError):
            box.logout()


def _connect_error(settings: ImapSettings, exc: Exception) -> str:
    where = f"{settings.host}:{settings.port}"
    if isinstance(exc, socket.timeout | TimeoutError):
        return f"No answer from {where} within {TIMEOUT_SECONDS} s."
    if isinstance(exc, ssl.SSLError):
        return f"Secure connection to {where} failed: {exc.reason or exc}."
    if isinstance(exc, OSError):
        return f"Cannot connect to {where}: {exc.strerror or exc}."
    return f"Cannot connect to {where}: {_reason(exc)}"


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[:300] if text else type(exc).__name__
