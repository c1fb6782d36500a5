"""Writes on the category tree. Every structural change (create, move, delete) takes the tree
lock (``procura.catalog.locks.lock_category_tree``) and re-reads the rows it depends on after
taking it, so two concurrent moves can never build a cycle or leave a stale path behind."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower, Substr

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog import errors
from procura.catalog.errors import CatalogErrorCode
from procura.catalog.locks import lock_category_tree
from procura.catalog.models import Category, path_segment
from procura.core.errors import Conflict, InvalidInput

CATEGORY_NAME_BLANK = "A category needs a name."


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput(CATEGORY_NAME_BLANK, errors={"name": [CATEGORY_NAME_BLANK]})
    return cleaned


def _check_name_free(*, name: str, parent: Category | None, exclude_pk: int | None) -> None:
    siblings = Category.objects.annotate(lower_name=Lower("name")).filter(
        parent=parent, lower_name=name.lower()
    )
    if exclude_pk is not None:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        message = errors.CATEGORY_NAME_TAKEN.format(name=name)
        raise Conflict(
            message, code=CatalogErrorCode.CATEGORY_NAME_TAKEN, errors={"name": [message]}
        )


def _fresh(category: Category | None) -> Category | None:
    return None if category is None else Category.objects.get(pk=category.pk)


@transaction.atomic
def category_create(*, name: str, parent: Category | None = None, by: User | None) -> Category:
    """Add a category under ``parent`` (a root without). Names are unique among siblings, case
    aside. Takes the tree lock; the path needs the new id, so it is written in a second step."""
    name = _clean_name(name)
    lock_category_tree()
    parent = _fresh(parent)
    _check_name_free(name=name, parent=parent, exclude_pk=None)
    category = Category.objects.create(
        name=name,
        parent=parent,
        level=0 if parent is None else parent.level + 1,
        path=f"new-{uuid.uuid4().hex}",
    )
    category.path = (parent.path if parent else "") + path_segment(category.pk)
    Category.objects.filter(pk=category.pk).update(path=category.path)
    audit_record(
        actor=by,
        action="category.created",
        obj=category,
        data={"parent_id": parent.pk if parent else None, "path": category.path},
    )
    return category


@transaction.atomic
def category_rename(*, category: Category, name: str, by: User | None) -> Category:
    """Rename; the name stays unique among the siblings (checked, and by a unique index)."""
    name = _clean_name(name)
    category = Category.objects.select_for_update().get(pk=category.pk)
    if category.name == name:
        return category
    _check_name_free(name=name, parent=category.parent, exclude_pk=category.pk)
    before = category.name
    category.name = name
    try:
        with transaction.atomic():
            category.save(update_fields=["name", "updated_at"])
    except IntegrityError as exc:
        message = errors.CATEGORY_NAME_TAKEN.format(name=name)
        raise Conflict(
            message, code=CatalogErrorCode.CATEGORY_NAME_TAKEN, errors={"name": [message]}
        ) from exc
    audit_record(
        actor=by, action="category.renamed", obj=category, changes={"name": (before, name)}
    )
    return category


@transaction.atomic
def category_move(*, category: Category, new_parent: Category | None, by: User | None) -> Category:
    """Move a category and its whole subtree under ``new_parent`` (to the top without).

    Refused (409) onto itself or into its own subtree. Paths and levels of the subtree change in
    one UPDATE. Takes the tree lock and re-reads both nodes under it."""
    lock_category_tree()
    category = Category.objects.get(pk=category.pk)
    new_parent = _fresh(new_parent)
    if new_parent is not None and new_parent.path.startswith(category.path):
        raise Conflict(
            errors.CATEGORY_MOVE_INTO_OWN_SUBTREE,
            code=CatalogErrorCode.CATEGORY_MOVE_INTO_OWN_SUBTREE,
            errors={"parent": [errors.CATEGORY_MOVE_INTO_OWN_SUBTREE]},
        )
    if category.parent_id == (new_parent.pk if new_parent else None):
        return category
    _check_name_free(name=category.name, parent=new_parent, exclude_pk=category.pk)

    old_path, old_level, old_parent_id = category.path, category.level, category.parent_id
    new_path = (new_parent.path if new_parent else "") + path_segment(category.pk)
    new_level = 0 if new_parent is None else new_parent.level + 1
    moved = Category.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        level=F("level") + (new_level - old_level),
    )
    Category.objects.filter(pk=category.pk).update(parent=new_parent)
    category.refresh_from_db()
    audit_record(
        actor=by,
        action="category.moved",
        obj=category,
        changes={
            "parent_id": (old_parent_id, category.parent_id),
            "path": (old_path, category.path),
            "level": (old_level, category.level),
        },
        data={"categories_moved": moved},
    )
    return category


@transaction.atomic
def category_delete(*, category: Category, by: User | None) -> None:
    """Delete an empty category. One with products or subcategories is refused (409) with the
    reasons ("has 3 products", "has 2 subcategories"). Takes the tree lock."""
    lock_category_tree()
    category = Category.objects.get(pk=category.pk)
    product_count = category.products.count()
    child_count = category.children.count()
    reasons = []
    if product_count:
        reasons.append(
            errors.CATEGORY_HAS_PRODUCT
            if product_count == 1
            else errors.CATEGORY_HAS_PRODUCTS.format(count=product_count)
        )
    if child_count:
        reasons.append(
            errors.CATEGORY_HAS_CHILD
            if child_count == 1
            else errors.CATEGORY_HAS_CHILDREN.format(count=child_count)
        )
    if reasons:
        raise Conflict(
            errors.CATEGORY_NOT_EMPTY.format(name=category.name, reasons=", ".join(reasons)),
            code=CatalogErrorCode.CATEGORY_NOT_EMPTY,
            data={"reasons": reasons, "products": product_count, "subcategories": child_count},
        )
    pk, name, path = category.pk, category.name, category.path
    category.delete()
    audit_record(
        actor=by,
        action="category.deleted",
        object_type="catalog.category",
        object_id=str(pk),
        object_repr=name,
        data={"path": path},
    )
