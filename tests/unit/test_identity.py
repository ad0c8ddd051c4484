"""Who the user is: the contract between the channels and the action server, and each channel's
own verification, without servers."""

import hashlib
import json
import time
from urllib.parse import urlencode

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from rasa_sdk import Tracker

import identity
from actions import case_access
from channels import slack, widget_token
from channels.rest_integrations import Integrations
from rasa_sdk_plugins import authorised


@pytest.mark.parametrize(
    "client_metadata",
    [
        None,
        "text",
        {},
        {"language": "sv"},
        {"verified_identity": {"organisation": "org-alpha", "user": "anna"}, "language": "sv"},
    ],
)
def test_only_the_channels_identity_is_in_the_metadata(client_metadata):
    anonymous = identity.into_metadata(client_metadata, None)
    assert identity.KEY not in anonymous and identity.from_metadata(anonymous) is None
    verified = identity.into_metadata(client_metadata, identity.Identity("org-beta", "bo"))
    assert identity.from_metadata(verified) == identity.Identity("org-beta", "bo")
    if isinstance(client_metadata, dict) and "language" in client_metadata:
        assert verified["language"] == "sv"


@pytest.mark.parametrize(
    "metadata",
    [
        {"verified_identity": "org-alpha"},
        {"verified_identity": {"organisation": 7}},
        {"verified_identity": {}},
        [],
    ],
)
def test_a_malformed_identity_is_no_identity(metadata):
    assert identity.from_metadata(metadata) is None


def _rsa_keys():
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public.decode()


def test_widget_tokens_signed_with_hs256_or_rs256():
    claims = {"org": "org-alpha", "sub": "anna", "exp": int(time.time()) + 60}
    verified = widget_token.verify(jwt.encode(claims, "k" * 32, algorithm="HS256"), "k" * 32, "HS256")
    assert verified.identity == identity.Identity("org-alpha", "anna") and verified.expires_at == claims["exp"]
    private, public = _rsa_keys()
    token = jwt.encode(claims, private, algorithm="RS256")
    assert widget_token.verify(token, public, "RS256").identity.organisation == "org-alpha"
    other_private, _ = _rsa_keys()
    with pytest.raises(widget_token.TokenRefused, match="token_invalid"):
        widget_token.verify(jwt.encode(claims, other_private, algorithm="RS256"), public, "RS256")
    with pytest.raises(widget_token.TokenRefused, match="token_invalid"):  # an HS256 token made with the public key
        widget_token.verify(jwt.encode(claims, "k" * 32, algorithm="HS256"), public, "RS256")


@pytest.mark.parametrize(
    "claims, reason",
    [
        ({"org": "org-alpha", "exp": -60}, "token_expired"),
        ({"org": "", "exp": 60}, "token_invalid"),
        ({"org": ["org-alpha"], "exp": 60}, "token_invalid"),
        ({"org": "org-alpha", "sub": 7, "exp": 60}, "token_invalid"),
        ({"org": "org-alpha"}, "token_invalid"),
    ],
)
def test_widget_tokens_without_what_they_must_say_are_refused(claims, reason):
    if "exp" in claims:
        claims = {**claims, "exp": int(time.time()) + claims["exp"]}
    with pytest.raises(widget_token.TokenRefused, match=reason):
        widget_token.verify(jwt.encode(claims, "k" * 32, algorithm="HS256"), "k" * 32, "HS256")


def test_rest_integrations_are_found_by_their_tokens_digest(tmp_path):
    path = tmp_path / "integrations.yml"
    path.write_text(f"crm:\n  organisation: org-alpha\n  token_sha256: {hashlib.sha256(b's3cret').hexdigest()}\n")
    integrations = Integrations.from_file(path)
    assert integrations.authenticate("Bearer s3cret").identity == identity.Identity("org-alpha", "crm")
    assert integrations.authenticate("bearer  s3cret ").name == "crm"
    for header in (None, "", "s3cret", "Bearer", "Bearer s3cre", "Basic s3cret", f"Bearer {hashlib.sha256(b's3cret')}"):
        assert integrations.authenticate(header) is None
    path.write_text("crm:\n  organisation: org-alpha\n")
    with pytest.raises(ValueError, match="crm needs an organisation and a token_sha256"):
        Integrations.from_file(path)


def test_slack_identity_is_the_team_and_user_of_the_request():
    event = json.dumps({"team_id": "T1", "event": {"user": "U1", "text": "hej"}}).encode()
    assert slack.sender_identity("application/json", event) == identity.Identity("T1", "U1")
    click = urlencode({"payload": json.dumps({"team": {"id": "T1"}, "user": {"id": "U2"}})}).encode()
    assert slack.sender_identity("application/x-www-form-urlencoded", click) == identity.Identity("T1", "U2")
    assert slack.sender_identity("application/json", b'{"event": {"user": "U1"}}') is None
    assert slack.sender_identity("application/json", b"not json") is None


def test_the_action_servers_secret_is_a_bearer_token():
    assert authorised("Bearer s3cret", "s3cret") and authorised("bearer s3cret", "s3cret")
    for header in (None, "", "s3cret", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret"):
        assert not authorised(header, "s3cret")


def test_the_asker_is_the_conversation_with_the_latest_messages_identity():
    verified = identity.into_metadata({}, identity.Identity("T1", "U1"))
    events = [
        {"event": "user", "text": "hej", "metadata": {}, "input_channel": "slack"},
        {"event": "user", "text": "status", "metadata": verified, "input_channel": "slack"},
    ]
    tracker = Tracker("U1_D1", {}, {"text": "status"}, events, False, None, {}, "action_listen")
    assert case_access.asker(tracker) == case_access.case_store.Asker("slack", "U1_D1", "T1", "U1")
    tracker.events = events[:1]
    assert case_access.asker(tracker).organisation is None


def test_lookups_slow_down_then_stop():
    assert [case_access.delay(misses) for misses in range(6)] == [0, 0, 1, 2, 3, 3]
    assert [case_access.refused(misses) for misses in range(7)] == [False] * 5 + [True] * 2
