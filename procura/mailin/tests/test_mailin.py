"""Invoices by e-mail, against a real IMAP server (Dovecot) on loopback."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.documents.models import Document, DocumentStatus
from procura.documents.tests.factories import blank_pdf, png_bytes, sample_bytes
from procura.mailin.models import InboundMessage, Mailbox, MessageStatus
from procura.mailin.services import mailbox_create, mailbox_poll
from procura.mailin.tasks import poll_mailboxes_task
from procura.mailin.tests.imap_server import PASSWORD, ImapServer
from procura.partners.services import supplier_create
from procura.partners.services.contacts import contact_create

pytestmark = pytest.mark.django_db

MAILBOXES = "/api/v1/mailboxes/"
MESSAGES = "/api/v1/inbound-messages/"


def _mail(
    *,
    sender: str = "billing@northpack.example",
    subject: str = "Invoice 4711",
    files: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    message_id: str | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = f"North Pack Billing <{sender}>"
    message["To"] = "invoices@procura.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="northpack.example")
    message.set_content("Please find our invoice attached.\n")
    for name, content_type, content in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def _mailbox(imap_server: ImapServer, owner: Any, **fields: Any) -> tuple[Mailbox, str]:
    account = imap_server.new_account()
    data = {
        "name": f"AP {account}",
        "host": imap_server.host,
        "port": imap_server.port,
        "security": "none",
        "username": account,
        "password": PASSWORD,
        **fields,
    }
    return mailbox_create(data=data, by=owner), account


def _supplier(code: str, email: str) -> Any:
    supplier = supplier_create(by=None, data={"code": code, "name": f"{code} Packing"})
    contact_create(by=None, party=supplier, data={"name": "Accounts", "email": email})
    return supplier


def test_a_mailed_invoice_becomes_a_processed_document_with_its_message_as_source(
    client_as: Any,
    make_user: Any,
    imap_server: ImapServer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    supplier = _supplier("NPACK", "billing@northpack.example")
    admin = client_as("admin")
    account = imap_server.new_account()
    created = admin.post(
        MAILBOXES,
        {
            "name": "Accounts payable",
            "host": imap_server.host,
            "port": imap_server.port,
            "security": "none",
            "username": account,
            "password": PASSWORD,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["has_password"] is True
    assert PASSWORD not in created.content.decode()
    imap_server.append(
        account,
        _mail(files=[("INV-4711.pdf", "application/pdf", sample_bytes("classic.pdf"))]),
    )

    with django_capture_on_commit_callbacks(execute=True):
        started = admin.post(f"{MAILBOXES}{created.json()['id']}/poll/")
    assert started.status_code == 202
    task = admin.get(started.json()["status_url"]).json()
    assert task["state"] == "succeeded", task
    assert task["result"]["imported"] == 1

    document = Document.objects.get()
    assert document.status == DocumentStatus.PROCESSED
    assert document.extraction is not None
    assert document.supplier_ref == supplier.pk
    assert document.original_name == "INV-4711.pdf"
    finance = client_as("finance")
    shown = finance.get(f"/api/v1/documents/{document.pk}/").json()
    assert shown["source"]["channel"] == "email"
    assert shown["source"]["from_address"] == "billing@northpack.example"
    assert shown["source"]["subject"] == "Invoice 4711"
    assert shown["source"]["date"].startswith("2026-03-02T09:30:00")
    assert shown["source"]["message_id"].endswith("@northpack.example>")
    received = finance.get(MESSAGES).json()["results"]
    assert [(m["status"], m["supplier_name"], m["supplier_matched_by"]) for m in received] == [
        ("imported", "NPACK Packing", "contact_email")
    ]
    assert [(a["filename"], a["outcome"], a["document"]) for a in received[0]["attachments"]] == [
        ("INV-4711.pdf", "imported", document.pk)
    ]
    assert b"\\Seen" in imap_server.flags(account)[0]


def test_only_new_messages_are_read_and_the_same_message_or_file_is_ignored(
    make_user: Any, imap_server: ImapServer
) -> None:
    mailbox, account = _mailbox(imap_server, make_user("admin"))
    pdf = blank_pdf()
    first_id = make_msgid(domain="northpack.example")
    imap_server.append(
        account, _mail(message_id=first_id, files=[("a.pdf", "application/pdf", pdf)])
    )
    assert mailbox_poll(mailbox_id=mailbox.pk).imported == 1

    again = mailbox_poll(mailbox_id=mailbox.pk)
    assert (again.read, again.imported) == (0, 0)

    # The same message delivered twice (a resend, a second recipient address), and another
    # message carrying the very same file.
    imap_server.append(
        account, _mail(message_id=first_id, files=[("a.pdf", "application/pdf", pdf)])
    )
    imap_server.append(account, _mail(subject="Copy", files=[("copy.pdf", "application/pdf", pdf)]))
    outcome = mailbox_poll(mailbox_id=mailbox.pk)

    assert (outcome.read, outcome.imported, outcome.ignored) == (2, 0, 2)
    assert Document.objects.count() == 1
    copy = InboundMessage.objects.get(subject="Copy")
    assert copy.status == MessageStatus.NOTHING_NEW
    attachment = copy.attachments.get()
    assert attachment.outcome == "duplicate"
    assert attachment.document_id == Document.objects.get().pk
    assert "Already received" in attachment.reason
    assert InboundMessage.objects.filter(message_id=first_id).count() == 1


def test_attachments_that_are_not_invoices_are_skipped_with_a_reason(
    make_user: Any, imap_server: ImapServer
) -> None:
    mailbox, account = _mailbox(imap_server, make_user("admin"))
    raw = _mail(
        files=[
            (
                "terms.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                b"PK\x03\x04 not an invoice",
            ),
            ("notes.txt", "text/plain", b"see attached"),
            ("empty.pdf", "application/pdf", b""),
            ("fake.pdf", "application/pdf", b"<html>%PDF-1.4 phishing</html>"),
            ("scan.png", "image/png", png_bytes(40, 40)),
        ]
    )
    # A logo shown in the signature (inline, referenced by Content-ID).
    message = EmailMessage()
    message["From"] = "billing@northpack.example"
    message["Subject"] = "With logo"
    message.set_content("text")
    message.add_alternative("<p>Invoice <img src='cid:logo'></p>", subtype="html")
    html_part: Any = message.get_payload()[1]  # type: ignore[index]
    html_part.add_related(png_bytes(8, 8), "image", "png", cid="<logo>")
    imap_server.append(account, raw)
    imap_server.append(account, message.as_bytes())

    mailbox_poll(mailbox_id=mailbox.pk)

    first = InboundMessage.objects.get(subject="Invoice 4711")
    outcomes = {a.filename: (a.outcome, a.reason) for a in first.attachments.all()}
    assert outcomes["scan.png"][0] == "imported"
    assert outcomes["terms.docx"] == (
        "skipped",
        "Not an invoice file (PDF, e-invoice XML or a PNG, JPEG, TIFF, WebP or HEIC picture): "
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.",
    )
    assert outcomes["notes.txt"][0] == "skipped"
    assert outcomes["empty.pdf"] == ("skipped", "The file is empty.")
    assert outcomes["fake.pdf"][0] == "skipped"
    logo = InboundMessage.objects.get(subject="With logo")
    assert logo.status == MessageStatus.NOTHING_NEW
    assert [(a.outcome, a.reason) for a in logo.attachments.all()] == [
        ("skipped", "An image shown in the message body (a logo or signature), not an attachment.")
    ]
    assert Document.objects.count() == 1


def test_the_sender_is_matched_by_domain_only_when_one_supplier_writes_from_it(
    make_user: Any, imap_server: ImapServer
) -> None:
    north = _supplier("NPACK", "sales@northpack.example")
    _supplier("GPACK1", "anna@gmail.com")
    _supplier("SHARED1", "a@shared.example")
    _supplier("SHARED2", "b@shared.example")
    mailbox, account = _mailbox(imap_server, make_user("admin"))
    for sender in ("invoices@northpack.example", "bob@gmail.com", "x@shared.example"):
        imap_server.append(
            account,
            _mail(
                sender=sender,
                subject=sender,
                files=[(f"{sender}.pdf", "application/pdf", blank_pdf(pages=len(sender)))],
            ),
        )

    mailbox_poll(mailbox_id=mailbox.pk)

    matched = {
        m.subject: (m.supplier_id, m.supplier_matched_by) for m in InboundMessage.objects.all()
    }
    assert matched == {
        "invoices@northpack.example": (north.pk, "domain"),
        "bob@gmail.com": (None, ""),
        "x@shared.example": (None, ""),
    }
    document = Document.objects.get(source__from_address="invoices@northpack.example")
    assert document.supplier_ref == north.pk


BROKEN_BASE64 = (
    b"From: billing@northpack.example\r\n"
    b"Subject: Broken attachment\r\n"
    b"Message-ID: <broken-1@northpack.example>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
    b"--XX\r\nContent-Type: text/plain\r\n\r\nInvoice attached\r\n"
    b"--XX\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="inv.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\n"
    b"JVBERi0xLjQK!!!%%%not*base64\r\nJVB\r\n"
    b"--XX--\r\n"
)
NO_SENDER = (
    b"Subject: Who sent this\r\nMessage-ID: <nosender@x.example>\r\n"
    b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"JVBERi0xLjQK\r\n"
)
NO_BOUNDARY = (
    b"From: billing@northpack.example\r\nSubject: No boundary\r\n"
    b"Message-ID: <noboundary@northpack.example>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
    b"--XX\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XX--\r\n"
)


def test_a_malformed_message_is_rejected_with_a_clear_reason_and_imports_nothing(
    client_as: Any, make_user: Any, imap_server: ImapServer, caplog: pytest.LogCaptureFixture
) -> None:
    mailbox, account = _mailbox(imap_server, make_user("admin"))
    for raw in (BROKEN_BASE64, NO_SENDER, NO_BOUNDARY):
        imap_server.append(account, raw)
    imap_server.append(account, _mail(files=[("good.pdf", "application/pdf", blank_pdf())]))

    with caplog.at_level(logging.WARNING, logger="procura.mailin"):
        outcome = mailbox_poll(mailbox_id=mailbox.pk)

    assert (outcome.read, outcome.rejected, outcome.imported) == (4, 3, 1)
    assert Document.objects.count() == 1
    assert Document.objects.get().original_name == "good.pdf"
    rejected = client_as("finance").get(MESSAGES, {"status": "rejected"}).json()["results"]
    errors = {m["subject"]: m["error"] for m in rejected}
    assert "attachment 'inv.pdf' is damaged" in errors["Broken attachment"]
    assert errors["Who sent this"] == (
        "The message has no valid sender (From) address; nothing was imported."
    )
    assert "MIME structure is broken" in errors["No boundary"]
    assert all(m["attachments"] == [] for m in rejected)
    assert sum("Malformed e-mail refused" in r.message for r in caplog.records) == 3


def test_a_wrong_password_or_dead_server_is_recorded_on_the_mailbox_without_secrets(
    client_as: Any, make_user: Any, imap_server: ImapServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Wrong-Pa55word-xyz"
    mailbox, _ = _mailbox(imap_server, make_user("admin"), password=secret)
    with caplog.at_level(logging.DEBUG):
        outcome = mailbox_poll(mailbox_id=mailbox.pk)

    assert "Sign-in to 127.0.0.1" in outcome.error
    shown = client_as("admin").get(f"{MAILBOXES}{mailbox.pk}/").json()
    assert shown["last_error"] == outcome.error
    assert shown["last_polled_at"] is not None
    assert secret not in caplog.text
    assert secret not in str(shown)
    assert secret not in Mailbox.objects.get().password_encrypted

    Mailbox.objects.filter(pk=mailbox.pk).update(port=1)
    assert "Cannot connect to 127.0.0.1:1" in mailbox_poll(mailbox_id=mailbox.pk).error


def test_mailbox_settings_are_for_administrators_and_bad_input_is_refused(
    client_as: Any, imap_server: ImapServer
) -> None:
    admin = client_as("admin")
    body = {
        "name": "AP",
        "host": "imap.example.com",
        "port": 993,
        "security": "ssl",
        "username": "ap@example.com",
        "password": "s3cret-value",
    }
    assert client_as("finance").post(MAILBOXES, body, format="json").status_code == 403
    assert client_as("finance").get(MAILBOXES).status_code == 403
    assert client_as("requester").get(MESSAGES).status_code == 403

    bad = admin.post(
        MAILBOXES,
        {**body, "port": 0, "host": "imap.example.com/x", "security": "tls9"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")
    assert set(bad.json()["errors"]) == {"port", "host", "security"}
    no_password = admin.post(MAILBOXES, {**body, "password": ""}, format="json")
    assert no_password.status_code == 400
    assert "password" in no_password.json()["errors"]
    assert Mailbox.objects.count() == 0

    created = admin.post(MAILBOXES, body, format="json").json()
    stored = Mailbox.objects.get()
    assert "s3cret-value" not in stored.password_encrypted
    changed = admin.patch(f"{MAILBOXES}{created['id']}/", {"folder": "Invoices"}, format="json")
    assert changed.status_code == 200
    assert Mailbox.objects.get().password_encrypted == stored.password_encrypted
    listed = admin.get(MAILBOXES).json()["results"][0]
    assert "password" not in listed
    assert listed["has_password"] is True
    assert "s3cret-value" not in str(admin.get("/api/v1/audit-events/").content)
    assert admin.delete(f"{MAILBOXES}{created['id']}/").status_code == 204


def test_the_schedule_queues_every_active_mailbox(
    make_user: Any, imap_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = make_user("admin")
    active, _ = _mailbox(imap_server, owner)
    _mailbox(imap_server, owner, is_active=False)
    queued: list[Any] = []
    from procura.mailin import tasks

    monkeypatch.setattr(tasks.poll_mailbox_task, "apply_async", lambda **kw: queued.append(kw))
    assert poll_mailboxes_task() == {"queued": 1}
    assert queued[0]["args"] == (active.pk,)


def test_the_received_list_query_count_does_not_grow_with_the_page(
    client_as: Any, make_user: Any, imap_server: ImapServer
) -> None:
    _supplier("NPACK", "billing@northpack.example")
    mailbox, account = _mailbox(imap_server, make_user("admin"))
    client = client_as("finance")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MESSAGES).status_code == 200
        return len(queries)

    imap_server.append(account, _mail(files=[("1.pdf", "application/pdf", blank_pdf(1))]))
    mailbox_poll(mailbox_id=mailbox.pk)
    count()  # the first request of a session warms caches
    few = count()
    for pages in range(2, 6):
        imap_server.append(
            account,
            _mail(
                files=[
                    (f"{pages}.pdf", "application/pdf", blank_pdf(pages)),
                    ("x.txt", "text/plain", b"x"),
                ]
            ),
        )
    mailbox_poll(mailbox_id=mailbox.pk)
    assert InboundMessage.objects.count() == 5
    assert count() == few


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_a_server_certificate_that_cannot_be_verified_is_refused(
    make_user: Any, imap_server: ImapServer, security: str
) -> None:
    """IMAPS and STARTTLS check the server's certificate: a self-signed one is refused with a
    clear error, and the password is never sent."""
    port = imap_server.tls_port if security == "ssl" else imap_server.port
    mailbox, account = _mailbox(imap_server, make_user("admin"), security=security, port=port)
    imap_server.append(account, _mail(files=[("a.pdf", "application/pdf", blank_pdf())]))

    outcome = mailbox_poll(mailbox_id=mailbox.pk)

    assert outcome.error.startswith(f"Secure connection to 127.0.0.1:{port} failed")
    assert "CERTIFICATE_VERIFY_FAILED" in outcome.error
    assert Mailbox.objects.get().last_error == outcome.error
    assert Document.objects.count() == 0
