from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.audit.models import AuditEvent
from procura.catalog.models import Category
from procura.catalog.selectors import (
    category_ancestors,
    category_descendants,
    category_product_counts,
    category_tree,
)
from procura.catalog.services.categories import (
    category_delete,
    category_move,
    category_rename,
)
from procura.catalog.tests.factories import make_category, make_product
from procura.core.errors import Conflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, Category]:
    """Beef > Primal > (Chuck, Rib); Pork > Loin."""
    beef = make_category("Beef")
    primal = make_category("Primal cuts", beef)
    chuck = make_category("Chuck", primal)
    rib = make_category("Rib", primal)
    pork = make_category("Pork")
    loin = make_category("Loin", pork)
    return {"beef": beef, "primal": primal, "chuck": chuck, "rib": rib, "pork": pork, "loin": loin}


def test_create_sets_path_and_level(tree: dict[str, Category]) -> None:
    beef, primal, rib = tree["beef"], tree["primal"], tree["rib"]
    assert beef.level == 0
    assert primal.level == 1
    assert rib.level == 2
    assert beef.path == f"{beef.pk:06d}."
    assert rib.path == f"{beef.pk:06d}.{primal.pk:06d}.{rib.pk:06d}."
    assert Category.objects.get(pk=rib.pk).path == rib.path


def test_sibling_names_are_unique_ignoring_case(tree: dict[str, Category]) -> None:
    with pytest.raises(Conflict):
        make_category("rib", tree["primal"])
    make_category("Rib", tree["pork"])  # another parent: fine
    with pytest.raises(Conflict):
        make_category("BEEF")


def test_move_subtree_rewrites_paths_and_levels(tree: dict[str, Category]) -> None:
    # when Primal cuts (with Chuck and Rib) moves under Pork > Loin
    primal, loin, pork = tree["primal"], tree["loin"], tree["pork"]
    with CaptureQueriesContext(connection) as queries:
        category_move(category=primal, new_parent=loin, by=None)
    # then every descendant follows, in a bounded number of queries
    rib = Category.objects.get(pk=tree["rib"].pk)
    assert rib.level == 3
    assert rib.path == f"{pork.pk:06d}.{loin.pk:06d}.{primal.pk:06d}.{rib.pk:06d}."
    assert Category.objects.get(pk=tree["chuck"].pk).level == 3
    assert Category.objects.get(pk=primal.pk).parent_id == loin.pk
    assert len(queries) < 15
    assert AuditEvent.objects.filter(action="category.moved").count() == 1

    # and moving it to the top makes it a root again
    category_move(category=primal, new_parent=None, by=None)
    rib.refresh_from_db()
    assert rib.level == 1
    assert rib.path == f"{primal.pk:06d}.{rib.pk:06d}."


def test_move_into_own_subtree_or_onto_itself_is_refused(tree: dict[str, Category]) -> None:
    with pytest.raises(Conflict) as into_child:
        category_move(category=tree["beef"], new_parent=tree["rib"], by=None)
    assert into_child.value.code == "category_move_into_own_subtree"
    with pytest.raises(Conflict):
        category_move(category=tree["primal"], new_parent=tree["primal"], by=None)
    assert Category.objects.get(pk=tree["beef"].pk).parent_id is None


def test_move_with_stale_instance_uses_fresh_paths(tree: dict[str, Category]) -> None:
    # given a stale copy of Rib taken before Primal cuts moved under Pork
    stale_rib = Category.objects.get(pk=tree["rib"].pk)
    category_move(category=tree["primal"], new_parent=tree["pork"], by=None)
    # when Primal cuts is moved under the stale Rib, the fresh path shows it is its own subtree
    with pytest.raises(Conflict):
        category_move(category=tree["primal"], new_parent=stale_rib, by=None)


def test_ancestors_and_descendants(tree: dict[str, Category]) -> None:
    assert [c.name for c in category_ancestors(category=tree["rib"])] == ["Beef", "Primal cuts"]
    assert [c.name for c in category_descendants(category=tree["beef"])] == [
        "Primal cuts",
        "Chuck",
        "Rib",
    ]


def test_product_counts_include_descendants_in_one_query(tree: dict[str, Category]) -> None:
    make_product(category=tree["rib"])
    make_product(category=tree["rib"])
    make_product(category=tree["chuck"])
    make_product(category=tree["loin"])
    with CaptureQueriesContext(connection) as queries:
        counts = category_product_counts()
    assert len(queries) == 1
    assert counts[tree["beef"].pk] == 3
    assert counts[tree["primal"].pk] == 3
    assert counts[tree["rib"].pk] == 2
    assert counts[tree["pork"].pk] == 1


def test_tree_is_one_query_whatever_its_size(tree: dict[str, Category]) -> None:
    make_product(category=tree["rib"])
    with CaptureQueriesContext(connection) as small:
        category_tree()
    for i in range(15):
        make_category(f"Extra {i}", tree["chuck"])
    with CaptureQueriesContext(connection) as large:
        roots = category_tree()
    assert len(small) == len(large) == 1
    beef = next(node for node in roots if node.name == "Beef")
    assert beef.product_count == 1
    assert [child.name for child in beef.children] == ["Primal cuts"]
    assert len(beef.children[0].children[0].children) == 15


def test_delete_refused_with_reasons_then_allowed_when_empty(tree: dict[str, Category]) -> None:
    for _ in range(3):
        make_product(category=tree["primal"])
    with pytest.raises(Conflict) as refused:
        category_delete(category=tree["primal"], by=None)
    assert "has 3 products" in refused.value.detail
    assert "has 2 subcategories" in refused.value.detail
    category_delete(category=tree["chuck"], by=None)
    assert not Category.objects.filter(pk=tree["chuck"].pk).exists()
    assert AuditEvent.objects.filter(action="category.deleted").count() == 1


def test_rename_audits_the_change(tree: dict[str, Category]) -> None:
    category_rename(category=tree["rib"], name="Rib primal", by=None)
    event = AuditEvent.objects.get(action="category.renamed")
    assert event.changes == {"name": {"before": "Rib", "after": "Rib primal"}}
