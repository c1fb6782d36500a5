from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from procura.accounts.models import Department, User
from procura.audit.models import AuditEvent
from procura.demo.accounts import USERS, demo_email
from procura.demo.seed import SEED_STEPS, SeedContext, run_seed

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def table_sizes() -> tuple[int, int, int]:
    return User.objects.count(), Department.objects.count(), AuditEvent.objects.count()


def test_seed_demo_is_idempotent(demo_data):
    first = table_sizes()

    output = seed()

    assert table_sizes() == first
    assert first[:2] == (len(USERS), 6)
    assert "nothing new" in output


def test_if_empty_does_nothing_when_a_user_exists(make_user):
    make_user()

    output = seed("--if-empty")

    assert User.objects.count() == 1
    assert Department.objects.count() == 0
    assert "not loaded" in output


def test_demo_organisation(demo_data):
    users = {u.email: u for u in User.objects.select_related("department", "manager")}
    heads = dict(Department.objects.values_list("code", "head__email"))

    manager, director = users[demo_email("manager")], users[demo_email("director")]
    assert heads["OPS"] == manager.email
    assert heads["EXE"] == director.email
    assert set(heads) == {"PUR", "OPS", "FIN", "SAL", "WHS", "EXE"}
    assert manager.manager == director
    assert users[demo_email("requester")].manager == manager
    assert users[demo_email("requester")].department == Department.objects.get(code="OPS")
    assert str(manager.spending_limit) == "10000.00"
    assert str(director.spending_limit) == "100000.00"
    assert str(users[demo_email("finance")].spending_limit) == "250000.00"
    admin = users[demo_email("admin")]
    assert admin.is_staff
    assert admin.is_superuser
    assert not users[demo_email("customer")].is_staff
    assert all(u.is_staff for email, u in users.items() if email != demo_email("customer"))


def test_every_demo_user_can_sign_in(demo_data):
    client = APIClient()

    for spec in USERS:
        response = client.post(
            "/api/v1/auth/login/",
            {"email": spec.email, "password": settings.DEMO_PASSWORD},
            format="json",
        )
        assert response.status_code == 200, spec.email
        assert response.json()["user"]["roles"] == [spec.role]


def test_steps_run_in_registry_order_and_only_when_asked():
    ctx = SeedContext(stdout=StringIO(), verbosity=0)

    created = run_seed(ctx, only={SEED_STEPS[0].name})

    assert created["user"] == len(USERS)
    with pytest.raises(ValueError, match="Unknown seed steps"):
        run_seed(ctx, only={"nope"})


def test_demo_logins_prints_users_password_and_urls(demo_data):
    out = StringIO()

    call_command("demo_logins", stdout=out)

    text = out.getvalue()
    assert all(spec.email in text for spec in USERS)
    assert settings.DEMO_PASSWORD in text
    for url in ("http://127.0.0.1:8000/", "/api/docs/", "/admin/"):
        assert url in text


def test_demo_logins_names_the_port_the_app_runs_on(demo_data, monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "http://127.0.0.1:8765/api/docs/" in out.getvalue()
    assert ":8000" not in out.getvalue()


def test_demo_payables_duties_are_separate_people(demo_data):
    from procura.procurement.models import SupplierInvoice, SupplierPayment

    finance = [spec for spec in USERS if spec.role == "finance"]
    assert len(finance) >= 2
    payers = set(
        SupplierPayment.objects.values_list("created_by__email", "invoice__created_by__email")
    )
    assert payers == {(demo_email("treasury"), demo_email("finance"))}
    approvers = SupplierInvoice.objects.filter(approved_by__isnull=False)
    assert set(approvers.values_list("approved_by__email", flat=True)) == {demo_email("payables")}
