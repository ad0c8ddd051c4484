"""Whose case it is, tried over every channel against the running servers: a conversation B that
does not own A's case tries to read it, move it on and attach contact details, by reference and
by order number. Every attempt gets exactly what a reference that does not exist gets, and the
record in the database is unchanged. The same organisation's other user can follow it."""

import itertools
import re
import time
from typing import Callable, Dict, List

import pytest
from sqlalchemy import create_engine, text

from project import INTEGRATION_TOKENS, Conversation, widget_token
from slack_stand_in import SlackClient, message_event
from widget_client import WidgetConversation

pytestmark = pytest.mark.rasa
REFERENCE = re.compile(r"ESK-\d{4}-\d{6}")
NOWHERE_REFERENCE, NOWHERE_ORDER = "ESK-2026-999998", "99999998"
_numbers = itertools.count(1)
Say = Callable[[str], str]


def attempts(reference: str, order: str) -> List[str]:
    """What B tries on the case: status, status by order number, started, closed, contact details."""
    return [
        f"Vad är status på {reference}?",
        f"status för order {order}",
        f"Vi har mejlat och ringt om {reference}",
        f"Ärendet {reference} är löst, vi har kommit överens om att avsluta",
        f"Kontaktuppgifter till {reference}: Mallory AB, Mallory Malsson, mallory@example.com",
    ]


def new_order() -> str:
    return f"7{time.time_ns() % 10**6:06d}{next(_numbers):02d}"


def open_case(say: Say, order: str) -> str:
    say(f"order {order} för Kopparaccess, leveransdatumet har passerat")
    answer = say("15 november")
    assert "Jag har registrerat ärendet" in answer, answer
    return REFERENCE.search(answer).group(0)


def record(cases_db_url: str, reference: str) -> Dict:
    with create_engine(cases_db_url).connect() as connection:
        row = (
            connection.execute(
                text(
                    "SELECT status, company, contact_name, contact_email, updated_at, organisation, user_id, "
                    "(SELECT count(*) FROM case_status_changes c WHERE c.case_id = cases.id) AS changes "
                    "FROM cases WHERE reference = :reference"
                ),
                {"reference": reference},
            )
            .mappings()
            .one()
        )
        return dict(row)


def assert_sees_nothing(intruder: Say, stranger: Say, reference: str, order: str) -> None:
    """The intruder's answers about A's case are the stranger's about a case that does not exist."""
    for tried, nowhere in zip(attempts(reference, order), attempts(NOWHERE_REFERENCE, NOWHERE_ORDER)):
        expected = stranger(nowhere).replace(NOWHERE_REFERENCE, reference).replace(NOWHERE_ORDER, order)
        answer = intruder(tried)
        assert answer == expected, tried
        assert "Kopparaccess" not in answer and "Kundservice-koppar@skanova.se" not in answer


def assert_can_follow(friend: Say, reference: str, order: str) -> None:
    assert f"{reference} (Kopparaccess, order-/referensnummer {order}) har status registrerad" in friend(
        f"Vad är status på {reference}?"
    )
    assert "har status registrerad" in friend(f"status för order {order}")
    assert "har startat" in friend(f"Vi har mejlat och ringt om {reference}")


def rest(server: str, integration: str = None) -> Say:
    token = INTEGRATION_TOKENS[integration][1] if integration else None
    return Conversation(server, f"owner-test-{time.time_ns()}", token).text


def widget(server: str, organisation: str = None, user: str = None, custom_data: dict = None) -> Say:
    token = widget_token(organisation, user) if organisation else None
    return WidgetConversation(f"{server}", token, custom_data).text


class SlackUser:
    def __init__(self, client: SlackClient, api, team: str, user: str):
        self.client, self.api, self.team, self.user = client, api, team, user
        self.channel = f"D{time.time_ns()}"

    def __call__(self, message: str) -> str:
        before = len(self.api.posts_to(self.channel))
        ts = f"{int(time.time())}.{next(_numbers):06d}"
        assert self.client.event(message_event(self.user, self.channel, message, ts, team=self.team)).ok
        self.api.wait_for_posts(self.channel, before + 1)
        time.sleep(1.5)  # the rest of the answer
        return "\n".join(post.get("text", "") for post in self.api.posts_to(self.channel)[before:])


@pytest.fixture(scope="module")
def slack(rasa_server, slack_api):
    return lambda team, user: SlackUser(SlackClient(f"{rasa_server}/webhooks/slack/webhook"), slack_api, team, user)


