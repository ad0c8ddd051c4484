import csv
import io
import subprocess
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from actions import case_store, cases_cli

BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/cases.sqlite"
    monkeypatch.setenv("CASES_DB_URL", url)
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-27T10:00:00+01:00")
    for conversation, organisation, product, group in [
        ("a", None, "Fiber Villa", "fibervilla"),
        ("U7_D1", "T-ALPHA", "Kopparaccess", "koppar"),
    ]:
        case_store.open_case(
            case_store.NewCase(
                channel="rest",
                conversation_id=conversation,
                organisation=organisation,
                user_id=organisation and "U7",
                case_kind="beställning",
                situation="not_per_agreement",
                product=product,
                product_group=group,
                mailbox=f"Kundservice-{group}@skanova.se",
                order_number="ORD-10001",
            )
        )
    case_store.set_contact(
        "ESK-2026-000001", case_store.Contact("Operatör AB", "Anna", "anna@op.se"), asker=case_store.KUNDSERVICE
    )
    return url


def run(*args):
    output = io.StringIO()
    with redirect_stdout(output):
        code = cases_cli.main(list(args))
    return code, output.getvalue()


def test_list_filters_by_status_and_group(database):
    code, output = run("list", "--group", "koppar")
    assert code == 0 and "ESK-2026-000002" in output and "ESK-2026-000001" not in output
    code, output = run("list", "--status", "startad")
    assert "0 ärenden" in output


def test_set_status_by_hand_and_show_history(database, capsys):
    assert run("set-status", "ESK-2026-000001", "startad")[0] == 0
    assert cases_cli.main(["set-status", "ESK-2026-000001", "registrerad"]) == 1
    assert "kan inte gå tillbaka" in capsys.readouterr().err
    code, output = run("show", "ESK-2026-000001")
    assert "registrerad -> startad  (kundservice)" in output
    assert "anna@op.se" in output


def test_export_csv(database, tmp_path):
    target = tmp_path / "cases.csv"
    assert run("export", "--since", "2026-11-27", "--output", str(target))[0] == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [row["reference"] for row in rows] == ["ESK-2026-000001", "ESK-2026-000002"]
    assert rows[0]["company"] == "Operatör AB" and rows[0]["created_at"] == "2026-11-27 10:00"


def test_the_installed_command(database):
    result = subprocess.run([str(BIN / "eskalering-cases"), "list"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2 ärenden" in result.stdout


def test_unknown_case(database, capsys):
    assert cases_cli.main(["show", "ESK-2026-999999"]) == 1
    assert cases_cli.main(["set-status", "ESK-2026-999999", "startad"]) == 1


def test_kundservice_sees_every_case_with_its_owner(database):
    code, output = run("list")
    assert "ESK-2026-000001" in output and "rest:a" in output
    assert "ESK-2026-000002" in output and "T-ALPHA/U7" in output
    code, output = run("show", "ESK-2026-000002")
    assert "organisation          T-ALPHA" in output and "conversation_id       U7_D1" in output
