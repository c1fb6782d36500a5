"""Where one list request's CPU time goes, inside the WSGI application as a gunicorn worker runs it.

    .venv/bin/python bench/lists/harness.py --database sqlite --workdir /tmp/procura-bench-lists
    DATABASE_URL=sqlite:////tmp/procura-bench-lists/sqlite/procura.sqlite3 \\
        .venv/bin/python bench/lists/request_profile.py --requests 300 --profile 40

Loads ``procura.wsgi`` with the server's settings (DEBUG off, no Redis), freezes the loaded app
out of the garbage collector and sets its thresholds as ``deploy/gunicorn.conf.py`` does, then
calls the application with a WSGI environ like gunicorn's for random pages of the list (as a
buyer with an API token, through the whole middleware stack, authentication, permissions,
throttles, filters, pagination and rendering), reads and closes each response, and prints the
p10, median and p90 CPU time of a request (``time.process_time``: what the machine's other load does
not change) and the queries it makes. ``--profile N`` then profiles the same requests with
cProfile and prints the N functions with the most time of their own and the N with the most
time including what they call.

Instructions per request (what neither the machine's load nor its clock speed changes) with
callgrind, counting only the measured requests (``--callgrind N`` switches counting on for N
requests after the warm-up, then exits)::

    DATABASE_URL=sqlite:////tmp/procura-bench-lists/sqlite/procura.sqlite3 API_TOKEN_CACHE_SECONDS=3600 \
        valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/list.cg \
        .venv/bin/python bench/lists/request_profile.py --callgrind 40

prints the instructions ("Collected") of the 40 requests; divide by 40. (Under valgrind a request
takes ~50 times as long: API_TOKEN_CACHE_SECONDS keeps the token for as many requests as its
default 10 s would at full speed.)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def setup() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("REDIS_URL", "")
    os.environ.setdefault("CELERY_BROKER_URL", "")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", f"/tmp/procura-profile-metrics-{os.getpid()}")  # noqa: S108
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from procura.wsgi import application

    return application


def token_for(email: str, role: str) -> str:
    from procura.accounts.models import User
    from procura.accounts.services import api_token_create
    from procura.accounts.tests.factories import UserFactory

    user = User.objects.filter(email=email).first() or UserFactory(email=email, roles=[role])
    return api_token_create(user=user, name=f"profile {time.time():.0f}")[1]  # type: ignore[arg-type]


def environ_for(path: str, query: str, token: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "50000",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "wrk",
        "HTTP_ACCEPT": "*/*",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(application: Any, environ: dict[str, Any]) -> tuple[str, bytes]:
    answer: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        answer.append(status)
        return lambda data: None

    response = application(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    return answer[0], body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/api/v1/purchase-orders/")
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--role", default="procurement")
    parser.add_argument("--stats", help="also write the profile to this file (pstats)")
    parser.add_argument(
        "--callgrind", type=int, default=0, help="under callgrind: count N requests, then exit"
    )
    args = parser.parse_args()
    application = setup()
    token = token_for(f"bench-profile-{args.role}@example.com", args.role)

    from django.db import connection

    def request(page: int) -> None:
        query = f"page_size={args.page_size}&page={page}"
        status, body = call(application, environ_for(args.path, query, token))
        assert status.startswith("200"), (status, body[:300])

    status, body = call(application, environ_for(args.path, f"page_size={args.page_size}", token))
    assert status.startswith("200"), (status, body[:300])
    import orjson

    pages = max(1, orjson.loads(body)["count"] // args.page_size)
    rng = random.Random(3)
    for _ in range(30):  # warm-up
        request(rng.randint(1, pages))
    queries: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        request(2)
    # As deploy/gunicorn.conf.py does once the worker has loaded the app.
    gc.collect()
    gc.freeze()
    sys.path.insert(0, str(ROOT / "deploy"))
    thresholds = os.environ.get("GUNICORN_GC_THRESHOLDS", "5000,10,10")
    if thresholds != "0":
        gc.set_threshold(*(int(part) for part in thresholds.split(",")))

    if args.callgrind:
        control = ["callgrind_control", "--instr"]
        subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)  # noqa: S603
        for _ in range(args.callgrind):
            request(rng.randint(1, pages))
        subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)  # noqa: S603
        return
    cpu = []
    for _ in range(args.requests):
        started = time.process_time()
        request(rng.randint(1, pages))
        cpu.append((time.process_time() - started) * 1000)
    cpu.sort()
    print(
        f"GET {args.path}?page_size={args.page_size} over {pages} pages, {args.requests} "
        f"requests: CPU p10 {cpu[len(cpu) // 10]:.2f} ms, p50 {statistics.median(cpu):.2f} ms, "
        f"p90 {cpu[int(len(cpu) * 0.9)]:.2f} ms, {len(queries)} queries"
    )
    for sql in queries:
        print("  ", sql[:160])
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            request(rng.randint(1, pages))
        profiler.disable()
        stats = pstats.Stats(profiler)
        if args.stats:
            stats.dump_stats(args.stats)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
