"""Who may do what: one table of role x action x object rule.

Every API permission check (``procura.accounts.permissions.MatrixPermission``), the 403s the
schema documents, the web app's navigation and buttons (``/auth/me/`` and
``/auth/permissions/``) and the table in ``docs/permissions.md`` are read from ``MATRIX``.

An action is ``<resource>.<verb>`` (``sales_order.confirm``). Each grant names the object rule
that limits it for that role:

- ``all``: every object of the resource;
- ``own``: objects the user created or that are about them;
- ``department``: objects of the user's department (and their own);
- ``assigned``: objects waiting for the user's decision (approval steps, delegations);
- ``own_customer``: objects of the customer the portal user belongs to.

The rule is enforced by the resource's selectors (querysets) and services; the matrix states it
so the docs and the web app can show it. Administrators hold every action except the
segregation-of-duties rules, which bind them too. Auditors only read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from procura.accounts.roles import Role
from procura.core.records import LinkedDocument, NextStep, RecordAction

ADMIN = Role.ADMIN.value
PROCUREMENT = Role.PROCUREMENT.value
APPROVER = Role.APPROVER.value
REQUESTER = Role.REQUESTER.value
FINANCE = Role.FINANCE.value
WAREHOUSE = Role.WAREHOUSE.value
SALES = Role.SALES.value
AUDITOR = Role.AUDITOR.value
CUSTOMER = Role.CUSTOMER.value


class Scope(StrEnum):
    ALL = "all"
    OWN = "own"
    DEPARTMENT = "department"
    ASSIGNED = "assigned"
    OWN_CUSTOMER = "own_customer"


class DenyReason(StrEnum):
    """Why an action is refused, for the web app to explain a disabled button."""

    ROLE = "role"  # no role of the user holds the action
    SCOPE = "scope"  # the object lies outside the role's object rule
    SEPARATION_OF_DUTIES = "separation_of_duties"  # the user did a conflicting duty on it
    STATE = "state"  # the object's state does not allow it now
    LAST_ADMIN = "last_admin"  # the change would leave no active administrator


Grants = Mapping[str, Scope]

STAFF = (PROCUREMENT, APPROVER, REQUESTER, FINANCE, WAREHOUSE, SALES, AUDITOR)
STAFF_WRITERS = tuple(role for role in STAFF if role != AUDITOR)


def grant(roles: Iterable[str], scope: Scope = Scope.ALL) -> dict[str, Scope]:
    return dict.fromkeys(roles, scope)


def _crud(
    readers: Grants, editors: Iterable[str], *verbs: str, prefix: str
) -> dict[str, dict[str, Scope]]:
    table: dict[str, dict[str, Scope]] = {f"{prefix}.view": dict(readers)}
    for verb in verbs:
        table[f"{prefix}.{verb}"] = grant(editors)
    return table


_MASTER_DATA_VERBS = ("create", "update", "deactivate", "reactivate")
_PARTNER_EDITORS = (PROCUREMENT, SALES)
_STAFF_READ = grant(STAFF)
_EVERYONE = grant((*STAFF, CUSTOMER))
_INVENTORY_READERS = grant((WAREHOUSE, PROCUREMENT, SALES, FINANCE, AUDITOR))
_ORDER_READERS = grant((PROCUREMENT, FINANCE, WAREHOUSE, AUDITOR))
_PAYABLES_READERS = grant((FINANCE, PROCUREMENT, AUDITOR))
_SALES_STAFF_READERS = grant((SALES, WAREHOUSE, FINANCE, AUDITOR))
_FINANCE_READERS = grant((FINANCE, SALES, AUDITOR))
_PORTAL = {CUSTOMER: Scope.OWN_CUSTOMER}

# action -> role -> object rule. Admin is implied everywhere (see ``roles_for``).
MATRIX: dict[str, dict[str, Scope]] = {
    # accounts
    **_crud({}, (), "create", "update", "deactivate", "reactivate", prefix="user"),
    "department.view": _STAFF_READ,
    "department.create": {},
    "department.update": {},
    # the sign-in policy (password sign-in on or off): administrators only
    "sign_in_policy.view": {},
    "sign_in_policy.update": {},
    "api_token.view": grant((*STAFF, CUSTOMER), Scope.OWN),
    "api_token.create": grant((*STAFF_WRITERS, CUSTOMER), Scope.OWN),
    "api_token.revoke": grant((*STAFF, CUSTOMER), Scope.OWN),
    # audit
    "audit_event.view": grant((AUDITOR,)),
    "audit_event.verify": grant((AUDITOR,)),
    # background tasks: everyone sees the tasks they started
    "task.view": grant((*STAFF, CUSTOMER), Scope.OWN),
    # partners
    **_crud(_STAFF_READ, _PARTNER_EDITORS, *_MASTER_DATA_VERBS, "import", prefix="supplier"),
    "supplier.export": _STAFF_READ,
    # What the invoice reader learned about a supplier's invoices: the roles that correct and
    # approve supplier invoices (and auditors) see it; those who correct may make it forget.
    "supplier_reading_hints.view": grant((FINANCE, PROCUREMENT, AUDITOR)),
    "supplier_reading_hints.reset": grant((FINANCE, PROCUREMENT)),
    **_crud(_STAFF_READ, _PARTNER_EDITORS, *_MASTER_DATA_VERBS, "import", prefix="plant"),
    "plant.export": _STAFF_READ,
    **_crud(_STAFF_READ, _PARTNER_EDITORS, *_MASTER_DATA_VERBS, prefix="supplier_plant_mapping"),
    **_crud(
        _STAFF_READ,
        _PARTNER_EDITORS,
        "create",
        "deactivate",
        "reactivate",
        "import",
        prefix="customer",
    ),
    # PATCH: sales and procurement change the details, finance the credit terms.
    "customer.update": grant((*_PARTNER_EDITORS, FINANCE)),
    "customer.edit_details": grant(_PARTNER_EDITORS),
    # Credit limit and payment terms: finance's alone (the credit override is finance's).
    "customer.set_credit_terms": grant((FINANCE,)),
    # The CSV export carries credit limits and tax ids: the roles that manage customers.
    "customer.export": grant((SALES, FINANCE, PROCUREMENT, AUDITOR)),
    # Credit limit, payment terms and tax id, on screen and in exports (partners.field_rules).
    "customer_financials.view": grant((FINANCE, SALES, AUDITOR)),
    **_crud(_STAFF_READ, _PARTNER_EDITORS, *_MASTER_DATA_VERBS, "make_primary", prefix="contact"),
    **_crud(_STAFF_READ, _PARTNER_EDITORS, *_MASTER_DATA_VERBS, "import", prefix="carrier"),
    "carrier.export": _STAFF_READ,
    # catalog
    # Portal customers read the catalog they order from (active products, no costs).
    **_crud(_EVERYONE, (PROCUREMENT,), "create", "update", "delete", "move", prefix="category"),
    **_crud(_EVERYONE, (FINANCE,), "create", "update", prefix="tax_category"),
    **_crud(_EVERYONE, (FINANCE,), "create", "update", "delete", prefix="tax_rate"),
    **_crud(
        _EVERYONE,
        (PROCUREMENT,),
        *_MASTER_DATA_VERBS,
        "import",
        prefix="product",
    ),
    "product.export": _EVERYONE,  # without costs for portal customers, as on screen
    **_crud(_STAFF_READ, (PROCUREMENT,), "create", "update", prefix="supplier_item"),
    # inventory
    **_crud(
        _INVENTORY_READERS,
        (WAREHOUSE,),
        "create",
        "update",
        "activate",
        "deactivate",
        prefix="location",
    ),
    "stock_level.view": _INVENTORY_READERS,
    "stock_movement.view": _INVENTORY_READERS,
    "stock_movement.receive": grant((WAREHOUSE,)),
    "stock_movement.issue": grant((WAREHOUSE,)),
    "stock_movement.transfer": grant((WAREHOUSE,)),
    "stock_movement.adjust": grant((WAREHOUSE,)),
    "stock_movement.count": grant((WAREHOUSE,)),
    "stock_movement.import_opening": grant((WAREHOUSE,)),
    **_crud(
        _INVENTORY_READERS,
        (WAREHOUSE, PROCUREMENT),
        "create",
        "update",
        "delete",
        prefix="reorder_rule",
    ),
    "lot.view": _INVENTORY_READERS,
    # Reading a scanned case label looks things up and writes nothing.
    "lot.read_case_label": grant((WAREHOUSE, PROCUREMENT, SALES)),
    # currency
    **_crud(_STAFF_READ, (FINANCE,), "create", "import", prefix="exchange_rate"),
    # procurement: requests and their approval
    "purchase_request.view": {
        **grant((PROCUREMENT, FINANCE, AUDITOR)),
        APPROVER: Scope.DEPARTMENT,
        REQUESTER: Scope.OWN,
        WAREHOUSE: Scope.OWN,
        SALES: Scope.OWN,
    },
    "purchase_request.create": grant(STAFF_WRITERS, Scope.OWN),
    "purchase_request.update": grant(STAFF_WRITERS, Scope.OWN),
    "purchase_request.submit": grant(STAFF_WRITERS, Scope.OWN),
    "purchase_request.cancel": {**grant(STAFF_WRITERS, Scope.OWN), PROCUREMENT: Scope.ALL},
    "purchase_request.approve": grant((APPROVER, FINANCE), Scope.ASSIGNED),
    "purchase_request.reject": grant((APPROVER, FINANCE), Scope.ASSIGNED),
    "purchase_request.return": grant((APPROVER, FINANCE), Scope.ASSIGNED),
    "approval_rule.view": _STAFF_READ,
    "approval_rule.create": {},
    "approval_rule.update": {},
    "delegation.view": grant(STAFF, Scope.OWN),
    "delegation.create": grant(STAFF_WRITERS, Scope.OWN),
    "delegation.revoke": grant(STAFF_WRITERS, Scope.OWN),
    # procurement: orders, receipts, payables
    **_crud(
        _ORDER_READERS,
        (PROCUREMENT,),
        "create",
        "update",
        "issue",
        "cancel",
        "close",
        prefix="purchase_order",
    ),
    "goods_receipt.view": _ORDER_READERS,
    "goods_receipt.create": grant((WAREHOUSE, PROCUREMENT)),
    "goods_receipt.return": grant((WAREHOUSE, PROCUREMENT)),
    **_crud(
        _PAYABLES_READERS,
        (FINANCE,),
        "create",
        "match",
        "accept_exception",
        "approve",
        "void",
        # a supplier's credit note: posted and applied by whoever approves invoices
        "post_credit_note",
        "apply_credit_note",
        prefix="supplier_invoice",
    ),
    **_crud(_PAYABLES_READERS, (FINANCE,), "create", prefix="supplier_payment"),
    # Raised by returns to the supplier (goods_receipt.return); finance applies them.
    **_crud(_PAYABLES_READERS, (FINANCE,), "apply", prefix="supplier_debit_note"),
    "payables_report.view": grant((FINANCE, AUDITOR)),
    **_crud(_STAFF_READ, (FINANCE,), "create", "update", prefix="budget"),
    **_crud(
        grant((PROCUREMENT, SALES, FINANCE, AUDITOR)),
        (PROCUREMENT, SALES),
        "create",
        prefix="back_to_back",
    ),
    **_crud(_ORDER_READERS, (PROCUREMENT, FINANCE), "create", prefix="landed_charge"),
    **_crud(_ORDER_READERS, (PROCUREMENT,), "create", "send", "cancel", "award", prefix="rfq"),
    "supplier_performance.view": _ORDER_READERS,
    "reorder_draft.create": grant((PROCUREMENT,)),
    "reorder_policy.update": grant((PROCUREMENT,)),
    # sales
    "sales_order.view": {**_SALES_STAFF_READERS, **_PORTAL},
    "sales_order.create": {SALES: Scope.ALL, **_PORTAL},
    "sales_order.update": {SALES: Scope.ALL, **_PORTAL},
    "sales_order.cancel": {SALES: Scope.ALL, **_PORTAL},
    # Discounts, shipping charge, ship-from location, lots and backorders: staff only. A portal
    # customer chooses products, quantities, their PO number, delivery details and notes.
    "sales_order.edit_terms": grant((SALES,)),
    "sales_order.confirm": grant((SALES, FINANCE)),
    "sales_order.pick": grant((SALES, WAREHOUSE)),
    "sales_order.ship": grant((WAREHOUSE,)),
    "shipment.view": _SALES_STAFF_READERS,
    "shipment.deliver": grant((WAREHOUSE,)),
    "customer_invoice.view": {**_FINANCE_READERS, **_PORTAL},
    "customer_invoice.create": grant((FINANCE,)),
    "customer_payment.view": _FINANCE_READERS,
    **_crud(_FINANCE_READERS, (FINANCE,), "create", prefix="credit_note"),
    "customer_invoice.correct_price": grant((FINANCE,)),
    # customer returns: sales (or finance) authorise, the warehouse receives, finance credits
    "customer_return.view": _SALES_STAFF_READERS,
    "customer_return.create": grant((SALES, FINANCE)),
    "customer_return.receive": grant((WAREHOUSE,)),
    "customer_return.credit": grant((FINANCE,)),
    "customer_return.close": grant((SALES, FINANCE)),
    "customer_return.cancel": grant((SALES, FINANCE)),
    **_crud(grant((SALES, FINANCE, AUDITOR)), (SALES,), "create", "update", prefix="price_list"),
    **_crud(
        grant((SALES, FINANCE, AUDITOR)),
        (SALES,),
        "create",
        "update",
        "send",
        "accept",
        "decline",
        prefix="sales_quote",
    ),
    "customer_payment.create": grant((FINANCE,)),
    "customer_payment.apply": grant((FINANCE,)),
    "receivables.view": {**_FINANCE_READERS, **_PORTAL},
    "customer_portal_user.view": grant((SALES,)),
    "customer_portal_user.create": {},
    "recall.view": grant((SALES, WAREHOUSE, PROCUREMENT, FINANCE, AUDITOR)),
    "recall.notify": grant((SALES, WAREHOUSE)),
    # the internal audit trail of one object (``/<resource>/{id}/history/``): staff only
    "history.view": _STAFF_READ,
    # documents: visibility follows the record a document is attached to
    "document.view": grant((*STAFF, CUSTOMER), Scope.OWN),
    "document.create": grant(STAFF_WRITERS, Scope.OWN),
    "document.attach": grant(STAFF_WRITERS, Scope.OWN),
    "document.correct_extraction": grant((FINANCE, PROCUREMENT), Scope.OWN),
    "document.reprocess": grant((FINANCE, PROCUREMENT), Scope.OWN),
    # invoices by e-mail: administrators set up mailboxes; payables staff see what arrived
    **_crud({}, (), "create", "update", "delete", "poll", prefix="mailbox"),
    "inbound_message.view": grant((FINANCE, PROCUREMENT, AUDITOR)),
    # notifications and reports
    "notification_log.view": {},
    "work_queue.view": grant((*STAFF, CUSTOMER), Scope.OWN),
    "spend_report.view": grant((FINANCE, PROCUREMENT, APPROVER, AUDITOR)),
    "sales_report.view": grant((SALES, FINANCE, AUDITOR)),
    # finding a record by number or name: each kind of record follows its own view rule
    "record_search.view": grant((*STAFF, CUSTOMER), Scope.OWN),
}

# Segregation of duties: on one object, one person may perform at most one action of a group,
# whatever their roles (administrators included). Checked by the services of the resource.
DUTY_GROUPS: dict[str, tuple[str, ...]] = {
    "purchase_request": ("purchase_request.create", "purchase_request.approve"),
    "payables": (
        "supplier_invoice.create",
        "supplier_invoice.accept_exception",
        "supplier_invoice.approve",
        "supplier_payment.create",
    ),
}

DUTY_LABELS = {
    "purchase_request.create": "requesting",
    "purchase_request.approve": "approving",
    "supplier_invoice.create": "entering",
    "supplier_invoice.accept_exception": "accepting the match exception of",
    "supplier_invoice.approve": "approving",
    "supplier_payment.create": "paying",
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: DenyReason | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"allowed": self.allowed, "reason": self.reason.value if self.reason else None}


ALLOWED = Decision(True)


def roles_for(action: str) -> frozenset[str]:
    """The roles holding ``action`` (admin always among them). KeyError for an unknown one."""
    return frozenset(MATRIX[action]) | {ADMIN}


def scope_for(roles: Iterable[str], action: str) -> Scope | None:
    """The widest object rule any of ``roles`` has for ``action``; None when none holds it."""
    held = set(roles)
    if ADMIN in held:
        return Scope.ALL
    scopes = [scope for role, scope in MATRIX[action].items() if role in held]
    if not scopes:
        return None
    return Scope.ALL if Scope.ALL in scopes else scopes[0]


def role_allows(roles: Iterable[str], action: str) -> bool:
    return scope_for(roles, action) is not None


def actions_for(roles: Iterable[str]) -> list[str]:
    """Every action any of ``roles`` holds, sorted."""
    held = frozenset(roles)
    return sorted(action for action in MATRIX if role_allows(held, action))


def user_roles(user: Any) -> frozenset[str]:
    if not user or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(getattr(user, "role_names", ()))


def user_can(user: Any, action: str) -> bool:
    return role_allows(user_roles(user), action)


def duty_conflict(action: str, performed: Mapping[str, Iterable[Any]], user_id: Any) -> str | None:
    """The conflicting action ``user_id`` already performed on the object, if any.

    ``performed`` maps each duty action of the object to the ids of the users who did it.
    """
    for group in DUTY_GROUPS.values():
        if action not in group:
            continue
        for other in group:
            if other != action and user_id in set(performed.get(other, ())):
                return other
    return None


def separation_message(conflict: str, action: str) -> str:
    return (
        f"Separation of duties: {DUTY_LABELS.get(action, action)} it needs someone other than "
        f"the person {DUTY_LABELS.get(conflict, conflict)} it."
    )


def matrix_rows(roles: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The matrix as rows for ``/auth/permissions/`` and the docs table. With ``roles``, only
    the actions they hold, each with only their grants."""
    duty_of = {action: name for name, group in DUTY_GROUPS.items() for action in group}
    shown = None if roles is None else frozenset(roles)
    rows = []
    for action in sorted(MATRIX):
        resource, verb = action.split(".", 1)
        grants = {ADMIN: Scope.ALL.value, **{r: s.value for r, s in MATRIX[action].items()}}
        if shown is not None:
            grants = {role: scope for role, scope in grants.items() if role in shown}
            if not grants:
                continue
        rows.append(
            {
                "action": action,
                "resource": resource,
                "verb": verb,
                "grants": grants,
                "duty_group": duty_of.get(action),
            }
        )
    return rows


