"""The broker's flow through the API: receive catch-weight cases by scanning GS1-128 labels into
lots, sell by the case, ship by scanning (FEFO), invoice by shipped weight, recall a lot."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from pypdf import PdfReader

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_product
from procura.inventory.models import Lot, LotStock, StockLevel, StockMovement
from procura.notifications.models import NotificationLog
from procura.partners.tests.factories import make_plant
from procura.procurement.tests.factories import make_order as make_purchase_order
from procura.procurement.tests.factories import make_supplier_with_contact, order_line
from procura.sales.tests.factories import make_sales_customer, make_tax_rate

pytestmark = pytest.mark.django_db

GS = "\x1d"
GTIN = "10614141000019"
TODAY = timezone.localdate()
ORDERS = "/api/v1/sales-orders/"
SCAN = "/api/v1/scans/case-label/"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def attachments_of(log: NotificationLog) -> list[tuple[str, bytes, str]]:
    loader = import_string(log.attachment_loader)
    return loader(*log.attachment_args)


def label(*, lot: str, lb: str, use_by_days: int = 20, gtin: str = GTIN) -> str:
    """A GS1-128 case label: GTIN, net weight in lb (2 decimals), pack date, use-by, lot."""
    hundredths = f"{int(D(lb) * 100):06d}"
    use_by = (TODAY + timedelta(days=use_by_days)).strftime("%y%m%d")
    pack = (TODAY - timedelta(days=2)).strftime("%y%m%d")
    return f"01{gtin}3202{hundredths}13{pack}17{use_by}10{lot}{GS}21000001"


@pytest.fixture
def ribeye() -> Product:
    product = make_product(sku="BEEF-RIBEYE-CW", unit="case", list_price=D("9.5000"))
    make_tax_rate(product.tax_category, rate="0")
    Product.objects.filter(pk=product.pk).update(
        gtin=GTIN,
        lot_tracked=True,
        catch_weight=True,
        weight_unit="lb",
        nominal_weight=D("60"),
        weight_tolerance_percent=D("10"),
    )
    product.refresh_from_db()
    return product


@pytest.fixture
def purchase(ribeye, make_user):
    buyer = make_user("procurement")
    supplier = make_supplier_with_contact()
    plant = make_plant(supplier)
    order = make_purchase_order(buyer, supplier=supplier, lines=[order_line(ribeye, "4", "150.00")])
    return order, plant


def scan(client, code, purpose="receive"):
    return client.post(SCAN, {"code": code, "purpose": purpose}, format="json")


def receive_scanned(client, order, plant, codes):
    """What the receiving screen does: read each label, group the cases by lot, post."""
    by_lot: dict[str, dict] = {}
    for code in codes:
        case = scan(client, code).json()
        entry = by_lot.setdefault(
            case["lot_code"],
            {
                "order_line": order.lines.get().pk,
                "quantity_received": D(0),
                "net_weight": D(0),
                "lot_code": case["lot_code"],
                "pack_date": case["pack_date"],
                "use_by": case["use_by"],
                "plant": plant.pk,
            },
        )
        entry["quantity_received"] += 1
        entry["net_weight"] += D(case["net_weight"])
    lines = [
        {**e, "quantity_received": str(e["quantity_received"]), "net_weight": str(e["net_weight"])}
        for e in by_lot.values()
    ]
    return client.post(
        "/api/v1/goods-receipts/", {"order": order.pk, "lines": lines}, format="json"
    )


def test_scan_receive_sell_ship_invoice_by_weight_and_recall(
    ribeye, purchase, client_as, django_capture_on_commit_callbacks
):
    order, plant = purchase
    warehouse = client_as("warehouse")
    received = receive_scanned(
        warehouse,
        order,
        plant,
        [
            label(lot="A100", lb="61.20", use_by_days=5),
            label(lot="A100", lb="59.80", use_by_days=5),
            label(lot="B200", lb="60.50", use_by_days=30),
            label(lot="B200", lb="58.00", use_by_days=30),
        ],
    )
    assert received.status_code == 201, received.json()
    assert sorted((ln["lot_code"], ln["net_weight"]) for ln in received.json()["lines"]) == [
        ("A100", "121.000"),
        ("B200", "118.500"),
    ]
    level = StockLevel.objects.get(product=ribeye)
    assert (level.on_hand, level.weight_on_hand) == (D("4.000"), D("239.500"))
    a100 = Lot.objects.get(code="A100")
    assert a100.plant == plant
    assert a100.use_by == TODAY + timedelta(days=5)

    # Sell 3 cases; FEFO reserves the 2 cases of A100 and 1 of B200.
    customer = make_sales_customer()
    sales = client_as("sales")
    so = sales.post(
        ORDERS,
        {
            "customer": customer.pk,
            "location": order.ship_to_id,
            "lines": [{"product": str(ribeye.pk), "quantity": "3"}],
        },
        format="json",
    ).json()
    assert so["lines"][0]["price_unit"] == "lb"
    assert so["subtotal"] == "1710.00"  # 3 cases x 60 lb nominal x 9.50
    assert sales.post(f"{ORDERS}{so['id']}/confirm/", {}, format="json").status_code == 200
    reserved = {s.lot.code: s.reserved for s in LotStock.objects.select_related("lot")}
    assert reserved == {"A100": D("2.000"), "B200": D("1.000")}

    # Ship by scanning three cases, each with its label's weight.
    line_id = so["lines"][0]["id"]
    picks = []
    for code in (
        label(lot="A100", lb="61.20", use_by_days=5),
        label(lot="A100", lb="59.80", use_by_days=5),
        label(lot="B200", lb="60.50", use_by_days=30),
    ):
        case = scan(warehouse, code, "ship").json()
        picks.append(
            {
                "order_line": line_id,
                "quantity": "1",
                "lot": case["lot"],
                "weight": case["net_weight"],
            }
        )
    with django_capture_on_commit_callbacks(execute=True):
        shipped = warehouse.post(f"{ORDERS}{so['id']}/ship/", {"lines": picks}, format="json")
    assert shipped.status_code == 201, shipped.json()
    assert [(ln["lot_code"], ln["weight"]) for ln in shipped.json()["lines"]] == [
        ("A100", "61.200"),
        ("A100", "59.800"),
        ("B200", "60.500"),
    ]

    # Invoice bills the shipped weight, not the nominal.
    finance = client_as("finance")
    with django_capture_on_commit_callbacks(execute=True):
        invoice = finance.post(
            "/api/v1/customer-invoices/", {"order": so["id"]}, format="json"
        ).json()
    assert invoice["lines"][0]["quantity"] == "181.500"
    assert invoice["lines"][0]["unit"] == "lb"
    assert invoice["subtotal"] == "1724.25"  # 181.5 lb x 9.50

    # Recall lot A100: the customer, 2 cases, 121 lb, as JSON and CSV; the notice goes out.
    report = warehouse.get("/api/v1/recalls/report/", {"lot": a100.pk}).json()
    assert [(r["customer_code"], r["quantity"], r["weight"]) for r in report] == [
        (customer.code, "1.000", "61.200"),
        (customer.code, "1.000", "59.800"),
    ]
    downloaded = warehouse.get("/api/v1/recalls/report/", {"plant": plant.pk, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(downloaded.content.decode())))
    assert {r["lot"] for r in rows} == {"A100", "B200"}
    assert rows[0]["contact_email"] == "pat@customer.example"
    as_pdf = warehouse.get("/api/v1/recalls/report/", {"lot": a100.pk, "export": "pdf"})
    assert as_pdf.status_code == 200
    assert as_pdf["Content-Type"] == "application/pdf"
    text = pdf_text(as_pdf.content)
    assert "Recall report: Lot A100" in text
    assert customer.code in text
    assert "pat@customer.example" in text
    assert "61.2" in text
    assert "B200" not in text
    refused = warehouse.get("/api/v1/recalls/report/", {"lot": a100.pk, "export": "xls"})
    assert refused.status_code == 400
    assert "export" in refused.json()["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        notified = warehouse.post(
            "/api/v1/recalls/notify/",
            {"lot": [a100.pk], "reason": "Possible E. coli O157:H7"},
            format="json",
        )
    assert notified.json() == {"customers": [customer.code]}
    notice = NotificationLog.objects.get(template="sales/recall_notice", channel="email")
    assert "A100" in notice.body
    assert "E. coli" in notice.body
    # The e-mail carries the notice as a PDF listing only what this customer received.
    [(filename, content, mime)] = attachments_of(notice)
    assert filename == f"recall-notice-{customer.code}.pdf"
    assert mime == "application/pdf"
    notice_text = pdf_text(content)
    assert "Recall notice: Lot A100" in notice_text
    assert "E. coli" in notice_text
    assert "A100" in notice_text

    # Trace back from the lot: the goods receipt that brought it in.
    trace = warehouse.get(f"/api/v1/lots/{a100.pk}/trace/").json()
    assert [m["source_number"] for m in trace["inbound"]] == [received.json()["number"]]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("not a label", "not a GS1-128 case label"),
        (label(lot="X1", lb="60.00", gtin="10614141000026"), "No product has GTIN"),
        (label(lot="X1", lb="75.00"), "outside the 10% tolerance"),
        (label(lot="X1", lb="60.00", use_by_days=-1), "expired on"),
        ("0110614141000019" + "3202006000", "has no lot"),
        ("(01)10614141000019(3202)00600", "not a GS1-128 case label"),
    ],
)
def test_bad_labels_are_field_errors_and_change_nothing(ribeye, client_as, code, message):
    response = scan(client_as("warehouse"), code)

    assert response.status_code == 400
    assert message in response.json()["errors"]["code"][0]
    assert not Lot.objects.exists()
    assert not StockMovement.objects.exists()


def test_label_typed_as_printed_with_bracketed_ais_reads_like_the_barcode(ribeye, client_as):
    use_by = (TODAY + timedelta(days=20)).strftime("%y%m%d")
    printed = f"(01){GTIN}(3202)006125(17){use_by}(10)A-77(21)000001"

    response = scan(client_as("warehouse"), printed)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["lot_code"] == "A-77"
    assert body["net_weight"] == "61.250"
    assert body["use_by"] == (TODAY + timedelta(days=20)).isoformat()
    assert body["serial"] == "000001"


def test_receiving_outside_tolerance_refuses_the_whole_receipt(ribeye, purchase, client_as):
    order, plant = purchase
    response = client_as("warehouse").post(
        "/api/v1/goods-receipts/",
        {
            "order": order.pk,
            "lines": [
                {
                    "order_line": order.lines.get().pk,
                    "quantity_received": "2",
                    "lot_code": "Z9",
                    "net_weight": "150",
                    "plant": plant.pk,
                }
            ],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "tolerance" in response.json()["errors"]["weight"][0]
    assert not StockMovement.objects.exists()
    assert not order.receipts.exists()


def test_expiring_lots_list(ribeye, purchase, client_as):
    order, plant = purchase
    warehouse = client_as("warehouse")
    receive_scanned(
        warehouse,
        order,
        plant,
        [label(lot="SOON", lb="60", use_by_days=3), label(lot="LATE", lb="60", use_by_days=60)],
    )

    rows = warehouse.get("/api/v1/stock/expiring-lots/", {"within_days": 7}).json()["results"]

    assert [(r["lot_code"], r["on_hand"]) for r in rows] == [("SOON", "1.000")]
