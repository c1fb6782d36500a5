"""Which Django model permissions each role's group holds, so staff can use the Django admin.

The API checks roles itself (``procura.core.permissions``); these permissions only drive the
admin. The table is per app label: every model of the app gets the listed actions. Admins are
superusers and need none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from procura.accounts.roles import Role

EDIT = ("add", "change", "view")
VIEW = ("view",)
ALL_APPS = "*"

# role -> app label -> actions. ALL_APPS applies to every installed app.
ROLE_APP_PERMISSIONS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    Role.ADMIN: {},
    Role.AUDITOR: {ALL_APPS: VIEW},
    Role.PROCUREMENT: {
        "partners": EDIT,
        "catalog": EDIT,
        "procurement": EDIT,
        "documents": EDIT,
        "inventory": VIEW,
    },
    Role.APPROVER: {"procurement": VIEW, "partners": VIEW, "catalog": VIEW},
    Role.REQUESTER: {"catalog": VIEW},
    Role.FINANCE: {
        "procurement": EDIT,
        "sales": EDIT,
        "documents": EDIT,
        "partners": VIEW,
        "reports": VIEW,
    },
    Role.WAREHOUSE: {
        "inventory": EDIT,
        "catalog": VIEW,
        "procurement": VIEW,
        "sales": VIEW,
    },
    Role.SALES: {"sales": EDIT, "partners": EDIT, "catalog": VIEW, "inventory": VIEW},
    Role.CUSTOMER: {},
}


def _actions_for(role: str, app_label: str) -> tuple[str, ...]:
    table = ROLE_APP_PERMISSIONS.get(role, {})
    return tuple(sorted(set(table.get(app_label, ())) | set(table.get(ALL_APPS, ()))))


def grant_role_permissions(app_configs: Iterable[AppConfig] | None = None) -> None:
    """Create the role groups if missing and add the table's permissions on the given apps'
    models. Idempotent; permissions granted by hand in the admin are kept."""
    configs = list(app_configs) if app_configs is not None else list(apps.get_app_configs())
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in ROLE_APP_PERMISSIONS}
    for config in configs:
        models = list(config.get_models())
        if not models:
            continue
        content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
        for role, group in groups.items():
            actions = _actions_for(role, config.label)
            if not actions:
                continue
            codenames = [
                f"{action}_{model._meta.model_name}" for model in models for action in actions
            ]
            permissions = Permission.objects.filter(
                content_type__in=content_types.values(), codename__in=codenames
            )
            group.permissions.add(*permissions)


def grant_permissions_after_migrate(sender: AppConfig, **kwargs: object) -> None:
    """post_migrate receiver: runs after auth has created the sender's permissions."""
    using = kwargs.get("using", "default")
    if using != "default":
        return
    grant_role_permissions([sender])
