from django.apps import AppConfig


class MailinConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procura.mailin"
    verbose_name = "Invoices by e-mail"
