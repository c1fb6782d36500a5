"""Partner endpoints: list (filters, search, ordering), create, retrieve with ETag, PATCH with
If-Match, deactivate/reactivate, history; CSV import and export of suppliers, customers, plants and
carriers. Partners are never deleted: DELETE answers 405 and points to deactivate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import ProcuraViewSet
from procura.core.csv_io import (
    CsvRenderer,
    ImportReportSerializer,
    ImportSpec,
    ImportUploadSerializer,
    csv_response,
    run_import,
)
from procura.core.etag import ETagMixin
from procura.core.renderers import ProcuraJSONRenderer
from procura.documents import selectors as documents_selectors
from procura.documents.extraction.hints import LEARNABLE_FIELDS
from procura.partners import selectors, services
from procura.partners.api import filters
from procura.partners.api import serializers as s
from procura.partners.csv_formats import (
    CarrierImport,
    CustomerImport,
    PlantImport,
    SupplierImport,
    export_columns,
)
from procura.partners.field_rules import customer_hidden_fields
from procura.partners.models import PARTY_FIELDS

NO_DELETE = "Partners are never deleted; deactivate it with POST {path}deactivate/ instead."
NO_FILE = "Attach the CSV file as the multipart field 'file'."
UNKNOWN_HINT_FIELD = "The reader learns no field named {field!r}."
ONE_PARTY = "Give exactly one of supplier, plant, customer or carrier."
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
EXPORT_CHUNK = 2_000

Service = Callable[..., Any]


class PartnerViewSet(
    HistoryMixin,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ProcuraViewSet,
):
    """What every partner endpoint shares. A subclass names its selectors, serializers and the
    services for its writes."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    list_serializer_class: ClassVar[type[serializers.Serializer]]
    list_queryset: ClassVar[Callable[[], QuerySet[Any]]]
    detail_queryset: ClassVar[Callable[[], QuerySet[Any]]]
    service_kwarg: ClassVar[str]
    deactivate_service: ClassVar[Service]
    reactivate_service: ClassVar[Service]

    def http_method_not_allowed(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        if request.method == "DELETE":
            path = request.path if request.path.endswith("/") else request.path + "/"
            raise MethodNotAllowed("DELETE", detail=NO_DELETE.format(path=path))
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        if self.action in ("list", "export"):
            return type(self).list_queryset()
        return type(self).detail_queryset()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in ("list", "export"):
            return self.list_serializer_class
        return super().get_serializer_class()

    def create_object(self, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = self.reread(self.create_object(dict(serializer.validated_data)))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        changed = self.update_object(serializer.instance, dict(serializer.validated_data))
        serializer.instance = self.reread(changed)

    def _transition(self, request: Request, service: Service) -> Response:
        return self.render_detail(service(**{self.service_kwarg: self.get_object()}, by=self.actor))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        """Deactivate (409 when already inactive). Referenced partners are never deleted."""
        return self._transition(request, type(self).deactivate_service)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        """Reactivate (409 when already active)."""
        return self._transition(request, type(self).reactivate_service)


class CsvViewSetMixin:
    """``POST .../import/?dry_run=true`` (multipart ``file``) and ``GET .../export/``."""

    import_spec: ClassVar[type[ImportSpec[Any]]]
    export_name: ClassVar[str]

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        parameters=[
            OpenApiParameter(
                "dry_run",
                OpenApiTypes.BOOL,
                description="Check every row and report; write nothing.",
            )
        ],
        responses={200: ImportReportSerializer},
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_csv(self, request: Request) -> Response:
        """Import a CSV file keyed by code: a dry run reports every bad row (line, field,
        reason) and writes nothing; a commit writes all rows or none (400 with the report)."""
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": [NO_FILE]})
        dry_run = request.query_params.get("dry_run", "").lower() in TRUE_WORDS
        report = run_import(self.import_spec(actor=request.user), upload, dry_run=dry_run)
        return Response(report.as_dict())

    @extend_schema(
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV file")}
    )
    @action(detail=False, methods=["get"], renderer_classes=[ProcuraJSONRenderer, CsvRenderer])
    def export(self, request: Request) -> StreamingHttpResponse:
        """The list as CSV, honouring the list's filters, search and ordering; the file
        imports back unchanged."""
        view: Any = self
        rows = view.filter_queryset(view.get_queryset()).iterator(chunk_size=EXPORT_CHUNK)
        columns = export_columns(self.import_spec, hidden=self.hidden_fields())
        return csv_response(rows, columns, filename=self.export_name)

    def hidden_fields(self) -> frozenset[str]:
        """Fields the person may not read, left out of the export as they are on screen."""
        return frozenset()


def _with_addresses(data: dict[str, Any]) -> dict[str, Any]:
    return {"addresses": data.pop("addresses", None), "data": data}


class SupplierViewSet(CsvViewSetMixin, PartnerViewSet):
    permission_resource = "supplier"
    serializer_class = s.SupplierDetailSerializer
    list_serializer_class = s.SupplierSerializer
    list_queryset = selectors.supplier_list
    detail_queryset = selectors.supplier_detail_queryset
    filterset_class = filters.SupplierFilter
    search_fields = ["code", "name", "legal_name", "tax_id"]
    ordering_fields = ["code", "name", "payment_terms_days", "created_at", "updated_at"]
    ordering = ["code"]
    service_kwarg = "supplier"
    deactivate_service = services.supplier_deactivate
    reactivate_service = services.supplier_reactivate
    import_spec = SupplierImport
    export_name = "suppliers.csv"
    # DELETE only forgets what the invoice reader learned; the supplier itself is never deleted.
    http_method_names = [*PartnerViewSet.http_method_names, "delete"]
    permission_actions: ClassVar[dict[str, str]] = {
        "reading_hints": "supplier_reading_hints.view",
        "reading_hints_reset": "supplier_reading_hints.reset",
        "reading_hint_reset": "supplier_reading_hints.reset",
    }

    def create_object(self, data: dict[str, Any]) -> Model:
        return services.supplier_create(by=self.actor, **_with_addresses(data))

    @extend_schema(responses=s.ReadingHintsSerializer)
    @action(detail=True, methods=["get"], url_path="reading-hints")
    def reading_hints(self, request: Request, pk: str | None = None) -> Response:
        """What the invoice reader learned about this supplier's invoices from people's
        corrections and approvals: per field, the label (or place) it reads the value by, the
        value and invoice it was learned from, when and by whom."""
        supplier = self.get_object()
        lessons = documents_selectors.supplier_hint_lessons(supplier_ref=supplier.pk)
        return Response(s.ReadingHintsSerializer(lessons).data)

    @extend_schema(
        request=None, responses={204: None}, operation_id="suppliers_reading_hints_reset"
    )
    @reading_hints.mapping.delete
    def reading_hints_reset(self, request: Request, pk: str | None = None) -> Response:
        """Forget everything the reader learned about this supplier's invoices: the next ones
        are read as if none had been corrected. Recorded in the supplier's history."""
        services.supplier_reading_hints_reset(supplier=self.get_object(), by=self.actor)
        return Response(status=204)

    @extend_schema(
        request=None,
        responses={204: None},
        operation_id="suppliers_reading_hint_reset",
        parameters=[
            OpenApiParameter(
                "field", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(LEARNABLE_FIELDS)
            )
        ],
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"reading-hints/(?P<field>[^/.]+)",
    )
    def reading_hint_reset(
        self, request: Request, pk: str | None = None, field: str | None = None
    ) -> Response:
        """Forget what the reader learned about one field of this supplier's invoices."""
        supplier = self.get_object()
        if field not in LEARNABLE_FIELDS:
            raise NotFound(UNKNOWN_HINT_FIELD.format(field=field))
        services.supplier_reading_hints_reset(supplier=supplier, by=self.actor, field=field)
        return Response(status=204)

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.supplier_update(supplier=instance, by=self.actor, **_with_addresses(data))


class CustomerViewSet(CsvViewSetMixin, PartnerViewSet):
    """Finance may PATCH a customer's credit limit and payment terms (nothing else)."""

    permission_resource = "customer"
    serializer_class = s.CustomerDetailSerializer
    list_serializer_class = s.CustomerSerializer
    list_queryset = selectors.customer_list
    detail_queryset = selectors.customer_detail_queryset
    filterset_class = filters.CustomerFilter
    search_fields = ["code", "name", "legal_name", "tax_id"]
    ordering_fields = ["code", "name", "credit_limit", "payment_terms_days", "created_at"]
    ordering = ["code"]
    service_kwarg = "customer"
    deactivate_service = services.customer_deactivate
    reactivate_service = services.customer_reactivate
    import_spec = CustomerImport
    export_name = "customers.csv"

    def hidden_fields(self) -> frozenset[str]:
        return customer_hidden_fields(self.request.user)

    def create_object(self, data: dict[str, Any]) -> Model:
        return services.customer_create(by=self.actor, **_with_addresses(data))

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.customer_update(customer=instance, by=self.actor, **_with_addresses(data))


class PlantViewSet(CsvViewSetMixin, PartnerViewSet):
    permission_resource = "plant"
    serializer_class = s.PlantDetailSerializer
    list_serializer_class = s.PlantSerializer
    list_queryset = selectors.plant_list
    detail_queryset = selectors.plant_detail_queryset
    filterset_class = filters.PlantFilter
    search_fields = ["code", "name", "establishment_number", "city", "supplier__code"]
    ordering_fields = ["code", "name", "establishment_number", "city", "created_at"]
    ordering = ["code"]
    service_kwarg = "plant"
    deactivate_service = services.plant_deactivate
    reactivate_service = services.plant_reactivate
    import_spec = PlantImport
    export_name = "plants.csv"

    def create_object(self, data: dict[str, Any]) -> Model:
        return services.plant_create(by=self.actor, data=data)

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.plant_update(plant=instance, by=self.actor, data=data)


class CarrierViewSet(CsvViewSetMixin, PartnerViewSet):
    """``?insurance_expiring_within=30`` lists carriers whose insurance ends within 30 days,
    the already expired ones included (``insurance_expired: true``)."""

    permission_resource = "carrier"
    serializer_class = s.CarrierDetailSerializer
    list_serializer_class = s.CarrierSerializer
    list_queryset = selectors.carrier_list
    detail_queryset = selectors.carrier_detail_queryset
    filterset_class = filters.CarrierFilter
    search_fields = ["name", "scac", "mc_number", "dot_number"]
    ordering_fields = ["name", "scac", "insurance_expires_on", "created_at"]
    ordering = ["name"]
    service_kwarg = "carrier"
    deactivate_service = services.carrier_deactivate
    reactivate_service = services.carrier_reactivate
    import_spec = CarrierImport
    export_name = "carriers.csv"

    def create_object(self, data: dict[str, Any]) -> Model:
        return services.carrier_create(by=self.actor, data=data)

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.carrier_update(carrier=instance, by=self.actor, data=data)


class SupplierPlantViewSet(PartnerViewSet):
    """Which supplier sells which products from which plant, and to which approved customers.
    Filter by ``supplier``, ``plant``, ``customer`` or ``product``."""

    permission_resource = "supplier_plant_mapping"
    serializer_class = s.SupplierPlantSerializer
    list_serializer_class = s.SupplierPlantSerializer
    list_queryset = selectors.supplier_plant_list
    detail_queryset = selectors.supplier_plant_list
    filterset_class = filters.SupplierPlantFilter
    search_fields = ["supplier__code", "supplier__name", "plant__code", "plant__name"]
    ordering_fields = ["supplier__code", "plant__code", "created_at"]
    ordering = ["supplier__code", "plant__code"]
    service_kwarg = "link"
    deactivate_service = services.supplier_plant_deactivate
    reactivate_service = services.supplier_plant_reactivate

    def create_object(self, data: dict[str, Any]) -> Model:
        return services.supplier_plant_create(by=self.actor, **data)

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.supplier_plant_update(
            link=instance,
            by=self.actor,
            approved_customers=data.pop("approved_customers", None),
            products=data.pop("products", None),
            data=data,
        )


class ContactViewSet(PartnerViewSet):
    """Contacts of a supplier, plant, customer or carrier (exactly one). ``is_primary: true``
    or ``POST {id}/make-primary/`` demotes the party's previous primary contact."""

    permission_resource = "contact"
    serializer_class = s.ContactSerializer
    list_serializer_class = s.ContactSerializer
    list_queryset = selectors.contact_list
    detail_queryset = selectors.contact_list
    filterset_class = filters.ContactFilter
    search_fields = ["name", "email", "phone", "title"]
    ordering_fields = ["name", "email", "created_at"]
    ordering = ["name"]
    service_kwarg = "contact"
    deactivate_service = services.contact_deactivate
    reactivate_service = services.contact_reactivate

    def create_object(self, data: dict[str, Any]) -> Model:
        given = [data.pop(field, None) for field in PARTY_FIELDS]
        parties = [party for party in given if party is not None]
        if len(parties) != 1:
            raise serializers.ValidationError({"party": [ONE_PARTY]})
        return services.contact_create(by=self.actor, party=parties[0], data=data)

    def update_object(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.contact_update(contact=instance, by=self.actor, data=data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="make-primary")
    def make_primary(self, request: Request, pk: str | None = None) -> Response:
        """Make this the party's primary contact; the previous one is demoted."""
        return self._transition(request, services.contact_set_primary)
