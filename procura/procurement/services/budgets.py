"""Budgets: set them up, and check a request at submit and an order at issue against them.

The check locks every budget the document falls under (primary-key order, so two checks never
deadlock), then reads the budget's figures: the lock makes a second request wait for the first
to commit and then see it, so two requests cannot both take the last of a budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import Department, User
from procura.audit.services import audit_record
from procura.catalog.models import Category
from procura.core.errors import Conflict, DomainError, InvalidInput
from procura.core.money import ZERO, convert_money, round_money
from procura.currency.selectors import company_currency, company_rate_get
from procura.procurement.models import (
    Budget,
    OverBudgetAction,
    PurchaseOrder,
    PurchaseRequest,
)
from procura.procurement.models.budgets import period_end
from procura.procurement.selectors.budgets import applies, budget_figures, budgets_covering

OVER_BUDGET_CODE = "over_budget"
OVER_BUDGET = (
    "{document} would take {name} over budget: {consumed} of {amount} {currency} already used, "
    "{requested} more requested."
)
PERIOD_START = "A {period} budget starts on the first day of a {period}."
DUPLICATE_BUDGET = "An active {period} budget for this scope already starts on {starts_on}."


@dataclass(frozen=True)
class BudgetExcess:
    budget: Budget
    consumed: Decimal
    requested: Decimal
    on_exceed: str

    def message(self, document: str) -> str:
        return OVER_BUDGET.format(
            document=document,
            name=self.budget.name,
            consumed=self.consumed,
            amount=self.budget.amount,
            currency=self.budget.currency,
            requested=self.requested,
        )

    def as_data(self) -> dict[str, Any]:
        return {
            "budget": self.budget.pk,
            "name": self.budget.name,
            "amount": str(self.budget.amount),
            "consumed": str(self.consumed),
            "requested": str(self.requested),
            "action": self.on_exceed,
        }


def _check_period_start(period: str, starts_on: date) -> None:
    first_months = {"month": range(1, 13), "quarter": (1, 4, 7, 10), "year": (1,)}[period]
    if starts_on.day != 1 or starts_on.month not in first_months:
        raise InvalidInput(
            PERIOD_START.format(period=period),
            errors={"starts_on": [PERIOD_START.format(period=period)]},
        )


def _require_unique(budget: Budget) -> None:
    clash = Budget.objects.active().filter(
        department=budget.department,
        category=budget.category,
        period=budget.period,
        starts_on=budget.starts_on,
    )
    if budget.pk:
        clash = clash.exclude(pk=budget.pk)
    if clash.exists():
        message = DUPLICATE_BUDGET.format(period=budget.period, starts_on=budget.starts_on)
        raise Conflict(message, errors={"starts_on": [message]})


@transaction.atomic
def budget_create(
    *,
    by: User,
    name: str,
    period: str,
    starts_on: date,
    amount: Decimal,
    department: Department | None = None,
    category: Category | None = None,
    on_exceed: str = OverBudgetAction.WARN,
) -> Budget:
    """A budget in the company currency for a month, quarter or year starting on its first day."""
    _check_period_start(period, starts_on)
    if amount <= 0:
        raise InvalidInput("A budget is positive.", errors={"amount": ["A budget is positive."]})
    budget = Budget(
        name=name,
        period=period,
        starts_on=starts_on,
        ends_on=period_end(starts_on, period),
        amount=round_money(amount),
        currency=company_currency(),
        department=department,
        category=category,
        on_exceed=on_exceed,
        created_by=by,
        updated_by=by,
    )
    _require_unique(budget)
    budget.save()
    audit_record(
        actor=by,
        action="budget.created",
        obj=budget,
        data={"amount": str(budget.amount), "period": period, "starts_on": str(starts_on)},
    )
    return budget


BUDGET_EDITABLE_FIELDS = ("name", "amount", "on_exceed", "is_active")


@transaction.atomic
def budget_update(*, budget: Budget, by: User, **fields: Any) -> Budget:
    """Change a budget's name, amount, over-budget action, or switch it off. Locks the row."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    unknown = set(fields) - set(BUDGET_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))}.")
    if "amount" in fields and fields["amount"] <= 0:
        raise InvalidInput("A budget is positive.", errors={"amount": ["A budget is positive."]})
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in fields.items():
        before = getattr(budget, name)
        if before != value:
            changes[name] = (str(before), str(value))
            setattr(budget, name, value)
    if fields.get("is_active") is True:
        _require_unique(budget)
    budget.deactivated_at = None if budget.is_active else (budget.deactivated_at or timezone.now())
    budget.updated_by = by
    budget.save()
    audit_record(actor=by, action="budget.updated", obj=budget, changes=changes)
    return budget


