"""The audit trail through the fast read path."""

from __future__ import annotations

import pytest

from procura.audit.api.serializers import AuditEventSerializer
from procura.audit.selectors import audit_event_list
from procura.audit.tests.helpers import record_events
from procura.core.testing import assert_fast_list

pytestmark = pytest.mark.django_db


def test_audit_events_are_the_documented_serializer_output(client_as, make_user):
    subject = make_user("sales")
    record_events(subject, subject, 4)
    record_events(None, subject, 2, action="user.deactivated")
    client = client_as("auditor")
    body = assert_fast_list(
        client,
        "/api/v1/audit/events/",
        serializer_class=AuditEventSerializer,
        queryset=audit_event_list(),
    )
    sequences = [row["sequence"] for row in body["results"]]
    assert sequences == sorted(sequences, reverse=True)
    sparse = client.get("/api/v1/audit/events/", {"fields": "sequence,action"}).json()
    assert {tuple(row) for row in sparse["results"]} == {("sequence", "action")}
