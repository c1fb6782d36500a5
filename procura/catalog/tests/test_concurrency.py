"""Concurrent tree changes on PostgreSQL: real threads, each with its own connection."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from django.conf import settings

from procura.audit.models import AuditChainHead
from procura.catalog.models import Category
from procura.catalog.services.categories import category_move
from procura.catalog.tests.factories import make_category
from procura.core.errors import Conflict
from procura.core.testing import run_concurrently

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL advisory locks"),
    pytest.mark.django_db(transaction=True),
]


def run_together(*works: Callable[[], object]) -> list[object]:
    return run_concurrently(works)


def test_crossed_moves_never_build_a_cycle() -> None:
    AuditChainHead.objects.get_or_create(id=1)
    for round_ in range(5):
        # given two sibling subtrees
        a = make_category(f"A{round_}")
        b = make_category(f"B{round_}")
        make_category("child", a)
        make_category("child", b)

        # when one request moves A under B while another moves B under A
        results = run_together(
            partial(category_move, category=a, new_parent=b, by=None),
            partial(category_move, category=b, new_parent=a, by=None),
        )

        # then exactly one wins, the other is refused, and every path is consistent
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(refused) == 1
        assert isinstance(refused[0], Conflict)
        for category in Category.objects.select_related("parent"):
            expected = (category.parent.path if category.parent else "") + f"{category.pk:06d}."
            assert category.path == expected
            assert category.level == (category.parent.level + 1 if category.parent else 0)
