"""The OpenAPI schema and the Swagger UI, public or for signed-in people only
(``settings.API_DOCS_REQUIRE_SIGN_IN``, on by default in production).

The Swagger UI page loads its start-up code as a script file from the same URL (``?script``),
so the page runs under the strict Content-Security-Policy with no inline script.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

SIGN_IN_PATH = "/login"


class ApiDocsAccess(BasePermission):
    """Anyone may read the API's description unless the setting asks for a signed-in user."""

    message = "Sign in to read the API documentation."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not settings.API_DOCS_REQUIRE_SIGN_IN:
            return True
        return bool(request.user and request.user.is_authenticated)


class SchemaApi(SpectacularAPIView):
    """The schema is built once per process and language: it follows from the code alone, and
    building it takes seconds, which every visit to the docs would otherwise wait for."""

    permission_classes = [ApiDocsAccess]
    _built: ClassVar[dict[tuple[str | None, str], Any]] = {}

    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, translation.get_language() or "")
        if key not in self._built:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            self._built[key] = generator.get_schema(request=request, public=self.serve_public)
        filename = self._get_filename(request, version)
        return Response(
            data=self._built[key],
            headers={"Content-Disposition": f'inline; filename="{filename}"'},
        )


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [ApiDocsAccess]
    # The page in English with Swagger UI's colours at WCAG AA contrast.
    template_name = "api/docs.html"

    def handle_exception(self, exc: Exception) -> Response:
        # The page itself sends a signed-out visitor to sign in and back; its script and any
        # non-browser client get the usual 401 problem.
        signed_out = isinstance(exc, exceptions.NotAuthenticated | exceptions.PermissionDenied)
        if signed_out and "script" not in self.request.GET:
            query = urlencode({"next": self.request.get_full_path()})
            return HttpResponseRedirect(f"{SIGN_IN_PATH}?{query}")  # type: ignore[return-value]
        return super().handle_exception(exc)
