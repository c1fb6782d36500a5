"""Demo departments and users: at least one user per role and a colleague for the daily roles
(two finance users, so one enters an invoice and the other approves and pays it), all with
settings.DEMO_PASSWORD."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from procura.accounts.models import Department, User
from procura.accounts.roles import Role
from procura.accounts.services import department_create, department_update, user_create
from procura.demo.seed import SeedContext

DEMO_DOMAIN = "procura.example"


@dataclass(frozen=True)
class DemoDepartment:
    code: str
    name: str
    head: str  # local part of the head's e-mail


@dataclass(frozen=True)
class DemoUser:
    local: str
    full_name: str
    role: str
    department: str | None = None
    manager: str | None = None
    spending_limit: Decimal = Decimal("0")
    phone: str = ""

    @property
    def email(self) -> str:
        return f"{self.local}@{DEMO_DOMAIN}"


DEPARTMENTS = (
    DemoDepartment("PUR", "Purchasing", "buyer"),
    DemoDepartment("OPS", "Operations", "manager"),
    DemoDepartment("FIN", "Finance", "finance"),
    DemoDepartment("SAL", "Sales", "sales"),
    DemoDepartment("WHS", "Warehouse", "warehouse"),
    DemoDepartment("EXE", "Executive", "director"),
)

# In creation order: a manager comes before the people who report to them.
USERS = (
    DemoUser("admin", "Avery Admin", Role.ADMIN, "EXE", phone="+15125550100"),
    DemoUser(
        "director",
        "Dana Director",
        Role.APPROVER,
        "EXE",
        spending_limit=Decimal("100000"),
        phone="+15125550101",
    ),
    DemoUser(
        "manager",
        "Morgan Manager",
        Role.APPROVER,
        "OPS",
        manager="director",
        spending_limit=Decimal("10000"),
        phone="+15125550102",
    ),
    DemoUser("requester", "Riley Requester", Role.REQUESTER, "OPS", manager="manager"),
    DemoUser("buyer", "Blake Buyer", Role.PROCUREMENT, "PUR", manager="director"),
    DemoUser(
        "finance",
        "Frankie Finance",
        Role.FINANCE,
        "FIN",
        manager="director",
        spending_limit=Decimal("250000"),
    ),
    DemoUser("warehouse", "Wren Warehouse", Role.WAREHOUSE, "WHS", manager="director"),
    DemoUser("sales", "Sasha Sales", Role.SALES, "SAL", manager="director"),
    DemoUser(
        "payables",
        "Parker Payables",
        Role.FINANCE,
        "FIN",
        manager="director",
        spending_limit=Decimal("250000"),
    ),
    # Payables duties are four people's: enter (finance), accept an exception and approve
    # (payables or the controller, not both on one invoice), pay (treasury).
    DemoUser(
        "controller",
        "Corey Controller",
        Role.FINANCE,
        "FIN",
        manager="director",
        spending_limit=Decimal("250000"),
    ),
    DemoUser("treasury", "Toni Treasury", Role.FINANCE, "FIN", manager="director"),
    DemoUser("planner", "Peyton Planner", Role.REQUESTER, "OPS", manager="manager"),
    DemoUser("sourcing", "Sam Sourcing", Role.PROCUREMENT, "PUR", manager="director"),
    DemoUser("receiving", "Reese Receiving", Role.WAREHOUSE, "WHS", manager="director"),
    DemoUser("counter", "Cameron Counter", Role.SALES, "SAL", manager="director"),
    DemoUser("auditor", "Aubrey Auditor", Role.AUDITOR, "FIN"),
    DemoUser("customer", "Casey Customer", Role.CUSTOMER),
)


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _departments(ctx: SeedContext) -> dict[str, Department]:
    existing = {
        d.code: d for d in Department.objects.filter(code__in=[d.code for d in DEPARTMENTS])
    }
    for spec in DEPARTMENTS:
        if spec.code not in existing:
            existing[spec.code] = department_create(by=None, code=spec.code, name=spec.name)
            ctx.record_created("department")
            ctx.log(f"department {spec.code} {spec.name}")
    return existing


def _users(ctx: SeedContext, departments: dict[str, Department]) -> dict[str, User]:
    # The demo password is known to everyone and set directly, past the validators; hashed
    # once for all users.
    password_hash = make_password(settings.DEMO_PASSWORD)
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    for spec in USERS:
        if spec.local in users:
            continue
        user = user_create(
            by=None,
            email=spec.email,
            full_name=spec.full_name,
            phone=spec.phone,
            department=departments[spec.department] if spec.department else None,
            manager=users.get(spec.manager) if spec.manager else None,
            spending_limit=spec.spending_limit,
            roles=[spec.role],
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        users[spec.local] = user
        ctx.record_created("user")
        ctx.log(f"user {spec.email} ({spec.role})")
    return users


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    departments = _departments(ctx)
    users = _users(ctx, departments)
    for spec in DEPARTMENTS:
        department = departments[spec.code]
        head = users.get(spec.head)
        if department.head_id is None and head is not None:
            department_update(department=department, by=None, changes={"head": head})
