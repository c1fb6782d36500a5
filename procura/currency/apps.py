from django.apps import AppConfig


class CurrencyConfig(AppConfig):
    name = "procura.currency"
    label = "currency"
    verbose_name = "Currencies and exchange rates"
    default_auto_field = "django.db.models.BigAutoField"
