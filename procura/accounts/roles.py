"""The roles of Procura. Each is a Django group of the same name (created by a migration)."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    PROCUREMENT = "procurement", "Buyer"
    APPROVER = "approver", "Approver (manager)"
    REQUESTER = "requester", "Requester (employee)"
    FINANCE = "finance", "Finance"
    WAREHOUSE = "warehouse", "Warehouse"
    SALES = "sales", "Sales"
    AUDITOR = "auditor", "Auditor (read-only)"
    CUSTOMER = "customer", "Customer (portal)"


ALL_ROLES = tuple(Role.values)
# Staff roles: everyone but portal customers.
STAFF_ROLES = tuple(role for role in Role.values if role != Role.CUSTOMER)
