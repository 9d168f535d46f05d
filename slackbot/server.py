"""HTTP mode: aiohttp's web server in front of the Bolt app, every Slack request at ``/slack/events``.

aiohttp.web is the same asyncio server Bolt's own adapter uses, run here with an ``AppRunner`` (no
development server, no access log with request bodies). Before Bolt sees a request, its signature is
checked strictly: a well-formed ``X-Slack-Signature`` (``v0=`` + 64 hex digits), an integer
``X-Slack-Request-Timestamp`` no more than 5 minutes in the past *or the future*, and a matching
HMAC-SHA256 of ``v0:{timestamp}:{body}``. Anything else is a 401 and no listener runs. Bolt's own
RequestVerification stays on behind it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

__all__ = ["EVENTS_PATH", "MAX_SKEW_SECONDS", "signature_ok", "web_app"]

EVENTS_PATH = "/slack/events"
MAX_SKEW_SECONDS = 300
MAX_BODY_BYTES = 1024 * 1024
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")

log = logging.getLogger("wscode-slack")


def signature_ok(
    secret: str,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    now: Callable[[], float] = time.time,
) -> bool:
    """Slack's v0 request signature, checked with no way around it (format, age both ways, HMAC)."""
    if (
        not timestamp
        or not signature
        or not _TIMESTAMP.fullmatch(timestamp)
        or not _SIGNATURE.fullmatch(signature)
    ):
        return False
    if abs(now() - int(timestamp)) > MAX_SKEW_SECONDS:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def _reject(status: int, error: str) -> web.Response:
    return web.json_response({"error": error}, status=status)


def web_app(bolt: AsyncApp, signing_secret: str) -> web.Application:
    """The aiohttp application: POST ``/slack/events`` (commands, events, interactivity), GET /healthz."""

    async def slack_events(request: web.Request) -> web.Response:
        body = await request.read()
        headers = request.headers
        if not signature_ok(
            signing_secret, body, headers.get("X-Slack-Request-Timestamp"), headers.get("X-Slack-Signature")
        ):
            log.warning("rejected a request to %s: missing, stale or wrong signature", EVENTS_PATH)
            return _reject(401, "invalid request")
        try:
            text = body.decode("utf-8")
            bolt_request = AsyncBoltRequest(
                body=text,
                query=request.query_string,
                headers={k.lower(): v for k, v in headers.items()},
            )
        except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
            log.warning("rejected a signed request whose body is not a Slack payload")
            return _reject(400, "malformed request body")
        bolt_response = await bolt.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    async def healthz(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post(EVENTS_PATH, slack_events)
    app.router.add_get("/healthz", healthz)
    return app
