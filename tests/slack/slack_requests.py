"""Signed requests exactly as Slack sends them (form-encoded commands and actions, JSON events)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

SIGNING_SECRET = "0123456789abcdef0123456789abcdef"  # a made-up test secret
BOT_TOKEN = "xoxb-1111-2222-faketokenfortests"
APP_TOKEN = "xapp-1-A111-2222-faketokenfortests"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def signature(body: bytes, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(body, ts),
    }


def command_body(
    text: str,
    response_url: str = "http://127.0.0.1:9/none",
    command: str = "/wscode",
    team_id: str = "T00000001",
    user_id: str = "U00000042",
) -> bytes:
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": team_id,
            "team_domain": "fake",
            "channel_id": "C00000001",
            "channel_name": "general",
            "user_id": user_id,
            "user_name": "ada",
            "command": command,
            "text": text,
            "api_app_id": "A00000001",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    ).encode()


def mention_body(
    text: str,
    event_id: str,
    ts: str = "1700000000.000100",
    thread_ts: str | None = None,
    team_id: str = "T00000001",
) -> bytes:
    event: dict[str, Any] = {
        "type": "app_mention",
        "user": "U00000042",
        "text": text,
        "ts": ts,
        "channel": "C00000001",
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_body(event, event_id, team_id, to_bot=True)


def action_body(action_id: str, value: str, response_url: str, ephemeral: bool = True) -> bytes:
    payload = {
        "type": "block_actions",
        "user": {"id": "U00000042", "username": "ada", "team_id": "T00000001"},
        "api_app_id": "A00000001",
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": "1700000000.000200",
            "channel_id": "C00000001",
            "is_ephemeral": ephemeral,
        },
        "trigger_id": "1.2.3",
        "team": {"id": "T00000001", "domain": "fake"},
        "channel": {"id": "C00000001", "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "type": "button",
                "action_ts": "1700000000.1",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


def post(url: str, body: bytes, headers: dict[str, str], timeout: float = 5.0) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def event_body(
    event: dict[str, Any], event_id: str, team_id: str = "T00000001", *, to_bot: bool = False
) -> bytes:
    """Any Events API event_callback (app_uninstalled, tokens_revoked, app_home_opened…);
    ``to_bot``: authorized for the bot user (as Slack sends a mention)."""
    body: dict[str, Any] = {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "api_app_id": "A00000001",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
    }
    if to_bot:
        body["authorizations"] = [{"team_id": team_id, "user_id": "UBOT00001", "is_bot": True}]
    return json.dumps(body).encode()


def get(
    url: str, headers: dict[str, str] | None = None, timeout: float = 5.0
) -> tuple[int, str, dict[str, str]]:
    """GET without following redirects: (status, body, headers)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {}, method="GET")
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)
