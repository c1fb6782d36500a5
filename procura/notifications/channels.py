"""Delivery channels behind one interface: ``send(message) -> provider id``.

E-mail goes through Django's mail framework, so ``EMAIL_URL`` picks the backend (console in
``make run``, SMTP in production, in-memory in tests). SMS has two backends chosen by
``NOTIFICATIONS_SMS_BACKEND``: ``console`` (written to the log) and ``http``, a Twilio-style REST
gateway: a form-encoded POST of To, From and Body with HTTP basic auth.

A channel raises ``TransientDeliveryError`` for what may work on a later try (timeouts, 5xx,
429) and ``PermanentDeliveryError`` for what never will (a bad number, a 4xx).
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import phonenumbers
from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger("procura.notifications")

Attachment = tuple[str, bytes, str]
"""(file name, content, MIME type)."""

INVALID_PHONE = "{value!r} is not a valid phone number."


class DeliveryError(Exception):
    pass


class TransientDeliveryError(DeliveryError):
    """Worth another try later."""


class PermanentDeliveryError(DeliveryError):
    """Will fail the same way every time."""


@dataclass(frozen=True)
class Message:
    recipient: str
    subject: str
    body: str
    attachments: Sequence[Attachment] = field(default_factory=tuple)


class ChannelBackend(Protocol):
    name: str

    def send(self, message: Message) -> str: ...


def to_e164(value: str, *, region: str | None = None) -> str:
    """The number in E.164 (+15125550100); ``PermanentDeliveryError`` when it is not one."""
    try:
        parsed = phonenumbers.parse(value, region or settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise PermanentDeliveryError(INVALID_PHONE.format(value=value)) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise PermanentDeliveryError(INVALID_PHONE.format(value=value))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class EmailBackend:
    name = "email"

    def send(self, message: Message) -> str:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        )
        for filename, content, mimetype in message.attachments:
            email.attach(filename, content, mimetype)
        try:
            email.send(fail_silently=False)
        except (OSError, TimeoutError) as exc:
            raise TransientDeliveryError(f"Mail server: {exc}") from exc
        return ""


class ConsoleSmsBackend:
    """Writes the message to the log (``make run``)."""

    name = "console"

    def send(self, message: Message) -> str:
        number = to_e164(message.recipient)
        logger.info("SMS to %s: %s", number, message.body)
        return ""


class HttpSmsBackend:
    """A Twilio-style gateway: POST To/From/Body, basic auth, JSON answer with a ``sid``."""

    name = "http"

    def __init__(
        self,
        *,
        url: str,
        account: str,
        token: str,
        sender: str,
        timeout: float,
    ) -> None:
        self.url = url
        self.account = account
        self.token = token
        self.sender = sender
        self.timeout = timeout

    def send(self, message: Message) -> str:
        number = to_e164(message.recipient)
        payload = urllib.parse.urlencode(
            {"To": number, "From": self.sender, "Body": message.body}
        ).encode()
        credentials = base64.b64encode(f"{self.account}:{self.token}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
            self.url,
            data=payload,
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = f"SMS gateway answered {exc.code}"
            if exc.code >= 500 or exc.code == 429:
                raise TransientDeliveryError(detail) from exc
            raise PermanentDeliveryError(detail) from exc
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            raise TransientDeliveryError(f"SMS gateway unreachable: {exc}") from exc
        try:
            return str(json.loads(body or b"{}").get("sid", ""))[:100]
        except (ValueError, AttributeError):
            return ""


def sms_backend() -> ChannelBackend:
    if settings.NOTIFICATIONS_SMS_BACKEND == "http":
        return HttpSmsBackend(
            url=settings.NOTIFICATIONS_SMS_GATEWAY_URL,
            account=settings.NOTIFICATIONS_SMS_GATEWAY_ACCOUNT,
            token=settings.NOTIFICATIONS_SMS_GATEWAY_TOKEN,
            sender=settings.NOTIFICATIONS_SMS_FROM,
            timeout=settings.NOTIFICATIONS_SMS_TIMEOUT_SECONDS,
        )
    return ConsoleSmsBackend()


BACKENDS: dict[str, Callable[[], ChannelBackend]] = {
    "email": EmailBackend,
    "sms": sms_backend,
}


def backend_for(channel: str) -> ChannelBackend:
    return BACKENDS[channel]()
