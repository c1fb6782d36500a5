"""The base of the domains' API viewsets: the acting user, input validation, ETag detail
responses, and lists served through the fast read path (procura.core.listing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.etag import ETagReadMixin, check_if_match, compute_etag
from procura.core.listing import ListRows, PageExtra, list_plan
from procura.core.serializers import requested_fields


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> Any:
    """The validated data of ``data`` read with ``serializer_class`` (400 problem+json when
    it is not valid)."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class FastListMixin(mixins.ListModelMixin):
    """``list`` reads only the columns the list serializer shows and writes plain data (see
    procura.core.listing); filters, search, ordering, ``?fields=`` and pagination work as
    with ``ListModelMixin``, and the output is the serializer's.

    A list field that is not a column (a method field, a property) is read for the whole page
    by the function ``list_extras()`` gives for it (see ``procura.core.listing.PageExtra``), or
    with the list's own query from the expression ``list_annotations()`` gives for it."""

    def list_extras(self) -> dict[str, PageExtra]:
        return {}

    def list_annotations(self) -> dict[str, Any]:
        return {}

    def list_source(self, queryset: QuerySet[Any], *, fields: set[str] | None) -> ListRows:
        """The objects of ``queryset`` as the list writes them (``fields``: only those)."""
        plan = list_plan(self.get_serializer_class())  # type: ignore[attr-defined]
        return plan.source(
            queryset,
            fields=fields,
            extras=self.list_extras(),
            annotations=self.list_annotations(),
        )

    def list_rows(self, request: Request) -> ListRows:
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        return self.list_source(queryset, fields=requested_fields({"request": request}))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.list_rows(request)
        page = self.paginate_queryset(rows)  # type: ignore[attr-defined]
        if page is not None:
            return self.get_paginated_response(page)  # type: ignore[attr-defined]
        return Response(rows.all())


class ProcuraViewSet(ETagReadMixin, viewsets.GenericViewSet):
    """The base of every domain viewset. Permissions come from the permission matrix (the
    project's default permission class) for ``permission_resource``; a detail GET answers
    with an ETag and honours If-None-Match; a write answers with the object as a GET of it
    returns it (``render_detail``, ``created``, ``patch_with_etag``). Add
    ``FastListMixin`` for a list on the fast read path, ``ETagMixin`` before DRF's
    ``UpdateModelMixin`` for PUT/PATCH with If-Match."""

    permission_resource: ClassVar[str]

    @property
    def actor(self) -> Any:
        """The signed-in user (the permission classes let no anonymous request through); the
        project's user model, which core does not import."""
        return self.request.user

    def reread(self, instance: Model) -> Any:
        """``instance`` fresh from the detail queryset (its joins and annotations)."""
        self.action = "retrieve"
        return self.get_queryset().get(pk=instance.pk)

    def representation(self, instance: Model) -> Any:
        """The object as a GET of it returns it."""
        return self.get_serializer(self.reread(instance)).data

    def render_detail(self, obj: Model, *, status: int = 200) -> Response:
        """The object as a GET of it returns it, with its ETag."""
        body = self.representation(obj)
        return Response(body, status=status, headers={"ETag": compute_etag(body)})

    def created(self, instance: Model) -> Response:
        return self.render_detail(instance, status=201)

    def patch_with_etag(
        self,
        request: Request,
        input_serializer: type[serializers.Serializer],
        change: Callable[[Any, dict[str, Any]], Model],
    ) -> Response:
        """PATCH: a stale If-Match is 412; validate, call the service, answer with the new
        ETag."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = validated(input_serializer, request.data, partial=True)
        return self.render_detail(change(instance, dict(data)))
