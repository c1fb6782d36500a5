"""Demo of the broker's trade: a catch-weight, lot-tracked ribeye received in two lots (with
plant, pack date and use-by), sold by the case, shipped by lot and weight and invoiced by the
weight shipped; a partial credit note; a recall of one lot; a customer group price list; a
drop-ship deal from an approved plant with freight landed on its receipt.

Everything goes through the services, as the demo users would do it. Idempotent: nothing is
created once the demo product has a lot.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.catalog.models import Category, Product, TaxCategory
from procura.catalog.services.products import product_create
from procura.demo.seed import SeedContext
from procura.inventory.models import Location, Lot
from procura.notifications.services import notifications_suppressed
from procura.partners.models import Customer, SupplierPlant
from procura.procurement.models import BackToBackMode
from procura.procurement.services.back_to_back import back_to_back_order_create
from procura.procurement.services.landed_cost import landed_charge_allocate
from procura.procurement.services.orders import purchase_order_create, purchase_order_issue
from procura.procurement.services.receipts import goods_receipt_post
from procura.sales.models import PriceList, PriceListItem
from procura.sales.recalls import RecallScope, recall_notify
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.credit_notes import credit_note_issue
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.orders import sales_order_create
from procura.sales.services.shipments import shipment_create

SKU = "BEEF-RIBEYE-LIP-CW"
GTIN = "10614141999993"
CASE_WEIGHTS = {
    "RB-2611-A": ["61.20", "59.80", "60.40"],
    "RB-2611-B": ["58.90", "62.10", "60.00"],
}


def _user(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@procura.example").first()


def _product(by: User | None) -> Product | None:
    product = Product.objects.filter(sku=SKU).first()
    if product is None:
        category = Category.objects.order_by("path").first()
        tax_category = TaxCategory.objects.order_by("code").first()
        if category is None or tax_category is None:
            return None
        product = product_create(
            sku=SKU,
            name="Beef ribeye lip-on 112A, catch weight",
            category=category,
            unit="case",
            list_price=Decimal("11.4500"),
            standard_cost=Decimal("540.0000"),
            tax_category=tax_category,
            gtin=GTIN,
            by=by,
        )
    Product.objects.filter(pk=product.pk).update(
        lot_tracked=True,
        catch_weight=True,
        weight_unit="lb",
        nominal_weight=Decimal("60"),
        weight_tolerance_percent=Decimal("8"),
    )
    product.refresh_from_db()
    return product


def seed(ctx: SeedContext) -> None:
    buyer, sales, warehouse, finance, admin = (
        _user(n) for n in ("buyer", "sales", "warehouse", "finance", "admin")
    )
    if not (buyer and sales and warehouse and finance and admin):
        ctx.log("trade: demo users missing, skipped")
        return
    product = _product(admin)
    if product is None or Lot.objects.filter(product=product).exists():
        return
    link = (
        SupplierPlant.objects.filter(is_active=True, approved_customers__isnull=False)
        .select_related("supplier", "plant")
        .first()
    )
    location = Location.objects.filter(is_active=True).order_by("code").first()
    if link is None or location is None:
        ctx.log("trade: no approved supplier plant or location, skipped")
        return
    customer = link.approved_customers.order_by("code").first()
    if customer is None:
        return
    with transaction.atomic(), notifications_suppressed():
        _trade(ctx, product, link, customer, location, buyer, sales, warehouse, finance)


def _trade(
    ctx: SeedContext,
    product: Product,
    link: SupplierPlant,
    customer: Customer,
    location: Location,
    buyer: User,
    sales: User,
    warehouse: User,
    finance: User,
) -> None:
    today = timezone.localdate()
    po = purchase_order_create(
        by=buyer,
        supplier=link.supplier,
        ship_to=location,
        currency=customer.currency,
        lines=[{"product": product, "quantity": Decimal(6), "unit_price": Decimal("612.0000")}],
    )
    po = purchase_order_issue(order=po, by=buyer)
    use_by = {"RB-2611-A": today + timedelta(days=9), "RB-2611-B": today + timedelta(days=35)}
    receipt = goods_receipt_post(
        order=po,
        by=warehouse,
        lines=[
            {
                "order_line": po.lines.get(),
                "quantity_received": Decimal(len(weights)),
                "net_weight": sum((Decimal(w) for w in weights), Decimal(0)),
                "lot_code": code,
                "plant": link.plant,
                "pack_date": today - timedelta(days=4),
                "use_by": use_by[code],
                "country_of_origin": "US",
            }
            for code, weights in CASE_WEIGHTS.items()
        ],
    )
    landed_charge_allocate(
        receipt=receipt,
        kind="freight",
        basis="weight",
        amount=Decimal("186.40"),
        reference="FRT-DEMO-1",
        by=finance,
    )
    ctx.record_created("lot", len(CASE_WEIGHTS))
    PriceList.objects.get_or_create(
        name="Retail ribeye programme",
        defaults={
            "customer_kind": customer.kind,
            "currency": customer.currency,
            "valid_from": today - timedelta(days=7),
            "valid_to": today + timedelta(days=60),
            "created_by": sales,
            "updated_by": sales,
        },
    )
    price_list = PriceList.objects.get(name="Retail ribeye programme")
    PriceListItem.objects.get_or_create(
        price_list=price_list,
        product=product,
        min_quantity=Decimal(0),
        defaults={"unit_price": Decimal("11.1500")},
    )
    PriceListItem.objects.get_or_create(
        price_list=price_list,
        product=product,
        min_quantity=Decimal(3),
        defaults={"unit_price": Decimal("10.9500")},
    )
    order = sales_order_create(
        customer=customer,
        location=location,
        lines=[{"product": product, "quantity": Decimal(4)}],
        customer_reference="DEMO-RIBEYE",
        by=sales,
    )
    sales_order_confirm(order=order, by=finance, override_credit=True, comment="Demo deal")
    line = order.lines.get()
    lots = {lot.code: lot for lot in Lot.objects.filter(product=product)}
    shipment_create(
        order=order,
        by=warehouse,
        lines=[
            {"order_line": line.pk, "quantity": 1, "lot": lots["RB-2611-A"], "weight": w}
            for w in CASE_WEIGHTS["RB-2611-A"]
        ]
        + [
            {
                "order_line": line.pk,
                "quantity": 1,
                "lot": lots["RB-2611-B"],
                "weight": CASE_WEIGHTS["RB-2611-B"][0],
            }
        ],
    )
    invoice = customer_invoice_create(order=order, by=finance)
    credit_note_issue(
        invoice=invoice,
        reason="damaged",
        reason_text="One case arrived with a torn bag; 20 lb credited",
        lines=[{"invoice_line": invoice.lines.get(), "quantity": Decimal(20)}],
        by=finance,
    )
    recall_notify(
        scope=RecallScope(lot_ids=(lots["RB-2611-A"].pk,)),
        reason="Plant notice: possible foreign material in lot RB-2611-A",
        by=warehouse,
    )
    ctx.record_created("credit_note")
    ctx.record_created("recall")
    deal_order = sales_order_create(
        customer=customer,
        location=location,
        lines=[{"product": product, "quantity": Decimal(20)}],
        customer_reference="DEMO-DROPSHIP",
        by=sales,
    )
    back_to_back_order_create(
        sales_line=deal_order.lines.get(),
        supplier=link.supplier,
        plant=link.plant,
        unit_price=Decimal("598.0000"),
        mode=BackToBackMode.DROP_SHIP,
        freight_cost=Decimal("850.00"),
        by=buyer,
    )
    ctx.record_created("back_to_back_order")
