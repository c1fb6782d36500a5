"""Procura's purchase order list against a lean DRF project serving the same page, side by side.

    .venv/bin/python bench/lists/harness.py --database sqlite
    createdb -h 127.0.0.1 -U postgres bench_lists_procura     # once, for PostgreSQL
    createdb -h 127.0.0.1 -U postgres bench_lists_baseline
    .venv/bin/python bench/lists/harness.py --database postgresql \\
        --procura-db postgres://postgres@127.0.0.1:5432/bench_lists_procura \\
        --baseline-db postgres://postgres@127.0.0.1:5432/bench_lists_baseline

Both projects get the same data (--orders purchase orders with 5 lines each) and are served by
one gunicorn sync worker each (deploy/gunicorn.conf.py, so both get its GC settings). wrk then
drives them in turns -- each round asks every server for random pages of 50 orders for
--duration seconds at --concurrency -- so a burst of load from elsewhere on the machine falls
on all of them alike. Procura is asked as a buyer with an API token, through its whole stack
(middleware, authentication, permissions, filters, pagination); the baseline project (in
bench/lists/baseline/) answers without authentication, three ways: the textbook nested
serializer (N+1 queries), the same with select_related/prefetch_related, and values() + orjson
(the floor). Printed per server: req/s, p50 and p99 latency (the median over the rounds), the
CPU time its worker process spent per request (from /proc: what the machine's other load does
not change) and queries per request, then the ratios Procura/prefetch and Procura/floor, the
ratio of CPU time per request to the floor's, and the load average.

    .venv/bin/python bench/lists/harness.py --database sqlite --lists

adds the other large lists (requests, supplier invoices, sales orders, customer invoices,
products, stock levels and movements, audit events) beside the purchase-order list in
Procura's database and prints each one's CPU time per row against the PO list's
(bench/lists/other_lists.py); --lists-only skips the server comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = sys.executable
PAGE_SIZE = 50
LINES = 5
LUA = """
local pages = tonumber(os.getenv("BENCH_PAGES"))
local path = os.getenv("BENCH_PATH")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", path .. "page=" .. math.random(1, pages))
end
"""


@dataclass
class Target:
    name: str
    port: int
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    queries: int | None = None
    rounds: list[tuple[float, float, float]] = field(default_factory=list)  # req/s, p50, p99
    cpu: list[float] = field(default_factory=list)  # the worker's CPU ms a request, per round
    worker: int | None = None  # the server's worker process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def median(self, index: int) -> float:
        return statistics.median(r[index] for r in self.rounds)


# --- preparing the two databases (each in its own process: two Django projects) -----------


def prepare_procura(orders: int, token_file: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench" / "procurement"))
    from po_list import ensure_orders, setup_django

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from procura.accounts.models import User
    from procura.accounts.services import api_token_create
    from procura.accounts.tests.factories import UserFactory

    ensure_orders(orders, lines_per_order=LINES)
    buyer = User.objects.filter(email="bench-list-buyer@example.com").first() or UserFactory(
        email="bench-list-buyer@example.com", roles=["procurement"]
    )
    _, raw = api_token_create(user=buyer, name=f"bench {time.time():.0f}")
    token_file.write_text(raw)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = f"/api/v1/purchase-orders/?page_size={PAGE_SIZE}&page=2"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    print(json.dumps({"procura": len(ctx.captured_queries)}))


def measure_lists(orders: int, rows: int, rounds: int, requests: int) -> None:
    sys.path.insert(0, str(ROOT / "bench" / "procurement"))
    sys.path.insert(0, str(HERE))
    from other_lists import ensure_rows, measure, report
    from po_list import ensure_orders, setup_django

    setup_django()
    from procura.accounts.services import api_token_create

    ensure_orders(orders, lines_per_order=LINES)
    ensure_rows(rows)
    # An auditor reads every one of these lists.
    from other_lists import _person

    reader = _person("bench-list-auditor@example.com", "auditor")
    _, raw = api_token_create(user=reader, name=f"bench lists {time.time():.0f}")
    load_before = os.getloadavg()
    targets = measure(raw, rounds=rounds, requests=requests)
    load_after = os.getloadavg()
    print(
        f"\nEach list: pages of {PAGE_SIZE} as an auditor with an API token, {rounds} interleaved "
        f"rounds of {requests} requests per list, in one process (medians over all requests)\n"
    )
    report(targets)
    print(
        "load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after
        )
    )


def prepare_baseline(orders: int) -> None:
    sys.path.insert(0, str(HERE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "baseline.settings"
    import django

    django.setup()
    from decimal import Decimal

    from baseline.models import Location, Product, PurchaseOrder, PurchaseOrderLine, Supplier
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", run_syncdb=True, verbosity=0)
    existing = PurchaseOrder.objects.count()
    if existing < orders:
        import random

        rng = random.Random(7)
        suppliers = list(Supplier.objects.all()) or Supplier.objects.bulk_create(
            Supplier(code=f"BENCHS{n:02d}", name=f"Bench packer {n}") for n in range(20)
        )
        location = Location.objects.first() or Location.objects.create(
            code="BENCH-CS", name="Bench cold store"
        )
        products = list(Product.objects.all()) or Product.objects.bulk_create(
            Product(sku=f"BENCH-PO-{n:03d}", name=f"Bench cut {n}") for n in range(50)
        )
        statuses = ["draft", "issued", "partially_received", "received", "closed"]
        for start in range(existing, orders, 1000):
            batch = [
                PurchaseOrder(
                    number=f"BENCH-{n + 1:06d}",
                    status=statuses[n % 5],
                    supplier=suppliers[n % len(suppliers)],
                    ship_to=location,
                    currency="USD",
                    payment_terms_days=30,
                    total=Decimal(0),
                    issued_at=timezone.now() if n % 5 else None,
                )
                for n in range(start, min(start + 1000, orders))
            ]
            PurchaseOrder.objects.bulk_create(batch)
            lines = []
            for order in batch:
                for line_no in range(1, LINES + 1):
                    product = products[rng.randrange(len(products))]
                    quantity = Decimal(rng.randrange(10, 500))
                    price = Decimal(rng.randrange(250, 1200)) / 100
                    lines.append(
                        PurchaseOrderLine(
                            order=order,
                            line_no=line_no,
                            product=product,
                            description=product.name,
                            quantity=quantity,
                            unit="lb",
                            unit_price=price,
                            line_total=(quantity * price).quantize(Decimal("0.01")),
                        )
                    )
                    order.total += lines[-1].line_total
            PurchaseOrderLine.objects.bulk_create(lines)
            PurchaseOrder.objects.bulk_update(batch, ["total"])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    counts = {}
    client = Client()
    for name in ("naive", "prefetch", "floor"):
        url = f"/{name}/?page_size={PAGE_SIZE}&page=2"
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[name] = len(ctx.captured_queries)
    print(json.dumps(counts))


# --- serving and driving ------------------------------------------------------------------


def start_server(
    name: str, app: str, port: int, env: dict[str, str], workdir: Path, chdir: Path
) -> subprocess.Popen[bytes]:
    settings = "procura.settings" if name == "procura" else "baseline.settings"
    env = {**env, "DJANGO_SETTINGS_MODULE": settings}
    log = (workdir / f"{name}.log").open("wb")
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        app,
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--workers=1",
        "--worker-class=sync",
        "--threads=1",
        "--max-requests=0",
        f"--bind=127.0.0.1:{port}",
        "--access-logfile=/dev/null",
        f"--chdir={chdir}",
    ]
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def wait_until_up(target: Target, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            body = fetch(target, 1)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
            continue
        results = body["results"]
        assert len(results) == PAGE_SIZE, (target.name, len(results))
        assert len(results[0]["lines"]) == LINES, target.name
        return


def fetch(target: Target, page: int) -> dict:
    request = urllib.request.Request(f"{target.url}page={page}", headers=target.headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    assert match, text
    return float(match.group(1)) * _UNITS[match.group(2)]


def drive(target: Target, *, duration: int, concurrency: int, pages: int, lua: Path) -> None:
    command = ["wrk", f"-t{concurrency}", f"-c{concurrency}", f"-d{duration}s", "--latency"]
    for key, value in target.headers.items():
        command += ["-H", f"{key}: {value}"]
    command += ["-s", str(lua), f"http://127.0.0.1:{target.port}"]
    env = {**os.environ, "BENCH_PAGES": str(pages), "BENCH_PATH": target.path}
    cpu_before = worker_cpu_ms(target.worker)
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    cpu_after = worker_cpu_ms(target.worker)
    if "Non-2xx" in output:
        raise SystemExit(f"{target.name} answered errors:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    target.rounds.append((rate, p50, p99))
    done = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    if cpu_before is not None and cpu_after is not None and done:
        target.cpu.append((cpu_after - cpu_before) / done)


def worker_of(server: subprocess.Popen[bytes]) -> int | None:
    """The pid of the gunicorn master's (single) worker."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def worker_cpu_ms(pid: int | None) -> float | None:
    """User and system CPU time the process has used (Linux /proc), in ms."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def run_prepare(args: argparse.Namespace, workdir: Path, env: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for role in ("procura", "baseline"):
        output = subprocess.run(  # noqa: S603
            [PYTHON, __file__, f"--prepare-{role}", f"--orders={args.orders}"],
            env={**env, "BENCH_WORKDIR": str(workdir)},
            capture_output=True,
            text=True,
        )
        if output.returncode:
            raise SystemExit(f"preparing {role} failed:\n{output.stderr[-3000:]}")
        counts.update(json.loads(output.stdout.strip().splitlines()[-1]))
    return counts


def run_lists(args: argparse.Namespace, env: dict[str, str]) -> None:
    command = [
        PYTHON,
        __file__,
        "--measure-lists",
        f"--orders={args.orders}",
        f"--list-rows={args.list_rows}",
        f"--list-rounds={args.list_rounds}",
        f"--list-requests={args.list_requests}",
    ]
    subprocess.run(command, env=env, check=True)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--procura-db", help="DATABASE_URL of Procura's benchmark database")
    parser.add_argument("--baseline-db", help="database URL of the baseline project")
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5, help="seconds per server per round")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--port", type=int, default=18150, help="first of four ports")
    parser.add_argument("--workdir", default="/tmp/procura-bench-lists")  # noqa: S108
    parser.add_argument(
        "--lists", action="store_true", help="also time the other large lists per row"
    )
    parser.add_argument(
        "--lists-only", action="store_true", help="only the other lists against the PO list"
    )
    parser.add_argument("--list-rows", type=int, default=120, help="rows per other list")
    parser.add_argument("--list-rounds", type=int, default=5)
    parser.add_argument("--list-requests", type=int, default=20, help="per list per round")
    parser.add_argument("--measure-lists", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare-procura", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--prepare-baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_procura:
        prepare_procura(args.orders, Path(os.environ["BENCH_WORKDIR"]) / "token")
        return
    if args.prepare_baseline:
        prepare_baseline(args.orders)
        return
    if args.measure_lists:
        measure_lists(args.orders, args.list_rows, args.list_rounds, args.list_requests)
        return
    workdir = Path(args.workdir) / args.database
    workdir.mkdir(parents=True, exist_ok=True)
    if args.database == "sqlite":
        procura_db = args.procura_db or f"sqlite:///{workdir / 'procura.sqlite3'}"
        baseline_db = args.baseline_db or f"sqlite:///{workdir / 'baseline.sqlite3'}"
    else:
        if not (args.procura_db and args.baseline_db):
            raise SystemExit("--procura-db and --baseline-db name the PostgreSQL databases")
        procura_db, baseline_db = args.procura_db, args.baseline_db
    env = {
        **os.environ,
        "DATABASE_URL": procura_db,
        "BASELINE_DATABASE_URL": baseline_db,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        # One benchmark client asks for more than a user's default 3,000 requests a minute;
        # the throttle still counts every request.
        "THROTTLE_USER": "1000000/minute",
        "PYTHONPATH": str(ROOT),
    }
    if args.lists or args.lists_only:
        run_lists(args, env)
        if args.lists_only:
            return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    print(f"preparing {args.orders} orders x {LINES} lines in both databases ({args.database})")
    counts = run_prepare(args, workdir, env)
    token = (workdir / "token").read_text().strip()
    lua = workdir / "pages.lua"
    lua.write_text(LUA)
    query = f"?page_size={PAGE_SIZE}&"
    targets = [
        Target(
            "Procura purchase-order list",
            args.port,
            f"/api/v1/purchase-orders/{query}",
            {"Authorization": f"Bearer {token}"},
            counts["procura"],
        ),
        Target("lean DRF, N+1 queries", args.port + 1, f"/naive/{query}", {}, counts["naive"]),
        Target("lean DRF, prefetch", args.port + 1, f"/prefetch/{query}", {}, counts["prefetch"]),
        Target(
            "values() + orjson (the floor)", args.port + 1, f"/floor/{query}", {}, counts["floor"]
        ),
    ]
    servers = [
        start_server("procura", "procura.wsgi:application", args.port, env, workdir, ROOT),
        start_server("baseline", "baseline.wsgi:application", args.port + 1, env, workdir, HERE),
    ]
    pages = max(1, args.orders // PAGE_SIZE)
    try:
        for target in targets:
            wait_until_up(target)
            target.worker = worker_of(servers[0 if target.port == args.port else 1])
            for page in range(1, 30):  # warm-up: imports, connections, caches
                fetch(target, page % pages + 1)
        load_before = os.getloadavg()
        for round_no in range(args.rounds):
            turn = targets[round_no % len(targets) :] + targets[: round_no % len(targets)]
            for target in turn:
                drive(
                    target,
                    duration=args.duration,
                    concurrency=args.concurrency,
                    pages=pages,
                    lua=lua,
                )
        load_after = os.getloadavg()
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)

    print(
        f"\n{args.database}, {args.orders} orders, pages of {PAGE_SIZE} x {LINES} lines, "
        f"one sync worker each, concurrency {args.concurrency}, {args.rounds} interleaved "
        f"rounds of {args.duration} s (medians over the rounds)\n"
    )
    print("| server | req/s | p50 | p99 | p99/p50 | worker CPU/request | queries/request |")
    print("|---|---|---|---|---|---|---|")
    for target in targets:
        rate, p50, p99 = target.median(0), target.median(1), target.median(2)
        cpu = f"{statistics.median(target.cpu):.2f} ms" if target.cpu else "-"
        print(
            f"| {target.name} | {rate:.1f} | {p50:.2f} ms | {p99:.2f} ms | {p99 / p50:.2f} "
            f"| {cpu} | {target.queries} |"
        )
    procura, _, prefetch, floor = targets
    print(
        f"\nProcura/prefetch {procura.median(0) / prefetch.median(0):.2f}x, "
        f"Procura/floor {procura.median(0) / floor.median(0):.2f}x (req/s)"
    )
    if procura.cpu and floor.cpu:
        print(
            "Procura/floor by the worker's CPU time a request (the rate it would reach alone "
            f"on a core): {statistics.median(floor.cpu) / statistics.median(procura.cpu):.2f}x, "
            f"{1000 / statistics.median(procura.cpu):.0f} req/s"
        )
    print(
        "load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after
        )
    )


if __name__ == "__main__":
    main()
