"""A strict Content-Security-Policy on the web app, the API docs and the admin, and the API's
description behind sign-in when the setting (on by default in production) asks for it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import Client, override_settings

from procura.core.csp import INLINE_STYLE_HASHES, TOAST_STYLE_HASHES
from procura.core.tests.test_production_settings import run_production

pytestmark = pytest.mark.django_db

STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.S)


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class InlineCode(HTMLParser):
    """Inline scripts, inline event handlers and inline <style> texts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []
        self._nonced = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        if tag == "a" and (names.get("href") or "").lower().startswith("javascript:"):
            self.handlers.append("a href=javascript:")
        if tag == "script" and not names.get("src"):
            self._in, self._text = "script", []
        elif tag == "style":
            self._in, self._text, self._nonced = "style", [], "nonce" in names

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in == "script":
            self.inline_scripts.append("".join(self._text))
        elif tag == self._in == "style" and not self._nonced:
            self.styles.append("".join(self._text))
        if tag == self._in:
            self._in = None


def assert_strict(response) -> None:
    """The page's policy allows no inline or evaluated script, and every inline thing the
    page holds is allowed by a hash or a nonce of that response."""
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    # WebAssembly compilation only (the barcode reader), never JavaScript eval.
    assert "'wasm-unsafe-eval'" in scripts
    assert all(
        source in ("'self'", "'wasm-unsafe-eval'") or source.startswith("'nonce-")
        for source in scripts
    ), scripts
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["blob:"]
    if "html" not in response.headers.get("Content-Type", ""):
        return
    page = InlineCode()
    page.feed(b"".join(response).decode() if response.streaming else response.content.decode())
    assert page.inline_scripts == [], "inline script on the page"
    assert page.handlers == [], "inline event handlers on the page"
    for style in page.styles:
        assert digest(style) in policy["style-src"], f"inline style not allowed: {style!r}"


def test_the_inline_styles_we_allow_are_the_ones_the_templates_ship():
    for name, allowed in INLINE_STYLE_HASHES.items():
        source = Path(get_template(name).origin.name).read_text()  # type: ignore[attr-defined]
        assert [digest(block) for block in STYLE_BLOCK.findall(source)] == [allowed], name


def test_the_toast_stylesheet_we_allow_is_the_one_the_web_app_inserts():
    """sonner inserts its CSS at run time; a new version changes the text and its hash."""
    bundle = settings.BASE_DIR / "frontend" / "node_modules" / "sonner" / "dist" / "index.mjs"
    literal = re.search(r'__insertCSS\((".*?(?<!\\)")\);', bundle.read_text(), re.S)
    assert literal, "sonner no longer inserts its stylesheet the way the policy expects"
    assert list(TOAST_STYLE_HASHES) == [digest(""), digest(json.loads(literal.group(1)))]


def test_web_app_is_served_under_a_strict_policy(tmp_path):
    index = tmp_path / "index.html"
    index.write_text(
        '<!doctype html><html><head><script type="module" src="/assets/index.js"></script>'
        '<link rel="stylesheet" href="/assets/index.css"></head><body><div id="root"></div>'
        "</body></html>"
    )
    with override_settings(FRONTEND_DIST=tmp_path):
        response = Client().get("/purchase-orders/42")
    assert response.status_code == 200
    assert_strict(response)


def test_web_app_page_has_no_inline_script():
    """The web app's page template, and its Vite build where one exists, keep their code in
    files: no inline bootstrap script, no inline handlers."""
    pages = [settings.BASE_DIR / "frontend" / "index.html", settings.FRONTEND_DIST / "index.html"]
    for index in (page for page in pages if page.exists()):
        page = InlineCode()
        page.feed(index.read_text())
        assert page.inline_scripts == [], index
        assert page.handlers == [], index


def test_api_answers_carry_the_policy(client_as):
    response = client_as("admin").get("/api/v1/auth/me/")
    assert response.status_code == 200
    assert_strict(response)


