from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.accounts"
    label = "accounts"

    def ready(self) -> None:
        from procura.accounts import schema  # noqa: F401 - registers the OpenAPI schemes
        from procura.accounts.models import User
        from procura.accounts.role_permissions import grant_permissions_after_migrate
        from procura.accounts.signals import end_access_when_password_replaced

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
