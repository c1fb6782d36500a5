#!/usr/bin/env python3
"""The drills of the stack check (run by scripts/stack-check.sh, which starts the stack).

Through nginx (TLS): sign-in, a purchase request to payment, an invoice upload read by the
worker; the worker killed mid-OCR and the job finished after restart within 2 minutes; Redis
stopped: sign-in and a sales order confirmation answer without 5xx, readiness names what is down
within a second, an upload is accepted and processed after Redis returns; the replica follows
the primary; a backup restored into a new database with matching fingerprints.

With STACK_BROKER=rabbitmq (web, worker and beat restarted on RabbitMQ): purchase to payment, an
upload read by the worker, the worker killed mid-OCR (its unacknowledged message returns to the
queue when its connection drops), and Redis, now only the cache, stopped: sign-in and writes
answer without 5xx and an upload is read while Redis is still down.

Prints one line per step with its measured outcome; exits 1 on the first failed expectation.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
STACK = Path(os.environ["STACK_DIR"])
BASE = os.environ["BASE_URL"]
PASSWORD = os.environ.get("DEMO_PASSWORD", "procura-demo-2026")
REDIS_PORT = os.environ["REDIS_PORT"]
BROKER = os.environ.get("STACK_BROKER", "redis")
# nginx's throw-away certificate (made by stack-check.sh for 127.0.0.1): TLS is verified.
CA = str(STACK / "tls/procura.crt")
RECOVERY_SECONDS = 120
FINISH_SECONDS = 120


def today() -> str:
    return datetime.now(tz=UTC).date().isoformat()


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DrillFailed(f"{name} is not installed")
    return found


class DrillFailed(Exception):
    pass


def report(step: str, outcome: str) -> None:
    print(f"[stack:{BROKER}] {step}: {outcome}", flush=True)  # noqa: T201 - the drill's report


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise DrillFailed(message)


def wait_until(check: Callable[[], Any], seconds: float, what: str, every: float = 0.5) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise DrillFailed(f"{what}: not within {seconds} s")


class Session:
    """A browser-like client: CSRF cookie and header, JWT cookies, same-origin headers."""

    def __init__(self, email: str, password: str = PASSWORD) -> None:
        self.client = httpx.Client(
            base_url=BASE, verify=CA, timeout=30, headers={"Origin": BASE, "Referer": f"{BASE}/"}
        )
        self.email = email
        token = self.client.get("/api/v1/auth/csrf/").json()["csrf_token"]
        self.client.headers["X-CSRFToken"] = token
        self.login_status = self.client.post(
            "/api/v1/auth/login/", json={"email": email, "password": password}
        ).status_code

    def call(self, method: str, path: str, expected: int | None = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        if expected is not None and response.status_code != expected:
            raise DrillFailed(
                f"{method} {path} as {self.email}: {response.status_code} {response.text[:400]}"
            )
        return response

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs).json()

    def post(self, path: str, data: Any = None, expected: int = 200, **kwargs: Any) -> Any:
        return self.call("POST", path, expected, json=data or {}, **kwargs).json()


def demo(local: str) -> Session:
    session = Session(f"{local}@procura.example")
    expect(session.login_status == 200, f"sign-in as {local}: {session.login_status}")
    return session


def first(session: Session, path: str) -> dict[str, Any]:
    results = session.get(path)["results"]
    expect(bool(results), f"{path} is empty")
    return results[0]


def purchase_request_to_payment() -> None:
    requester, manager, buyer = demo("requester"), demo("manager"), demo("buyer")
    warehouse, finance = demo("warehouse"), demo("finance")
    report("sign-in", "requester, manager, buyer, warehouse, finance: 200")
    supplier = first(buyer, "/api/v1/suppliers/?page_size=1")
    products = buyer.get("/api/v1/products/?page_size=100")["results"]
    plain = [p for p in products if not p.get("catch_weight") and not p.get("lot_tracked")]
    expect(bool(plain), "no product sold by plain quantity in the demo data")
    product = plain[0]
    location = first(warehouse, "/api/v1/locations/?page_size=1")
    request = requester.post(
        "/api/v1/purchase-requests/",
        {
            "title": "Stack check order",
            "currency": "USD",
            "suggested_supplier": supplier["id"],
            "items": [
                {"product": str(product["id"]), "quantity": "10", "estimated_unit_price": "4.50"}
            ],
        },
        expected=201,
    )
    url = f"/api/v1/purchase-requests/{request['id']}/"
    requester.post(f"{url}submit/")
    for approver in (manager, demo("director")):
        if requester.get(url)["status"] != "pending_approval":
            break
        approver.call("POST", f"{url}approve/", None, json={"comment": "ok"})
    expect(requester.get(url)["status"] == "approved", "the request was not approved")
    (order,) = buyer.post(
        "/api/v1/purchase-orders/create-from-requests/",
        {"requests": [request["id"]], "ship_to": location["id"]},
        expected=201,
    )
    order_url = f"/api/v1/purchase-orders/{order['id']}/"
    buyer.post(f"{order_url}issue/")
    line_id = order["lines"][0]["id"]
    warehouse.post(
        "/api/v1/goods-receipts/",
        {"order": order["id"], "lines": [{"order_line": line_id, "quantity_received": "10"}]},
        expected=201,
    )
    invoice = finance.post(
        "/api/v1/supplier-invoices/",
        {
            "supplier": supplier["id"],
            "invoice_number": f"STACK-{uuid.uuid4().hex[:8]}",
            "invoice_date": today(),
            "subtotal": "45.00",
            "tax": "0.00",
            "total": "45.00",
            "currency": "USD",
            "lines": [{"order_line": line_id, "quantity": "10", "unit_price": "4.50"}],
        },
        expected=201,
    )
    invoice_url = f"/api/v1/supplier-invoices/{invoice['id']}/"
    finance.post(f"{invoice_url}match/")
    # Payables duties are separate people's: finance entered it, the controller approves,
    # treasury pays.
    demo("controller").post(f"{invoice_url}approve/")
    demo("treasury").post(
        "/api/v1/supplier-payments/",
        {
            "invoice": invoice["id"],
            "amount": "45.00",
            "paid_on": today(),
            "method": "ach",
        },
        expected=201,
    )
    status = finance.get(invoice_url)["status"]
    expect(status == "paid", f"invoice status {status}")
    report("purchase request to payment", f"{request['number']} -> order -> receipt -> paid")


def scan_pdf(pages: int) -> bytes:
    """A scanned invoice (no text layer) of ``pages`` pages, different on every call."""
    base = Image.open(ROOT / "procura/documents/tests/samples/compact-scan.png").convert("RGB")
    images = []
    for index in range(pages):
        page = base.copy()
        ImageDraw.Draw(page).text((10, 10), f"{uuid.uuid4()} page {index + 1}", fill=(0, 0, 0))
        images.append(page)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def upload(session: Session, pages: int) -> dict[str, Any]:
    response = session.call(
        "POST",
        "/api/v1/documents/",
        202,
        files={"file": (f"scan-{uuid.uuid4().hex[:6]}.pdf", scan_pdf(pages), "application/pdf")},
    )
    return dict(response.json())


def task(session: Session, task_id: str) -> dict[str, Any]:
    return dict(session.get(f"/api/v1/tasks/{task_id}/"))


def wait_task(session: Session, task_id: str, seconds: float) -> dict[str, Any]:
    def finished() -> dict[str, Any] | None:
        state = task(session, task_id)
        return state if state["state"] in {"succeeded", "failed"} else None

    result: dict[str, Any] = wait_until(finished, seconds, f"task {task_id}")
    return result


def invoice_upload_read_by_the_worker(buyer: Session) -> None:
    started = time.monotonic()
    document = upload(buyer, pages=1)
    state = wait_task(buyer, document["task_id"], FINISH_SECONDS)
    expect(state["state"] == "succeeded", f"upload: {state}")
    detail = buyer.get(f"/api/v1/documents/{document['id']}/")
    expect(detail["status"] == "processed", f"document {detail['status']}")
    report("invoice upload read by the worker", f"processed in {time.monotonic() - started:.1f} s")


def _worker_pids() -> list[int]:
    main = int((STACK / "worker.pid").read_text())
    children = subprocess.run(  # noqa: S603 - fixed argv
        ["/usr/bin/pgrep", "-P", str(main)], capture_output=True, text=True
    ).stdout.split()
    return [main, *map(int, children)]


def start_worker() -> None:
    log = (STACK / "logs/worker.log").open("a")
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "procura",
            "worker",
            "--queues",
            "default,ocr,mail",
            "--concurrency",
            "1",
            "--hostname",
            "stack-restarted@%h",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (STACK / "worker.pid").write_text(str(process.pid))


def worker_killed_mid_ocr(buyer: Session) -> None:
    document = upload(buyer, pages=4)
    task_id = document["task_id"]

    def in_ocr() -> bool:
        state = task(buyer, task_id)
        return state["state"] == "progress" and state["progress"] >= 10

    wait_until(in_ocr, 120, "OCR to start", every=0.2)
    for pid in _worker_pids():
        os.kill(pid, signal.SIGKILL)
    killed_at = task(buyer, task_id)
    report("worker killed mid-OCR", f"at {killed_at['progress']}% ({killed_at['step']})")
    time.sleep(2)
    start_worker()
    restarted = time.monotonic()
    state = wait_task(buyer, task_id, RECOVERY_SECONDS)
    took = time.monotonic() - restarted
    expect(state["state"] == "succeeded", f"after restart: {state}")
    expect(took <= RECOVERY_SECONDS, f"finished {took:.0f} s after restart")
    report("job finished after worker restart", f"{took:.0f} s after restart, attempts re-run")


def redis(command: str) -> None:
    if command == "stop":
        pid = int((STACK / "redis.pid").read_text())
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not Path(f"/proc/{pid}").exists(), 20, "redis to stop")
        return
    subprocess.run(  # noqa: S603 - fixed argv
        [
            program("redis-server"),
            str(ROOT / "deploy/redis/redis.conf"),
            "--bind",
            "127.0.0.1",
            "--port",
            REDIS_PORT,
            "--dir",
            str(STACK),
            "--daemonize",
            "yes",
            "--pidfile",
            str(STACK / "redis.pid"),
            "--logfile",
            str(STACK / "logs/redis.log"),
        ],
        check=True,
    )


def redis_down() -> None:
    sales = demo("sales")
    buyer = demo("buyer")
    drafts = sales.get("/api/v1/sales-orders/?status=draft&page_size=10")["results"]
    expect(bool(drafts), "no draft sales order in the demo data")
    redis("stop")
    report("redis", "stopped")
    fresh = Session("requester@procura.example")
    expect(fresh.login_status == 200, f"sign-in with Redis down: {fresh.login_status}")
    report("sign-in with Redis down", "200")
    statuses = []
    for draft in drafts:
        confirm = sales.call("POST", f"/api/v1/sales-orders/{draft['id']}/confirm/", None, json={})
        statuses.append(confirm.status_code)
        expect(confirm.status_code < 500, f"confirm with Redis down: {confirm.status_code}")
        if confirm.status_code == 200:
            break
    report("sales order confirm with Redis down", ", ".join(map(str, statuses)))
    listed = buyer.call("GET", "/api/v1/purchase-orders/", 200)
    report("purchase order list with Redis down", str(listed.status_code))
    started = time.monotonic()
    ready = httpx.get(f"{BASE}/api/health/ready/", verify=CA, timeout=10)
    took = time.monotonic() - started
    failing = ready.json().get("failing", [])
    expect(ready.status_code == 503 and "cache" in failing, f"readiness: {ready.text[:300]}")
    expect(took < 1.5, f"readiness took {took:.2f} s")
    report("readiness with Redis down", f"503 failing={failing} in {took * 1000:.0f} ms")
    document = upload(buyer, pages=1)
    report("upload with Redis down", "202 (kept in the outbox)")
    time.sleep(3)
    redis("start")
    back = time.monotonic()
    state = wait_task(buyer, document["task_id"], RECOVERY_SECONDS)
    expect(state["state"] == "succeeded", f"queued upload after Redis returned: {state}")
    report("queued upload processed after Redis returned", f"{time.monotonic() - back:.0f} s")


def redis_down_with_rabbitmq() -> None:
    """Redis only caches here: with it stopped, work still flows through RabbitMQ at once."""
    buyer, requester = demo("buyer"), demo("requester")
    redis("stop")
    report("redis", "stopped (the cache only; the broker is RabbitMQ)")
    try:
        fresh = Session("manager@procura.example")
        expect(fresh.login_status == 200, f"sign-in with Redis down: {fresh.login_status}")
        report("sign-in with Redis down", "200")
        created = requester.call(
            "POST",
            "/api/v1/purchase-requests/",
            None,
            json={"title": "Written while Redis is down", "currency": "USD", "items": []},
        )
        expect(created.status_code == 201, f"write with Redis down: {created.status_code}")
        report("purchase request created with Redis down", "201")
        started = time.monotonic()
        document = upload(buyer, pages=1)
        state = wait_task(buyer, document["task_id"], FINISH_SECONDS)
        expect(state["state"] == "succeeded", f"upload with Redis down: {state}")
        report(
            "upload read by the worker while Redis is down",
            f"processed in {time.monotonic() - started:.1f} s",
        )
        ready = httpx.get(f"{BASE}/api/health/ready/", verify=CA, timeout=10)
        failing = ready.json().get("failing", [])
        expect("broker" not in failing, f"readiness: {ready.text[:300]}")
        report("readiness with Redis down", f"{ready.status_code} failing={failing}")
    finally:
        redis("start")


def psql(port: str, database: str, sql: str) -> str:
    env = {**os.environ, "PGPASSWORD": os.environ["DB_PASSWORD"]}
    return subprocess.run(  # noqa: S603 - fixed argv
        [
            program("psql"),
            "-X",
            "-q",
            "-t",
            "-A",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "procura",
            "-d",
            database,
            "-c",
            sql,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def replica_follows() -> None:
    primary, replica = os.environ["PG_PORT"], os.environ["PG_REPLICA_PORT"]
    count = psql(primary, "procura", "SELECT count(*) FROM procurement_purchaserequest")
    wait_until(
        lambda: (
            psql(replica, "procura", "SELECT count(*) FROM procurement_purchaserequest") == count
        ),
        30,
        "replica to catch up",
    )
    recovery = psql(replica, "procura", "SELECT pg_is_in_recovery()")
    expect(recovery == "t", "the replica is not a standby")
    report("streaming replica", f"in recovery, {count} purchase requests as on the primary")
    # A report is read from the replica (a fresh session: sign-in set the read-your-writes cookie).
    finance = demo("finance")
    finance.client.cookies.delete("procura_primary")
    reads = "SELECT xact_commit FROM pg_stat_database WHERE datname = 'procura'"
    before = int(psql(replica, "procura", reads))
    finance.call("GET", "/api/v1/reports/spend-by-department/", 200)
    time.sleep(2)  # server statistics are flushed about once a second
    after = int(psql(replica, "procura", reads))
    expect(after > before + 1, f"the report did not read the replica ({before} -> {after})")
    # Right after a write, the same client reads from the primary (its own change is there).
    requester = demo("requester")
    requester.post(
        "/api/v1/purchase-requests/",
        {"title": "Read your writes", "currency": "USD", "items": []},
        expected=201,
    )
    expect("procura_primary" in requester.client.cookies, "no read-your-writes cookie")
    report("replica router", f"report read on the replica ({after - before} transactions there)")


def backup_and_restore() -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    output = subprocess.run(  # noqa: S603 - fixed argv
        [*manage, "backup"], capture_output=True, text=True, check=True
    ).stdout
    report("backup", output.strip().splitlines()[0])
    archive = sorted((STACK / "backups").glob("procura-*.tar*"))[-1]
    psql(os.environ["PG_PORT"], "procura", "CREATE DATABASE procura_restored")
    target = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/procura_restored"
    result = subprocess.run(  # noqa: S603 - fixed argv
        [
            *manage,
            "restore",
            str(archive),
            "--database-url",
            target,
            "--media-root",
            str(STACK / "restored-media"),
        ],
        capture_output=True,
        text=True,
    )
    expect(result.returncode == 0, f"restore: {result.stderr[-800:]}")
    expect("fingerprints match" in result.stdout, result.stdout)
    report("restore into a new database", " | ".join(result.stdout.strip().splitlines()))


def main() -> int:
    started = time.monotonic()
    try:
        purchase_request_to_payment()
        buyer = demo("buyer")
        invoice_upload_read_by_the_worker(buyer)
        worker_killed_mid_ocr(buyer)
        if BROKER == "rabbitmq":
            redis_down_with_rabbitmq()
        else:
            redis_down()
            replica_follows()
            backup_and_restore()
    except (DrillFailed, httpx.HTTPError, subprocess.CalledProcessError) as exc:
        report("FAILED", str(exc))
        return 1
    report("all drills passed", f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
