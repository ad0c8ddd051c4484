"""`make run`, the README's first command, as a newcomer runs it: the three servers come up, the
chat answers, and nothing listens beyond this machine (the socket list in /proc/net)."""

import ipaddress
import os
import signal
import socket
import subprocess

import pytest
import requests

from project import OUTPUT, ROOT, wait_for

pytestmark = pytest.mark.rasa
PORTS = {"rasa": 5005, "actions": 5055, "page": 8080}
LISTEN = "0A"


def listening_addresses(port: int) -> set:
    """The local addresses of the TCP sockets listening on `port`."""
    addresses = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        with open(table, encoding="ascii") as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                host, hex_port = local.split(":")
                if state == LISTEN and int(hex_port, 16) == port:
                    packed = bytes.fromhex(host)
                    # /proc writes each 32-bit word in the host's byte order.
                    words = b"".join(packed[i : i + 4][::-1] for i in range(0, width, 4))
                    addresses.add(ipaddress.ip_address(words))
    return addresses


@pytest.fixture(scope="module")
def make_run():
    for name, port in PORTS.items():
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} ({name}) is taken: stop 'make run' first"
    env = {key: value for key, value in os.environ.items() if key not in ("ACTION_SERVER_SECRET", "RASA_INTERFACE")}
    log = (OUTPUT / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(f"http://127.0.0.1:{PORTS['rasa']}/", process, seconds=300)
        wait_for(f"http://127.0.0.1:{PORTS['actions']}/health", process)
        wait_for(f"http://127.0.0.1:{PORTS['page']}/", process)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def test_make_run_answers_the_chat(make_run):
    answer = requests.post(
        f"http://127.0.0.1:{PORTS['rasa']}/webhooks/rest/webhook",
        json={"sender": "newcomer", "message": "Vilken mejladress gäller för Kopparaccess?"},
        timeout=60,
    ).json()
    assert "Kundservice-koppar@skanova.se" in " ".join(reply.get("text", "") for reply in answer)
    assert "eskalering-widget.js" in requests.get(f"http://127.0.0.1:{PORTS['page']}/", timeout=10).text


def test_make_run_listens_on_loopback_only(make_run):
    for name, port in PORTS.items():
        addresses = listening_addresses(port)
        assert addresses and all(address.is_loopback for address in addresses), (name, addresses)


def test_make_runs_action_server_wants_the_secret_it_made(make_run):
    assert requests.post(f"http://127.0.0.1:{PORTS['actions']}/webhook", json={}, timeout=10).status_code == 401
