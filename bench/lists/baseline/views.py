"""The same 50-orders-with-lines page three ways: the textbook serializer with its N+1
queries, the same with select_related/prefetch_related, and values() + orjson (the floor)."""

from __future__ import annotations

import orjson
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from rest_framework import generics, serializers

from baseline.models import PurchaseOrder, PurchaseOrderLine

ORDER_FIELDS = [
    "id", "number", "status", "supplier", "supplier_name", "ship_to", "ship_to_code",
    "currency", "payment_terms_days", "expected_date", "total", "revision", "notes",
    "issued_at", "closed_at", "cancelled_at", "archived_at", "last_mailed_at",
    "mailed_revision", "last_mail_error", "lines", "created_at", "updated_at",
]  # fmt: skip
LINE_FIELDS = [
    "id", "line_no", "product", "description", "quantity", "unit", "unit_price",
    "line_total", "quantity_received", "quantity_invoiced", "request_item",
]  # fmt: skip


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = PurchaseOrderLine
        fields = LINE_FIELDS


class OrderSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name")
    ship_to_code = serializers.CharField(source="ship_to.code")
    lines = LineSerializer(many=True)

    class Meta:
        model = PurchaseOrder
        fields = ORDER_FIELDS


class NaiveList(generics.ListAPIView):
    serializer_class = OrderSerializer
    queryset = PurchaseOrder.objects.all()


class PrefetchList(generics.ListAPIView):
    serializer_class = OrderSerializer
    queryset = PurchaseOrder.objects.select_related("supplier", "ship_to").prefetch_related("lines")


def _iso(value):
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _dec(value):
    return None if value is None else f"{value:f}"


def floor_list(request: HttpRequest) -> HttpResponse:
    columns = [f for f in ORDER_FIELDS if f not in {"supplier_name", "ship_to_code", "lines"}]
    queryset = PurchaseOrder.objects.values(
        *columns, supplier_name_=F("supplier__name"), ship_to_code_=F("ship_to__code")
    )
    number = int(request.GET.get("page", 1))
    page = Paginator(queryset, int(request.GET.get("page_size", 50))).page(number)
    orders = list(page.object_list)
    lines: dict[int, list[dict]] = {}
    for line in PurchaseOrderLine.objects.filter(order_id__in=[o["id"] for o in orders]).values(
        "order_id", *LINE_FIELDS
    ):
        order_id = line.pop("order_id")
        for key in ("quantity", "unit_price", "line_total", "quantity_received",
                    "quantity_invoiced"):  # fmt: skip
            line[key] = _dec(line[key])
        lines.setdefault(order_id, []).append(line)
    results = []
    for order in orders:
        row = {}
        for name in ORDER_FIELDS:
            if name == "supplier_name":
                row[name] = order["supplier_name_"]
            elif name == "ship_to_code":
                row[name] = order["ship_to_code_"]
            elif name == "lines":
                row[name] = lines.get(order["id"], [])
            elif name == "total":
                row[name] = _dec(order[name])
            elif name == "expected_date":
                row[name] = None if order[name] is None else order[name].isoformat()
            elif name.endswith("_at"):
                row[name] = _iso(order[name])
            else:
                row[name] = order[name]
        results.append(row)
    body = {
        "count": page.paginator.count,
        "next": f"?page={number + 1}" if page.has_next() else None,
        "previous": f"?page={number - 1}" if page.has_previous() else None,
        "results": results,
    }
    return HttpResponse(orjson.dumps(body), content_type="application/json")
