"""The case store on SQLite and on a real PostgreSQL server (127.0.0.1:5432, or TEST_POSTGRES_URL)."""

import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from actions import case_store
from actions.case_tables import Base


def new_case(conversation="conv-1", order_number="88812345", **overrides):
    values = dict(
        channel="rest",
        conversation_id=conversation,
        case_kind="leverans",
        situation="late_delivery",
        product="Koppar Punkt till Punkt",
        product_group="koppar",
        mailbox="Kundservice-koppar@skanova.se",
        order_number=order_number,
        agreed_delivery_date=date(2026, 11, 15),
    )
    return case_store.NewCase(**{**values, **overrides})


def test_migrations_create_exactly_the_tables_the_code_uses(url):
    engine = case_store.engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    internal = ("remove_table", "sqlite_sequence")  # SQLite's own AUTOINCREMENT bookkeeping
    assert [d for d in differences if (d[0], getattr(d[1], "name", None)) != internal] == []


def test_open_gives_a_reference_and_a_registered_case(url, monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", "2027-01-04T09:00:00+01:00")
    reference = case_store.open_case(new_case(), url)
    assert reference == "ESK-2027-000001"
    case = case_store.find(reference, url, asker=case_store.KUNDSERVICE)
    assert case.status == "registrerad" and case.product_group == "koppar"
    assert case.created_at == datetime(2027, 1, 4, 8, 0, tzinfo=timezone.utc)
    assert case.agreed_delivery_date == date(2026, 11, 15)
    assert [(old, new) for old, new, _, _ in case.history] == [(None, "registrerad")]


def test_opening_the_same_escalation_again_gives_the_same_reference(url):
    first = case_store.open_case(new_case(), url)
    assert case_store.open_case(new_case(), url) == first
    assert case_store.open_case(new_case(conversation="conv-2"), url) != first
    assert case_store.open_case(new_case(order_number="4711-2345"), url) != first
    assert len(case_store.search(url=url)) == 3


def test_status_moves_forward_one_step_at_a_time(url):
    reference = case_store.open_case(new_case(), url)
    with pytest.raises(case_store.TransitionError, match="måste bli startad"):
        case_store.set_status(reference, "avslutad", "chat", url, asker=case_store.KUNDSERVICE)
    assert case_store.set_status(reference, "startad", "chat", url, asker=case_store.KUNDSERVICE).status == "startad"
    with pytest.raises(case_store.TransitionError, match="redan status startad"):
        case_store.set_status(reference, "startad", "chat", url, asker=case_store.KUNDSERVICE)
    with pytest.raises(case_store.TransitionError, match="kan inte gå tillbaka"):
        case_store.set_status(reference, "registrerad", "cli", url, asker=case_store.KUNDSERVICE)
    case = case_store.set_status(reference, "avslutad", "cli", url, asker=case_store.KUNDSERVICE)
    assert [(old, new, source) for old, new, _, source in case.history] == [
        (None, "registrerad", "rest"),
        ("registrerad", "startad", "chat"),
        ("startad", "avslutad", "cli"),
    ]
    with pytest.raises(case_store.TransitionError, match="Okänd status"):
        case_store.set_status(reference, "pågår", "cli", url, asker=case_store.KUNDSERVICE)


def test_unknown_reference(url):
    assert case_store.find("ESK-2026-999999", url, asker=case_store.KUNDSERVICE) is None
    with pytest.raises(LookupError):
        case_store.set_status("ESK-2026-999999", "startad", "chat", url, asker=case_store.KUNDSERVICE)


def test_hostile_text_is_only_data(url):
    text = "x'); DROP TABLE cases; --" * 3
    assert case_store.find(text, url, asker=case_store.KUNDSERVICE) is None
    assert case_store.find_by_order_number(text, url, asker=case_store.KUNDSERVICE) == []
    reference = case_store.open_case(new_case(), url)
    case_store.set_contact(
        reference, case_store.Contact(company=text[:200], name="Robert'); --"), url, asker=case_store.KUNDSERVICE
    )
    assert case_store.find(reference, url, asker=case_store.KUNDSERVICE).contact.name == "Robert'); --"


def test_search_by_status_group_and_date(url, monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-20T10:00:00+01:00")
    old = case_store.open_case(new_case(conversation="a"), url)
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-27T10:00:00+01:00")
    fiber = case_store.open_case(
        new_case(
            conversation="b",
            product="Fiber Villa",
            product_group="fibervilla",
            mailbox="Kundservice-fibervilla@skanova.se",
        ),
        url,
    )
    case_store.set_status(old, "startad", "cli", url, asker=case_store.KUNDSERVICE)
    assert [case.reference for case in case_store.search(status="startad", url=url)] == [old]
    assert [case.reference for case in case_store.search(product_group="fibervilla", url=url)] == [fiber]
    assert [case.reference for case in case_store.search(since=date(2026, 11, 21), url=url)] == [fiber]
    assert [case.reference for case in case_store.search(until=date(2026, 11, 20), url=url)] == [old]


def test_outage_start_is_stored_as_utc(url):
    start = datetime.fromisoformat("2026-11-27T09:15:00+01:00")
    reference = case_store.open_case(new_case(situation="order_stop", order_number=None, outage_since=start), url)
    assert case_store.find(reference, url, asker=case_store.KUNDSERVICE).outage_since == start


def test_fifty_concurrent_openings_get_fifty_distinct_references(url):
    case_store.engine(url)
    references, errors = [], []

    def open_one(index):
        try:
            references.append(case_store.open_case(new_case(conversation=f"c{index}"), url))
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_one, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(references)) == 50
    assert len(case_store.search(url=url)) == 50


ANONYMOUS_A = case_store.Asker("socketio", "conv-1")
ANONYMOUS_B = case_store.Asker("socketio", "conv-2")
ALPHA_ANNA = case_store.Asker("slack", "U1", organisation="T-alpha", user="U1")
ALPHA_BO = case_store.Asker("slack", "U2", organisation="T-alpha", user="U2")
BETA = case_store.Asker("slack", "U9", organisation="T-beta", user="U9")


def _owned_by(owner: case_store.Asker, **overrides):
    return new_case(
        channel=owner.channel,
        conversation=owner.conversation_id,
        organisation=owner.organisation,
        user_id=owner.user,
        **overrides,
    )


@pytest.mark.parametrize(
    "owner, allowed, refused",
    [
        (
            ANONYMOUS_A,
            [ANONYMOUS_A],
            [ANONYMOUS_B, case_store.Asker("rest", "conv-1"), ALPHA_ANNA, case_store.Asker("socketio", "conv-1x")],
        ),
        (
            ALPHA_ANNA,
            [ALPHA_ANNA, ALPHA_BO],
            [
                BETA,
                ANONYMOUS_A,
                case_store.Asker("rest", "U1"),
                case_store.Asker("slack", "U1", organisation="T-beta", user="U1"),
            ],
        ),
    ],
)
def test_a_case_is_its_owners_and_nobody_elses(url, owner, allowed, refused):
    reference = case_store.open_case(_owned_by(owner), url)
    for asker in allowed:
        assert case_store.find(reference, url, asker=asker).reference == reference
        assert [case.reference for case in case_store.find_by_order_number("88812345", url, asker=asker)] == [reference]
    for asker in refused:
        assert case_store.find(reference, url, asker=asker) is None
        assert case_store.find_by_order_number("88812345", url, asker=asker) == []
        with pytest.raises(LookupError):
            case_store.set_status(reference, "startad", "chat", url, asker=asker)
        with pytest.raises(LookupError):
            case_store.set_contact(reference, case_store.Contact(name="Mallory"), url, asker=asker)
    case = case_store.find(reference, url, asker=case_store.KUNDSERVICE)
    assert case.status == "registrerad" and case.contact.name is None and len(case.history) == 1
    assert (case.organisation, case.user_id, case.conversation_id) == (
        owner.organisation,
        owner.user,
        owner.conversation_id,
    )


def test_an_order_number_finds_only_the_askers_own_cases(url):
    mine = case_store.open_case(_owned_by(ALPHA_ANNA), url)
    case_store.open_case(_owned_by(BETA), url)
    case_store.open_case(_owned_by(ANONYMOUS_A), url)
    assert [case.reference for case in case_store.find_by_order_number("88812345", url, asker=ALPHA_BO)] == [mine]
    assert len(case_store.find_by_order_number("88812345", url, asker=case_store.KUNDSERVICE)) == 3


def test_misses_are_counted_per_conversation_within_the_window(url):
    now = datetime.now(timezone.utc)
    for _ in range(3):
        case_store.record_miss(ANONYMOUS_A, url)
    assert case_store.misses_since(ANONYMOUS_A, now - timedelta(minutes=10), url) == 3
    assert case_store.misses_since(ANONYMOUS_B, now - timedelta(minutes=10), url) == 0
    assert case_store.misses_since(ANONYMOUS_A, datetime.now(timezone.utc) + timedelta(seconds=1), url) == 0
    assert case_store.misses_since(ANONYMOUS_A, now - timedelta(minutes=10), url) == 0  # forgotten


def test_cases_from_before_owners_stay_their_conversations(url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    before = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(case_store.MIGRATIONS))
    with before.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO cases (reference, created_at, updated_at, channel, conversation_id, fingerprint, "
                "situation, product, product_group, mailbox, order_number, status) VALUES ('ESK-2026-000001', "
                "'2026-11-27 09:00:00', '2026-11-27 09:00:00', 'socketio', 'old-conversation', 'f', "
                "'late_delivery', 'Fiber Villa', 'fibervilla', 'Kundservice-fibervilla@skanova.se', 'ORD-1', "
                "'registrerad')"
            )
        )
    before.dispose()
    owner = case_store.Asker("socketio", "old-conversation")
    case = case_store.find("ESK-2026-000001", url, asker=owner)
    assert case.organisation is None and case.conversation_id == "old-conversation"
    assert case_store.find("ESK-2026-000001", url, asker=case_store.Asker("socketio", "another")) is None


def test_the_first_calls_of_a_new_server_arrive_together(url):
    """No warm-up: the first calls create the engine and migrate, from several threads at once, as
    the actions' database calls do (asyncio.to_thread) when a new action server gets its first messages."""
    references, errors = [], []
    barrier = threading.Barrier(12)

    def open_one(index):
        barrier.wait()
        try:
            references.append(case_store.open_case(new_case(conversation=f"first-{index}"), url))
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=open_one, args=(index,), daemon=True) for index in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "the first calls hang"
    assert errors == [] and len(set(references)) == 12
