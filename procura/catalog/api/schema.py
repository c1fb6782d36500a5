"""OpenAPI for the product views: staff and customers receive different shapes.

A product list or detail answers staff with ``Product`` (costs included) and customers with
``ProductPublic`` (no costs). The response is documented as exactly one of the two; the public
shape admits no other properties, so a staff body (which carries the cost fields) matches only
``Product`` and a customer body, which lacks the staff-only required fields, only
``ProductPublic``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import PolymorphicProxySerializer

from procura.catalog.api.serializers import ProductPublicSerializer, ProductSerializer


class ProductPublicSchema(OpenApiSerializerExtension):
    target_class = ProductPublicSerializer

    def map_serializer(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        return {**schema, "additionalProperties": False}


def product_for_reader(*, many: bool = False) -> PolymorphicProxySerializer:
    """The product as its reader receives it: the staff or the customer shape."""
    return PolymorphicProxySerializer(
        component_name="ProductForReader",
        serializers=[ProductSerializer, ProductPublicSerializer],
        resource_type_field_name=None,
        many=many,
    )