def is_portal_only(roles: Iterable[str]) -> bool:
    """A portal customer and nothing else: no staff role, not an administrator."""
    held = frozenset(roles)
    return CUSTOMER in held and held <= {CUSTOMER}


def permission_matrix_for(user: Any) -> dict[str, Any]:
    """``/auth/permissions/``: staff read the whole matrix (every role's grants, so the web app
    can explain who may do what); a portal customer reads only what applies to them: their
    role, its actions and its object rules. The other roles are our internal organisation."""
    roles = user_roles(user)
    if is_portal_only(roles):
        rows = matrix_rows(roles)
        reasons = [DenyReason.ROLE, DenyReason.SCOPE, DenyReason.STATE]
        if any(row["duty_group"] for row in rows):
            reasons.append(DenyReason.SEPARATION_OF_DUTIES)
        return {
            "roles": [CUSTOMER],
            "deny_reasons": [reason.value for reason in reasons],
            "actions": rows,
        }
    return {
        "roles": list(Role.values),
        "deny_reasons": [reason.value for reason in DenyReason],
        "actions": matrix_rows(),
    }


# Who takes a step, in words: the people of the roles that hold the action (not administrators,
# who may do everything but are nobody's daily queue).
_DOER_LABELS = {
    PROCUREMENT: "a buyer",
    APPROVER: "an approver",
    REQUESTER: "the requester",
    FINANCE: "finance",
    WAREHOUSE: "the warehouse",
    SALES: "sales",
    CUSTOMER: "the customer",
}


