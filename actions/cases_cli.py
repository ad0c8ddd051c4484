"""eskalering-cases: Kundservice's view of the case records.

  eskalering-cases list [--status S] [--group G] [--since DATE] [--until DATE]
  eskalering-cases show ESK-2026-000123
  eskalering-cases export [filters] [--output FILE]     (CSV; standard output by default)
  eskalering-cases set-status ESK-2026-000123 startad
  eskalering-cases purge --older-than 90d [--trackers-db URL]

The database is the action server's: CASES_DB_URL, or the SQLite file under data-store/. purge
also deletes Rasa's conversations: actions/retention.py says where they are."""

import argparse
import contextlib
import csv
import sys
from datetime import date, datetime, timedelta
from typing import List, Optional

from escalation_routine import opening_hours
from actions import case_store, retention

CSV_FIELDS = [
    "reference",
    "status",
    "created_at",
    "updated_at",
    "channel",
    "conversation_id",
    "organisation",
    "user_id",
    "case_kind",
    "situation",
    "product",
    "product_group",
    "mailbox",
    "order_number",
    "agreed_delivery_date",
    "outage_since",
    "company",
    "contact_name",
    "contact_email",
    "contact_phone",
]


def _local(moment: Optional[datetime]) -> str:
    return moment.astimezone(opening_hours.timezone()).strftime("%Y-%m-%d %H:%M") if moment else ""


def _row(case: case_store.CaseView) -> dict:
    return {
        **{name: getattr(case, name, "") or "" for name in CSV_FIELDS},
        "created_at": _local(case.created_at),
        "updated_at": _local(case.updated_at),
        "outage_since": _local(case.outage_since),
        "agreed_delivery_date": case.agreed_delivery_date.isoformat() if case.agreed_delivery_date else "",
        "company": case.contact.company or "",
        "contact_name": case.contact.name or "",
        "contact_email": case.contact.email or "",
        "contact_phone": case.contact.phone or "",
    }


def _owner(case: case_store.CaseView) -> str:
    """The organisation (and user) that owns the case, else the conversation that opened it."""
    if case.organisation:
        return f"{case.organisation}/{case.user_id}" if case.user_id else case.organisation
    return f"{case.channel}:{case.conversation_id}"


def _filtered(args: argparse.Namespace) -> List[case_store.CaseView]:
    return case_store.search(args.status, args.group, args.since, args.until)


def _list(args: argparse.Namespace) -> int:
    cases = _filtered(args)
    for case in cases:
        print(
            f"{case.reference}  {case.status:<11}  {_local(case.created_at)}  "
            f"{case.product_group:<11}  {case.product}  {case.order_number or '-'}  {_owner(case)}"
        )
    print(f"{len(cases)} ärenden")
    return 0


def _show(args: argparse.Namespace) -> int:
    case = case_store.find(args.reference, asker=case_store.KUNDSERVICE)
    if not case:
        print(f"Inget ärende {args.reference}", file=sys.stderr)
        return 1
    for name, value in _row(case).items():
        print(f"{name:<22}{value}")
    print("historik:")
    for from_status, to_status, changed_at, source in case.history:
        print(f"  {_local(changed_at)}  {from_status or '-'} -> {to_status}  ({source})")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.output:
        output = open(args.output, "w", newline="", encoding="utf-8")
    else:
        output = contextlib.nullcontext(sys.stdout)
    with output as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(_row(case) for case in _filtered(args))
    return 0


def _set_status(args: argparse.Namespace) -> int:
    try:
        case = case_store.set_status(args.reference, args.status, "kundservice", asker=case_store.KUNDSERVICE)
    except LookupError:
        print(f"Inget ärende {args.reference}", file=sys.stderr)
        return 1
    except case_store.TransitionError as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"{case.reference}: {case.status}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    cutoff = opening_hours.now() - args.older_than
    cases = case_store.delete_older_than(cutoff)
    conversations = retention.delete_conversations_older_than(cutoff, args.trackers_db)
    print(f"Raderade {cases} ärenden och {conversations} konversationer som inte ändrats sedan {_local(cutoff)}.")
    return 0


def _age(text: str) -> timedelta:
    try:
        return retention.parse_age(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eskalering-cases", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--status", choices=case_store.STATUSES)
    filters.add_argument("--group", help="produktgrupp: fibervilla, fiber, koppar, inplacering")
    filters.add_argument("--since", type=date.fromisoformat, help="skapad från och med (YYYY-MM-DD)")
    filters.add_argument("--until", type=date.fromisoformat, help="skapad till och med (YYYY-MM-DD)")
    commands.add_parser("list", parents=[filters], help="lista ärenden").set_defaults(run=_list)
    show = commands.add_parser("show", help="visa ett ärende med historik")
    show.add_argument("reference")
    show.set_defaults(run=_show)
    export = commands.add_parser("export", parents=[filters], help="exportera som CSV")
    export.add_argument("--output", help="fil (standard: standard output)")
    export.set_defaults(run=_export)
    set_status = commands.add_parser("set-status", help="sätt status för hand")
    set_status.add_argument("reference")
    set_status.add_argument("status", choices=case_store.STATUSES)
    set_status.set_defaults(run=_set_status)
    purge = commands.add_parser("purge", help="radera ärenden och konversationer äldre än en ålder")
    purge.add_argument("--older-than", type=_age, required=True, help="t.ex. 90d, 12w eller 36h")
    purge.add_argument(
        "--trackers-db", default=retention.tracker_database_url(), help="Rasas konversationsdatabas (SQLAlchemy-URL)"
    )
    purge.set_defaults(run=_purge)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
