from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from procura.audit.services import audit_listen
        from procura.webhooks.services import deliveries_for_audit_event

        audit_listen(deliveries_for_audit_event)
