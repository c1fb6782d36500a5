"""Single sign-on endpoints. ``start`` and ``callback`` are browser redirects: a failure goes
back to the sign-in page with ``?sso_error=<code>`` and sets no session."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.api.cookies import set_session_cookies
from procura.core.errors import DomainError
from procura.core.serializers import ProcuraSerializer
from procura.sso import providers as registry
from procura.sso.services import flow_of, sso_finish, sso_sign_in, sso_start

FLOW_COOKIE = "procura_sso"
FLOW_COOKIE_PATH = "/api/v1/auth/sso/"
LOGIN_PATH = "/login"


class SsoProviderSerializer(ProcuraSerializer):
    id = serializers.CharField()
    name = serializers.CharField()
    start_url = serializers.CharField()


class SsoConfigSerializer(ProcuraSerializer):
    providers = SsoProviderSerializer(many=True)
    password_sign_in = serializers.BooleanField(
        help_text="False when an administrator allows single sign-on only."
    )


def _safe_next(raw: str | None) -> str:
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


def _callback_uri(request: Request, provider_id: str) -> str:
    return request.build_absolute_uri(reverse("sso-callback", args=[provider_id]))


def _failed(code: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(f"{LOGIN_PATH}?{urlencode({'sso_error': code})}")
    response.delete_cookie(FLOW_COOKIE, path=FLOW_COOKIE_PATH)
    return response


class SsoProvidersApi(APIView):
    """The sign-in page's choices: configured providers and whether passwords are accepted."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses=SsoConfigSerializer, auth=[])
    def get(self, request: Request) -> Response:
        rows = [
            {
                "id": p.id,
                "name": p.name,
                "start_url": reverse("sso-start", args=[p.id]),
            }
            for p in registry.providers()
        ]
        body = {"providers": rows, "password_sign_in": registry.password_sign_in_enabled()}
        return Response(SsoConfigSerializer(body).data)


class SsoStartApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        parameters=[OpenApiParameter("next", str, description="Where to go after sign-in.")],
        responses={302: OpenApiResponse(description="To the provider's sign-in page.")},
        auth=[],
    )
    def get(self, request: Request, provider_id: str) -> HttpResponseRedirect:
        provider = registry.provider_get(provider_id)
        try:
            flow = sso_start(
                provider=provider,
                redirect_uri=_callback_uri(request, provider.id),
                next_path=_safe_next(request.query_params.get("next")),
            )
        except DomainError as exc:
            return _failed(exc.code)
        response = HttpResponseRedirect(flow.url)
        response.set_cookie(
            FLOW_COOKIE,
            flow.cookie,
            max_age=600,
            path=FLOW_COOKIE_PATH,
            httponly=True,
            secure=settings.JWT_COOKIE_SECURE,
            samesite="Lax",  # the provider sends the browser back with a top-level GET
        )
        return response


class SsoCallbackApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        parameters=[OpenApiParameter("code", str), OpenApiParameter("state", str)],
        responses={
            302: OpenApiResponse(
                description="Signed in (session cookies set) to the page asked for, or back to "
                "the sign-in page with ?sso_error=<code>."
            )
        },
        auth=[],
    )
    def get(self, request: Request, provider_id: str) -> HttpResponseRedirect:
        provider = registry.provider_get(provider_id)
        params = request.query_params
        if params.get("error"):
            return _failed("sso_provider_refused")
        try:
            flow = flow_of(
                request.COOKIES.get(FLOW_COOKIE), provider=provider, state=params.get("state")
            )
            claims = sso_finish(
                provider=provider,
                flow=flow,
                code=params.get("code", ""),
                redirect_uri=_callback_uri(request, provider.id),
            )
            _user, tokens = sso_sign_in(provider=provider, claims=claims)
        except DomainError as exc:
            return _failed(exc.code)
        response = HttpResponseRedirect(_safe_next(flow.get("next")))
        response.delete_cookie(FLOW_COOKIE, path=FLOW_COOKIE_PATH)
        set_session_cookies(response, tokens)
        return response
