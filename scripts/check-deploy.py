#!/usr/bin/env python3
"""Check deploy/ as far as a machine without a container engine allows.

- compose.yaml: parses; nginx, web, worker, beat, PostgreSQL and Redis with health checks, the
  replica profile with the replica and PgBouncer; every service it depends on, every named volume
  it mounts and every file it bind-mounts or builds from exists; app services run a role the
  image's entry point (scripts/docker-entrypoint.sh) knows; every variable it requires
  (``${NAME:?}``) is named in docs/operations.md.
- Dockerfile: several stages, one of which builds the web app whose dist the image copies; every
  COPY source exists; --from names a stage; the image ends as a non-root user, has a health check
  and the entry point; it installs Tesseract with the same language packs as
  scripts/system-deps.sh; static files are collected at build time.
- nginx: `nginx -t` on the repository's config files (paths rewritten to a scratch directory,
  with a throw-away certificate).
- systemd units: parse; web, worker and beat (the compose processes) each have one; programs and
  files they run exist in the checkout's layout.
- docs/operations.md: every `make <target>`, `manage.py <command>` and deploy/ path it names
  exists, and every `docker compose` command names the compose file, profiles, services and
  entry-point roles that exist, so the documented commands match the files.

Exit status 1 with one line per problem.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# Files the operator creates (certificates, the filled-in settings), not in the repository.
OPERATOR_MADE = ("deploy/tls", "deploy/procura.env")
ENTRYPOINT = ROOT / "scripts" / "docker-entrypoint.sh"
SYSTEMD_PROCESSES = ("procura-web.service", "procura-worker@.service", "procura-beat.service")
problems: list[str] = []


def problem(text: str) -> None:
    problems.append(text)


def entrypoint_roles() -> set[str]:
    """The roles the image's entry point dispatches on (its ``case`` patterns)."""
    return set(re.findall(r"^\s+([a-z]+)\)", ENTRYPOINT.read_text(), flags=re.M))


def compose() -> dict:
    return dict(yaml.safe_load((DEPLOY / "compose.yaml").read_text()))


def check_compose() -> None:
    data = compose()
    roles = entrypoint_roles()
    if not {"web", "worker", "beat", "migrate", "manage"} <= roles:
        problem(f"docker-entrypoint.sh: roles web/worker/beat/migrate/manage expected: {roles}")
    services: dict = data.get("services") or {}
    volumes = set((data.get("volumes") or {}).keys())
    required = {"nginx", "web", "worker", "beat", "db", "redis"}
    if missing := required - set(services):
        problem(f"compose.yaml: services missing: {sorted(missing)}")
    profiled = {name for name, svc in services.items() if "replica" in (svc.get("profiles") or [])}
    if not {"db-replica", "pgbouncer"} <= profiled:
        problem("compose.yaml: profile 'replica' must hold db-replica and pgbouncer")
    for name, service in services.items():
        depends = service.get("depends_on") or {}
        for dependency in depends if isinstance(depends, list | dict) else []:
            if dependency not in services:
                problem(f"compose.yaml: {name} depends on unknown service {dependency}")
        for mount in service.get("volumes") or []:
            source = str(mount).split(":", 1)[0]
            if source.startswith(("./", "../")):
                if not (DEPLOY / source).exists():
                    problem(f"compose.yaml: {name} mounts missing file {source}")
            elif source.startswith("${"):
                continue
            elif source not in volumes:
                problem(f"compose.yaml: {name} mounts undeclared volume {source}")
        build = service.get("build")
        if build:
            context = DEPLOY / build.get("context", ".")
            if not (context / build.get("dockerfile", "Dockerfile")).exists():
                problem(f"compose.yaml: {name} builds from a missing Dockerfile")
        env_file = service.get("env_file")
        if env_file and not (DEPLOY / f"{env_file}.example").exists():
            problem(f"compose.yaml: {name} reads {env_file} but {env_file}.example is missing")
        if service.get("image", "").startswith("procura"):
            command = service.get("command") or ["web"]
            if command[0] not in roles:
                problem(f"compose.yaml: {name} runs unknown role {command[0]}")
        if "healthcheck" not in service and name not in {"migrate"}:
            problem(f"compose.yaml: {name} has no health check")
    text = (DEPLOY / "compose.yaml").read_text()
    docs = (ROOT / "docs" / "operations.md").read_text()
    for variable in sorted(set(re.findall(r"\$\{([A-Z_]+):\?", text))):
        if variable not in docs:
            problem(f"compose.yaml requires {variable}, which docs/operations.md never names")


