"""A forging OpenID Connect provider, run as its own process on loopback, for the one case a
real provider cannot produce: an ID token whose payload was altered after it was signed.
Every other sign-in test runs against django-oauth-toolkit (``provider/serve.py``).

    python -m procura.sso.tests.oidc_provider --port 0 --client-id app --client-secret s \\
        --email ann@example.com --groups erp-buyers [--mode tamper]

It prints its issuer URL on the first line of stdout. It serves discovery, JWKS (an RSA key made
at start), an authorize endpoint that signs the configured person in at once and redirects with
a code, and a token endpoint that checks the client secret, the redirect URI and the PKCE
verifier (S256) before issuing an RS256 ID token carrying the request's nonce;
``--mode tamper`` alters the token's payload after signing it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import secrets
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--name", default="Ann Buyer")
    parser.add_argument("--groups", default="")
    parser.add_argument("--mode", default="normal")
    args = parser.parse_args()

    key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
    codes: dict[str, dict[str, str]] = {}
    state = {"issuer": ""}

    class Handler(BaseHTTPRequestHandler):
        def _json(self, body: object, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            issuer = state["issuer"]
            if url.path == "/.well-known/openid-configuration":
                self._json(
                    {
                        "issuer": issuer,
                        "authorization_endpoint": f"{issuer}/authorize",
                        "token_endpoint": f"{issuer}/token",
                        "jwks_uri": f"{issuer}/jwks",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                    }
                )
            elif url.path == "/jwks":
                self._json({"keys": [key.as_dict(private=False)]})
            elif url.path == "/authorize":
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if (
                    query.get("client_id") != args.client_id
                    or query.get("code_challenge_method") != "S256"
                ):
                    self._json({"error": "invalid_request"}, 400)
                    return
                code = secrets.token_urlsafe(16)
                codes[code] = query
                target = (
                    query["redirect_uri"]
                    + "?"
                    + urlencode({"code": code, "state": query.get("state", "")})
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:  # noqa: N802
            if urlsplit(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
            asked = codes.pop(form.get("code", ""), None)
            if (
                client_id != args.client_id
                or client_secret != args.client_secret
                or asked is None
                or form.get("redirect_uri") != asked["redirect_uri"]
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            challenge = (
                base64.urlsafe_b64encode(
                    hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                )
                .rstrip(b"=")
                .decode()
            )
            if challenge != asked.get("code_challenge"):
                self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
                return
            now = int(time.time())
            claims = {
                "iss": state["issuer"],
                "aud": args.client_id,
                "sub": "subject-" + args.email,
                "iat": now,
                "exp": now + 300,
                "nonce": asked.get("nonce", ""),
                "email": args.email,
                "email_verified": True,
                "name": args.name,
                "groups": [g for g in args.groups.split(",") if g],
            }
            token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)
            if args.mode == "tamper":
                header, payload, signature = token.split(".")
                claims["email"] = "boss@example.com"
                forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
                token = ".".join([header, forged.decode(), signature])
            self._json(
                {
                    "access_token": "at-" + secrets.token_urlsafe(8),
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": token,
                }
            )

        def log_message(self, format: str, *args_: object) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    state["issuer"] = f"http://127.0.0.1:{server.server_address[1]}"
    sys.stdout.write(state["issuer"] + "\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
