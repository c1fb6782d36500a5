"""The demo data shows the broker's trade: lots with catch weights, a credit note, a recall and
a drop-ship deal, and seeding twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from procura.audit.models import AuditEvent
from procura.inventory.models import Lot, LotStock, StockLevel
from procura.procurement.models import BackToBackLink, LandedCharge
from procura.sales.models import CreditNote, ShipmentLine

pytestmark = pytest.mark.django_db


def test_demo_has_lots_catch_weights_a_credit_note_a_recall_and_a_deal(demo_data):
    lots = Lot.objects.filter(product__sku="BEEF-RIBEYE-LIP-CW")
    first = (lots.count(), CreditNote.objects.count(), BackToBackLink.objects.count())

    call_command("seed_demo", verbosity=0)

    assert first == (2, 1, 1)
    assert (lots.count(), CreditNote.objects.count(), BackToBackLink.objects.count()) == first
    level = StockLevel.objects.get(product__sku="BEEF-RIBEYE-LIP-CW")
    assert level.on_hand == Decimal("2.000")
    lot_weight = sum(s.weight_on_hand for s in LotStock.objects.filter(lot__in=lots))
    assert level.weight_on_hand == lot_weight == Decimal("122.100")  # 62.10 + 60.00 left of lot B
    assert ShipmentLine.objects.filter(lot__in=lots, weight__isnull=False).count() == 4
    assert LandedCharge.objects.filter(reference="FRT-DEMO-1").exists()
    assert AuditEvent.objects.filter(action="recall.notified").exists()
