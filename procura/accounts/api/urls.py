from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from procura.accounts.api.auth_views import (
    ApiTokenViewSet,
    CsrfApi,
    LoginApi,
    LogoutApi,
    MeApi,
    PasswordChangeApi,
    PermissionMatrixApi,
    RefreshApi,
)
from procura.accounts.api.sign_in_policy import SignInPolicyApi
from procura.accounts.api.views import DepartmentViewSet, UserViewSet

router = SimpleRouter()
router.register("auth/tokens", ApiTokenViewSet, basename="api-token")
router.register("users", UserViewSet, basename="user")
router.register("departments", DepartmentViewSet, basename="department")

urlpatterns: list[URLPattern | URLResolver] = [
    path("auth/csrf/", CsrfApi.as_view(), name="auth-csrf"),
    path("auth/login/", LoginApi.as_view(), name="auth-login"),
    path("auth/refresh/", RefreshApi.as_view(), name="auth-refresh"),
    path("auth/logout/", LogoutApi.as_view(), name="auth-logout"),
    path("auth/me/", MeApi.as_view(), name="auth-me"),
    path("auth/password/", PasswordChangeApi.as_view(), name="auth-password"),
    path("auth/permissions/", PermissionMatrixApi.as_view(), name="auth-permissions"),
    path("auth/sign-in-policy/", SignInPolicyApi.as_view(), name="auth-sign-in-policy"),
    *router.urls,
]
