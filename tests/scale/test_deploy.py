"""deploy/ and the scaled configuration agree with each other: no container engine or cluster
here, so the compose file goes through docker-compose's own validation and the files are checked
against endpoints.scaled.yml, scripts/rasa-server and deploy/nginx.conf."""

import os
import re
import shutil
import subprocess

import pytest
import yaml

from scale_cluster import ROOT

pytestmark = pytest.mark.scale

DEPLOY = ROOT / "deploy"
SERVICES = {"postgres", "redis", "migrate-cases", "actions-1", "actions-2", "rasa-1", "rasa-2", "nginx"}


def _yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _endpoint_variables() -> set:
    return set(re.findall(r"\$\{(\w+)\}", (ROOT / "endpoints.scaled.yml").read_text(encoding="utf-8")))


def _defaulted_by_rasa_server() -> set:
    script = (ROOT / "scripts" / "rasa-server").read_text(encoding="utf-8")
    return set(re.findall(r'(\w+)="\$\{\1:-', script))


def _compose_command() -> list:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
    assert probe.returncode == 0, "neither docker-compose nor 'docker compose': scripts/services installs it"
    return ["docker", "compose"]


def test_the_compose_file_is_valid_and_refuses_to_run_without_passwords():
    command = [*_compose_command(), "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"]
    secrets = {"POSTGRES_PASSWORD": "pw", "REDIS_PASSWORD": "pw", "ACTION_SERVER_SECRET": "s"}
    valid = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **secrets})
    assert valid.returncode == 0, valid.stderr
    unset = {key: value for key, value in os.environ.items() if key not in secrets}
    refused = subprocess.run(command, capture_output=True, text=True, env=unset)
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr


def test_compose_runs_the_scaled_set_up():
    services = _yaml(DEPLOY / "docker-compose.yml")["services"]
    assert set(services) == SERVICES
    every_variable = _endpoint_variables()
    required = every_variable - _defaulted_by_rasa_server()
    assert required == {"TRACKER_DB_HOST", "REDIS_HOST", "ACTION_SERVER_SECRET"}
    for name in ("rasa-1", "rasa-2"):
        environment = services[name]["environment"]
        assert required <= set(environment), name
        assert environment["TRACKER_DB_HOST"] == "postgres" and environment["REDIS_HOST"] == "redis"
        assert environment["ACTION_ENDPOINT_URL"] == "http://nginx:5055/webhook"
        assert services[name]["command"] == ["scripts/rasa-server"]
    assert services["rasa-2"]["depends_on"]["rasa-1"]["condition"] == "service_healthy"
    for name in ("actions-1", "actions-2"):
        assert services[name]["environment"]["CASES_DB_URL"].endswith("@postgres:5432/eskalering_cases")
        assert services[name]["command"][-4:] == ["--port", "5055", "--actions", "actions"]
        assert services[name]["depends_on"]["migrate-cases"]["condition"] == "service_completed_successfully"
        # Only the Rasa servers reach the action servers: no published port, the secret required.
        assert "ports" not in services[name]
        assert services[name]["environment"]["ACTION_SERVER_SECRET"].startswith("${ACTION_SERVER_SECRET:?")
    assert services["nginx"]["ports"] == ["5005:80"]


def test_nginx_balances_over_the_compose_services():
    config = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    upstreams = dict(re.findall(r"upstream (\w+) \{([^}]*)\}", config))
    servers = {name: re.findall(r"server ([\w.-]+:\d+)", body) for name, body in upstreams.items()}
    both = ["rasa-1:5005", "rasa-2:5005"]
    assert servers == {
        "rasa": both,
        "rasa_socketio": both,
        "rasa_slack": both,
        "actions": ["actions-1:5055", "actions-2:5055"],
    }
    assert "server rasa-2:5005 backup;" in upstreams["rasa_slack"]
    assert "ip_hash;" in upstreams["rasa_socketio"]
    assert re.search(r"location /socket.io/ \{[^}]*proxy_pass http://rasa_socketio;", config)
    assert re.search(r"location /webhooks/slack/ \{[^}]*proxy_pass http://rasa_slack;", config)
    assert "listen 80;" in config and "listen 5055;" in config


def test_helm_values_give_rasa_the_scaled_set_up():
    rasa = _yaml(DEPLOY / "helm" / "rasa-values.yaml")
    actions = _yaml(DEPLOY / "helm" / "action-server-values.yaml")
    environment = {variable["name"]: variable for variable in rasa["extraEnv"]}
    assert {"TRACKER_DB_HOST", "REDIS_HOST"} <= set(environment)
    channel_settings = {"WEB_ORIGINS", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "WIDGET_JWT_KEY"}
    assert set(environment) - channel_settings <= _endpoint_variables()
    assert "ACTION_SERVER_SECRET" in {variable["name"] for variable in actions["extraEnv"]}
    assert environment["ACTION_ENDPOINT_URL"]["value"] == f"http://{actions['fullnameOverride']}/webhook"
    # Non-empty args: the chart's own would enable the HTTP API with its default token.
    assert rasa["command"] == ["scripts/rasa-server"] and rasa["args"]
    assert rasa["replicaCount"] == 2 and actions["replicaCount"] == 2
    assert rasa["image"] == actions["image"]
    assert "upstream-hash-by" in " ".join(rasa["ingress"]["annotations"])
    assert [variable["name"] for variable in actions["extraEnv"]][0] == "CASES_DB_URL"


@pytest.mark.parametrize("only", ["TRACKER_DB_HOST", "REDIS_HOST"])
def test_rasa_server_refuses_half_of_the_scaled_set_up(only):
    environment = {key: value for key, value in os.environ.items() if key not in {"TRACKER_DB_HOST", "REDIS_HOST"}}
    result = subprocess.run(
        [str(ROOT / "scripts" / "rasa-server")],
        capture_output=True,
        text=True,
        env={**environment, only: "127.0.0.1"},
        timeout=30,
    )
    assert result.returncode == 2
    assert "set both TRACKER_DB_HOST and REDIS_HOST" in result.stderr


def test_the_image_holds_every_package_the_model_and_the_actions_import():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    pipeline = _yaml(ROOT / "config.yml")["pipeline"]
    credentials = _yaml(ROOT / "credentials.yml")
    modules = [component["name"] for component in pipeline] + list(credentials)
    packages = {name.split(".")[0] for name in modules if "." in name}
    packages |= {"actions", "escalation_routine", "identity", "rasa_server_changes", "rasa_sdk_plugins"}
    for package in packages:
        assert f"COPY {package} {package}" in dockerfile and f"!{package}/" in ignored, package
