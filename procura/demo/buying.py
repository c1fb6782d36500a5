"""Demo buying: daily exchange rates for the last fortnight (euro reference rates), budgets for
this month and quarter in the company currency, approval rules in euros, and a request for
quotation in euros from an approved request sent to two suppliers, one of which has quoted.

Idempotent: rates are upserted; budgets and the RFQ are created only when missing.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procura.catalog.models import Product
from procura.currency.ecb import ECB_BASE, ParsedRate
from procura.currency.models import ExchangeRate
from procura.currency.selectors import company_currency
from procura.currency.services import exchange_rates_import
from procura.demo.procurement import DEMO_LOCATION, _approve_fully, _people
from procura.demo.seed import SeedContext
from procura.inventory.models import Location
from procura.partners.models import Supplier
from procura.procurement.models import ApprovalRule, Budget, OverBudgetAction, Rfq
from procura.procurement.services.approval_rules import approval_rules_install_default
from procura.procurement.services.budgets import budget_create
from procura.procurement.services.requests import (
    RequestItemInput,
    purchase_request_create,
    purchase_request_submit,
)
from procura.procurement.services.rfqs import (
    QuoteLineInput,
    rfq_create,
    rfq_quote_submit,
    rfq_send,
)

# Units per 1 EUR, around a typical day; each day moves a little so reports show the rate used.
DEMO_RATES = {"USD": "1.0850", "CAD": "1.4900", "GBP": "0.8550", "MXN": "19.6500"}
FOREIGN_CURRENCY = "EUR"
RFQ_TITLE = "Pork bellies, Q1 contract (euro quotes)"


def _rates(ctx: SeedContext) -> None:
    today = timezone.localdate()
    if ExchangeRate.objects.filter(rate_date=today, base=ECB_BASE).exists():
        return
    rates = [
        ParsedRate(
            base=ECB_BASE,
            currency=code,
            rate_date=today - timedelta(days=back),
            rate=Decimal(rate) * (Decimal(1) + Decimal(back % 5 - 2) / Decimal(1000)),
        )
        for back in range(14)
        for code, rate in DEMO_RATES.items()
    ]
    exchange_rates_import(rates=rates, source="demo")
    ctx.record_created("exchange rate", len(rates))


def _budgets(ctx: SeedContext, people: dict) -> None:
    today = timezone.localdate()
    month = today.replace(day=1)
    quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
    department = people["requester"].department
    if not Budget.objects.filter(department=department, period="month", starts_on=month).exists():
        budget_create(
            by=people["finance"],
            name=f"{department.name}: this month",
            period="month",
            starts_on=month,
            amount=Decimal("60000.00"),
            department=department,
            on_exceed=OverBudgetAction.WARN,
        )
        ctx.record_created("budget")
    if not Budget.objects.filter(department=None, period="quarter", starts_on=quarter).exists():
        budget_create(
            by=people["finance"],
            name="Company: this quarter",
            period="quarter",
            starts_on=quarter,
            amount=Decimal("750000.00"),
            on_exceed=OverBudgetAction.STOP,
        )
        ctx.record_created("budget")


def _rfq(ctx: SeedContext, people: dict) -> None:
    if Rfq.objects.filter(title=RFQ_TITLE).exists():
        return
    suppliers = list(Supplier.objects.filter(is_active=True, on_hold=False).order_by("code")[:3])
    location = Location.objects.filter(code=DEMO_LOCATION[0]).first() or Location.objects.first()
    if len(suppliers) < 2 or location is None:
        ctx.log("not enough suppliers or no location: RFQ demo skipped")
        return
    if not ApprovalRule.objects.filter(currency=FOREIGN_CURRENCY).exists():
        rules = approval_rules_install_default(by=people["admin"], currency=FOREIGN_CURRENCY)
        ctx.record_created("approval rule", len(rules))
    products = list(Product.objects.filter(is_active=True).order_by("sku")[:2])
    plan = [("2000", "3.10"), ("800", "4.25")][: len(products)]
    items = [
        RequestItemInput(
            product=product,
            unit=product.unit,
            quantity=Decimal(quantity),
            estimated_unit_price=Decimal(price),
        )
        for product, (quantity, price) in zip(products, plan, strict=True)
    ]
    request = purchase_request_create(
        by=people["requester"],
        title="Pork bellies for Q1 (quote in euros)",
        currency=FOREIGN_CURRENCY,
        items=items,
    )
    purchase_request_submit(request=request, by=people["requester"])
    _approve_fully(request, people)
    rfq = rfq_create(
        by=people["buyer"],
        title=RFQ_TITLE,
        ship_to=location,
        respond_by=timezone.localdate() + timedelta(days=7),
        suppliers=suppliers,
        request=request,
        notes="Fresh, 4-6 kg per piece; delivered chilled.",
    )
    rfq_send(rfq=rfq, by=people["buyer"])
    invitation = rfq.invitations.order_by("id").first()
    if invitation is not None:
        rfq_quote_submit(
            invitation=invitation,
            lines=[
                QuoteLineInput(
                    line=line.pk,
                    unit_price=Decimal("2.9500") + Decimal(line.line_no) / 10,
                    quantity=line.quantity,
                    lead_time_days=5 + line.line_no,
                )
                for line in rfq.lines.all()
            ],
            valid_until=timezone.localdate() + timedelta(days=30),
            notes="Prices ex works, pallets included.",
        )
    ctx.record_created("request for quotation")


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    people = _people()
    if people is None:
        ctx.log("demo users missing: buying demo skipped")
        return
    if company_currency() == FOREIGN_CURRENCY:
        ctx.log("the company keeps its books in euros: the RFQ is not in a second currency")
    _rates(ctx)
    _budgets(ctx, people)
    _rfq(ctx, people)