def test_swagger_ui_runs_its_start_up_code_from_a_file():
    page = Client().get("/api/docs/")
    assert page.status_code == 200
    assert_strict(page)
    html = page.content.decode()
    assert 'src="/api/docs/?script="' in html
    # The page declares its language and styles Swagger UI under the response's nonce.
    assert '<html lang="en">' in html
    nonce = re.search(r"'nonce-([^']+)'", page.headers["Content-Security-Policy"])
    assert nonce
    assert f'<style nonce="{nonce.group(1)}">' in html
    script = Client().get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    # Paths are text inside each operation's toggle button, not links nested in it.
    assert '"deepLinking": false' in script.content.decode()


def test_admin_pages_run_under_the_strict_policy(make_user):
    assert_strict(Client().get("/admin/login/"))
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    for path in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{admin.pk}/change/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


@override_settings(API_DOCS_REQUIRE_SIGN_IN=True)
def test_schema_and_docs_need_sign_in_when_the_setting_asks(client_as):
    anonymous = Client()
    schema = anonymous.get("/api/schema/")
    assert schema.status_code == 401
    assert schema.headers["Content-Type"].startswith("application/problem+json")
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302
    assert docs.headers["Location"] == "/login?next=%2Fapi%2Fdocs%2F"
    assert anonymous.get("/api/docs/", {"script": ""}).status_code == 401

    signed_in = client_as("requester")
    assert signed_in.get("/api/schema/", {"format": "json"}).status_code == 200
    assert signed_in.get("/api/docs/").status_code == 200


@override_settings(API_DOCS_REQUIRE_SIGN_IN=False)
def test_schema_and_docs_are_public_when_the_setting_is_off():
    assert Client().get("/api/schema/", {"format": "json"}).status_code == 200
    assert Client().get("/api/docs/").status_code == 200


def test_production_puts_the_docs_behind_sign_in_by_default():
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.API_DOCS_REQUIRE_SIGN_IN)"
    assert run_production(["-c", code]).stdout.strip().splitlines()[-1] == "True"
    opened = run_production(["-c", code], API_DOCS_REQUIRE_SIGN_IN="false")
    assert opened.stdout.strip().splitlines()[-1] == "False"


def _answer(request, *, nonce: bool, **attributes):
    from django.http import HttpResponse

    def view(request):
        if nonce:
            str(request.csp_nonce)
        response = HttpResponse("ok")
        for name, value in attributes.items():
            setattr(response, name, value)
        return response

    from procura.core.middleware import CSPMiddleware

    return CSPMiddleware(view)(request)


def test_the_policy_written_from_its_cached_text_is_django_csps():
    from csp.utils import build_policy
    from django.test import RequestFactory

    plain = RequestFactory().get("/api/v1/purchase-orders/")
    assert _answer(plain, nonce=False)["Content-Security-Policy"] == build_policy()
    assert "'nonce-" not in build_policy()
    # As with django-csp: too late for a nonce once the header is written.
    with pytest.raises(Exception, match="not available after"):
        str(getattr(plain, "csp_nonce"))  # noqa: B009

    first, second = RequestFactory().get("/api/docs/"), RequestFactory().get("/api/docs/")
    headers = [_answer(r, nonce=True)["Content-Security-Policy"] for r in (first, second)]
    nonces = [getattr(r, "_csp_nonce", None) for r in (first, second)]
    assert headers == [build_policy(nonce=nonce) for nonce in nonces]
    assert nonces[0] != nonces[1]
    assert f"'nonce-{nonces[0]}'" in headers[0]


def test_the_cached_policy_follows_the_settings_and_per_response_changes():
    from django.test import RequestFactory

    request = RequestFactory().get("/api/v1/purchase-orders/")
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://cdn.example.com"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        header = _answer(request, nonce=False)["Content-Security-Policy"]
    assert sorted(header.split("; ")) == ["default-src 'self'", "img-src https://cdn.example.com"]
    assert _answer(request, nonce=False)["Content-Security-Policy"] != header

    updated = _answer(request, nonce=False, _csp_update={"img-src": ["https://img.example.com"]})
    assert "https://img.example.com" in updated["Content-Security-Policy"]
    exempt = _answer(request, nonce=False, _csp_exempt=True)
    assert "Content-Security-Policy" not in exempt
    with override_settings(
        CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": ["'none'"]}}
    ):
        both = _answer(request, nonce=False)
    assert both["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert "Content-Security-Policy-Report-Only" not in _answer(request, nonce=False)
