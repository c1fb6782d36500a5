from django.urls import URLPattern, URLResolver, path

from procura.sso.api.views import SsoCallbackApi, SsoProvidersApi, SsoStartApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("auth/sso/providers/", SsoProvidersApi.as_view(), name="sso-providers"),
    path("auth/sso/<slug:provider_id>/start/", SsoStartApi.as_view(), name="sso-start"),
    path("auth/sso/<slug:provider_id>/callback/", SsoCallbackApi.as_view(), name="sso-callback"),
]
