"""Exchange rates: everyone on staff reads them; finance and admins set and import them."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.permissions import MatrixPermission
from procura.core.errors import InvalidInput
from procura.currency import selectors, services
from procura.currency.api import serializers as s
from procura.currency.models import ExchangeRate

MAX_RATE_FILE_BYTES = 20 * 1024 * 1024


class ExchangeRateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Daily exchange rates (1 ``base`` = ``rate`` ``currency``). POST sets one rate by hand;
    ``import/`` takes an ECB reference rates XML file; ``convert/`` converts an amount."""

    permission_classes = [MatrixPermission]
    permission_resource = "exchange_rate"
    permission_actions = {"import_file": "import"}
    serializer_class = s.ExchangeRateSerializer
    filterset_fields = ["base", "currency", "rate_date", "source"]
    ordering_fields = ["rate_date", "currency"]

    def get_queryset(self) -> Any:
        return selectors.exchange_rate_list()

    def create(self, request: Request) -> Response:
        serializer = s.ExchangeRateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row: ExchangeRate = services.exchange_rate_set(by=request.user, **serializer.validated_data)
        return Response(s.ExchangeRateSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.RateImportUploadSerializer},
        responses={200: s.RateImportSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_file(self, request: Request) -> Response:
        upload = s.RateImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        if file.size > MAX_RATE_FILE_BYTES:
            raise InvalidInput("The file is too large.", errors={"file": ["At most 20 MB."]})
        result = services.exchange_rates_import_ecb(content=file.read(), by=request.user)
        return Response(s.RateImportSerializer(result).data)

    @extend_schema(
        parameters=[s.ConvertQuerySerializer],
        responses={200: s.ConversionSerializer},
    )
    @action(detail=False, methods=["get"])
    def convert(self, request: Request) -> Response:
        query = s.ConvertQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        target = data.get("to") or selectors.company_currency()
        rate = selectors.rate_get(
            source=data["currency"], target=target, on=data.get("on") or timezone.localdate()
        )
        body = {
            "amount": data["amount"],
            "currency": rate.source,
            "to": rate.target,
            "rate": rate.value,
            "rate_date": rate.rate_date,
            "converted": rate.convert(data["amount"]),
        }
        return Response(s.ConversionSerializer(body).data)

    @extend_schema(responses={200: s.CompanyCurrencySerializer})
    @action(detail=False, methods=["get"], url_path="company-currency")
    def company_currency(self, request: Request) -> Response:
        return Response({"currency": selectors.company_currency()})
