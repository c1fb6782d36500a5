"""Budgets: figures per budget in the company currency, the check at request submit and order
issue (warn with the approval rule's over-budget step, or stop), and the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.core.errors import DomainError
from procura.currency.models import ExchangeRate
from procura.procurement.models import (
    ApprovalRule,
    ApprovalStepStatus,
    OverBudgetAction,
    PurchaseRequestStatus,
)
from procura.procurement.models.budgets import period_end
from procura.procurement.selectors.budgets import budget_figures
from procura.procurement.services.approval_rules import RuleStepInput, approval_rule_update
from procura.procurement.services.budgets import budget_create
from procura.procurement.services.orders import (
    purchase_order_create,
    purchase_order_issue,
    purchase_orders_create_from_requests,
)
from procura.procurement.services.requests import purchase_request_create, purchase_request_submit
from procura.procurement.tests.factories import (
    approved_request,
    item,
    make_location,
    make_request,
    make_supplier_with_contact,
    order_line,
)

pytestmark = pytest.mark.django_db


def _month_start() -> date:
    return timezone.localdate().replace(day=1)


def _budget(org, amount: str, on_exceed: str = OverBudgetAction.WARN, **fields):
    return budget_create(
        by=org.finance,
        name=fields.pop("name", "Beef this month"),
        period="month",
        starts_on=_month_start(),
        amount=Decimal(amount),
        department=fields.pop("department", org.department),
        on_exceed=on_exceed,
        **fields,
    )


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (date(2026, 2, 1), "month", date(2026, 2, 28)),
        (date(2028, 2, 1), "month", date(2028, 2, 29)),
        (date(2026, 10, 1), "quarter", date(2026, 12, 31)),
        (date(2026, 1, 1), "year", date(2026, 12, 31)),
    ],
)
def test_period_end(start, period, end):
    assert period_end(start, period) == end


def test_a_budget_starts_on_the_first_day_of_its_period(org):
    with pytest.raises(DomainError) as raised:
        budget_create(
            by=org.finance,
            name="x",
            period="quarter",
            starts_on=date(2026, 2, 1),
            amount=Decimal(1),
        )
    assert "starts_on" in (raised.value.errors or {})


def test_pending_committed_and_actual_spend_counts_each_document_once(org):
    budget = _budget(org, "5000.00")
    pending = make_request(org.requester, total="300.00")
    purchase_request_submit(request=pending, by=org.requester)
    approved = approved_request(org, item(quantity="2", price="400.00"))

    figures = budget_figures([budget])[budget.pk]
    assert (figures.pending, figures.committed, figures.actual) == (
        Decimal("300.00"),
        Decimal("800.00"),
        Decimal("0"),
    )

    supplier = make_supplier_with_contact()
    approved.suggested_supplier = supplier
    approved.save(update_fields=["suggested_supplier"])
    [order] = purchase_orders_create_from_requests(
        by=org.admin, requests=[approved], ship_to=make_location()
    )
    figures = budget_figures([budget])[budget.pk]
    # the ordered request now counts through its order, not twice
    assert figures.committed == Decimal("800.00")
    purchase_order_issue(order=order, by=org.admin)
    assert budget_figures([budget])[budget.pk].remaining == Decimal("3900.00")


def test_a_stopping_budget_refuses_the_request_that_would_go_over(org):
    _budget(org, "1000.00", OverBudgetAction.STOP)
    first = make_request(org.requester, total="700.00")
    purchase_request_submit(request=first, by=org.requester)
    second = make_request(org.requester, total="400.00")

    with pytest.raises(DomainError) as raised:
        purchase_request_submit(request=second, by=org.requester)

    assert raised.value.code == "over_budget"
    assert "700.00 of 1000.00 USD already used, 400.00 more requested" in raised.value.detail
    second.refresh_from_db()
    assert second.status == PurchaseRequestStatus.DRAFT


def test_a_warning_budget_lets_it_through_with_the_rules_over_budget_step(org):
    _budget(org, "1000.00")
    rule = ApprovalRule.objects.filter(amount_over=0).first()
    assert rule is not None
    steps: list[RuleStepInput] = [
        RuleStepInput(kind=step.kind, role=step.role, user=step.user) for step in rule.steps.all()
    ]
    steps.append(RuleStepInput(kind="role", role="finance", only_over_budget=True))
    approval_rule_update(rule=rule, by=org.admin, steps=steps)
    within = make_request(org.requester, total="600.00")
    purchase_request_submit(request=within, by=org.requester)
    assert not within.steps.filter(over_budget=True).exists()

    over = make_request(org.requester, total="600.00")
    purchase_request_submit(request=over, by=org.requester)

    over.refresh_from_db()
    assert over.over_budget is True
    step = over.steps.get(over_budget=True)
    assert (step.role, step.status) == ("finance", ApprovalStepStatus.WAITING)


def test_a_budget_for_a_category_only_counts_that_categorys_lines(org):
    from procura.catalog.tests.factories import make_product

    meat = make_product()
    other = make_product()
    budget = _budget(org, "1000.00", OverBudgetAction.STOP, category=meat.category)
    assert meat.category_id != other.category_id
    request = purchase_request_create(
        by=org.requester,
        title="mixed",
        currency="USD",
        items=[
            item(quantity="1", price="900.00", product=meat, unit=meat.unit),
            item(quantity="1", price="5000.00", product=other, unit=other.unit),
        ],
    )
    purchase_request_submit(request=request, by=org.requester)

    assert budget_figures([budget])[budget.pk].pending == Decimal("900.00")


def test_a_foreign_currency_request_counts_at_its_own_rate(org, settings):
    settings.COMPANY_CURRENCY = "USD"
    today = timezone.localdate()
    ExchangeRate.objects.create(base="EUR", currency="USD", rate_date=today, rate="1.10")
    rule = ApprovalRule.objects.filter(amount_over=0).first()
    assert rule is not None
    rule.pk = None
    rule.currency = "EUR"
    rule.save()
    usd_rule = ApprovalRule.objects.get(amount_over=0, currency="USD")
    for step in usd_rule.steps.all():
        step.pk = None
        step.rule = rule
        step.save()
    budget = _budget(org, "1000.00", OverBudgetAction.STOP)
    request = purchase_request_create(
        by=org.requester, title="eu beef", currency="EUR", items=[item(price="500.00")]
    )
    purchase_request_submit(request=request, by=org.requester)
    request.refresh_from_db()

    assert request.exchange_rate == Decimal("1.10000000")
    assert budget_figures([budget])[budget.pk].pending == Decimal("550.00")
    second = purchase_request_create(
        by=org.requester, title="more", currency="EUR", items=[item(price="450.00")]
    )
    with pytest.raises(DomainError) as raised:  # 550 + 495 > 1000
        purchase_request_submit(request=second, by=org.requester)
    assert raised.value.code == "over_budget"


def test_issuing_an_order_over_a_stopping_budget_is_refused(org):
    _budget(org, "1000.00", OverBudgetAction.STOP, department=None)
    order = purchase_order_create(
        by=org.admin,
        supplier=make_supplier_with_contact(),
        ship_to=make_location(),
        lines=[order_line(quantity="3", price="400.00")],
    )

    with pytest.raises(DomainError) as raised:
        purchase_order_issue(order=order, by=org.admin)

    assert raised.value.code == "over_budget"
    order.refresh_from_db()
    assert order.status == "draft"


def test_budget_api_lists_figures_in_constant_queries(org, as_user):
    client = as_user(org.finance)
    created = client.post(
        "/api/v1/budgets/",
        {
            "name": "Beef",
            "period": "month",
            "starts_on": _month_start().isoformat(),
            "amount": "5000.00",
            "department": org.department.pk,
            "on_exceed": "stop",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["remaining"] == "5000.00"
    purchase_request_submit(request=make_request(org.requester, total="250.00"), by=org.requester)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/budgets/")
        assert response.status_code == 200
        return len(queries)

    few = count()
    for index in range(4):
        budget_create(
            by=org.finance,
            name=f"Year {index}",
            period="year",
            starts_on=date(2020 + index, 1, 1),
            amount=Decimal("100.00"),
        )
    assert count() == few
    report = as_user(org.requester).get("/api/v1/reports/budgets/")
    assert report.status_code == 200
    [row] = report.json()
    assert (row["pending"], row["remaining"], row["used_percent"]) == ("250.00", "4750.00", "5.00")
    refused = as_user(org.requester).post("/api/v1/budgets/", {}, format="json")
    assert refused.status_code == 403
