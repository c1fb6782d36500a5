"""A prepared query returns what its queryset returns, for each new value, and refuses a
parameter that does not reach the SQL as given."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from procura.core.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def test_each_value_reads_its_own_rows_with_their_related_objects():
    north, south = Group.objects.bulk_create([Group(name="north"), Group(name="south")])
    north.permissions.add(*Permission.objects.order_by("pk")[:2])
    south.permissions.add(*Permission.objects.order_by("-pk")[:1])
    prepared = PreparedQuery(
        lambda name: (
            Permission.objects.filter(group__name=name)
            .select_related("content_type")
            .order_by("pk")
        ),
        "name",
    )

    for name in ("south", "north", "nowhere", "south"):
        expected = list(
            Permission.objects.filter(group__name=name)
            .select_related("content_type")
            .order_by("pk")
        )
        found = prepared.all(name=name)
        assert found == expected
        assert [p.content_type.model for p in found] == [p.content_type.model for p in expected]
    assert prepared.first(name="west") is None


def test_a_value_the_lookup_transforms_is_refused():
    prepared = PreparedQuery(lambda name: Group.objects.filter(name__contains=name), "name")

    with pytest.raises(ValueError, match="placeholders"):
        prepared.all(name="or")
