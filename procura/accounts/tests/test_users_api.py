from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.accounts.errors import EMAIL_TAKEN, LAST_ADMIN, MANAGER_CYCLE
from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.accounts.tests.factories import make_department
from procura.audit.models import AuditEvent
from procura.core.serializers import UNKNOWN_FIELD

pytestmark = pytest.mark.django_db

USERS_URL = "/api/v1/users/"
DEPARTMENTS_URL = "/api/v1/departments/"
NON_ADMIN_ROLES = [role for role in Role.values if role != Role.ADMIN]


def events(action: str, user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(user.pk)))


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_use_the_users_api(client_as, make_user, role):
    client = client_as(role)
    other = make_user()

    assert client.get(USERS_URL).status_code == 403
    assert client.get(f"{USERS_URL}{other.pk}/").status_code == 403
    assert client.post(USERS_URL, {"email": "x@example.com"}, format="json").status_code == 403
    assert client.post(f"{USERS_URL}{other.pk}/deactivate/").status_code == 403


def test_superuser_without_the_admin_group_is_an_admin(client_as):
    client = client_as(is_superuser=True)

    assert client.get(USERS_URL).status_code == 200


def test_admin_creates_a_user_with_normalised_fields_and_an_audit_event(client_as, make_user):
    admin = client_as("admin")
    department = make_department(code="OPS", name="Operations")
    boss = make_user("approver")

    response = admin.post(
        USERS_URL,
        {
            "email": "New.Person@Example.com",
            "full_name": "New Person",
            "phone": "(512) 555-0100",
            "department": department.pk,
            "manager": boss.pk,
            "spending_limit": "2500.00",
            "roles": ["requester", "sales"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["ETag"]
    assert body["email"] == "new.person@example.com"
    assert body["phone"] == "+15125550100"
    assert body["department"] == {"id": department.pk, "code": "OPS", "name": "Operations"}
    assert body["manager"]["id"] == boss.pk
    assert body["roles"] == ["requester", "sales"]
    assert body["is_staff"] is True
    assert body["is_superuser"] is False
    user = User.objects.get(pk=body["id"])
    assert not user.has_usable_password()
    [created] = events("user.created", user)
    assert created.actor_id == admin.user.pk
    assert created.changes["email"] == {"before": None, "after": "new.person@example.com"}
    assert created.data["roles"] == ["requester", "sales"]


def test_create_with_a_password_lets_the_user_sign_in(client_as, browser):
    client_as("admin").post(
        USERS_URL,
        {
            "email": "pw@example.com",
            "full_name": "Pat Word",
            "roles": ["customer"],
            "password": "Sufficiently-long-42",
        },
        format="json",
    )

    response = browser().login("pw@example.com", "Sufficiently-long-42")

    assert response.status_code == 200
    assert User.objects.get(email="pw@example.com").is_staff is False


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"spending_limit": "-1"}, "spending_limit"),
        ({"roles": ["wizard"]}, "roles.0"),
        ({"password": "123"}, "password"),
        ({"emial": "typo@example.com"}, "emial"),
    ],
)
def test_create_refuses_bad_input_with_field_errors(client_as, payload, field):
    data = {"email": "ok@example.com", "full_name": "Okay", **payload}

    response = client_as("admin").post(USERS_URL, data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not User.objects.filter(email="ok@example.com").exists()


def test_unknown_field_is_reported(client_as):
    response = client_as("admin").post(
        USERS_URL, {"email": "a@example.com", "full_name": "A", "colour": "red"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"colour": [UNKNOWN_FIELD]}


def test_email_is_unique_whatever_its_case(client_as, make_user):
    make_user(email="taken@example.com")

    response = client_as("admin").post(
        USERS_URL, {"email": "TAKEN@example.com", "full_name": "Dup"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["errors"]["email"] == [EMAIL_TAKEN]


def test_update_records_changes_and_role_changes(client_as, make_user):
    admin = client_as("admin")
    user = make_user("requester", full_name="Old Name", spending_limit=0)

    response = admin.patch(
        f"{USERS_URL}{user.pk}/",
        {"full_name": "New Name", "spending_limit": "750", "roles": ["approver"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["roles"] == ["approver"]
    assert response["ETag"]
    [updated] = events("user.updated", user)
    assert updated.changes["full_name"] == {"before": "Old Name", "after": "New Name"}
    assert updated.changes["spending_limit"] == {"before": "0.00", "after": "750.00"}
    [roles] = events("user.roles_changed", user)
    assert roles.changes["roles"] == {"before": ["requester"], "after": ["approver"]}


def test_a_manager_chain_cannot_loop(client_as, make_user):
    admin = client_as("admin")
    top = make_user("approver")
    middle = make_user("approver", manager=top)
    bottom = make_user("requester", manager=middle)

    loop = admin.patch(f"{USERS_URL}{top.pk}/", {"manager": bottom.pk}, format="json")
    self_managed = admin.patch(f"{USERS_URL}{top.pk}/", {"manager": top.pk}, format="json")

    assert loop.status_code == 400
    assert loop.json()["errors"]["manager"] == [MANAGER_CYCLE]
    assert self_managed.status_code == 400
    top.refresh_from_db()
    assert top.manager_id is None


def test_user_detail_etag_if_none_match_and_if_match(client_as, make_user):
    admin = client_as("admin")
    user = make_user("requester")
    url = f"{USERS_URL}{user.pk}/"
    etag = admin.get(url)["ETag"]

    not_modified = admin.get(url, HTTP_IF_NONE_MATCH=etag)
    admin.patch(url, {"full_name": "Changed Once"}, format="json", HTTP_IF_MATCH=etag)
    stale = admin.patch(url, {"full_name": "Changed Twice"}, format="json", HTTP_IF_MATCH=etag)

    assert not_modified.status_code == 304
    assert stale.status_code == 412
    user.refresh_from_db()
    assert user.full_name == "Changed Once"


def test_deactivate_ends_sessions_and_reactivate_restores(client_as, signed_in):
    admin = client_as("admin")
    session = signed_in("requester")
    user = session.user

    response = admin.post(f"{USERS_URL}{user.pk}/deactivate/")

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert session.get("/api/v1/auth/me/").status_code == 401
    assert session.unsafe("post", "/api/v1/auth/refresh/").status_code == 401
    assert session.login(user.email).status_code == 401
    assert admin.post(f"{USERS_URL}{user.pk}/deactivate/").status_code == 409
    assert len(events("user.deactivated", user)) == 1

    assert admin.post(f"{USERS_URL}{user.pk}/reactivate/").status_code == 200
    assert session.login(user.email).status_code == 200


def test_admin_cannot_deactivate_themselves(client_as):
    admin = client_as("admin")

    response = admin.post(f"{USERS_URL}{admin.user.pk}/deactivate/")

    assert response.status_code == 422


def test_users_are_never_deleted(client_as, make_user):
    user = make_user()

    response = client_as("admin").delete(f"{USERS_URL}{user.pk}/")

    assert response.status_code == 405
    assert User.objects.filter(pk=user.pk).exists()


def test_list_filters_search_and_sparse_fields(client_as, make_user):
    admin = client_as("admin", full_name="Zed Admin")
    ops = make_department(code="OPS", name="Operations")
    make_user("approver", full_name="Alice Approver", department=ops)
    make_user("requester", full_name="Bob Requester", department=ops)
    make_user("requester", full_name="Cy Gone", is_active=False)

    def names(**params: object) -> list[str]:
        response = admin.get(USERS_URL, params)
        assert response.status_code == 200
        return [row["full_name"] for row in response.json()["results"]]

    assert names(role="requester") == ["Bob Requester", "Cy Gone"]
    assert names(department=ops.pk) == ["Alice Approver", "Bob Requester"]
    assert names(is_active="false") == ["Cy Gone"]
    assert names(search="alice") == ["Alice Approver"]
    assert names(ordering="-full_name")[0] == "Zed Admin"
    sparse = admin.get(USERS_URL, {"fields": "id,email"}).json()["results"]
    assert all(set(row) == {"id", "email"} for row in sparse)


def test_user_list_query_count_does_not_grow(client_as, make_user):
    admin = client_as("admin")
    department = make_department()

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get(USERS_URL, {"page_size": 50}).status_code == 200
        return len(ctx)

    boss = make_user("approver", department=department)
    make_user("requester", "sales", department=department, manager=boss)
    count_queries()  # warm up: the admin's own roles are loaded once
    few = count_queries()
    for _ in range(18):
        make_user("requester", department=department, manager=boss)

    assert count_queries() == few


def test_staff_read_departments_customers_do_not_and_only_admins_write(client_as, make_user):
    head = make_user("approver")
    make_department(code="FIN", name="Finance", head=head)
    reader = client_as("requester")
    customer = client_as("customer")
    admin = client_as("admin")

    listed = reader.get(DEPARTMENTS_URL)
    # Departments name their heads (names, e-mails): nothing for the portal.
    assert customer.get(DEPARTMENTS_URL).status_code == 403
    refused = reader.post(DEPARTMENTS_URL, {"code": "X", "name": "X"}, format="json")
    created = admin.post(
        DEPARTMENTS_URL, {"code": "whs", "name": "Warehouse", "head": head.pk}, format="json"
    )
    duplicate = admin.post(DEPARTMENTS_URL, {"code": "WHS", "name": "Other"}, format="json")

    assert listed.status_code == 200
    assert listed.json()["results"][0]["head"]["id"] == head.pk
    assert refused.status_code == 403
    assert created.status_code == 201
    assert created.json()["code"] == "WHS"
    assert duplicate.status_code == 409
    department_id = created.json()["id"]
    etag = admin.get(f"{DEPARTMENTS_URL}{department_id}/")["ETag"]
    renamed = admin.patch(
        f"{DEPARTMENTS_URL}{department_id}/",
        {"name": "Warehouse & Logistics"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert renamed.status_code == 200
    assert AuditEvent.objects.filter(action="department.updated").count() == 1


def test_department_list_query_count_does_not_grow(client_as, make_user):
    reader = client_as("requester")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert reader.get(DEPARTMENTS_URL, {"page_size": 50}).status_code == 200
        return len(ctx)

    for _ in range(2):
        make_department(head=make_user())
    count_queries()  # warm up: the reader's own roles are loaded once
    few = count_queries()
    for _ in range(18):
        make_department(head=make_user())

    assert count_queries() == few


def test_the_last_administrator_cannot_be_demoted_or_deactivated(client_as, make_user):
    admin = client_as("admin")
    only = admin.user
    url = f"{USERS_URL}{only.pk}/"

    demoted = admin.patch(url, {"roles": []}, format="json")

    assert demoted.status_code == 409, demoted.content
    assert demoted.json()["detail"] == LAST_ADMIN
    assert Role.ADMIN in User.objects.get(pk=only.pk).role_names
    # With a second administrator the first may go; then the second is the last one.
    second = client_as("admin")
    assert second.post(f"{url}deactivate/").status_code == 200
    refused = second.patch(f"{USERS_URL}{second.user.pk}/", {"roles": ["finance"]}, format="json")
    assert refused.status_code == 409
    assert Role.ADMIN in User.objects.get(pk=second.user.pk).role_names
