"""Changes to rasa-sdk's action server, through its plugin hook: rasa-sdk imports a package of
exactly this name, if there is one, and calls init_hooks, and its own entry point (`rasa run
actions`) then calls attach_sanic_app_extensions with the Sanic app before it serves.

The one change: the action server answers only the Rasa server. Every request but the health check
must carry ACTION_SERVER_SECRET as a bearer token (endpoints.yml sends it); without it the answer
is 401 and no action runs. The server does not start without the secret."""

import hmac
import logging
import os
from http import HTTPStatus
from typing import Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request

import identity

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)
OPEN_PATHS = {"/health"}


def authorised(authorization: Optional[str], secret: str) -> bool:
    token = identity.bearer_token(authorization)
    return token is not None and hmac.compare_digest(token.encode(), secret.encode())


class SharedSecret:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        secret = os.environ.get("ACTION_SERVER_SECRET", "")
        if not secret:
            raise SystemExit(
                "ACTION_SERVER_SECRET is not set: the action server answers only a Rasa server "
                "that sends it (make run and make shell create one; docs/security.md)."
            )

        @app.on_request
        async def refuse_without_the_secret(request: Request):
            if request.path in OPEN_PATHS or authorised(request.headers.get("authorization"), secret):
                return None
            logger.warning("refused a request to %s without the action server's secret", request.path)
            return response.json({"error": "unauthorised"}, status=HTTPStatus.UNAUTHORIZED)


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(SharedSecret())
