"""Request id, body-size limit, problem+json for anything under /api/ that DRF did not render,
and the Content-Security-Policy header."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Any

from csp import middleware as csp_middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.core.exceptions import RequestDataTooBig
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django_prometheus import middleware as prometheus_middleware

from procura.core.errors import problem_json_response
from procura.core.request_context import clean_request_id, set_client_ip, set_request_id

logger = logging.getLogger("procura.request")

API_PREFIX = "/api/"


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(entry.strip(), strict=False) for entry in proxies if entry.strip())


def _is_trusted(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        ip = ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address. X-Forwarded-For is believed only when the peer (REMOTE_ADDR) is a
    trusted proxy (TRUSTED_PROXIES, addresses or networks): the list is read from the right,
    skipping trusted proxies, and the first other address is the client. Anyone else's
    X-Forwarded-For is ignored, so a client cannot pose as another address."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(peer, networks):
        return peer
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ip_address(hop)
        except ValueError:
            return peer  # a malformed list: trust nothing in it
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


class RequestIdMiddleware:
    """Accepts X-Request-ID or makes one; returns it and exposes it to logs and audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        set_request_id(request_id)
        set_client_ip(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            set_request_id("")
            set_client_ip("")
        response["X-Request-ID"] = request_id
        return response


def _release(request: HttpRequest, response: HttpResponse) -> None:
    context = getattr(response, "renderer_context", None) or {}
    view = context.get("view")
    if view is not None:
        vars(view).clear()
    response.renderer_context = None  # type: ignore[attr-defined]
    match = getattr(request, "resolver_match", None)
    if match is not None:
        match.tried = []


class ReleaseOnCloseMiddleware:
    """Lets reference counting free a request's objects once its response is closed.

    A DRF view binds its handlers onto itself (a reference cycle) and keeps the page it
    served, and a resolved URL keeps the list of every pattern tried: without this they wait,
    with the rows of the page, for the cyclic garbage collector, whose occasional long pass
    then lands on some unlucky request. Emptying them after the response has been sent
    leaves little for the collector to do (see the GC settings in deploy/gunicorn.conf.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        closers = response._resource_closers  # type: ignore[attr-defined]
        closers.append(functools.partial(_release, request, response))
        return response


def body_limit_for(path: str) -> int:
    for prefix in getattr(settings, "UPLOAD_PATH_PREFIXES", ()):
        if path.startswith(prefix):
            return int(settings.DOCUMENT_MAX_UPLOAD_BYTES)
    return int(settings.API_MAX_BODY_BYTES)


class RequestSizeLimitMiddleware:
    """413 before reading a body larger than the API accepts (DRF reads the raw stream, so
    Django's DATA_UPLOAD_MAX_MEMORY_SIZE alone does not cover JSON bodies)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return problem_json_response(400, "invalid", "Content-Length is not a number.")
            limit = body_limit_for(request.path)
            if length > limit:
                return problem_json_response(
                    413,
                    "too_large",
                    f"The request body is {length} bytes; at most {limit} bytes are accepted.",
                    extra={"max_bytes": limit},
                )
        return self.get_response(request)


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's messages (the admin's notices) for pages; the API shows none, so its requests
    get no message storage (two objects built per request, and a cookie read)."""

    def process_request(self, request: HttpRequest) -> None:
        if not request.path.startswith(API_PREFIX):
            super().process_request(request)


class ApiErrorMiddleware:
    """Under /api/, no HTML error page and no stack trace ever reaches the client."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        content_type = response.get("Content-Type", "")
        if "json" in content_type:
            return response
        status = response.status_code
        if status == 404:
            return problem_json_response(404, "not_found", "No such resource.")
        if status == 405:
            return problem_json_response(405, "method_not_allowed", "Method not allowed.")
        if status == 403:
            return problem_json_response(403, "permission_denied", "Forbidden.")
        if status == 400:
            return problem_json_response(400, "bad_request", "Bad request.")
        if status >= 500:
            return problem_json_response(
                status, "server_error", "An unexpected error occurred; it has been logged."
            )
        return problem_json_response(status, "error", response.reason_phrase)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, RequestDataTooBig):
            return problem_json_response(413, "too_large", "The request body is too large.")
        logger.exception("Unhandled error", extra={"path": request.path})
        return problem_json_response(
            500, "server_error", "An unexpected error occurred; it has been logged."
        )


# The policy a response gets when it changes nothing of its own (no ``@csp_update``,
# ``@csp_replace``, ``@csp_exempt``...): built from the settings once, with a stand-in where a
# response's nonce goes, instead of for every response (two headers a response: the policy and
# the report-only one).
_NONCE_STAND_IN = "procura-csp-nonce-stand-in"
_PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)
_POLICIES: dict[tuple[bool, bool], tuple[str, tuple[str, ...]]] = {}


def _settings_policy(*, report_only: bool, nonce: bool) -> tuple[str, tuple[str, ...]]:
    """The header of the settings' policy (with the nonce stand-in when ``nonce``) and the
    path prefixes it leaves out."""
    key = (report_only, nonce)
    cached = _POLICIES.get(key)
    if cached is None:
        name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        prefixes = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
        header = build_policy(nonce=_NONCE_STAND_IN if nonce else None, report_only=report_only)
        cached = _POLICIES[key] = (header, tuple(prefixes))
    return cached


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _POLICIES.clear()


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, writing the settings' policy from its cached text (with the
    response's nonce put in) when the response changes nothing of the policy; a response that
    does is written by django-csp as it is."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if any(hasattr(response, name) for name in _PER_RESPONSE):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # Django's debug pages, as django-csp leaves them
        nonce = getattr(request, "_csp_nonce", None)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy, prefixes = _settings_policy(report_only=report_only, nonce=bool(nonce))
            if (
                policy
                and header not in response
                and not (prefixes and request.path_info.startswith(prefixes))
            ):
                response[header] = policy.replace(_NONCE_STAND_IN, nonce) if nonce else policy
        if nonce is None:
            request.csp_nonce = csp_middleware.CheckableLazyObject(  # type: ignore[attr-defined]
                self._csp_nonce_post_response
            )
        return response


class PrometheusAfterMiddleware(prometheus_middleware.PrometheusAfterMiddleware):
    """django-prometheus' per-view, method and status metrics, each labelled series found once
    per worker (by its label values) instead of through ``labels()`` -- its checks and lock --
    nine times a request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._series: dict[tuple[Any, ...], Any] = {}

    def label_metric(self, metric: Any, request: Any, response: Any = None, **labels: Any) -> Any:
        if not labels:
            return metric
        key = (metric, tuple(labels.items()))
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = metric.labels(**labels)
        return series
