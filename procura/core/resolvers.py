"""URL resolution remembered per path.

Django resolves a path by trying every pattern in turn: an API path runs through the routes of
every domain listed before its own (a couple of hundred regular expressions) on every request.
What a path resolves to depends only on the path and the patterns, which do not change while
the process runs, so the API's resolver keeps the answers for the paths it saw last, without the list of patterns
tried on the way (Django copies that list, a couple of hundred entries, into every match it
builds on top of one; it only serves to explain a 404, and a remembered path is no 404).
"""

from __future__ import annotations

import functools
from typing import Any

from django.urls import URLResolver
from django.urls.resolvers import ResolverMatch, RoutePattern

RESOLVED_PATHS = 4096


class RememberingResolver(URLResolver):
    """A ``URLResolver`` that keeps the matches of the last ``RESOLVED_PATHS`` paths it
    resolved (a path that resolves to nothing is tried again each time)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._remembered = functools.lru_cache(maxsize=RESOLVED_PATHS)(self._resolve)

    def _resolve(self, path: str) -> ResolverMatch:
        match = super().resolve(path)
        match.tried = []
        return match

    def resolve(self, path: Any) -> ResolverMatch:
        return self._remembered(str(path))


def remembering_include(route: str, patterns: list[Any]) -> RememberingResolver:
    """``path(route, include(patterns))`` resolved through a ``RememberingResolver``."""
    return RememberingResolver(RoutePattern(route, is_endpoint=False), patterns)
