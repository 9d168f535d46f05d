"""HTTP mode: aiohttp's web server in front of the Bolt app, every Slack request at ``/slack/events``.

aiohttp.web is the same asyncio server Bolt's own adapter uses, run here with an ``AppRunner`` (no
development server, no access log with request bodies). Before Bolt sees a request, its signature is
checked strictly: a well-formed ``X-Slack-Signature`` (``v0=`` + 64 hex digits), an integer
``X-Slack-Request-Timestamp`` no more than 5 minutes in the past *or the future*, and a matching
HMAC-SHA256 of ``v0:{timestamp}:{body}``. Anything else is a 401 and no listener runs. Bolt's own
RequestVerification stays on behind it.

The body is parsed here, by ``parse_slack_body``, not by Bolt: slack-bolt 1.30's
``request/internals.py:parse_body`` decides that a form body is an interactivity payload when the
*substring* ``payload`` occurs anywhere in it, and then finds no ``payload`` field and hands the
listeners an empty body, so no listener matches and the request is a 404. Any command whose text,
channel name, user name or team domain contains "payload" (``/wscode payload too big``) was lost.
``SlackRequest`` is Bolt's request with the form parsed by its fields.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest

from wscodes.slack.store import Database

__all__ = ["EVENTS_PATH", "MAX_SKEW_SECONDS", "SlackRequest", "parse_slack_body", "signature_ok", "web_app"]

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


def parse_slack_body(raw: str, content_type: str | None) -> dict[str, Any]:
    """A Slack request body as a dict: JSON (events), or a form (commands), whose ``payload`` field,
    if it has one, is the JSON of an interaction. Raises ValueError for anything else."""
    if not raw:
        return {}
    if content_type == "application/json" or (content_type is None and raw.startswith("{")):
        parsed: object = json.loads(raw)
    else:
        form = dict(parse_qsl(raw, keep_blank_values=True, strict_parsing=False))
        parsed = json.loads(form["payload"]) if "payload" in form else form
    if not isinstance(parsed, dict):
        raise ValueError("a Slack request body is a JSON object or a form")
    return parsed


class SlackRequest(AsyncBoltRequest):
    """Bolt's HTTP request, its body parsed by ``parse_slack_body`` (raw body kept for verification).

    Lazy listeners get a copy made by ``to_copyable``, so the copy is parsed the same way."""

    def __init__(
        self,
        *,
        body: str,
        query: str | dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(body="", query=query, headers=headers, context=context)
        self.raw_body = body
        self.body = parse_slack_body(body, self.content_type)
        self.context = build_async_context(AsyncBoltContext(context or {}), self.body)

    def to_copyable(self) -> SlackRequest:
        return SlackRequest(
            body=self.raw_body,
            query=dict(self.query),
            headers=dict(self.headers),
            context=self.context.to_copyable(),
        )


def _reject(status: int, error: str) -> web.Response:
    return web.json_response({"error": error}, status=status)


def web_app(bolt: AsyncApp, signing_secret: str, db: Database | None = None) -> web.Application:
    """The aiohttp application: POST ``/slack/events`` (commands, events, interactivity), GET
    ``/healthz`` (the process is alive), GET ``/readyz`` (and its database answers), and with OAuth
    GET ``/slack/install`` and ``/slack/oauth_redirect`` (Bolt's OAuth flow)."""

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
            bolt_request = SlackRequest(
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

    async def readyz(_: web.Request) -> web.Response:
        if db is not None and not await db.ping():
            return web.Response(status=503, text="database unreachable")
        return web.Response(text="ready")

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post(EVENTS_PATH, slack_events)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    flow = bolt.oauth_flow
    if flow is not None:

        async def oauth(request: web.Request) -> web.Response:
            bolt_request = AsyncBoltRequest(
                body="",
                query=request.query_string,
                headers={k.lower(): v for k, v in request.headers.items()},
            )
            if request.path == flow.install_path:
                response = await flow.handle_installation(bolt_request)
            else:
                response = await flow.handle_callback(bolt_request)
            return await to_aiohttp_response(response)

        app.router.add_get(flow.install_path, oauth)
        app.router.add_get(flow.redirect_uri_path, oauth)
    return app
