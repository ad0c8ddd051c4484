"""Case records: one per completed escalation, following the routine's steps to its close.

SQLite under data-store/ by default; CASES_DB_URL points it at PostgreSQL (or any SQLAlchemy URL).
The schema is created and changed by the Alembic migrations in actions/migrations/.

Every look-up and change names who asks: an Asker (a conversation, with its verified organisation
and user when known) sees only the cases it owns, and a case it may not see is exactly a case that
does not exist. KUNDSERVICE, Kundservice's own tool, sees every case."""

import hashlib
import os
import sqlite3
import threading
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import List, Optional

from sqlalchemy import and_, create_engine, delete, event, func, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import ColumnElement

from escalation_routine import opening_hours
from actions.case_tables import Case, LookupMiss, StatusChange

DEFAULT_DB = Path(__file__).resolve().parents[1] / "data-store" / "cases.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")

# The routine's steps: prepared by the bot, started once both email and call are done, closed jointly.
STATUSES = ["registrerad", "startad", "avslutad"]


class TransitionError(ValueError):
    """A status change the routine does not allow; its message is for the user."""


@dataclass(frozen=True)
class Asker:
    """Who asks about a case: the conversation (its channel and id) and, when the channel verified
    them, the organisation and user."""

    channel: str
    conversation_id: str
    organisation: Optional[str] = None
    user: Optional[str] = None

    @property
    def conversation(self) -> str:
        return f"{self.channel}:{self.conversation_id}"


# Kundservice's tool: every case, whoever owns it.
KUNDSERVICE: Optional[Asker] = None


@dataclass(frozen=True)
class NewCase:
    channel: str
    conversation_id: str
    case_kind: Optional[str]
    situation: str
    product: str
    product_group: str
    mailbox: str
    order_number: Optional[str] = None
    agreed_delivery_date: Optional[date] = None
    outage_since: Optional[datetime] = None
    organisation: Optional[str] = None
    user_id: Optional[str] = None

    def fingerprint(self) -> str:
        """What makes two openings the same escalation within one conversation."""
        parts = [self.situation, self.product, self.order_number, self.agreed_delivery_date, self.outage_since]
        return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


@dataclass(frozen=True)
class Contact:
    company: Optional[str] = None
    name: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None


@dataclass
class CaseView:
    reference: str
    status: str
    created_at: datetime
    updated_at: datetime
    channel: str
    conversation_id: str
    organisation: Optional[str]
    user_id: Optional[str]
    case_kind: Optional[str]
    situation: str
    product: str
    product_group: str
    mailbox: str
    order_number: Optional[str]
    agreed_delivery_date: Optional[date]
    outage_since: Optional[datetime]
    contact: Contact
    history: List[tuple] = field(default_factory=list)


def database_url() -> str:
    return os.environ.get("CASES_DB_URL") or f"sqlite:///{DEFAULT_DB}"


# The actions run their database calls in threads: the first calls of a new server arrive together,
# and one of them alone must create the engine and migrate (Alembic's context is module-global).
_ENGINE_LOCK = threading.Lock()


def engine(url: str) -> Engine:
    """The engine for `url`, its schema migrated to the newest revision on first use."""
    with _ENGINE_LOCK:
        return _migrated_engine(url)


@lru_cache(maxsize=8)
def _migrated_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    # The parameters are customers' data: keep them out of error messages and logs.
    created = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)
    if created.dialect.name == "sqlite":
        event.listen(created, "connect", _sqlite_pragmas)
    migrate(created)
    return created


