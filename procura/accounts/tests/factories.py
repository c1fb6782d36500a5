from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import factory
from django.contrib.auth.models import Group

from procura.accounts.models import Department, User


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """``UserFactory(roles=["approver"])`` gives the user those role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct-horse-battery")
    spending_limit = 0

    @factory.post_generation
    def roles(self, create: bool, extracted: Sequence[str] | None, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        groups = [Group.objects.get_or_create(name=role)[0] for role in extracted]
        self.groups.add(*groups)  # type: ignore[attr-defined]
        self.__dict__.pop("role_names", None)


def make_department(**fields: Any) -> Department:
    """A saved department (typed, for tests)."""
    return cast(Department, DepartmentFactory(**fields))
