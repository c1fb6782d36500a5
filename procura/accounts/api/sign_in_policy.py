"""The sign-in policy screen's API: administrators only."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.models import SignInPolicy
from procura.accounts.permissions import MatrixPermission
from procura.accounts.selectors import sign_in_policy_get
from procura.accounts.services.sign_in_policy import sign_in_policy_update, sso_configured
from procura.core.serializers import ProcuraSerializer


class SignInPolicySerializer(ProcuraSerializer):
    password_sign_in = serializers.BooleanField(
        help_text="False: only single sign-on (administrators keep their password)."
    )
    sso_providers = serializers.ListField(
        child=serializers.CharField(), help_text="Names of the configured providers."
    )
    can_disable_password_sign_in = serializers.BooleanField(
        help_text="Whether a single sign-on provider is configured, so passwords may be off."
    )
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = serializers.CharField(allow_null=True)


class SignInPolicyUpdateSerializer(ProcuraSerializer):
    password_sign_in = serializers.BooleanField()


def _body(policy: SignInPolicy) -> dict[str, object]:
    providers = [str(p.get("name") or p.get("id")) for p in getattr(settings, "SSO_PROVIDERS", [])]
    stored = policy.pk is not None and not policy._state.adding
    return {
        "password_sign_in": policy.password_sign_in,
        "sso_providers": providers,
        "can_disable_password_sign_in": sso_configured(),
        "updated_at": policy.updated_at if stored else None,
        "updated_by": policy.updated_by.email if stored and policy.updated_by else None,
    }


class SignInPolicyApi(APIView):
    """Whether people may sign in with a password, or with single sign-on only."""

    permission_classes = [MatrixPermission]
    permission_resource = "sign_in_policy"

    @extend_schema(responses=SignInPolicySerializer)
    def get(self, request: Request) -> Response:
        return Response(SignInPolicySerializer(_body(sign_in_policy_get())).data)

    @extend_schema(request=SignInPolicyUpdateSerializer, responses=SignInPolicySerializer)
    def patch(self, request: Request) -> Response:
        payload = SignInPolicyUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        sign_in_policy_update(
            password_sign_in=payload.validated_data["password_sign_in"], by=request.user
        )
        return Response(SignInPolicySerializer(_body(sign_in_policy_get())).data)
