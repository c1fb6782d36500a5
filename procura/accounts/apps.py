from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.accounts"
    label = "accounts"

    def ready(self) -> None:
        from procura.accounts import schema  # noqa: F401 - registers the OpenAPI schemes
        from procura.accounts.role_permissions import grant_permissions_after_migrate

        # Connected for every app: auth creates an app's permissions first (it was connected
        # earlier), then the role groups receive theirs.
        post_migrate.connect(
            grant_permissions_after_migrate, dispatch_uid="procura.accounts.role_permissions"
        )
