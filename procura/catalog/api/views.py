"""Catalog API: categories (tree), tax categories and rates, products (with CSV import and
export). Everyone signed in reads; customers see active products only and no costs; procurement
writes categories and products, finance tax data; admin everything."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.roles import STAFF_ROLES
from procura.audit.history import HistoryMixin
from procura.catalog import errors, selectors
from procura.catalog.api.filters import ProductFilter, ProductSearchFilter, TaxRateFilter
from procura.catalog.api.pagination import ProductPagination, with_tiebreaker
from procura.catalog.api.schema import product_for_reader
from procura.catalog.api.serializers import (
    CategoryCreateSerializer,
    CategoryMoveSerializer,
    CategoryRenameSerializer,
    CategorySerializer,
    CategoryTreeNodeSerializer,
    ProductPublicSerializer,
    ProductResolveResultSerializer,
    ProductResolveSerializer,
    ProductSerializer,
    ProductWriteSerializer,
    SupplierItemCreateSerializer,
    SupplierItemSerializer,
    SupplierItemUpdateSerializer,
    TaxCategorySerializer,
    TaxCategoryUpdateSerializer,
    TaxRateLookupResultSerializer,
    TaxRateLookupSerializer,
    TaxRateSerializer,
    TaxRateUpdateSerializer,
)
from procura.catalog.models import (
    PRODUCT_SORT_COLUMNS,
    Category,
    Product,
    SupplierItem,
    TaxCategory,
    TaxRate,
)
from procura.catalog.product_csv import product_export_columns
from procura.catalog.services import categories as category_services
from procura.catalog.services import products as product_services
from procura.catalog.services import supplier_items as supplier_item_services
from procura.catalog.services import taxes as tax_services
from procura.catalog.services.imports import product_import
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.csv_io import (
    CsvRenderer,
    ImportQuerySerializer,
    ImportReportSerializer,
    ImportUploadSerializer,
    csv_response,
)
from procura.core.errors import NotAllowed
from procura.core.filters import ProcuraFilterBackend, ProcuraOrderingFilter
from procura.core.permissions import has_any_role
from procura.core.renderers import ProcuraJSONRenderer

EXPORT_CHUNK = 2000


def sees_costs(request: Request) -> bool:
    """Staff see costs and inactive products; customers (and users without a role) do not."""
    return has_any_role(request.user, STAFF_ROLES)


# --- categories ---------------------------------------------------------------------------------


class CategoryViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    """The category tree. Product counts include subcategories."""

    permission_resource = "category"
    serializer_class = CategorySerializer
    search_fields = ["name"]
    ordering_fields = ["path", "name", "level"]
    filterset_fields = ["parent", "level"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.category_list()

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.action in {
            "list",
            "retrieve",
            "ancestors",
            "descendants",
            "partial_update",
            "move",
        }:
            context["product_counts"] = selectors.category_product_counts(
                active_only=not sees_costs(self.request)
            )
        return context

    @extend_schema(request=CategoryCreateSerializer, responses={201: CategorySerializer})
    def create(self, request: Request) -> Response:
        data = validated(CategoryCreateSerializer, request.data)
        category = category_services.category_create(
            name=data["name"], parent=data["parent"], by=self.actor
        )
        return self.created(category)

    @extend_schema(request=CategoryRenameSerializer, responses=CategorySerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.patch_with_etag(
            request,
            CategoryRenameSerializer,
            lambda category, data: category_services.category_rename(
                category=category, name=data.get("name", category.name), by=self.actor
            ),
        )

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        category_services.category_delete(category=self.get_object(), by=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=CategoryMoveSerializer, responses=CategorySerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        """Move the category and its subtree under another parent (null: to the top)."""
        data = validated(CategoryMoveSerializer, request.data)
        category = category_services.category_move(
            category=self.get_object(), new_parent=data["parent"], by=self.actor
        )
        return Response(self.representation(category))

    @extend_schema(responses=CategoryTreeNodeSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def tree(self, request: Request) -> Response:
        """The whole tree, nested, in one query."""
        roots = selectors.category_tree(active_only=not sees_costs(request))
        return Response(CategoryTreeNodeSerializer(roots, many=True).data)

    @extend_schema(responses=CategorySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def ancestors(self, request: Request, pk: str) -> Response:
        """From the root down to the parent."""
        category = self.get_object()
        rows = self.get_queryset().filter(pk__in=selectors.category_ancestors(category=category))
        return Response(self.get_serializer(rows.order_by("level"), many=True).data)

    @extend_schema(responses=CategorySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def descendants(self, request: Request, pk: str) -> Response:
        """Every subcategory, depth first."""
        category = self.get_object()
        rows = self.get_queryset().filter(
            pk__in=selectors.category_descendants(category=category).values("pk")
        )
        return Response(self.get_serializer(rows.order_by("path"), many=True).data)


# --- tax ----------------------------------------------------------------------------------------


class TaxCategoryViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    permission_resource = "tax_category"
    serializer_class = TaxCategorySerializer
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]
    filterset_fields = ["is_active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[TaxCategory]:
        return selectors.tax_category_list()

    @extend_schema(request=TaxCategorySerializer, responses={201: TaxCategorySerializer})
    def create(self, request: Request) -> Response:
        data = validated(TaxCategorySerializer, request.data)
        tax_category = tax_services.tax_category_create(
            code=data["code"],
            name=data["name"],
            description=data.get("description", ""),
            by=self.actor,
        )
        return self.created(tax_category)

    @extend_schema(request=TaxCategoryUpdateSerializer, responses=TaxCategorySerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.patch_with_etag(
            request,
            TaxCategoryUpdateSerializer,
            lambda tax_category, data: tax_services.tax_category_update(
                tax_category=tax_category, data=data, by=self.actor
            ),
        )


class TaxRateViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    permission_resource = "tax_rate"
    serializer_class = TaxRateSerializer
    filterset_class = TaxRateFilter
    ordering_fields = ["region", "valid_from", "rate_percent"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[TaxRate]:
        return selectors.tax_rate_list()

    @extend_schema(request=TaxRateSerializer, responses={201: TaxRateSerializer})
    def create(self, request: Request) -> Response:
        data = validated(TaxRateSerializer, request.data)
        rate = tax_services.tax_rate_create(
            tax_category=data["tax_category"],
            region=data["region"],
            rate_percent=data["rate_percent"],
            valid_from=data["valid_from"],
            by=self.actor,
        )
        return self.created(rate)

    @extend_schema(request=TaxRateUpdateSerializer, responses=TaxRateSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.patch_with_etag(
            request,
            TaxRateUpdateSerializer,
            lambda rate, data: tax_services.tax_rate_update(rate=rate, data=data, by=self.actor),
        )

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        tax_services.tax_rate_delete(rate=self.get_object(), by=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[TaxRateLookupSerializer],
        responses=TaxRateLookupResultSerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def lookup(self, request: Request) -> Response:
        """The rate of a tax category in a region on a day (today by default)."""
        data = validated(TaxRateLookupSerializer, request.query_params)
        on = data.get("on") or timezone.localdate()
        rate = selectors.tax_rate_for(
            tax_category=data["tax_category"], region=data["region"], on=on
        )
        result = {
            "tax_category": data["tax_category"].pk,
            "region": data["region"].strip().upper(),
            "on": on,
            "rate_percent": rate,
        }
        return Response(TaxRateLookupResultSerializer(result).data)


# --- products -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(responses=product_for_reader(many=True)),
    retrieve=extend_schema(responses=product_for_reader()),
)
class ProductViewSet(HistoryMixin, FastListMixin, ProcuraViewSet):
    """Products. Customers see active products only, without costs (``ProductPublic``)."""

    permission_resource = "product"
    permission_actions = {"resolve": "view"}
    filterset_class = ProductFilter
    # SKU, name and GTIN in one column (one index): each term matches a part of any of them
    # (a term of one or two characters: the start of a word).
    search_fields = ["search_text"]
    filter_backends = [ProcuraFilterBackend, ProductSearchFilter, ProcuraOrderingFilter]
    ordering_fields = list(PRODUCT_SORT_COLUMNS)
    ordering = ["sku"]
    pagination_class = ProductPagination
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Product]:
        return selectors.product_list(include_inactive=sees_costs(self.request))

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Filtered, searched and sorted, with the primary key breaking ties of the order."""
        return with_tiebreaker(super().filter_queryset(queryset))

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if getattr(self, "swagger_fake_view", False) or sees_costs(self.request):
            return ProductSerializer
        return ProductPublicSerializer

    @extend_schema(request=ProductWriteSerializer, responses={201: ProductSerializer})
    def create(self, request: Request) -> Response:
        data = validated(ProductWriteSerializer, request.data)
        product = product_services.product_create(by=self.actor, **data)
        return self.created(product)

    @extend_schema(request=ProductWriteSerializer, responses=ProductSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.patch_with_etag(
            request,
            ProductWriteSerializer,
            lambda product, data: product_services.product_update(
                product=product, data=data, by=self.actor
            ),
        )

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str) -> Response:
        """Take the product out of use (it is never deleted once referenced)."""
        product = product_services.product_deactivate(product=self.get_object(), by=self.actor)
        return Response(self.representation(product))

    @extend_schema(request=None, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str) -> Response:
        product = product_services.product_reactivate(product=self.get_object(), by=self.actor)
        return Response(self.representation(product))

    @extend_schema(
        parameters=[ImportQuerySerializer],
        request={"multipart/form-data": ImportUploadSerializer},
        responses=ImportReportSerializer,
        filters=False,
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser],
        filter_backends=[],
    )
    def import_csv(self, request: Request) -> Response:
        """Create and update products from a CSV file. ``dry_run=true`` (the default) only
        checks; ``dry_run=false`` writes all rows or, when any row is bad, none (400)."""
        query = validated(ImportQuerySerializer, request.query_params)
        upload = validated(ImportUploadSerializer, request.data)["file"]
        report = product_import(upload=upload, dry_run=query["dry_run"], by=self.actor)
        return Response(report.as_dict())

    @extend_schema(
        request=ProductResolveSerializer, responses=ProductResolveResultSerializer, filters=False
    )
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def resolve(self, request: Request) -> Response:
        """Find the products a pasted block names, in one request: each identifier is read as a
        SKU, else (with ``supplier``) that supplier's own product code, else a GTIN (leading
        zeros optional), else an exact product name. Identifiers that
        fit no product, several products or only an inactive one say so; nothing is guessed."""
        data = validated(ProductResolveSerializer, request.data)
        staff = sees_costs(request)
        supplier = data.get("supplier")
        if supplier is not None and not staff:
            raise NotAllowed(errors.SUPPLIER_CODES_STAFF_ONLY, code="permission_denied")
        results = selectors.product_resolve(
            identifiers=data["identifiers"],
            include_inactive=staff,
            supplier_id=supplier.pk if supplier is not None else None,
        )
        return Response(ProductResolveResultSerializer({"results": results}).data)

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(
        detail=False,
        methods=["get"],
        pagination_class=None,
        renderer_classes=[ProcuraJSONRenderer, CsvRenderer],
    )
    def export(self, request: Request) -> Any:
        """The products matching the list filters, as CSV in the import's format."""
        products = self.filter_queryset(self.get_queryset())
        columns = product_export_columns(with_costs=sees_costs(request))
        filename = f"products-{timezone.localdate().isoformat()}.csv"
        return csv_response(products.iterator(chunk_size=EXPORT_CHUNK), columns, filename=filename)


# --- supplier items -----------------------------------------------------------------------------


class SupplierItemViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    """Supplier items carry purchase prices: staff only."""

    permission_resource = "supplier_item"
    serializer_class = SupplierItemSerializer
    filterset_fields = ["supplier", "product", "is_active", "currency"]
    search_fields = ["supplier_sku", "product__sku", "product__name", "supplier__name"]
    ordering_fields = ["supplier_sku", "price", "lead_time_days", "updated_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[SupplierItem]:
        return selectors.supplier_item_list()

    @extend_schema(request=SupplierItemCreateSerializer, responses={201: SupplierItemSerializer})
    def create(self, request: Request) -> Response:
        data = validated(SupplierItemCreateSerializer, request.data)
        item = supplier_item_services.supplier_item_create(by=self.actor, **data)
        return self.created(item)

    @extend_schema(request=SupplierItemUpdateSerializer, responses=SupplierItemSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.patch_with_etag(
            request,
            SupplierItemUpdateSerializer,
            lambda item, data: supplier_item_services.supplier_item_update(
                item=item, data=data, by=self.actor
            ),
        )