def check_dockerfile() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    stages = set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", text, flags=re.M | re.I))
    for line in re.findall(r"^COPY\s+(.+)$", text, flags=re.M):
        parts = line.split()
        from_stage = next((p.split("=", 1)[1] for p in parts if p.startswith("--from=")), None)
        args = [p for p in parts if not p.startswith("--")]
        if from_stage:
            if from_stage not in stages:
                problem(f"Dockerfile: COPY --from={from_stage}: no such stage")
            continue
        for source in args[:-1]:
            if not (ROOT / source).exists():
                problem(f"Dockerfile: COPY source {source} does not exist")
    if len(stages) < 2:
        problem("Dockerfile: expected a multi-stage build")
    built = {
        stage
        for stage, body in re.findall(
            r"^FROM\s+\S+\s+AS\s+(\S+)\s*\n(.*?)(?=^FROM\s|\Z)", text, flags=re.M | re.S | re.I
        )
        if "npm run build" in body
    }
    if not built:
        problem("Dockerfile: no stage builds the web app (npm run build)")
    elif not re.search(rf"^COPY\s+--from=({'|'.join(built)})\s+\S*dist\b", text, flags=re.M):
        problem("Dockerfile: the built web app (dist) is not copied into the image")
    if not re.search(r"^HEALTHCHECK\s", text, flags=re.M):
        problem("Dockerfile: no HEALTHCHECK")
    if "ENTRYPOINT" not in text or "docker-entrypoint.sh" not in text:
        problem("Dockerfile: the image does not use scripts/docker-entrypoint.sh")
    if not re.search(r"\btesseract-ocr\b(?!-)", text):
        problem("Dockerfile: Tesseract (tesseract-ocr) is not installed")
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.M)
    if not users or users[-1] in {"root", "0"}:
        problem("Dockerfile: the image must end as a non-root USER")
    ours = set(re.findall(r"tesseract-ocr-[a-z_]+", (ROOT / "scripts/system-deps.sh").read_text()))
    image = set(re.findall(r"tesseract-ocr-[a-z_]+", text))
    if missing := ours - image:
        problem(f"Dockerfile: language packs of scripts/system-deps.sh missing: {sorted(missing)}")
    if "collectstatic" not in text:
        problem("Dockerfile: static files are not collected at build time")


