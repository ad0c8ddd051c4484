"""A local stand-in for Slack: its web API (what the bot posts lands here) and signed requests to
the bot's Slack webhook, signed the way Slack signs them."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List, Optional
from urllib.parse import parse_qs, urlencode

import requests

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


class SlackStandIn:
    """Answers Slack web API calls with ok and keeps every chat.postMessage."""

    def __init__(self):
        self.posts: List[dict] = []
        self._lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    arguments = json.loads(body or "{}")
                else:
                    arguments = {key: values[0] for key, values in parse_qs(body).items()}
                if self.path.endswith("/chat.postMessage"):
                    with stand_in._lock:
                        stand_in.posts.append(arguments)
                answer = json.dumps({"ok": True, "channel": arguments.get("channel"), "ts": str(time.time())})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer.encode("utf-8"))

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/api/"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()

    def posts_to(self, channel: str) -> List[dict]:
        with self._lock:
            return [post for post in self.posts if post.get("channel") == channel]

    def wait_for_posts(self, channel: str, count: int, seconds: float = 60) -> List[dict]:
        """The first `count` posts to `channel`, once they are there."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            posts = self.posts_to(channel)
            if len(posts) >= count:
                return posts[:count]
            time.sleep(0.1)
        raise AssertionError(f"expected {count} posts to {channel}, got {self.posts_to(channel)}")


def signed_headers(
    body: bytes, content_type: str, secret: str = SIGNING_SECRET, timestamp: Optional[int] = None
) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:".encode("utf-8") + body
    signature = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def message_event(user: str, channel: str, text: str, ts: str, team: str = "T0001") -> dict:
    """A direct message to the bot as Slack's Events API delivers it."""
    return {
        "token": "unused",
        "team_id": team,
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": f"Ev{ts.replace('.', '')}",
        "event_time": int(float(ts)),
        "authorizations": [{"user_id": "UBOT"}],
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "client_msg_id": f"msg-{channel}-{ts}",
        },
    }


def button_click(user: str, channel: str, value: str, ts: str, team: str = "T0001") -> dict:
    """A click on a button the bot posted, as Slack's interactivity delivers it."""
    return {
        "type": "block_actions",
        "user": {"id": user},
        "team": {"id": team},
        "channel": {"id": channel},
        "trigger_id": f"trigger-{channel}-{ts}",
        "message": {"ts": ts},
        "actions": [{"type": "button", "value": value, "action_ts": ts}],
    }


class SlackClient:
    """Sends what Slack would send to the bot's webhook."""

    def __init__(self, webhook: str):
        self.webhook = webhook

    def event(self, payload: dict, headers: Optional[dict] = None, **signing) -> requests.Response:
        body = json.dumps(payload).encode("utf-8")
        all_headers = {**signed_headers(body, "application/json", **signing), **(headers or {})}
        return requests.post(self.webhook, data=body, headers=all_headers, timeout=30)

    def interaction(self, payload: dict, signed: bool = True, **signing) -> requests.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode("utf-8")
        content_type = "application/x-www-form-urlencoded"
        headers = signed_headers(body, content_type, **signing) if signed else {"Content-Type": content_type}
        return requests.post(self.webhook, data=body, headers=headers, timeout=30)
