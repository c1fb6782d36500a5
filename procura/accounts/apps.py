from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from procura.accounts import schema  # noqa: F401 - registers the OpenAPI schemes
        from procura.accounts.models import ApiToken, Department, User
        from procura.accounts.role_permissions import grant_permissions_after_migrate
        from procura.accounts.signals import (
            auth_links_changed,
            auth_row_changed,
            end_access_when_password_replaced,
        )

        # Connected for every app: auth creates an app's permissions first (it was connected
        # earlier), then the role groups receive theirs.
        post_migrate.connect(
            grant_permissions_after_migrate, dispatch_uid="procura.accounts.role_permissions"
        )
        post_save.connect(
            end_access_when_password_replaced,
            sender=User,
            dispatch_uid="procura.accounts.password_replaced",
        )
        # API tokens kept for a few seconds (authentication.py) are read again after any
        # change to what authenticating reads.
        for model in (ApiToken, User, Group, Department):
            for signal in (post_save, post_delete):
                signal.connect(
                    auth_row_changed, sender=model, dispatch_uid=f"procura.auth.{model.__name__}"
                )
        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(
                auth_links_changed, sender=through, dispatch_uid=f"procura.auth.{through.__name__}"
            )
        m2m_changed.connect(
            auth_links_changed,
            sender=Group.permissions.through,
            dispatch_uid="procura.auth.group_permissions",
        )
