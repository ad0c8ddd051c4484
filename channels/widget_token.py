"""The token a logged-in host page gives the widget: a JWT it signed (HS256 with a shared secret,
or RS256 with its private key, the Rasa server holding the public key), with an expiry, whose
claims name the organisation (`org`) and the user (`sub`). WIDGET_JWT_KEY and WIDGET_JWT_METHOD
(default HS256) configure it, or jwt_key and jwt_method in credentials.yml."""

from dataclasses import dataclass
from typing import Optional

import jwt

from identity import Identity

ALGORITHMS = ("HS256", "RS256")


class TokenRefused(ValueError):
    """Why a token does not count; the reason is safe to send to the widget."""


@dataclass(frozen=True)
class VerifiedToken:
    identity: Identity
    expires_at: float


def verify(token: Optional[str], key: str, method: str) -> VerifiedToken:
    if not isinstance(token, str) or not token:
        raise TokenRefused("token_missing")
    try:
        claims = jwt.decode(token, key, algorithms=[method], options={"require": ["exp", "org"]})
    except jwt.ExpiredSignatureError:
        raise TokenRefused("token_expired") from None
    except jwt.PyJWTError:
        raise TokenRefused("token_invalid") from None
    organisation, user = claims.get("org"), claims.get("sub")
    if not isinstance(organisation, str) or not organisation or (user is not None and not isinstance(user, str)):
        raise TokenRefused("token_invalid")
    return VerifiedToken(Identity(organisation, user), float(claims["exp"]))
