"""A real IMAP server for tests: Dovecot (Debian's dovecot-imapd) started unprivileged from a
generated configuration in a temporary directory, on a free loopback port. Any user name signs
in with ``PASSWORD`` (static passdb), so each test takes a fresh, empty mailbox by using a new
name. Messages are delivered with IMAP APPEND, as a mail server's delivery agent would."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "imap-test-password"  # noqa: S105 - a throwaway server's password
DOVECOT = "/usr/sbin/dovecot"
MISSING = "Dovecot is not installed: run scripts/system-deps.sh (package dovecot-imapd)."

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/mail/%n
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int  # plain IMAP, which also offers STARTTLS
    tls_port: int  # IMAPS, with a self-signed certificate no client trusts
    root: Path

    def new_account(self) -> str:
        return f"invoices-{uuid.uuid4().hex[:10]}"

    def append(self, username: str, raw: bytes, folder: str = "INBOX") -> None:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            client.login(username, PASSWORD)
            status, detail = client.append(folder, None, None, raw)
            assert status == "OK", detail
        finally:
            client.logout()

    def flags(self, username: str, folder: str = "INBOX") -> list[bytes]:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            client.login(username, PASSWORD)
            client.select(folder)
            _, data = client.fetch("1:*", "(FLAGS)")
            return [item for item in data if isinstance(item, bytes)]
        finally:
            client.logout()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_dovecot() -> Iterator[ImapServer]:
    if not os.path.exists(DOVECOT):
        raise RuntimeError(MISSING)
    root = Path(tempfile.mkdtemp(prefix="procura-dovecot-"))
    # Dovecot refuses to log users in as root: under root, run it as its own system user.
    account = pwd.getpwnam("dovecot") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
    user, group_id = account.pw_name, account.pw_gid
    import grp

    group = grp.getgrgid(group_id).gr_name
    port, tls_port = _free_port(), _free_port()
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    config = root / "dovecot.conf"
    _self_signed(root)
    tls = f"ssl = yes\nssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem"
    config.write_text(
        CONFIG.format(
            root=root,
            user=user,
            group=group,
            port=port,
            tls_port=tls_port,
            password=PASSWORD,
            ssl=tls,
        )
    )
    if os.geteuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, account.pw_uid, group_id)
    as_root = os.geteuid() == 0
    process = subprocess.Popen(  # noqa: S603 - fixed binary and arguments
        [DOVECOT, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        user=user if as_root else None,
        group=group if as_root else None,
    )
    try:
        _wait_for(port, process, root)
        yield ImapServer(host="127.0.0.1", port=port, tls_port=tls_port, root=root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def _self_signed(root: Path) -> None:
    """A certificate for 127.0.0.1 signed by itself: a client that checks certificates
    (as Procura does) must refuse it."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (root / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (root / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def _wait_for(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            raise RuntimeError(f"Dovecot exited: {log[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("Dovecot did not start within 20 s.")