def doers_label(action: str) -> str:
    """``"the warehouse"``, ``"sales or finance"``: who normally performs ``action``."""
    labels = [_DOER_LABELS[role] for role in MATRIX[action] if role in _DOER_LABELS]
    labels = [label for label in dict.fromkeys(labels) if label != "the requester"] or labels
    if not labels:
        return "an administrator"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def scopes_for(roles: Iterable[str]) -> dict[str, str]:
    """Each action ``roles`` hold with its widest object rule (``/auth/me/``)."""
    held = frozenset(roles)
    scopes = {action: scope_for(held, action) for action in MATRIX}
    return {action: scope.value for action, scope in sorted(scopes.items()) if scope is not None}


NOT_YOUR_ROLE = "Your role does not allow this."
NOT_IN_THIS_STATE = "Not possible while the {what} is {status}."


def record_action(
    user: Any,
    action: str,
    label: str,
    *,
    state_ok: bool,
    what: str,
    status_label: str,
    conflict: str | None = None,
    conflict_reason: DenyReason = DenyReason.SEPARATION_OF_DUTIES,
) -> RecordAction:
    """The reader's decision on one action of a record, for its page: role first, then the
    record's state, then the object rule (``conflict``: segregation of duties or scope)."""
    if not user_can(user, action):
        return RecordAction(action, label, False, DenyReason.ROLE.value, NOT_YOUR_ROLE)
    if not state_ok:
        detail = NOT_IN_THIS_STATE.format(what=what, status=status_label.lower())
        return RecordAction(action, label, False, DenyReason.STATE.value, detail)
    if conflict:
        return RecordAction(action, label, False, conflict_reason.value, conflict)
    return RecordAction(action, label, True)


def role_next_step(user: Any, step: tuple[str, str] | None) -> NextStep | None:
    """The next step ``(text, action)`` taken by whoever holds the action."""
    if step is None:
        return None
    text, action = step
    return NextStep(text, doers_label(action), action, user_can(user, action))


# Linked documents open for a reader whose rule covers them: every object, or (a portal
# customer) the documents of their own order. A narrower rule (own, department) is not assumed
# to cover a document someone else raised.
_OPENS_LINKED = (Scope.ALL, Scope.OWN_CUSTOMER)


def readable_for(user: Any, documents: Iterable[LinkedDocument]) -> list[LinkedDocument]:
    """The linked documents marked with whether ``user`` may open each (``<kind>.view``)."""
    held = user_roles(user)

    def opens(kind: str) -> bool:
        action = f"{kind}.view"
        return action in MATRIX and scope_for(held, action) in _OPENS_LINKED

    return [replace(doc, readable=opens(doc.kind)) for doc in documents]
