"""Bolt listeners: each one acks, asks ``blocks.answer`` and sends the reply. Nothing else.

- ``/wscode <text>``   the answer is in the ack itself (ephemeral), so it is there within Slack's 3 s
- ``@wscodes <text>``  the answer is posted in the mention's thread (chat.postMessage, thread_ts)
- "More results"       the next page replaces the message (response_url)
- "Share in channel"   the same answer is posted for everyone (response_url, in_channel)

Slack retries an event it thinks went unanswered (``X-Slack-Retry-Num``); ``EventDeduplicator``
drops any event whose ``event_id`` was already handled, so a retry never posts twice.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from wscodes.core.teamcodes import ProjectRegistry
from wscodes.slack.blocks import ACTION_MORE, ACTION_SHARE, Reply, Request, answer, decode_value
from wscodes.slack.text import from_slack, mention_text

__all__ = ["EventDeduplicator", "just_ack", "register", "safe_answer"]

log = logging.getLogger("wscode-slack")
ANSWER_CACHE_SIZE = 512

SORRY = Reply(
    blocks=[
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "Sorry — that answer failed to render. Try `/wscode help`."},
        }
    ],
    text="Sorry — that answer failed to render.",
)


def safe_answer(req: Request, registry: ProjectRegistry) -> Reply:
    """``answer``, but a person always gets a reply: a bug is logged, not shown as a Slack error."""
    try:
        return answer(req, registry)
    except Exception:
        log.exception("rendering an answer failed")
        return SORRY


class EventDeduplicator(AsyncMiddleware):
    """Acks an event_callback whose event_id was already seen in the last ``ttl`` seconds, and stops."""

    def __init__(self, ttl: float = 3600.0, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        now = time.monotonic()
        while self.seen and (
            len(self.seen) >= self.max_entries or next(iter(self.seen.values())) < now - self.ttl
        ):
            self.seen.popitem(last=False)
        if event_id in self.seen:
            return False
        self.seen[event_id] = now
        return True

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not self.first_time(event_id):
            retry = req.headers.get("x-slack-retry-num", ["-"])[0]
            log.info("ignored a repeat of event %s (retry %s)", re.sub(r"[^\w-]", "", event_id)[:40], retry)
            return BoltResponse(status=200, body="")
        return await next()


async def just_ack(ack: AsyncAck) -> None:
    await ack()


def register(app: AsyncApp, registry: ProjectRegistry) -> None:
    """Attach the bot's middleware and listeners to ``app`` (built with process_before_response=True).

    The command's answer is in its ack, so it needs nothing else. Mentions and buttons ack at once
    and do their Web API call in a lazy listener (a task that runs after the ack has been sent), so
    Slack never waits on chat.postMessage or a response_url.
    """
    app.middleware(EventDeduplicator())

    # Answers are pure functions of the request and the (immutable) registry, and people ask for the
    # same few codes again and again: keep the recent ones (a few MB at most).
    @functools.lru_cache(maxsize=ANSWER_CACHE_SIZE)
    def reply_to(req: Request) -> Reply:
        return safe_answer(req, registry)

    @app.command(re.compile(r"^/"))  # whatever the command is called in this workspace
    async def on_command(ack: AsyncAck, command: dict[str, Any]) -> None:
        reply = reply_to(Request(from_slack(str(command.get("text") or ""))))
        await ack(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    async def on_mention(event: dict[str, Any], say: AsyncSay) -> None:
        reply = reply_to(Request(mention_text(str(event.get("text") or "")), private=False))
        thread = event.get("thread_ts") or event.get("ts")
        await say(text=reply.text, blocks=reply.blocks, thread_ts=thread if isinstance(thread, str) else None)

    async def on_more(action: dict[str, Any], body: dict[str, Any], respond: AsyncRespond) -> None:
        query, page, shared_by = decode_value(action.get("value"))
        private = bool((body.get("container") or {}).get("is_ephemeral", True))
        reply = reply_to(Request(query, page, private=private, shared_by=None if private else shared_by))
        await respond(text=reply.text, blocks=reply.blocks, replace_original=True)

    async def on_share(action: dict[str, Any], body: dict[str, Any], respond: AsyncRespond) -> None:
        query, page, _ = decode_value(action.get("value"))
        user = (body.get("user") or {}).get("id")
        req = Request(query, page, private=False, shared_by=user if isinstance(user, str) else None)
        reply = reply_to(req)
        await respond(
            text=reply.text, blocks=reply.blocks, response_type="in_channel", replace_original=False
        )

    app.event("app_mention")(ack=just_ack, lazy=[on_mention])
    app.action(ACTION_MORE)(ack=just_ack, lazy=[on_more])
    app.action(ACTION_SHARE)(ack=just_ack, lazy=[on_share])
