"""The Content-Security-Policy of every page Procura serves: the web app, the API docs and the
admin, enforced by django-csp's middleware.

Scripts come from our own origin only: no inline script, no eval, nothing from elsewhere. The
only inline code on any page is fixed <style> blocks: one of the templates we ship with (the
admin's change list) and the stylesheet the web app's toasts insert; they
are allowed by the hash of their exact text, so an upgrade that changes them shows up as a
failing test, not as a silently widened policy. A
template that needs more inline code takes a per-response nonce (``request.csp_nonce``), as the
API docs page does for its styles.
"""

from __future__ import annotations

from typing import Any

from csp.constants import NONCE, NONE, SELF

# sha256 of the text of the inline <style> blocks, by template.
INLINE_STYLE_HASHES = {
    "admin/change_list.html": "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='",
}
# The web app's toasts (sonner) add their stylesheet as a <style> element: first empty, then
# with its text. Checked against the installed package by a test.
TOAST_STYLE_HASHES = (
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # the empty element
    "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='",  # sonner 2.0.8's stylesheet
)


def content_security_policy(*, report_uri: str = "") -> dict[str, object]:
    """django-csp's CONTENT_SECURITY_POLICY setting."""
    directives: dict[str, list[Any]] = {
        "default-src": [SELF],
        # 'wasm-unsafe-eval' lets the barcode reader compile its WebAssembly (served from our own
        # /assets/); it allows no JavaScript eval.
        "script-src": [SELF, NONCE, "'wasm-unsafe-eval'"],
        "style-src": [SELF, NONCE, *INLINE_STYLE_HASHES.values(), *TOAST_STYLE_HASHES],
        # data: for the web app's icon and Swagger UI's inline SVG images; blob: for previews of
        # scanned documents fetched with the session.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # PDFs of uploaded documents are previewed from a blob: URL in an <object>.
        "object-src": ["blob:"],
        "frame-src": [SELF, "blob:"],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
    if report_uri:
        directives["report-uri"] = [report_uri]
    return {"DIRECTIVES": directives}