def assert_only_its_owners(
    cases_db_url: str, owner: Say, owned_by: tuple, intruder: Say, stranger: Say, friend: Say
) -> None:
    """A opens a case; the intruder sees and changes nothing of it (answered as the stranger is about a
    reference that does not exist, the record unchanged); the friend (the owner again, for an
    anonymous case) follows it. `owned_by`: the (organisation, user) the record must name."""
    order = new_order()
    reference = open_case(owner, order)
    before = record(cases_db_url, reference)
    assert (before["organisation"], before["user_id"]) == owned_by
    assert_sees_nothing(intruder, stranger, reference, order)
    assert record(cases_db_url, reference) == before
    assert_can_follow(friend, reference, order)


def test_another_anonymous_rest_conversation_sees_nothing(rasa_server, cases_db_url):
    owner = rest(rasa_server)
    assert_only_its_owners(cases_db_url, owner, (None, None), rest(rasa_server), rest(rasa_server), owner)


def test_another_organisations_integration_sees_nothing_and_the_same_organisations_can(
    identifying_rasa_server, cases_db_url
):
    server = identifying_rasa_server
    assert_only_its_owners(
        cases_db_url,
        rest(server, "crm-alpha"),
        ("org-alpha", "crm-alpha"),
        rest(server, "crm-beta"),
        rest(server, "crm-beta"),
        rest(server, "portal-alpha"),
    )


def test_rest_without_an_integrations_token_is_refused_when_integrations_are_configured(identifying_rasa_server):
    for headers in ({}, {"Authorization": "Bearer token-crm-alpha-not"}, {"Authorization": "token-crm-alpha"}):
        conversation = Conversation(identifying_rasa_server, "no-token")
        conversation.headers = headers
        with pytest.raises(Exception, match="401"):
            conversation.say("Vad är status på ESK-2026-000001?")


def test_another_anonymous_widget_session_sees_nothing(rasa_server, cases_db_url):
    owner = widget(rasa_server)
    assert_only_its_owners(cases_db_url, owner, (None, None), widget(rasa_server), widget(rasa_server), owner)


def test_another_organisations_widget_sees_nothing_even_claiming_the_owners_organisation(
    identifying_rasa_server, cases_db_url
):
    server = identifying_rasa_server
    claimed = {"organisation": "org-alpha", "verified_identity": {"organisation": "org-alpha", "user": "anna"}}
    assert_only_its_owners(
        cases_db_url,
        widget(server, "org-alpha", "anna"),
        ("org-alpha", "anna"),
        widget(server, "org-beta", "mallory", custom_data=claimed),
        widget(server, "org-beta", "eve"),
        widget(server, "org-alpha", "bo"),
    )


def test_another_slack_team_sees_nothing_and_the_same_team_can(slack, cases_db_url):
    assert_only_its_owners(
        cases_db_url,
        slack("T-ALPHA", "U-ANNA"),
        ("T-ALPHA", "U-ANNA"),
        slack("T-BETA", "U-MALLORY"),
        slack("T-BETA", "U-EVE"),
        slack("T-ALPHA", "U-BO"),
    )


def test_an_anonymous_rest_client_naming_a_slack_conversation_reaches_none(slack, rasa_server):
    anna = slack("T-ALPHA", f"U{time.time_ns()}")
    assert "leveransdatum" in anna("order 4711-2345 för Kopparaccess, leveransdatumet har passerat")
    slack_conversation = f"{anna.user}_{anna.channel}"
    intruder = Conversation(rasa_server, slack_conversation).text("15 november")
    assert "Kopparaccess" not in intruder and "registrerat" not in intruder
    assert "Jag har registrerat ärendet" in anna("15 november")  # Anna's form was where she left it


def test_the_same_session_id_under_another_identity_is_another_conversation(identifying_rasa_server):
    server = identifying_rasa_server
    owner = WidgetConversation(server, widget_token("org-alpha", "anna"))
    owner.text("order 4711-2345 för Kopparaccess, leveransdatumet har passerat")
    intruder = WidgetConversation(server, widget_token("org-beta", "mallory"))
    intruder.session_id = owner.session_id
    assert "Kopparaccess" not in intruder.text("15 november")


def test_guessing_references_reveals_nothing_and_ends_in_refusal(rasa_server):
    owner, order = rest(rasa_server), new_order()
    reference = open_case(owner, order)
    number = int(reference.rsplit("-", 1)[1])
    guesser = rest(rasa_server)
    first = max(1, number - 50)
    guesses = [f"ESK-2026-{guess:06d}" for guess in range(first, first + 100)]
    assert reference in guesses
    answers = [guesser(f"status {guess}") for guess in guesses]
    assert not any("Kopparaccess" in answer or "har status" in answer for answer in answers)
    assert all("svarar inte på fler frågor om ärenden" in answer for answer in answers[5:])
    assert "svarar inte på fler frågor om ärenden" in guesser(f"Vad är status på {reference}?")
    assert "har status registrerad" in owner(f"Vad är status på {reference}?")
