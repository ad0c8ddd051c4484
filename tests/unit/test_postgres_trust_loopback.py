"""scripts/postgres-trust-loopback on a cluster made as Debian makes a new one (a password asked for
over TCP): afterwards postgres logs in from loopback without one, as the tests do; run twice, it
adds its lines once. The cluster is the test's own, on a port of its own, dropped afterwards."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = f"esk_trust_probe_{os.getpid()}"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("pg_createcluster"), reason="needs root and Debian's postgresql-common"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


@pytest.fixture
def new_cluster():
    version = sorted(os.listdir("/etc/postgresql"))[0]
    port = free_port()
    made = run("pg_createcluster", version, CLUSTER, "--port", str(port), "--start")
    assert made.returncode == 0, made.stderr
    try:
        yield version, port
    finally:
        run("pg_dropcluster", version, CLUSTER, "--stop")


def logs_in(port: int) -> bool:
    login = ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "postgres", "-w", "-Atc", "select 1"]
    return run(*login).stdout.strip() == "1"


def test_postgres_logs_in_from_loopback_without_a_password_once_trusted(new_cluster):
    version, port = new_cluster
    assert not logs_in(port)  # as Debian installs it
    for _ in range(2):
        trusted = run(str(ROOT / "scripts" / "postgres-trust-loopback"), version, CLUSTER)
        assert trusted.returncode == 0, trusted.stderr
    assert logs_in(port)
    hba = Path(f"/etc/postgresql/{version}/{CLUSTER}/pg_hba.conf").read_text()
    assert hba.count("host all postgres 127.0.0.1/32 trust") == 1
    assert "scram-sha-256" in hba  # every other login as it was
