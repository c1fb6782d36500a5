"""Sign-in, session and personal-token endpoints under /api/v1/auth/."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db.models import QuerySet
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.api.cookies import (
    clear_session_cookies,
    known_accounts,
    remember_client,
    set_session_cookies,
)
from procura.accounts.api.serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    CsrfTokenSerializer,
    DetailSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    PasswordChangeSerializer,
    PermissionMatrixSerializer,
    UserSerializer,
)
from procura.accounts.authentication import enforce_csrf
from procura.accounts.errors import NO_SESSION, AccountsErrorCode, SessionInvalid, TooManyAttempts
from procura.accounts.login_throttle import account_fingerprint
from procura.accounts.models import ApiToken, User
from procura.accounts.permission_matrix import permission_matrix_for
from procura.accounts.permissions import MatrixPermission
from procura.accounts.selectors import api_token_list, user_get
from procura.accounts.services import (
    api_token_create,
    api_token_revoke,
    normalize_login_email,
    password_change,
    session_login,
    session_logout,
    session_refresh,
)
from procura.core.middleware import client_ip

SESSION_RENEWED = "Session renewed."
PASSWORD_CHANGED = "Password changed; other sessions ended and API tokens were revoked."  # noqa: S105
TOKEN_CANNOT_MINT = "Sign in to create an API token; a token cannot create tokens."  # noqa: S105


class _CookieSessionApi(APIView):
    """Endpoints that manage the cookie session itself: an expired or invalid access cookie
    must not stop them, so no authentication runs; CSRF is checked explicitly instead."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            enforce_csrf(request)


class CsrfApi(_CookieSessionApi):
    @extend_schema(
        responses={200: OpenApiResponse(CsrfTokenSerializer, "Sets the csrftoken cookie.")},
        auth=[],
    )
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})


class LoginApi(_CookieSessionApi):
    throttle_scope = "login"

    @extend_schema(
        request=LoginSerializer,
        responses={200: OpenApiResponse(LoginResponseSerializer, "Signed in; cookies set.")},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        payload = LoginSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        fingerprint = account_fingerprint(normalize_login_email(payload.validated_data["email"]))
        try:
            user, tokens = session_login(
                email=payload.validated_data["email"],
                password=payload.validated_data["password"],
                ip=client_ip(request._request),
                known_client=fingerprint in known_accounts(request._request),
            )
        except TooManyAttempts as exc:
            raise exceptions.Throttled(
                wait=exc.retry_after, detail=exc.detail, code=AccountsErrorCode.TOO_MANY_ATTEMPTS
            ) from exc
        response = Response({"user": UserSerializer(user_get(pk=user.pk)).data})
        set_session_cookies(response, tokens)
        remember_client(response, request._request, fingerprint)
        return response


class RefreshApi(_CookieSessionApi):
    @extend_schema(
        request=None,
        responses={200: OpenApiResponse(DetailSerializer, "Session cookies rotated.")},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        try:
            _, tokens = session_refresh(
                raw_refresh=request.COOKIES.get(settings.JWT_REFRESH_COOKIE, "")
            )
        except SessionInvalid as exc:
            response = self.handle_exception(exc)
            clear_session_cookies(response)
            return response
        response = Response({"detail": SESSION_RENEWED})
        set_session_cookies(response, tokens)
        return response


class LogoutApi(_CookieSessionApi):
    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Signed out; session cookies cleared.")},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        session_logout(
            raw_refresh=request.COOKIES.get(settings.JWT_REFRESH_COOKIE, ""),
            raw_access=request.COOKIES.get(settings.JWT_ACCESS_COOKIE, ""),
            user=None,
        )
        response = Response(status=204)
        clear_session_cookies(response)
        return response


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    def permission_denied(
        self, request: Request, message: str | None = None, code: str | None = None
    ) -> NoReturn:
        # The refresh cookie comes here too (its path is /auth/): without it and without an
        # access cookie no session exists to renew, and the answer says so ("no_session"), so
        # the web app's session check on the sign-in page does not try a refresh first.
        if request.successful_authenticator is None and not request.COOKIES.get(
            settings.JWT_REFRESH_COOKIE
        ):
            raise exceptions.NotAuthenticated(NO_SESSION, code=AccountsErrorCode.NO_SESSION)
        super().permission_denied(request, message, code)

    @extend_schema(
        responses={
            200: OpenApiResponse(
                UserSerializer, "The signed-in user and the actions their roles hold."
            )
        }
    )
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(user_get(pk=int(request.user.pk or 0))).data)


class PermissionMatrixApi(APIView):
    """The permission matrix: for each action, the roles holding it and the object rule that
    limits each role. The web app reads it to explain what a role may do. Staff read every
    role's grants; a portal customer only their own role's actions and rules."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PermissionMatrixSerializer})
    def get(self, request: Request) -> Response:
        return Response(permission_matrix_for(request.user))


class PasswordChangeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=PasswordChangeSerializer,
        responses={200: OpenApiResponse(DetailSerializer, "Changed; a new session is set.")},
    )
    def post(self, request: Request) -> Response:
        payload = PasswordChangeSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        assert isinstance(request.user, User)  # noqa: S101 - IsAuthenticated guarantees it
        tokens = password_change(user=request.user, **payload.validated_data)
        response = Response({"detail": PASSWORD_CHANGED})
        if not isinstance(request.auth, ApiToken):
            set_session_cookies(response, tokens)
        return response


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in user's personal API tokens. DELETE revokes (the row stays, with
    ``revoked_at``)."""

    serializer_class = ApiTokenSerializer
    permission_classes = [MatrixPermission]
    permission_resource = "api_token"
    permission_actions = {"destroy": "revoke"}
    filterset_fields: list[str] = []
    search_fields = ["name", "prefix"]
    ordering_fields = ["created_at", "name", "last_used_at"]
    ordering = ["-created_at"]

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return api_token_list(user=self.request.user)  # type: ignore[arg-type]

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if isinstance(request.auth, ApiToken):
            # A leaked token must not outlive its revocation by minting successors.
            raise exceptions.PermissionDenied(TOKEN_CANNOT_MINT, code="token_cannot_mint")
        payload = ApiTokenCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        token, raw = api_token_create(user=request.user, **payload.validated_data)  # type: ignore[arg-type]
        body = ApiTokenCreatedSerializer(token, context={"raw_token": raw}).data
        return Response(body, status=201)

    @extend_schema(responses={204: OpenApiResponse(description="Revoked.")})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        api_token_revoke(token=self.get_object(), by=request.user)  # type: ignore[arg-type]
        return Response(status=204)
