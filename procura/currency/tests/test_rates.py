"""Importing ECB rates and finding the rate between two currencies on a day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.accounts.tests.factories import UserFactory
from procura.core.errors import DomainError, InvalidInput
from procura.currency import errors
from procura.currency.models import ExchangeRate
from procura.currency.selectors import rate_find, rate_get
from procura.currency.services import exchange_rates_import_ecb

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "eurofxref-hist-sample.xml"


@pytest.fixture
def rates() -> None:
    exchange_rates_import_ecb(content=SAMPLE.read_bytes())


def test_importing_the_ecb_file_stores_every_rate_and_a_second_import_changes_nothing(rates):
    assert ExchangeRate.objects.count() == 8
    usd = ExchangeRate.objects.get(currency="USD", rate_date=date(2026, 12, 4))
    assert (usd.base, usd.rate, usd.source) == ("EUR", Decimal("1.0856"), "ecb")

    result = exchange_rates_import_ecb(content=SAMPLE.read_bytes())

    assert result.rates == 8
    assert (result.first_date, result.last_date) == (date(2026, 12, 3), date(2026, 12, 4))
    assert ExchangeRate.objects.count() == 8


def test_a_direct_an_inverse_and_a_cross_rate(rates):
    on = date(2026, 12, 4)

    assert rate_get(source="EUR", target="USD", on=on).value == Decimal("1.0856")
    assert rate_get(source="USD", target="EUR", on=on).value == Decimal("0.92114959")
    gbp_usd = rate_get(source="GBP", target="USD", on=on)
    assert gbp_usd.value == Decimal("1.27000468")  # 1.0856 / 0.8548
    assert gbp_usd.rate_date == on
    assert gbp_usd.convert(Decimal("1000.00")) == Decimal("1270.00")


def test_a_weekend_uses_the_last_rate_and_an_old_rate_is_not_used(rates):
    saturday = date(2026, 12, 5)
    assert rate_get(source="EUR", target="USD", on=saturday).rate_date == date(2026, 12, 4)
    assert rate_get(source="EUR", target="USD", on=date(2026, 12, 3)).value == Decimal("1.0790")

    with override_settings(EXCHANGE_RATE_MAX_AGE_DAYS=10):
        assert rate_find(source="EUR", target="USD", on=date(2026, 12, 20)) is None
        with pytest.raises(DomainError) as raised:
            rate_get(source="EUR", target="USD", on=date(2026, 12, 20))
    assert raised.value.code == "no_exchange_rate"
    assert rate_find(source="EUR", target="USD", on=date(2026, 12, 2)) is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<not xml", "not well-formed"),
        (b"<Envelope><Cube/></Envelope>", "no dated Cube"),
        (b'<E><Cube time="2026-13-01"><Cube currency="USD" rate="1"/></Cube></E>', "bad date"),
        (b'<E><Cube time="2026-12-01"><Cube currency="XXX" rate="1"/></Cube></E>', "currency"),
        (b'<E><Cube time="2026-12-01"><Cube currency="USD" rate="-1"/></Cube></E>', "bad rate"),
        (b'<E><Cube time="2026-12-01"><Cube currency="USD" rate="x"/></Cube></E>', "bad rate"),
        (
            b'<!DOCTYPE x [<!ENTITY e "boom">]><E><Cube time="2026-12-01">&e;</Cube></E>',
            "not well-formed",
        ),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_stored(content, reason):
    with pytest.raises(InvalidInput) as raised:
        exchange_rates_import_ecb(content=content)

    assert reason in raised.value.detail
    assert raised.value.detail.startswith(errors.BAD_RATE_FILE.split("{")[0])
    assert ExchangeRate.objects.count() == 0


def test_the_command_imports_a_file(capsys):
    call_command("import_exchange_rates", str(SAMPLE))

    assert "Imported 8 rates for 4 currencies" in capsys.readouterr().out
    assert ExchangeRate.objects.filter(rate_date=date(2026, 12, 3)).count() == 4


def _client(*roles: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(cast(User, UserFactory(roles=list(roles))))
    return client


def test_finance_uploads_the_file_and_anyone_on_staff_converts():
    finance = _client("finance")
    upload = SimpleUploadedFile("eurofxref.xml", SAMPLE.read_bytes(), content_type="text/xml")

    response = finance.post("/api/v1/exchange-rates/import/", {"file": upload}, format="multipart")

    assert response.status_code == 200, response.content
    assert response.json()["rates"] == 8
    requester = _client("requester")
    converted = requester.get(
        "/api/v1/exchange-rates/convert/",
        {"amount": "250.00", "currency": "GBP", "to": "USD", "on": "2026-12-05"},
    )
    assert converted.status_code == 200
    assert converted.json()["converted"] == "317.50"
    assert converted.json()["rate_date"] == "2026-12-04"
    listing = requester.get("/api/v1/exchange-rates/", {"currency": "USD"})
    assert listing.json()["count"] == 2


def test_a_requester_cannot_import_and_a_missing_rate_is_a_clear_422():
    upload = SimpleUploadedFile("eurofxref.xml", SAMPLE.read_bytes(), content_type="text/xml")
    response = _client("requester").post(
        "/api/v1/exchange-rates/import/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 403

    missing = _client("finance").get(
        "/api/v1/exchange-rates/convert/", {"amount": "1.00", "currency": "GBP", "to": "USD"}
    )
    assert missing.status_code == 422
    assert missing.json()["code"] == "no_exchange_rate"


def test_finance_sets_a_rate_by_hand_and_a_bad_one_is_a_field_error():
    finance = _client("finance")
    ok = finance.post(
        "/api/v1/exchange-rates/",
        {"base": "USD", "currency": "MXN", "rate_date": "2026-12-04", "rate": "18.12345"},
        format="json",
    )
    assert ok.status_code == 201, ok.content
    bad = finance.post(
        "/api/v1/exchange-rates/",
        {"base": "USD", "currency": "USD", "rate_date": "2026-12-04", "rate": "1"},
        format="json",
    )
    assert bad.status_code == 400
    assert "currency" in bad.json()["errors"]