def check_nginx() -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        problem("nginx is not installed (make system-deps)")
        return
    with tempfile.TemporaryDirectory(prefix="procura-nginx-") as scratch:
        work = Path(scratch)
        (work / "tls").mkdir()
        (work / "cache").mkdir()
        subprocess.run(  # noqa: S603 - fixed argv
            [
                shutil.which("openssl") or "/usr/bin/openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(work / "tls/procura.key"),
                "-out",
                str(work / "tls/procura.crt"),
            ],
            check=True,
            capture_output=True,
        )
        for conf in (DEPLOY / "nginx").glob("*.conf"):
            text = conf.read_text().replace("/etc/nginx/", f"{work}/")
            text = text.replace("/var/cache/nginx/", f"{work}/cache/")
            (work / conf.name).write_text(text)
        (work / "nginx.conf").write_text(
            f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            "events {}\n"
            f"http {{\n  access_log off;\n  include {work}/procura.conf;\n}}\n"
        )
        result = subprocess.run(  # noqa: S603 - fixed argv
            [nginx, "-t", "-q", "-p", str(work), "-c", str(work / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            problem(f"nginx -t: {result.stderr.strip()}")


def check_systemd() -> None:
    for name in SYSTEMD_PROCESSES:
        if not (DEPLOY / "systemd" / name).exists():
            problem(f"systemd: {name} is missing")
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        try:
            parser.read_string(unit.read_text())
        except configparser.Error as exc:
            problem(f"systemd/{unit.name}: {exc}")
            continue
        if unit.suffix == ".service":
            service = parser["Service"] if parser.has_section("Service") else {}
            for key in ("ExecStart", "ExecStartPre"):
                command = service.get(key)
                if not command:
                    continue
                program = command.split()[0].lstrip("-")
                if program.startswith("/srv/procura/"):
                    local = ROOT / program.removeprefix("/srv/procura/")
                    if not local.exists():
                        problem(f"systemd/{unit.name}: {key} runs missing {program}")
                for word in command.split()[1:]:
                    if word.startswith(("deploy/", "scripts/")) and not (ROOT / word).exists():
                        problem(f"systemd/{unit.name}: {key} names missing {word}")


def check_docs() -> None:
    doc = ROOT / "docs" / "operations.md"
    if not doc.exists():
        problem("docs/operations.md is missing")
        return
    text = doc.read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-zA-Z][\w-]*):", makefile, flags=re.M))
    for target in set(re.findall(r"\bmake ([a-z][\w-]*)", text)):
        if target not in targets:
            problem(f"docs/operations.md: make {target}: no such target")
    commands = set()
    for folder in ROOT.glob("procura/*/management/commands"):
        commands |= {p.stem for p in folder.glob("*.py") if not p.name.startswith("_")}
    known = {
        "migrate",
        "createsuperuser",
        "collectstatic",
        "check",
        "shell",
        "flushexpiredtokens",
        "changepassword",
        "showmigrations",
        "dbshell",
    }
    for command in set(re.findall(r"manage(?:\.py)? ([a-z_]+)", text)):
        if command not in commands | known:
            problem(f"docs/operations.md: manage.py {command}: no such command")
    for path in set(re.findall(r"\b((?:deploy|scripts)/[\w./@-]+\w)", text)):
        if path.startswith(OPERATOR_MADE):
            continue
        if not (ROOT / path).exists():
            problem(f"docs/operations.md names missing {path}")
    check_compose_commands(text)


def check_compose_commands(text: str) -> None:
    """``docker compose [-f FILE] [--profile P] run|up|exec|logs|restart ... SERVICE [ROLE]``."""
    data = compose()
    services: dict = data.get("services") or {}
    profiles = {p for svc in services.values() for p in (svc.get("profiles") or [])}
    roles = entrypoint_roles()
    for profile in set(re.findall(r"--profile[ =]([\w-]+)", text)):
        if profile not in profiles:
            problem(f"docs/operations.md: compose profile {profile} does not exist")
    for command in re.findall(r"docker compose ([^`\n]+)", text):
        words = command.split()
        for index, word in enumerate(words[:-1]):
            if word == "-f" and not (ROOT / words[index + 1]).exists():
                problem(f"docs/operations.md: docker compose -f {words[index + 1]}: no such file")
        verbs = [i for i, w in enumerate(words) if w in {"run", "exec", "logs", "restart"}]
        if not verbs:
            continue
        rest = [w for w in words[verbs[0] + 1 :] if not w.startswith("-")]
        if not rest:
            continue
        service = rest[0]
        if service not in services:
            problem(
                f"docs/operations.md: docker compose {words[verbs[0]]} {service}: no such service"
            )
            continue
        image = str(services[service].get("image", ""))
        is_app_run = words[verbs[0]] == "run" and image.startswith("procura")
        if is_app_run and len(rest) > 1 and rest[1] not in roles:
            problem(f"docs/operations.md: {service} {rest[1]}: the image has no such role")


def main() -> int:
    os.chdir(ROOT)
    for check in (check_compose, check_dockerfile, check_nginx, check_systemd, check_docs):
        try:
            check()
        except Exception as exc:  # a broken file is a finding, not a crash
            problem(f"{check.__name__}: {exc.__class__.__name__}: {exc}")
    for line in problems:
        print(f"deploy: {line}")  # noqa: T201 - a command-line report
    if not problems:
        print("deploy: compose.yaml, Dockerfile, nginx, systemd units and docs agree")  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
