"""Builds the self-help page and the chat widget into one folder of static files.

The page is rendered from the facts file and from the bot's own answers about the routine, so the
page and the bot cannot say different things. The widget is socket.io-client (from web/node_modules,
installed by npm from the lock file) and web/src in one script, so a page needs one script tag.

    python web/build.py --server http://localhost:5005 --output web/dist
"""

import argparse
import shutil
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from escalation_routine import facts, opening_hours

WEB = Path(__file__).resolve().parent
ROOT = WEB.parent
SOCKET_IO = WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
# The routine's three steps, told with the answers the bot gives to the same questions.
STEPS = {
    "Startar": ["utter_ask_how_start"],
    "Pågår": ["utter_ask_duration", "utter_ask_updates", "utter_ask_responsible"],
    "Avslutas": ["utter_ask_closing"],
}


def bot_answers() -> dict:
    answers = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        answers.update({name: variants[0]["text"] for name, variants in responses.items()})
    return answers


def swedish_list(items: list) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} och {items[-1]}"


def page_values(server: str) -> dict:
    answers = bot_answers()
    known = facts.facts()
    return {
        "situations": [situation.label for situation in known.situations.values()],
        "steps": [{"name": name, "texts": [answers[key] for key in keys]} for name, keys in STEPS.items()],
        "groups": [
            {"description": description, "mailbox": facts.mailboxes()[group]}
            for group, description in facts.group_descriptions().items()
        ],
        "phone": facts.phone(),
        "phone_link": "+46" + "".join(filter(str.isdigit, facts.phone()))[1:],
        "hours": opening_hours.opening_hours_text(),
        "closed_eves": swedish_list(known.opening_hours.closed_eves),
        "server": server,
    }


def build(server: str, output: Path) -> None:
    if not SOCKET_IO.exists():
        raise SystemExit("socket.io-client is missing: run 'npm ci' in web/ (make does it)")
    output.mkdir(parents=True, exist_ok=True)
    templates = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=select_autoescape(["html"]))
    (output / "index.html").write_text(
        templates.get_template("index.html").render(page_values(server)), encoding="utf-8"
    )
    shutil.copyfile(WEB / "templates" / "page.css", output / "page.css")
    socket_io = SOCKET_IO.read_text(encoding="utf-8").split("//# sourceMappingURL")[0]
    widget = socket_io + "\n" + (WEB / "src" / "widget.js").read_text(encoding="utf-8")
    (output / "eskalering-widget.js").write_text(widget, encoding="utf-8")
    shutil.copyfile(WEB / "src" / "widget.css", output / "eskalering-widget.css")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="", help="Rasa's address for the widget (default: the page's own origin)")
    parser.add_argument("--output", type=Path, default=WEB / "dist")
    arguments = parser.parse_args()
    build(arguments.server, arguments.output)


if __name__ == "__main__":
    main()