def _lock_budgets(*, on: date, department_ids: set[int | None]) -> list[Budget]:
    budgets: dict[int, Budget] = {}
    for department_id in department_ids:
        for budget in budgets_covering(on=on, department_id=department_id):
            budgets[budget.pk] = budget
    if not budgets:
        return []
    return list(
        Budget.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(pk__in=sorted(budgets))
        .order_by("pk")
    )


def _excesses(
    *,
    lines: Sequence[tuple[int | None, str, Decimal]],
    on: date,
    exclude_request_id: int | None = None,
    exclude_order_id: int | None = None,
) -> list[BudgetExcess]:
    """Budgets that ``lines`` (department, category path, amount in the company currency)
    would take over. Locks the budgets."""
    budgets = _lock_budgets(on=on, department_ids={department for department, _, _ in lines})
    if not budgets:
        return []
    figures = budget_figures(
        budgets, exclude_request_id=exclude_request_id, exclude_order_id=exclude_order_id
    )
    excesses = []
    for budget in budgets:
        requested = round_money(
            sum(
                (
                    amount
                    for department, path, amount in lines
                    if applies(budget, on=on, department_id=department, category_path=path)
                ),
                ZERO,
            )
        )
        consumed = figures[budget.pk].consumed
        if requested > 0 and consumed + requested > budget.amount:
            excesses.append(
                BudgetExcess(
                    budget=budget,
                    consumed=consumed,
                    requested=requested,
                    on_exceed=budget.on_exceed,
                )
            )
    return excesses


def _decide(excesses: list[BudgetExcess], document: str) -> bool:
    """Raise for a stopping budget; True when the document goes over a warning one."""
    stopping = [excess for excess in excesses if excess.on_exceed == OverBudgetAction.STOP]
    if stopping:
        raise DomainError(
            " ".join(excess.message(document) for excess in stopping),
            code=OVER_BUDGET_CODE,
            data={"budgets": [excess.as_data() for excess in stopping]},
        )
    return bool(excesses)


def _rate(currency: str, on: date, rate: Decimal | None) -> Decimal:
    return rate if rate is not None else company_rate_get(currency=currency, on=on).value


def budget_check_request(*, request: PurchaseRequest, on: date) -> list[BudgetExcess]:
    """Check a request being submitted (row locked by the caller): a stopping budget refuses it
    (422, ``over_budget``); the warning ones are returned. Locks the budgets it falls under."""
    if not budgets_covering(on=on, department_id=request.department_id).exists():
        return []
    rate = _rate(request.currency, on, request.exchange_rate)

    lines = [
        (request.department_id, path or "", convert_money(total, rate))
        for path, total in request.items.values_list("product__category__path", "line_total")
    ]
    excesses = _excesses(lines=lines, on=on, exclude_request_id=request.pk)
    _decide(excesses, request.number)
    return excesses


def budget_check_order(*, order: PurchaseOrder, on: date) -> list[BudgetExcess]:
    """Check an order being issued (row locked by the caller), each line under the department
    of the request it came from. A stopping budget refuses it (422); warnings are returned."""

    rows = list(
        order.lines.values_list(
            "request_item__request__department_id", "product__category__path", "line_total"
        )
    )
    departments = {department for department, _, _ in rows}
    if not any(
        budgets_covering(on=on, department_id=department).exists() for department in departments
    ):
        return []
    rate = _rate(order.currency, on, order.exchange_rate)
    lines = [
        (department, path or "", convert_money(total, rate)) for department, path, total in rows
    ]
    excesses = _excesses(lines=lines, on=on, exclude_order_id=order.pk)
    _decide(excesses, order.number)
    return excesses
