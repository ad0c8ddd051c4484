from datetime import datetime, timezone

from actions import case_replies
from actions.case_store import CaseView, Contact


def case(status="registrerad", situation="late_delivery"):
    return CaseView(
        reference="ESK-2026-000007",
        status=status,
        created_at=datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc),
        updated_at=datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc),
        channel="rest",
        conversation_id="conv-1",
        organisation=None,
        user_id=None,
        case_kind="leverans",
        situation=situation,
        product="Kopparaccess",
        product_group="koppar",
        mailbox="Kundservice-koppar@skanova.se",
        order_number="4711-2345",
        agreed_delivery_date=None,
        outage_since=None,
        contact=Contact("Operatör AB", "Anna Andersson", "anna@op.se", "070-123 45 67"),
    )


def test_status_tells_status_step_mailbox_and_next_step_in_swedish_time():
    text = case_replies.status(case())
    assert text.startswith("ESK-2026-000007 (Kopparaccess, order-/referensnummer 4711-2345) har status registrerad")
    assert "(steg: Startar)" in text and "fredag 27 november kl. 17.00" in text
    assert "Kundservice-koppar@skanova.se" in text and "Säg sedan till att du har gjort båda" in text


def test_status_never_reveals_who_opened_the_case():
    for status in ["registrerad", "startad", "avslutad"]:
        text = case_replies.status(case(status))
        for detail in ["Operatör", "Anna", "anna@op.se", "070-123 45 67"]:
            assert detail not in text


def test_next_step_follows_the_routine():
    assert "Pågår" in case_replies.status(case("startad"))
    assert "gemensamt beslut att avsluta" in case_replies.next_step(case("startad"))
    assert "avslutad" in case_replies.next_step(case("avslutad"))
    order_stop = case_replies.next_step(case(situation="order_stop"))
    assert "väljer den ingång som gäller Kopparaccess" in order_stop


def test_registered_asks_for_both_steps_or_the_call():
    assert "både mejlat och ringt" in case_replies.registered("ESK-2026-000007", "late_delivery")
    assert "har ringt" in case_replies.registered("ESK-2026-000007", "order_stop")
