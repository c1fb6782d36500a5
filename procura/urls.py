from django.contrib import admin
from django.urls import include, path, re_path

from procura.core.api.docs import DocsView, SchemaApi
from procura.core.api.views import HealthApi, ReadinessApi, spa_index
from procura.core.metrics import metrics_view
from procura.core.resolvers import remembering_include

API_V1_DOMAINS = [
    "core",
    "accounts",
    "audit",
    "jobs",
    "currency",
    "partners",
    "catalog",
    "inventory",
    "procurement",
    "sales",
    "documents",
    "notifications",
    "reports",
    "webhooks",
    "mailin",
    "sso",
]

api_v1 = [path("", include(f"procura.{domain}.api.urls")) for domain in API_V1_DOMAINS]

admin.site.site_header = "Procura administration"
admin.site.site_title = "Procura admin"

urlpatterns = [
    path("metrics", metrics_view, name="metrics"),
    path("api/health/", HealthApi.as_view(), name="health"),
    path("api/health/ready/", ReadinessApi.as_view(), name="health-ready"),
    remembering_include("api/v1/", api_v1),
    path("api/schema/", SchemaApi.as_view(), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
    re_path(r"^(?!api/|admin/|static/|media/)(?P<path>.*)$", spa_index, name="spa"),
]
