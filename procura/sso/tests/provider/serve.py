"""Run django-oauth-toolkit's OpenID Connect provider on a free loopback port, for the tests:

    python -m procura.sso.tests.provider.serve   (configuration as JSON on stdin)

stdin: ``{"client_id", "client_secret", "redirect_uri", "people": [{"username", "password",
"email", "first_name", "last_name", "groups": [...], "email_verified": bool}]}``.
It makes a fresh SQLite database in a temporary directory and an RSA signing key, registers
the client (confidential, authorization code, PKCE, consent skipped) and the people, then
prints its issuer URL on the first line of stdout once it accepts connections, and serves
until terminated.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sys
import tempfile
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _seed(config: dict[str, Any]) -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    Application.objects.create(
        name="Procura",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=config["redirect_uri"],
        skip_authorization=True,
        algorithm=Application.RS256_ALGORITHM,
    )
    for person in config["people"]:
        user = User.objects.create_user(
            username=person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        for name in person.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])


def main() -> None:
    config = json.load(sys.stdin)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as data_dir:
        server = make_server("127.0.0.1", 0, lambda _e, _s: [], handler_class=QuietHandler)
        issuer = f"http://127.0.0.1:{server.server_port}/o"
        os.environ.update(
            DJANGO_SETTINGS_MODULE="procura.sso.tests.provider.settings",
            PROVIDER_DATA_DIR=data_dir,
            PROVIDER_SECRET_KEY=secrets.token_urlsafe(32),
            PROVIDER_ISSUER=issuer,
            PROVIDER_RSA_KEY=_rsa_pem(),
            PROVIDER_UNVERIFIED=json.dumps(
                [p["username"] for p in config["people"] if not p.get("email_verified", True)]
            ),
        )
        import django
        from django.core.wsgi import get_wsgi_application

        django.setup()
        _seed(config)
        server.set_app(get_wsgi_application())
        sys.stdout.write(issuer + "\n")
        sys.stdout.flush()
        try:
            server.serve_forever()
        finally:
            server.server_close()


if __name__ == "__main__":
    main()
