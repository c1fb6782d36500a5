"""What a portal customer may read: the customer-facing response schema.

Per route a portal customer can reach, the field names its answers may carry, at any depth
(a line's fields, a timeline step's, a page's ``count``/``results``), and the columns of its
downloads. Anything else (exchange rates to our company currency, costs, the internal audit
trail with staff e-mails and addresses, a credit-override comment, other customers) is staff
business. ``procura/core/tests/test_portal_fields.py`` walks every GET route of the schema as a
portal customer on the demo data set and checks each answer against this table; a route a
customer reaches that is not listed here fails the walk until its fields are reviewed.
"""

from __future__ import annotations

from procura.accounts.permission_matrix import CUSTOMER, actions_for

PAGE = frozenset({"count", "next", "previous", "results"})
# A record page's server-computed actions, linked documents and workflow stepper.
RECORD_CONTEXT = frozenset(
    {
        "available_actions",
        "related_documents",
        "workflow",
        "action",
        "allowed",
        "label",
        "reason",
        "detail",
        "kind",
        "id",
        "number",
        "status",
        "readable",
        "date",
        "amount",
        "steps",
        "state",
        "status_label",
        "next",
        "who",
        "mine",
    }
)

CATEGORY = frozenset(
    {"id", "name", "parent", "path", "level", "children_count", "product_count", "created_at"}
) | {"updated_at"}
CATEGORY_TREE = frozenset({"id", "name", "parent_id", "path", "level", "product_count", "children"})
# A product without costs or internal bookkeeping (``ProductPublic``).
PRODUCT = frozenset(
    {
        "id",
        "sku",
        "name",
        "description",
        "category",
        "category_name",
        "unit",
        "list_price",
        "currency",
        "tax_category",
        "tax_category_code",
        "gtin",
        "is_active",
        "lot_tracked",
        "catch_weight",
        "nominal_weight",
        "weight_unit",
        "weight_tolerance_percent",
        "updated_at",
    }
)
TAX_CATEGORY = frozenset(
    {"id", "code", "name", "description", "is_active", "created_at", "updated_at"}
)
TAX_RATE = frozenset(
    {
        "id",
        "tax_category",
        "tax_category_code",
        "region",
        "rate_percent",
        "valid_from",
        "created_at",
        "updated_at",
    }
)
_MONEY = frozenset(
    {"currency", "subtotal", "discount_amount", "tax_total", "shipping_charge", "total"}
)
SALES_ORDER_LIST = _MONEY | {
    "id",
    "number",
    "customer",
    "customer_code",
    "customer_name",
    "location",
    "location_code",
    "status",
    "order_date",
    "requested_date",
    "created_at",
}
SALES_ORDER_LINE = frozenset(
    {
        "id",
        "line_no",
        "product",
        "sku",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "price_unit",
        "price_source",
        "discount_percent",
        "net_amount",
        "tax_rate",
        "tax_amount",
        "lot",
        "quantity_reserved",
        "quantity_shipped",
        "quantity_invoiced",
        "weight_shipped",
        "weight_invoiced",
    }
)
# The portal order: a status timeline (from, to, when), not the internal history; no
# credit-override comment, no exchange rate.
SALES_ORDER = (
    SALES_ORDER_LIST
    | SALES_ORDER_LINE
    | RECORD_CONTEXT
    | {
        "ship_to",
        "payment_terms_days",
        "notes",
        "customer_reference",
        "allow_backorder",
        "discount_percent",
        "backorder_of",
        "backorder_of_number",
        "confirmed_at",
        "updated_at",
        "lines",
        "history",
        "from_status",
        "to_status",
        "at",
    }
)
# An invoice as its customer reads it: no exchange rate to our company currency.
CUSTOMER_INVOICE = _MONEY | {
    "id",
    "kind",
    # a debit note names the invoice (and line) it corrects and why, as its PDF does
    "corrects",
    "corrects_line",
    "reason_text",
    "number",
    "customer",
    "customer_code",
    "order",
    "order_number",
    "issue_date",
    "due_date",
    "status",
    "amount_paid",
    "balance",
    "lines",
    "created_at",
    # lines
    "order_line",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "net_amount",
    "tax_rate",
    "tax_amount",
}
BALANCE = frozenset({"customer", "customer_code", "customer_name", "currency", "open_invoices"}) | {
    "balance",
    "unapplied_credit",
}
STATEMENT = frozenset(
    {
        "customer",
        "customer_code",
        "customer_name",
        "currency",
        "date_from",
        "date_to",
        "opening_balance",
        "closing_balance",
        "entries",
        "date",
        "kind",
        "number",
        "reference",
        "amount",
        "balance",
    }
)
# Their own aging: open amounts per bucket in their invoices' currencies (never our rate of the
# day or our company currency).
AGING_BUCKETS = frozenset({"current", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"})
AGING = AGING_BUCKETS | {"as_of", "rows", "customer", "customer_code", "customer_name", "currency"}
API_TOKEN = frozenset(
    {"id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"}
) | {"is_usable"}
TASK = frozenset(
    {"id", "name", "state", "status", "progress", "result", "error", "created_at", "updated_at"}
) | {"started_at", "finished_at", "message"}
DOCUMENT = frozenset(
    {
        "id",
        "filename",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "status",
        "kind",
        "created_at",
        "updated_at",
        "attached_to",
        "object_type",
        "object_id",
    }
)
INBOX_MESSAGE = frozenset(
    {"id", "title", "body", "object_type", "object_id", "created_at", "read_at"}
)
WORK_QUEUE = frozenset(
    {
        "sections",
        "key",
        "title",
        "count",
        "items",
        "id",
        "kind",
        "number",
        "party",
        "status",
        "amount",
        "currency",
        "due",
        "since",
        "age_days",
        "action",
        "note",
    }
)
RECORD_SEARCH = frozenset(
    {"query", "results", "kind", "id", "number", "label", "title", "detail", "url"}
) | {"status", "amount", "currency"}
# The signed-in person: their own profile, roles and the actions the matrix gives them.
ME = frozenset(
    {
        "id",
        "email",
        "full_name",
        "phone",
        "department",
        "manager",
        "spending_limit",
        "is_active",
        "roles",
        "permissions",
        "permission_scopes",
    }
) | frozenset(actions_for({CUSTOMER}))
# What applies to them of the permission matrix: their own role's grants, no staff role's.
PERMISSIONS = frozenset(
    {"actions", "action", "resource", "verb", "grants", "duty_group", "roles", "deny_reasons"}
) | {CUSTOMER}

PORTAL_FIELDS: dict[str, frozenset[str]] = {
    "/api/health/": frozenset({"status"}),
    "/api/health/ready/": frozenset({"status", "checks", "name", "ok"}),
    "/api/v1/auth/csrf/": frozenset({"csrf_token"}),
    "/api/v1/auth/me/": ME,
    "/api/v1/auth/permissions/": PERMISSIONS,
    "/api/v1/auth/sso/providers/": frozenset({"password_sign_in", "providers", "id", "name"}),
    "/api/v1/auth/tokens/": PAGE | API_TOKEN,
    "/api/v1/auth/tokens/{id}/": API_TOKEN,
    "/api/v1/categories/": PAGE | CATEGORY,
    "/api/v1/categories/tree/": CATEGORY_TREE,
    "/api/v1/categories/{id}/": CATEGORY,
    "/api/v1/categories/{id}/ancestors/": CATEGORY,
    "/api/v1/categories/{id}/descendants/": CATEGORY,
    "/api/v1/products/": PAGE | PRODUCT | {"count_estimated"},
    "/api/v1/products/export/": PRODUCT | {"active"},
    "/api/v1/products/{id}/": PRODUCT,
    "/api/v1/tax-categories/": PAGE | TAX_CATEGORY,
    "/api/v1/tax-categories/{id}/": TAX_CATEGORY,
    "/api/v1/tax-rates/": PAGE | TAX_RATE,
    "/api/v1/tax-rates/{id}/": TAX_RATE,
    "/api/v1/sales-orders/": PAGE | SALES_ORDER_LIST,
    "/api/v1/sales-orders/export/": SALES_ORDER_LIST,
    "/api/v1/sales-orders/{id}/": SALES_ORDER,
    "/api/v1/customer-invoices/": PAGE | CUSTOMER_INVOICE,
    "/api/v1/customer-invoices/export/": CUSTOMER_INVOICE,
    "/api/v1/customer-invoices/{id}/": CUSTOMER_INVOICE | RECORD_CONTEXT,
    "/api/v1/customer-invoices/{id}/pdf/": frozenset(),
    # each line's price after the credit and debit notes that corrected it
    "/api/v1/customer-invoices/{id}/prices/": frozenset(
        {
            "invoice_line",
            "line_no",
            "description",
            "unit",
            "invoiced_quantity",
            "kept_quantity",
            "invoiced_unit_price",
            "current_unit_price",
        }
    ),
    "/api/v1/receivables/aging/": AGING,
    "/api/v1/receivables/aging/export/": AGING,
    "/api/v1/receivables/balances/": BALANCE,
    "/api/v1/receivables/statement/": STATEMENT,
    "/api/v1/reports/work-queue/": WORK_QUEUE,
    "/api/v1/search/": RECORD_SEARCH,
    "/api/v1/documents/": PAGE | DOCUMENT,
    "/api/v1/documents/{id}/": DOCUMENT,
    "/api/v1/tasks/": PAGE | TASK,
    "/api/v1/tasks/{id}/": TASK,
    "/api/v1/inbox/": PAGE | INBOX_MESSAGE,
    "/api/v1/inbox/unread-count/": frozenset({"unread"}),
}
