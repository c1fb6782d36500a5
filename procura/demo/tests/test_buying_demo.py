from __future__ import annotations

from decimal import Decimal

import pytest

from procura.currency.models import ExchangeRate
from procura.demo.seed import SeedContext, run_seed
from procura.procurement.models import Budget, Rfq, RfqInvitationStatus, RfqStatus
from procura.procurement.selectors.budgets import budget_figures

pytestmark = pytest.mark.django_db


def test_the_demo_has_rates_budgets_with_spend_and_an_rfq_in_a_second_currency(demo_data):

    assert ExchangeRate.objects.filter(currency="USD").count() == 14
    budgets = list(Budget.objects.select_related("category"))
    assert len(budgets) == 2
    figures = budget_figures(budgets)
    assert any(figure.consumed > 0 for figure in figures.values())
    rfq = Rfq.objects.get()
    assert (rfq.status, rfq.currency) == (RfqStatus.SENT, "EUR")
    assert rfq.request is not None
    assert rfq.request.exchange_rate is not None
    assert rfq.request.exchange_rate > Decimal(1)
    statuses = sorted(rfq.invitations.values_list("status", flat=True))
    assert RfqInvitationStatus.RESPONDED in statuses
    assert RfqInvitationStatus.INVITED in statuses

    before = (ExchangeRate.objects.count(), Budget.objects.count(), Rfq.objects.count())
    run_seed(SeedContext(verbosity=0))
    assert (ExchangeRate.objects.count(), Budget.objects.count(), Rfq.objects.count()) == before
