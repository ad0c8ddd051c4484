"""The REST channel's integrations: one bearer token per integration, each mapped to the
organisation it acts for. REST_INTEGRATIONS names a YAML file of them; without it the REST channel
is anonymous, for local use:

    operator-x:                      # the integration's name
      organisation: "556000-0001"    # the organisation its conversations and cases belong to
      token_sha256: "<hex>"          # printf %s "$TOKEN" | sha256sum

The file holds only the tokens' SHA-256, so it is configuration, not a secret."""

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import yaml

import identity
from identity import Identity


@dataclass(frozen=True)
class Integration:
    name: str
    identity: Identity


class Integrations:
    def __init__(self, digests: Dict[str, Integration]) -> None:
        self._digests = digests

    @classmethod
    def from_environment(cls) -> Optional["Integrations"]:
        path = os.environ.get("REST_INTEGRATIONS")
        return cls.from_file(Path(path)) if path else None

    @classmethod
    def from_file(cls, path: Path) -> "Integrations":
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        digests = {}
        for name, entry in entries.items():
            if not isinstance(entry, dict) or not entry.get("organisation") or not entry.get("token_sha256"):
                raise ValueError(f"{path}: {name} needs an organisation and a token_sha256")
            digests[str(entry["token_sha256"]).lower()] = Integration(
                str(name), Identity(str(entry["organisation"]), str(name))
            )
        return cls(digests)

    def authenticate(self, authorization: Optional[str]) -> Optional[Integration]:
        """The integration whose token the Authorization header carries; None for any other."""
        token = identity.bearer_token(authorization)
        if token is None:
            return None
        digest = hashlib.sha256(token.encode()).hexdigest()
        found = None
        for known, integration in self._digests.items():
            if hmac.compare_digest(known, digest):
                found = integration
        return found
