"""Who wrote a message, as its channel verified it: the one contract between the Rasa server's
channels, which set it, and the action server, which decides by it whose cases a message may see.

A channel puts the verified organisation and user in the message's metadata under KEY and removes
whatever a client sent under that key, so only a channel's own verification ever counts: Slack's
signed team and user ids, the widget's signed token, a REST integration's bearer token. Without
one the conversation alone is the owner."""

from dataclasses import dataclass
from typing import Any, Dict, Optional

KEY = "verified_identity"


@dataclass(frozen=True)
class Identity:
    organisation: str
    user: Optional[str] = None


def into_metadata(metadata: Any, identity: Optional[Identity]) -> Dict[str, Any]:
    """The client's metadata with the verified identity in place of anything it claimed."""
    cleaned = {key: value for key, value in metadata.items() if key != KEY} if isinstance(metadata, dict) else {}
    if identity:
        cleaned[KEY] = {"organisation": identity.organisation, "user": identity.user}
    return cleaned


def bearer_token(authorization: Optional[str]) -> Optional[str]:
    """The token of an `Authorization: Bearer <token>` header; None for any other header."""
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def from_metadata(metadata: Any) -> Optional[Identity]:
    """The identity a channel verified for the message; None for an anonymous one."""
    claimed = metadata.get(KEY) if isinstance(metadata, dict) else None
    if not isinstance(claimed, dict) or not isinstance(claimed.get("organisation"), str):
        return None
    user = claimed.get("user")
    return Identity(claimed["organisation"], user if isinstance(user, str) else None)
