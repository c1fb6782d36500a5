"""The provider's claims: e-mail (verified or not, per person), name and the person's groups."""

from __future__ import annotations

import json
import os
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class DirectoryValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        unverified = set(json.loads(os.environ.get("PROVIDER_UNVERIFIED", "[]")))
        return {
            "email": user.email,
            "email_verified": user.username not in unverified,
            "name": user.get_full_name() or user.username,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
