"""The scaled set-up on loopback: PostgreSQL (trackers, case records) and Redis (locks) of this
machine, two action servers and two Rasa servers behind nginx running deploy/nginx.conf.

Every port is in 5200-5299; every process is started here and stopped by its own PID."""

import getpass
import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import psycopg2
import redis
import requests

from scale_client import INTEGRATION

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
LOGS = ROOT / "test-output" / "scale"
MODEL = ROOT / "models" / "eskalering.tar.gz"

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
TRACKER_DB = "eskalering_scale_trackers"
CASES_DB = "eskalering_scale_cases"
CASES_DB_URL = f"postgresql://postgres@127.0.0.1:5432/{CASES_DB}"
REDIS_DB = 12
REDIS_KEY_PREFIX = "eskaleringscale"

NGINX_RASA_PORT = 5280
NGINX_ACTIONS_PORT = 5281
RASA_PORTS = [5201, 5202]
ACTION_PORTS = [5251, 5252]
# A Friday just after closing time, as in tests/rasa: every case reference is ESK-2026-….
ASSISTANT_NOW = "2026-11-27T17:00:00+01:00"

# deploy/nginx.conf as docker-compose runs it, and what it becomes here.
NGINX_ADDRESSES = {
    "listen 80;": f"listen 127.0.0.1:{NGINX_RASA_PORT};",
    "listen 5055;": f"listen 127.0.0.1:{NGINX_ACTIONS_PORT};",
    "rasa-1:5005": f"127.0.0.1:{RASA_PORTS[0]}",
    "rasa-2:5005": f"127.0.0.1:{RASA_PORTS[1]}",
    "actions-1:5055": f"127.0.0.1:{ACTION_PORTS[0]}",
    "actions-2:5055": f"127.0.0.1:{ACTION_PORTS[1]}",
}


@dataclass
class Cluster:
    workdir: Path
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    # The REST integration the clients are (scale_client.INTEGRATION) and the action servers' secret.
    integration_token: str = field(default_factory=lambda: secrets.token_hex(16))
    action_secret: str = field(default_factory=lambda: secrets.token_hex(16))
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{NGINX_RASA_PORT}"

    def rasa_address(self, index: int) -> str:
        return f"127.0.0.1:{RASA_PORTS[index]}"

    def start(self) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(self.integration_token.encode()).hexdigest()
        (self.workdir / "integrations.yml").write_text(
            f'{INTEGRATION}:\n  organisation: "scale-org"\n  token_sha256: "{digest}"\n', encoding="utf-8"
        )
        fresh_databases()
        redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
        migrate = subprocess.run(
            [str(ROOT / "scripts" / "migrate-cases")], cwd=ROOT, env=self._env(), capture_output=True, text=True
        )
        assert migrate.returncode == 0, f"scripts/migrate-cases failed:\n{migrate.stderr[-3000:]}"
        for index, port in enumerate(ACTION_PORTS):
            self._spawn(
                f"actions-{index + 1}",
                [str(BIN / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"],
            )
        self._start_nginx()
        for index, port in enumerate(ACTION_PORTS):
            self._wait_for(f"actions-{index + 1}", f"http://127.0.0.1:{port}/health")
        model = shutil.copy(MODEL, self.workdir / MODEL.name)  # a retraining meanwhile cannot touch it
        for index, port in enumerate(RASA_PORTS):
            self._spawn(
                f"rasa-{index + 1}", [str(ROOT / "scripts" / "rasa-server"), "--port", str(port), "--model", str(model)]
            )
            if index == 0:
                # The first server creates the tracker tables; two at once would race to do it.
                self._wait_for_tracker_tables("rasa-1")
        for index, port in enumerate(RASA_PORTS):
            self._wait_for(f"rasa-{index + 1}", f"http://127.0.0.1:{port}/")
        self._wait_for("nginx", f"{self.url}/")

    def kill(self, name: str) -> None:
        """SIGKILL: the server dies in the middle of whatever it was doing."""
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(timeout=30)

    def stop(self) -> None:
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def log_tail(self, name: str, lines: int = 40) -> str:
        text = (LOGS / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def _env(self) -> Dict[str, str]:
        return {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "ASSISTANT_NOW": ASSISTANT_NOW,
            "CASES_DB_URL": CASES_DB_URL,
            "TRACKER_DB_HOST": POSTGRES["host"],
            "TRACKER_DB_PORT": str(POSTGRES["port"]),
            "TRACKER_DB_NAME": TRACKER_DB,
            "TRACKER_DB_USER": POSTGRES["user"],
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6379",
            "REDIS_DB": str(REDIS_DB),
            "REDIS_KEY_PREFIX": REDIS_KEY_PREFIX,
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{NGINX_ACTIONS_PORT}/webhook",
            # The clients read a tracker through the HTTP API when an answer was lost (client.py).
            "RASA_AUTH_TOKEN": self.token,
            "ACTION_SERVER_SECRET": self.action_secret,
            "REST_INTEGRATIONS": str(self.workdir / "integrations.yml"),
        }

    def _spawn(self, name: str, args: List[str]) -> None:
        log = (LOGS / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            args, cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def _start_nginx(self) -> None:
        site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
        for deployed, here in NGINX_ADDRESSES.items():
            assert deployed in site, f"deploy/nginx.conf no longer has '{deployed}'"
            site = site.replace(deployed, here)
        (self.workdir / "site.conf").write_text(site, encoding="utf-8")
        main = self.workdir / "nginx.conf"
        main.write_text(NGINX_MAIN.format(dir=self.workdir, user=getpass.getuser()), encoding="utf-8")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        arguments = [nginx, "-e", str(self.workdir / "error.log"), "-c", str(main)]
        check = subprocess.run([*arguments, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx refuses the configuration:\n{check.stderr}"
        self._spawn("nginx", arguments)

    def _wait_for(self, name: str, url: str, seconds: int = 420) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._check_alive(name)
            try:
                if requests.get(url, timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise TimeoutError(f"{name} did not answer {url} in {seconds} s:\n{self.log_tail(name)}")

    def _wait_for_tracker_tables(self, name: str, seconds: int = 300) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._check_alive(name)
            if query(TRACKER_DB, "SELECT to_regclass('public.events')")[0][0]:
                return
            time.sleep(1)
        raise TimeoutError(f"{name} did not create the tracker tables in {seconds} s:\n{self.log_tail(name)}")

    def _check_alive(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log_tail(name)}")


NGINX_MAIN = """daemon off;
# The workers write request bodies into the test's own temporary folder.
user {user};
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # Which Rasa server answered: the test counts them.
    add_header X-Served-By $upstream_addr always;
    include {dir}/site.conf;
}}
"""


def fresh_databases() -> None:
    with closing(psycopg2.connect(dbname="postgres", **POSTGRES)) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for name in (TRACKER_DB, CASES_DB):
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {name}")


def query(database: str, sql: str, *args) -> list:
    with closing(psycopg2.connect(dbname=database, **POSTGRES)) as connection:
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()
