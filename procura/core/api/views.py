from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.core.health import run_checks

_check_serializer = inline_serializer(
    "HealthCheck",
    {
        "name": serializers.CharField(),
        "ok": serializers.BooleanField(),
        "latency_ms": serializers.FloatField(required=False, help_text="Staff only."),
        "detail": serializers.CharField(required=False, help_text="Staff only."),
    },
)


class HealthApi(APIView):
    """Liveness: the process answers. No authentication."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes: list[type] = []  # probes of load balancers and orchestrators

    @extend_schema(
        responses=inline_serializer("Health", {"status": serializers.CharField()}),
        auth=[],
    )
    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


def _is_staff(request: Request) -> bool:
    """Signed in as staff (any valid credentials); a bad or expired token only hides details."""
    try:
        user = request.user
    except Exception:  # authentication failed: treated as anonymous here
        return False
    return bool(user and user.is_authenticated and user.is_staff)


class ReadinessApi(APIView):
    """Readiness within a second: database, cache, broker and queue depth, a live worker, media
    storage; 503 names what is down. Latency and details (hosts, errors) only for staff."""

    permission_classes = [AllowAny]
    throttle_classes: list[type] = []  # probes of load balancers and orchestrators

    def perform_authentication(self, request: Request) -> None:
        """Lazy: a stale cookie must not turn a probe into a 401 (see ``_is_staff``)."""

    @extend_schema(
        responses={
            200: inline_serializer(
                "Readiness",
                {
                    "status": serializers.CharField(),
                    "checks": _check_serializer.__class__(many=True),
                },
            ),
            503: inline_serializer(
                "ReadinessFailed",
                {
                    "status": serializers.CharField(),
                    "failing": serializers.ListField(child=serializers.CharField()),
                    "checks": _check_serializer.__class__(many=True),
                },
            ),
        },
        auth=[],
    )
    def get(self, request: Request) -> Response:
        results = run_checks()
        failing = [r.name for r in results if not r.ok]
        staff = _is_staff(request)
        body: dict[str, object] = {
            "status": "ok" if not failing else "unavailable",
            "checks": [
                {"name": r.name, "ok": r.ok, "latency_ms": r.latency_ms, "detail": r.detail}
                if staff
                else {"name": r.name, "ok": r.ok}
                for r in results
            ],
        }
        if failing:
            body["failing"] = failing
        return Response(body, status=503 if failing else 200, headers={"Cache-Control": "no-store"})


@ensure_csrf_cookie
def spa_index(request: HttpRequest, path: str = "") -> HttpResponse | FileResponse:
    """The web app's index.html for every client-side route (history fallback).

    The page brings the CSRF cookie along, so the first form sent from it (signing in) does not
    first wait for a separate ``GET /auth/csrf/``."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        return HttpResponse(
            "<h1>Procura</h1><p>The web app is not built yet: run <code>make run</code>. "
            'The API is at <a href="/api/docs/">/api/docs/</a>.</p>',
            status=200,
        )
    if request.method not in {"GET", "HEAD"}:
        raise Http404
    response = FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
