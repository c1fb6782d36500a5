"""Purchase requests and approvals through the API: real URLs, roles and visibility."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.procurement.models import PurchaseRequest
from procura.procurement.tests.factories import (
    make_org,
    make_person,
    make_request,
    submitted_request,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/purchase-requests/"


def detail(pk: int) -> str:
    return f"{URL}{pk}/"


def test_requester_creates_and_submits_and_manager_approves(org, as_user):
    requester = as_user(org.requester)
    created = requester.post(
        URL,
        {
            "title": "Ribeye for the steakhouse account",
            "currency": "USD",
            "needed_by": "2026-12-01",
            "items": [
                {
                    "description": "Ribeye lip-on",
                    "quantity": "40",
                    "unit": "lb",
                    "estimated_unit_price": "9.875",
                },
                {
                    "description": "Strip loin",
                    "quantity": "10.5",
                    "unit": "lb",
                    "estimated_unit_price": "8.00",
                },
            ],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft"
    assert body["total"] == "479.00"
    assert [i["line_total"] for i in body["items"]] == ["395.00", "84.00"]
    assert body["department"] == org.department.pk

    submitted = requester.post(f"{detail(body['id'])}submit/")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["current_step"]["approver"]["id"] == org.manager.pk

    mine = as_user(org.manager).get("/api/v1/approvals/mine/")
    assert [r["id"] for r in mine.json()["results"]] == [body["id"]]

    approved = as_user(org.manager).post(f"{detail(body['id'])}approve/", {"comment": "Go"})
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert [h["action"] for h in approved.json()["approval_history"]] == ["assigned", "approved"]

    history = requester.get(f"{detail(body['id'])}history/").json()["results"]
    assert {
        "purchase_request.created",
        "purchase_request.submitted",
        "purchase_request.approved",
    } <= {e["action"] for e in history}


def test_client_totals_are_not_accepted(org, as_user):
    response = as_user(org.requester).post(URL, {"title": "x", "total": "1.00", "items": []})
    assert response.status_code == 400
    assert response.json()["errors"] == {"total": ["Unknown field."]}


def test_free_text_item_needs_description_unit_and_price(org, as_user):
    response = as_user(org.requester).post(URL, {"title": "x", "items": [{"quantity": "1"}]})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "items.0.description",
        "items.0.unit",
        "items.0.estimated_unit_price",
    }


def test_submit_errors_are_clear(org, as_user):
    client = as_user(org.requester)
    empty = client.post(URL, {"title": "Nothing yet"}).json()
    response = client.post(f"{detail(empty['id'])}submit/")
    assert response.status_code == 422
    assert response.json()["code"] == "empty_request"

    big = make_request(org.requester, total="60000.00")
    response = client.post(f"{detail(big.pk)}submit/")
    assert response.status_code == 422
    assert response.json()["code"] == "over_spending_limit"
    assert "spending limit" in response.json()["detail"]


def test_decision_permissions_and_states(org, as_user):
    request = submitted_request(org.requester, total="5000.00")
    # the head can see the request (department) but is not the current approver
    response = as_user(org.head).post(f"{detail(request.pk)}approve/")
    assert response.status_code == 403
    assert response.json()["code"] == "not_current_approver"
    # finance sees everything but may not decide a manager step
    assert as_user(org.finance).post(f"{detail(request.pk)}approve/").status_code == 403
    # reject needs a comment
    response = as_user(org.manager).post(f"{detail(request.pk)}reject/", {})
    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["A comment is required."]}
    response = as_user(org.manager).post(f"{detail(request.pk)}return/", {"comment": "Split it"})
    assert response.status_code == 200
    assert response.json()["status"] == "returned"
    # no longer pending
    response = as_user(org.manager).post(f"{detail(request.pk)}approve/")
    assert response.status_code == 409


def test_requester_edits_draft_with_if_match(org, as_user):
    client = as_user(org.requester)
    request = make_request(org.requester)
    first = client.get(detail(request.pk))
    etag = first["ETag"]
    assert client.get(detail(request.pk), HTTP_IF_NONE_MATCH=etag).status_code == 304

    changed = client.patch(
        detail(request.pk),
        {
            "title": "Brisket",
            "items": [
                {
                    "description": "Brisket",
                    "quantity": "2",
                    "unit": "lb",
                    "estimated_unit_price": "3.50",
                }
            ],
        },
        HTTP_IF_MATCH=etag,
    )
    assert changed.status_code == 200
    assert changed.json()["total"] == "7.00"
    stale = client.patch(detail(request.pk), {"title": "Again"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412


def test_visibility_by_role(org, as_user):
    own = make_request(org.requester)
    other_department = make_org()
    elsewhere = make_request(other_department.requester)
    colleague = make_person("requester", department=org.department, spending_limit=Decimal(1))
    auditor = make_person("auditor")
    customer = make_person("customer")

    def ids(user):
        response = as_user(user).get(URL)
        return (
            {r["id"] for r in response.json()["results"]} if response.status_code == 200 else None
        )

    assert ids(org.requester) == {own.pk}
    assert ids(colleague) == set()
    assert ids(org.manager) == {own.pk}
    assert ids(org.head) == {own.pk}
    assert ids(org.finance) == {own.pk, elsewhere.pk}
    assert ids(auditor) == {own.pk, elsewhere.pk}
    assert ids(customer) is None
    assert as_user(colleague).get(detail(own.pk)).status_code == 404
    assert as_user(auditor).post(f"{detail(own.pk)}cancel/").status_code == 403

    # an approver outside the department sees their reports' requests and what is assigned
    outsider = make_person("approver", spending_limit=Decimal(5000))
    other_department.requester.manager = outsider
    other_department.requester.save()
    assigned = submitted_request(other_department.requester)
    assert ids(outsider) == {elsewhere.pk, assigned.pk}


def test_awaiting_me_filter(org, as_user):
    pending = submitted_request(org.requester)
    make_request(org.requester)
    response = as_user(org.manager).get(URL, {"awaiting_me": "true"})
    assert [r["id"] for r in response.json()["results"]] == [pending.pk]
    assert as_user(org.head).get(URL, {"awaiting_me": "true"}).json()["count"] == 0


def test_list_filters_by_amount_and_date_ranges(org, as_user):
    small = make_request(org.requester, total="120.00")
    large = make_request(org.requester, total="4800.00")
    PurchaseRequest.objects.filter(pk=small.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    client = as_user(org.finance)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["results"]}

    assert ids(total_min="1000") == {large.pk}
    assert ids(total_max="500.00") == {small.pk}
    assert ids(total_min="100", total_max="5000") == {small.pk, large.pk}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert ids(created_after=since) == {large.pk}
    assert ids(created_before=since) == {small.pk}
    assert client.get(URL, {"total_min": "1e80"}).status_code == 400
    assert client.get(URL, {"created_after": "last week"}).status_code == 400


def _count_queries(client, url: str) -> int:
    client.get(url)  # the user's roles are loaded once per client
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": 50})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_request_lists_keep_a_constant_query_count(org, as_user):
    finance = as_user(org.finance)
    manager = as_user(org.manager)
    for _ in range(2):
        submitted_request(org.requester)
    few = _count_queries(finance, URL), _count_queries(manager, "/api/v1/approvals/mine/")
    for _ in range(8):
        submitted_request(org.requester)
    many = _count_queries(finance, URL), _count_queries(manager, "/api/v1/approvals/mine/")
    assert few == many
    assert as_user(org.manager).get("/api/v1/approvals/mine/").json()["count"] == 10


def test_rule_and_delegation_lists_keep_a_constant_query_count(org, as_user):
    admin = as_user(org.admin)
    today = timezone.localdate()

    def add(index: int) -> None:
        deputy = make_person("approver")
        created = admin.post(
            "/api/v1/approval-rules/",
            {
                "name": f"Meat {index}",
                "currency": "EUR",
                "amount_over": str(index * 100),
                "amount_up_to": str(index * 100 + 50),
                "steps": [{"kind": "manager"}, {"kind": "user", "user": deputy.pk}],
            },
        )
        assert created.status_code == 201
        delegated = as_user(make_person("approver")).post(
            "/api/v1/delegations/",
            {"delegate": deputy.pk, "starts_on": str(today), "ends_on": str(today)},
        )
        assert delegated.status_code == 201

    def counts() -> tuple[int, int]:
        return (
            _count_queries(admin, "/api/v1/approval-rules/"),
            _count_queries(admin, "/api/v1/delegations/"),
        )

    for index in range(2):
        add(index)
    few = counts()
    for index in range(2, 10):
        add(index)
    assert counts() == few
    assert admin.get("/api/v1/approval-rules/").json()["count"] == 13


def test_only_admins_change_approval_rules(org, as_user):
    payload = {
        "name": "Finance only",
        "currency": "USD",
        "amount_over": "0",
        "steps": [{"kind": "role", "role": "finance"}],
    }
    assert as_user(org.manager).post("/api/v1/approval-rules/", payload).status_code == 403
    assert as_user(org.requester).get("/api/v1/approval-rules/").status_code == 200
    created = as_user(org.admin).post("/api/v1/approval-rules/", payload)
    assert created.status_code == 201, created.json()
    assert created.json()["steps"] == [
        {
            "sequence": 1,
            "kind": "role",
            "role": "finance",
            "user": None,
            "user_name": "",
            "only_over_budget": False,
        }
    ]
    bad = as_user(org.admin).post(
        "/api/v1/approval-rules/", {**payload, "steps": [{"kind": "role"}]}
    )
    assert bad.status_code == 400
    assert "steps.0.role" in bad.json()["errors"]
    retired = as_user(org.admin).patch(
        f"/api/v1/approval-rules/{created.json()['id']}/", {"is_active": False}
    )
    assert retired.json()["is_active"] is False


def test_delegation_through_the_api(org, as_user):
    deputy = make_person("approver", spending_limit=Decimal(5000))
    request = submitted_request(org.requester)
    today = str(timezone.localdate())
    response = as_user(org.manager).post(
        "/api/v1/delegations/", {"delegate": deputy.pk, "starts_on": today, "ends_on": today}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["is_active"] is True
    overlap = as_user(org.manager).post(
        "/api/v1/delegations/", {"delegate": org.head.pk, "starts_on": today, "ends_on": today}
    )
    assert overlap.status_code == 409
    # somebody else's delegation is invisible
    assert (
        as_user(org.head).post(f"/api/v1/delegations/{response.json()['id']}/revoke/").status_code
        == 404
    )

    assert as_user(deputy).get("/api/v1/approvals/mine/").json()["count"] == 1
    approved = as_user(deputy).post(f"{detail(request.pk)}approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    revoked = as_user(org.manager).post(f"/api/v1/delegations/{response.json()['id']}/revoke/")
    assert revoked.json()["is_active"] is False


def test_cancel_by_requester(org, as_user):
    request = submitted_request(org.requester)
    response = as_user(org.requester).post(
        f"{detail(request.pk)}cancel/", {"comment": "Not needed"}
    )
    assert response.json()["status"] == "cancelled"
    assert as_user(org.requester).post(f"{detail(request.pk)}cancel/").status_code == 409
    assert PurchaseRequest.objects.get(pk=request.pk).status == "cancelled"


def test_amounts_too_large_for_the_books_are_bad_input(org, as_user):
    response = as_user(org.requester).post(
        URL,
        {
            "title": "Typo",
            "items": [
                {
                    "description": "Beef",
                    "quantity": "1000000000000",
                    "unit": "lb",
                    "estimated_unit_price": "99999999",
                }
            ],
        },
    )
    assert response.status_code == 400
    assert "items.0.estimated_unit_price" in response.json()["errors"]


def test_negative_rule_amounts_are_bad_input(org, as_user):
    response = as_user(org.admin).post(
        "/api/v1/approval-rules/",
        {"name": "x", "currency": "USD", "amount_over": "-5", "steps": [{"kind": "manager"}]},
    )
    assert response.status_code == 400
    assert "amount_over" in response.json()["errors"]


@pytest.mark.parametrize(
    ("needed_by", "message"),
    [
        ("2026-1-1", "Give the date as YYYY-MM-DD."),
        ("20260101", "Give the date as YYYY-MM-DD."),
        ("2026-W01-1", "Give the date as YYYY-MM-DD."),
        ("٢٠٢٦-٠١-٠١", "Give the date as YYYY-MM-DD."),
    ],
)
def test_dates_are_read_in_strict_iso_8601_only(org, as_user, needed_by, message):
    body = {"title": "Chuck", "currency": "USD", "needed_by": needed_by, "items": []}

    response = as_user(org.requester).post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"needed_by": [message]}
    assert not PurchaseRequest.objects.exists()


@pytest.mark.parametrize("value", ["2026-1-1", "12/31/2026", "2026-12-1"])
def test_date_filters_are_read_in_strict_iso_8601_only(org, as_user, value):
    response = as_user(org.requester).get(URL, {"needed_after": value})

    assert response.status_code == 400
    assert response.json()["errors"] == {"needed_after": ["Give the date as YYYY-MM-DD."]}


def test_a_strict_iso_date_filter_is_read(org, as_user):
    response = as_user(org.requester).get(URL, {"needed_after": "2026-01-01"})

    assert response.status_code == 200
