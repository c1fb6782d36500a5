from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from procura.procurement.api.request_views import (
    ApprovalRuleViewSet,
    DelegationViewSet,
    MyApprovalsApi,
    PurchaseRequestViewSet,
)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("purchase-requests", PurchaseRequestViewSet, basename="purchase-request")
router.register("approval-rules", ApprovalRuleViewSet, basename="approval-rule")
router.register("delegations", DelegationViewSet, basename="delegation")

urlpatterns: list[URLPattern | URLResolver] = [
    path("approvals/mine/", MyApprovalsApi.as_view(), name="approvals-mine"),
    path("", include(router.urls)),
]
