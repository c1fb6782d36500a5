from __future__ import annotations

from collections.abc import Iterator

import pytest

from procura.mailin.tests.imap_server import ImapServer, running_dovecot


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    with running_dovecot() as server:
        yield server