def _sqlite_pragmas(connection: sqlite3.Connection, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def migrate(target: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with target.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _session(url: Optional[str] = None) -> Session:
    return sessionmaker(engine(url or database_url()), future=True, expire_on_commit=False)()


def _now() -> datetime:
    """The assistant's clock (ASSISTANT_NOW in tests and demos), stored as UTC."""
    return opening_hours.now().astimezone(timezone.utc)


def open_case(new: NewCase, url: Optional[str] = None) -> str:
    """Opens the case and returns its reference; the same escalation opened again in the same
    conversation (a retried action, a repeated confirmation) returns the first reference."""
    fingerprint = new.fingerprint()
    with _session(url) as session:
        existing = _by_fingerprint(session, new.conversation_id, fingerprint)
        if existing:
            return existing.reference
        now = _now()
        values = asdict(new)
        if new.outage_since:
            values["outage_since"] = new.outage_since.astimezone(timezone.utc)
        case = Case(**values, fingerprint=fingerprint, status=STATUSES[0], created_at=now, updated_at=now)
        session.add(case)
        try:
            session.flush()
            case.reference = f"ESK-{now.astimezone(opening_hours.timezone()).year}-{case.id:06d}"
            session.add(StatusChange(case=case, to_status=STATUSES[0], changed_at=now, source=new.channel))
            session.commit()
        except IntegrityError:
            session.rollback()
            return _by_fingerprint(session, new.conversation_id, fingerprint).reference
        return case.reference


def _by_fingerprint(session: Session, conversation_id: str, fingerprint: str) -> Optional[Case]:
    query = select(Case).where(Case.conversation_id == conversation_id, Case.fingerprint == fingerprint)
    return session.execute(query).scalar_one_or_none()


def _visible_to(asker: Optional[Asker]) -> ColumnElement:
    """The cases `asker` may see: its organisation's, and its own conversation's that have none."""
    if asker is None:
        return true()
    own_conversation = and_(
        Case.organisation.is_(None), Case.channel == asker.channel, Case.conversation_id == asker.conversation_id
    )
    if asker.organisation:
        return or_(Case.organisation == asker.organisation, own_conversation)
    return own_conversation


def set_contact(reference: str, contact: Contact, url: Optional[str] = None, *, asker: Optional[Asker]) -> None:
    with _session(url) as session:
        case = _locked(session, reference, asker)
        case.company, case.contact_name = contact.company, contact.name
        case.contact_email, case.contact_phone = contact.email, contact.phone
        case.updated_at = _now()
        session.commit()


def set_status(
    reference: str, status: str, source: str, url: Optional[str] = None, *, asker: Optional[Asker]
) -> CaseView:
    """Moves the case one step on. Raises TransitionError for a step the routine does not allow
    and LookupError for a case that does not exist or that `asker` may not see."""
    if status not in STATUSES:
        raise TransitionError(f"Okänd status: {status}. Möjliga: {', '.join(STATUSES)}.")
    with _session(url) as session:
        case = _locked(session, reference, asker)
        current, wanted = STATUSES.index(case.status), STATUSES.index(status)
        if wanted == current:
            raise TransitionError(f"{reference} har redan status {status}.")
        if wanted < current:
            raise TransitionError(f"{reference} har status {case.status} och kan inte gå tillbaka till {status}.")
        if wanted > current + 1:
            raise TransitionError(
                f"{reference} har status {case.status}: den måste bli {STATUSES[current + 1]} "
                f"innan den kan bli {status}."
            )
        now = _now()
        session.add(StatusChange(case=case, from_status=case.status, to_status=status, changed_at=now, source=source))
        case.status, case.updated_at = status, now
        session.commit()
    return find(reference, url, asker=asker)


def delete_older_than(cutoff: datetime, url: Optional[str] = None) -> int:
    """Deletes the cases last changed before `cutoff`, with their history; returns how many."""
    with _session(url) as session:
        ids = select(Case.id).where(Case.updated_at < cutoff.astimezone(timezone.utc))
        unsynchronised = {"synchronize_session": False}
        session.execute(delete(StatusChange).where(StatusChange.case_id.in_(ids)), execution_options=unsynchronised)
        deleted = session.execute(delete(Case).where(Case.id.in_(ids)), execution_options=unsynchronised).rowcount
        session.commit()
    return deleted


def _locked(session: Session, reference: str, asker: Optional[Asker]) -> Case:
    query = select(Case).where(Case.reference == reference, _visible_to(asker)).with_for_update()
    case = session.execute(query).scalar_one_or_none()
    if case is None:
        raise LookupError(reference)
    return case


def find(reference: str, url: Optional[str] = None, *, asker: Optional[Asker]) -> Optional[CaseView]:
    """The case, if it exists and `asker` may see it."""
    with _session(url) as session:
        query = select(Case).where(Case.reference == reference, _visible_to(asker))
        case = session.execute(query).scalar_one_or_none()
        return _view(case) if case else None


def find_by_order_number(order_number: str, url: Optional[str] = None, *, asker: Optional[Asker]) -> List[CaseView]:
    """Every case for the order number that `asker` may see, newest first."""
    with _session(url) as session:
        query = select(Case).where(Case.order_number == order_number, _visible_to(asker)).order_by(Case.id.desc())
        return [_view(case) for case in session.execute(query).scalars()]


def search(
    status: Optional[str] = None,
    product_group: Optional[str] = None,
    since: Optional[date] = None,
    until: Optional[date] = None,
    url: Optional[str] = None,
) -> List[CaseView]:
    """Cases by status, product group and creation date (inclusive, UTC dates), oldest first."""
    query = select(Case).order_by(Case.id)
    if status:
        query = query.where(Case.status == status)
    if product_group:
        query = query.where(Case.product_group == product_group)
    if since:
        query = query.where(Case.created_at >= datetime.combine(since, datetime.min.time(), timezone.utc))
    if until:
        query = query.where(Case.created_at < datetime.combine(until, datetime.max.time(), timezone.utc))
    with _session(url) as session:
        return [_view(case) for case in session.execute(query).scalars()]


def record_miss(asker: Asker, url: Optional[str] = None) -> None:
    """Notes a look-up by `asker` that found nothing it may see."""
    with _session(url) as session:
        session.add(LookupMiss(asker=asker.conversation[:330], missed_at=datetime.now(timezone.utc)))
        session.commit()


def misses_since(asker: Asker, since: datetime, url: Optional[str] = None) -> int:
    """How many look-ups by `asker` since `since` found nothing; older misses are forgotten."""
    with _session(url) as session:
        session.execute(
            delete(LookupMiss).where(LookupMiss.missed_at < since), execution_options={"synchronize_session": False}
        )
        query = select(func.count()).where(LookupMiss.asker == asker.conversation[:330], LookupMiss.missed_at >= since)
        misses = session.execute(query).scalar_one()
        session.commit()
    return misses


def _utc(moment: Optional[datetime]) -> Optional[datetime]:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def _view(case: Case) -> CaseView:
    return CaseView(
        reference=case.reference,
        status=case.status,
        created_at=_utc(case.created_at),
        updated_at=_utc(case.updated_at),
        channel=case.channel,
        conversation_id=case.conversation_id,
        organisation=case.organisation,
        user_id=case.user_id,
        case_kind=case.case_kind,
        situation=case.situation,
        product=case.product,
        product_group=case.product_group,
        mailbox=case.mailbox,
        order_number=case.order_number,
        agreed_delivery_date=case.agreed_delivery_date,
        outage_since=_utc(case.outage_since),
        contact=Contact(case.company, case.contact_name, case.contact_email, case.contact_phone),
        history=[
            (change.from_status, change.to_status, _utc(change.changed_at), change.source) for change in case.history
        ],
    )
