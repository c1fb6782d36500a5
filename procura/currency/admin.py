from django.contrib import admin

from procura.core.admin import ReadOnlyAdmin
from procura.currency.models import ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReadOnlyAdmin):
    list_display = ["rate_date", "base", "currency", "rate", "source"]
    list_filter = ["base", "currency", "source"]
    date_hierarchy = "rate_date"
