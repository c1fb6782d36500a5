"""Concurrent tree changes on PostgreSQL: real threads, each with its own connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

import pytest
from django.conf import settings
from django.db import connections

from procura.audit.models import AuditChainHead
from procura.catalog.models import Category
from procura.catalog.services.categories import category_move
from procura.catalog.tests.factories import make_category
from procura.core.errors import Conflict

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL advisory locks"),
    pytest.mark.django_db(transaction=True),
]


def run_together(*works: Callable[[], object]) -> list[object]:
    """Start the works at the same moment; each returns its result or the exception it raised."""
    results: list[object] = [None] * len(works)
    barrier = threading.Barrier(len(works))

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = works[index]()
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


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
