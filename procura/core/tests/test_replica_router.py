"""Routing decisions of the replica router (the stack check runs it against a real streaming
replica: scripts/stack_drill.py, replica_follows)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from procura.core.replica import STICKY_COOKIE, ReplicaReadsMiddleware, ReplicaRouter

router = ReplicaRouter()
WITH_REPLICA = {
    "DATABASES": {"default": {}, "replica": {}},
    "REPLICA_READ_PATHS": ["/api/v1/reports/"],
}


def route(request, *, write_first: bool = False, atomic: bool = False) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def view(_request):
        if write_first:
            seen["write"] = router.db_for_write(None)
        if atomic:
            with transaction.atomic():
                seen["read"] = router.db_for_read(None)
        else:
            seen["read"] = router.db_for_read(None)
        return HttpResponse("ok")

    seen["response"] = ReplicaReadsMiddleware(view)(request)
    return seen


@override_settings(**WITH_REPLICA)
def test_report_reads_go_to_the_replica():
    assert route(RequestFactory().get("/api/v1/reports/spend/"))["read"] == "replica"


@override_settings(**WITH_REPLICA)
def test_other_paths_and_unsafe_methods_stay_on_the_primary():
    assert route(RequestFactory().get("/api/v1/purchase-orders/"))["read"] == "default"
    assert route(RequestFactory().post("/api/v1/reports/spend/"))["read"] == "default"


@override_settings(**WITH_REPLICA)
def test_a_read_after_a_write_in_the_same_request_uses_the_primary():
    seen = route(RequestFactory().get("/api/v1/reports/spend/"), write_first=True)

    assert seen["write"] == "default"
    assert seen["read"] == "default"


@pytest.mark.django_db
@override_settings(**WITH_REPLICA)
def test_reads_inside_a_transaction_use_the_primary():
    assert route(RequestFactory().get("/api/v1/reports/spend/"), atomic=True)["read"] == "default"


@override_settings(**WITH_REPLICA, REPLICA_STICKY_SECONDS=10)
def test_a_client_that_just_wrote_reads_its_writes_from_the_primary():
    wrote = route(RequestFactory().post("/api/v1/purchase-requests/"))["response"]
    assert wrote.cookies[STICKY_COOKIE]["max-age"] == 10

    request = RequestFactory().get("/api/v1/reports/spend/")
    request.COOKIES[STICKY_COOKIE] = "1"

    assert route(request)["read"] == "default"


def test_without_a_replica_everything_reads_the_primary():
    seen = route(RequestFactory().get("/api/v1/reports/spend/"))

    assert seen["read"] == "default"
    assert STICKY_COOKIE not in seen["response"].cookies
