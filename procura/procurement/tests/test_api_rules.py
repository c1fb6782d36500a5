"""Approval rules written through the API by administrators: every step names someone who may
approve purchase requests; bad input is a 400 naming the field and changes nothing."""

from __future__ import annotations

import pytest

from procura.catalog.tests.factories import make_category
from procura.procurement.models import ApprovalRule
from procura.procurement.tests.factories import make_person

pytestmark = pytest.mark.django_db

URL = "/api/v1/approval-rules/"


def _payload(**changes):
    return {
        "name": "Meat over 25k",
        "currency": "USD",
        "amount_over": "25000.00",
        "amount_up_to": None,
        "priority": 10,
        "steps": [{"kind": "manager"}, {"kind": "role", "role": "finance"}],
        **changes,
    }


def test_admin_creates_a_rule_for_a_department_and_category_then_edits_its_steps(org, as_user):
    admin = as_user(org.admin)
    meat = make_category("Meat")
    deputy = make_person("approver", full_name="Dana Deputy")
    created = admin.post(
        URL,
        _payload(department=org.department.pk, category=meat.pk),
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["department_name"], body["category_name"]) == (org.department.name, "Meat")
    assert [(s["sequence"], s["kind"], s["role"]) for s in body["steps"]] == [
        (1, "manager", ""),
        (2, "role", "finance"),
    ]

    edited = admin.patch(
        f"{URL}{body['id']}/",
        {
            "amount_up_to": "90000.00",
            "steps": [
                {"kind": "user", "user": deputy.pk, "only_over_budget": True},
                {"kind": "department_head"},
            ],
        },
        format="json",
    )
    assert edited.status_code == 200, edited.json()
    steps = edited.json()["steps"]
    assert [(s["kind"], s["user_name"], s["only_over_budget"]) for s in steps] == [
        ("user", "Dana Deputy", True),
        ("department_head", "", False),
    ]
    assert edited.json()["amount_up_to"] == "90000.00"
    rule = ApprovalRule.objects.get(pk=body["id"])
    assert [s.kind for s in rule.steps.all()] == ["user", "department_head"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"steps": []}, "steps"),
        ({"steps": [{"kind": "role", "role": "sales"}]}, "steps.0.role"),
        ({"steps": [{"kind": "manager"}, {"kind": "role", "role": "customer"}]}, "steps.1.role"),
        ({"steps": [{"kind": "user"}]}, "steps.0.user"),
        ({"steps": [{"kind": "user", "user": 999999}]}, "steps"),
        ({"steps": [{"kind": "somebody"}]}, "steps"),
        ({"amount_over": "500", "amount_up_to": "100"}, "amount_up_to"),
        ({"amount_over": "-1"}, "amount_over"),
        ({"name": ""}, "name"),
        ({"currency": "XXQ"}, "currency"),
        ({"department": 999999}, "department"),
    ],
)
def test_bad_rules_are_refused_with_the_field_and_nothing_is_saved(org, as_user, changes, field):
    before = ApprovalRule.objects.count()
    response = as_user(org.admin).post(URL, _payload(**changes), format="json")
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert any(
        key == field or key.startswith(f"{field}.") or key.startswith(f"{field}[") for key in errors
    ), errors
    assert ApprovalRule.objects.count() == before


def test_a_named_approver_must_be_allowed_to_approve(org, as_user):
    response = as_user(org.admin).post(
        URL, _payload(steps=[{"kind": "user", "user": org.requester.pk}]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "steps.0.user": [f"{org.requester.full_name} may not approve purchase requests."]
    }


def test_a_bad_edit_keeps_the_old_steps(org, as_user):
    admin = as_user(org.admin)
    rule = ApprovalRule.objects.filter(steps__kind="manager").first()
    assert rule is not None
    before = list(rule.steps.values_list("kind", flat=True))
    response = admin.patch(
        f"{URL}{rule.pk}/", {"steps": [{"kind": "role", "role": "warehouse"}]}, format="json"
    )
    assert response.status_code == 400
    assert list(rule.steps.values_list("kind", flat=True)) == before


def test_only_administrators_edit(org, as_user):
    rule = ApprovalRule.objects.first()
    assert rule is not None
    for person in (org.manager, org.finance, org.head):
        client = as_user(person)
        assert client.patch(f"{URL}{rule.pk}/", {"name": "x"}, format="json").status_code == 403
        assert client.post(URL, _payload(), format="json").status_code == 403


def test_two_administrators_editing_one_rule_do_not_overwrite_each_other(org, as_user):
    """The web's rule form reads the rule and sends its ETag as If-Match: the second of two
    saves from the same version is 412 problem+json and its steps are not written."""
    first, second = as_user(org.admin), as_user(org.admin)
    rule = ApprovalRule.objects.filter(steps__kind="manager").first()
    assert rule is not None
    url = f"{URL}{rule.pk}/"
    etag = first.get(url)["ETag"]
    assert second.get(url)["ETag"] == etag
    saved = first.patch(
        url,
        {"amount_up_to": "90000.00", "steps": [{"kind": "manager"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert saved.status_code == 200, saved.json()
    late = second.patch(
        url,
        {"steps": [{"kind": "role", "role": "finance"}, {"kind": "department_head"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert late.status_code == 412
    assert late["Content-Type"].startswith("application/problem+json")
    assert list(rule.steps.values_list("kind", flat=True)) == ["manager"]
    assert second.get(url)["ETag"] == saved["ETag"]
