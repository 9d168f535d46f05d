"""Bolt listeners: each one acks, asks ``blocks.answer`` and sends the reply. Nothing else.

- ``/wscode <text>``   the answer is in the ack itself (ephemeral), so it is there within Slack's 3 s
- ``@wscodes <text>``  the answer is posted in the mention's thread (chat.postMessage, thread_ts)
- "More results"       the next page replaces the message (response_url)
- "Share in channel"   the same answer is posted for everyone (response_url, in_channel)

- ``/wscode define|undefine|import …``  a workspace's own codes (``workspace``), by its admins;
  ``/wscode export`` prints them. Every answer in the workspace includes them; no other sees them.
- App Home: a cheat sheet; the message shortcut "Explain close codes in this message"
- ``app_uninstalled`` / ``tokens_revoked``: the workspace's installation and codes are deleted

Slack retries an event it thinks went unanswered (``X-Slack-Retry-Num``); ``EventDeduplicator``
records each ``event_id`` in the database, so a retry never posts twice, whichever replica gets it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond, AsyncSay
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from wscodes.core.teamcodes import ProjectRegistry
from wscodes.slack import home
from wscodes.slack.blocks import ACTION_MORE, ACTION_SHARE, Reply, Request, answer, decode_value, notice
from wscodes.slack.store import Database
from wscodes.slack.text import from_slack, mention_text
from wscodes.slack.workspace import EditError, apply_edit, is_edit, registry_for, to_toml

__all__ = ["SHORTCUT_EXPLAIN", "EventDeduplicator", "just_ack", "register", "safe_answer"]

log = logging.getLogger("wscode-slack")
ANSWER_CACHE_SIZE = 512
SHORTCUT_EXPLAIN = "wscodes_explain"
EDIT_RETRIES = 5

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
    """Acks an event_callback whose event_id any replica already recorded in the database, and stops."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and event_id and not await self.db.first_time(event_id):
            retry = req.headers.get("x-slack-retry-num", ["-"])[0]
            log.info("ignored a repeat of event %s (retry %s)", re.sub(r"[^\w-]", "", event_id)[:40], retry)
            return BoltResponse(status=200, body="")
        return await next()


async def just_ack(ack: AsyncAck) -> None:
    await ack()


async def may_edit(client: AsyncWebClient, user: str, editors: str) -> bool:
    """Whether ``user`` may change the workspace's codes: everyone, or admins and owners (users.info)."""
    if editors == "everyone":
        return True
    try:
        info = await client.users_info(user=user)
    except SlackApiError as exc:
        data = exc.response.data if exc.response is not None else None
        error = data.get("error", "error") if isinstance(data, dict) else f"HTTP {exc.response.status_code}"
        log.warning("users.info failed (%s): edit refused", error)
        return False
    except Exception as exc:  # network
        log.warning("users.info failed (%s): edit refused", type(exc).__name__)
        return False
    person = info.get("user") or {}
    return any(bool(person.get(k)) for k in ("is_admin", "is_owner", "is_primary_owner"))


def register(
    app: AsyncApp, registry: ProjectRegistry, db: Database, editors: str = "admins", codes_ttl: float = 1.0
) -> None:
    """Attach the bot's middleware and listeners to ``app`` (built with process_before_response=True).

    The command's answer is in its ack, so it needs nothing else. Mentions, buttons and edits ack at
    once and do their Web API call in a lazy listener (a task that runs after the ack has been sent),
    so Slack never waits on chat.postMessage, users.info or a response_url.
    """
    app.middleware(EventDeduplicator(db))

    # Answers are pure functions of the request and the (immutable) registry, and people ask for the
    # same few codes again and again: keep the recent ones (a few MB at most).
    @functools.lru_cache(maxsize=ANSWER_CACHE_SIZE)
    def reply_to(req: Request, reg: ProjectRegistry) -> Reply:
        return safe_answer(req, reg)

    # The database is the truth; a replica reuses what it read for ``codes_ttl`` seconds (an edit
    # on another replica shows here within that time; on this one, at once). With 0, every answer
    # reads the database.
    recent: dict[str, tuple[float, str | None]] = {}
    reading: dict[str, asyncio.Future[str | None]] = {}  # one read per workspace at a time

    async def read_codes(team_id: str) -> str | None:
        pending = reading.get(team_id)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        reading[team_id] = future
        try:
            stored = await db.workspace_codes(team_id)
            toml = stored.toml if stored else None
            future.set_result(toml)
            if codes_ttl > 0:
                if len(recent) > 10_000:
                    recent.clear()
                recent[team_id] = (time.monotonic(), toml)
            return toml
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            del reading[team_id]

    async def registry_of(team_id: str | None) -> ProjectRegistry:
        """The registry for a workspace: the server's codes plus the workspace's own (database)."""
        if not team_id:
            return registry
        cached = recent.get(team_id)
        if cached is not None and time.monotonic() - cached[0] < codes_ttl:
            toml = cached[1]
        else:
            toml = await read_codes(team_id)
        return registry if toml is None else registry_for(registry, team_id, toml)

    async def is_edit_command(body: dict[str, Any]) -> bool:
        return is_edit(from_slack(str(body.get("text") or "")))

    async def on_edit(
        command: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        text = from_slack(str(command.get("text") or ""))
        team_id = context.team_id or ""
        if not await may_edit(client, str(command.get("user_id") or ""), editors):
            await respond(**notice("Only workspace admins can change this workspace's codes.").message())
            return
        for _ in range(EDIT_RETRIES):
            stored = await db.workspace_codes(team_id)
            try:
                edited = apply_edit(text, stored.toml if stored else "")
            except EditError as exc:
                await respond(**notice(str(exc)).message())
                return
            if await db.save_workspace_codes(team_id, edited.toml, stored.revision if stored else 0):
                recent.pop(team_id, None)
                log.info("workspace %s: %s", team_id, text.split(None, 1)[0].lower())
                await respond(**notice(edited.message).message())
                return
        await respond(**notice("Someone else was changing this workspace's codes: try again.").message())

    # registered first: an edit is answered by this listener, everything else by the next one
    app.command(re.compile(r"^/"), matchers=[is_edit_command])(ack=just_ack, lazy=[on_edit])

    @app.command(re.compile(r"^/"))  # whatever the command is called in this workspace
    async def on_command(ack: AsyncAck, command: dict[str, Any], context: AsyncBoltContext) -> None:
        text = from_slack(str(command.get("text") or ""))
        if text.strip().lower() == "export":
            stored = await db.workspace_codes(context.team_id or "")
            toml = stored.toml if stored else to_toml({})
            reply = notice("This workspace's wscodes.toml:", code=toml)
        else:
            reply = reply_to(Request(text), await registry_of(context.team_id))
        await ack(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    async def on_mention(event: dict[str, Any], say: AsyncSay, context: AsyncBoltContext) -> None:
        reg = await registry_of(context.team_id)
        reply = reply_to(Request(mention_text(str(event.get("text") or "")), private=False), reg)
        thread = event.get("thread_ts") or event.get("ts")
        await say(text=reply.text, blocks=reply.blocks, thread_ts=thread if isinstance(thread, str) else None)

    async def on_more(
        action: dict[str, Any], body: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        query, page, shared_by = decode_value(action.get("value"))
        private = bool((body.get("container") or {}).get("is_ephemeral", True))
        req = Request(query, page, private=private, shared_by=None if private else shared_by)
        reply = reply_to(req, await registry_of(context.team_id))
        await respond(text=reply.text, blocks=reply.blocks, replace_original=True)

    async def on_share(
        action: dict[str, Any], body: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        query, page, _ = decode_value(action.get("value"))
        user = (body.get("user") or {}).get("id")
        req = Request(query, page, private=False, shared_by=user if isinstance(user, str) else None)
        reply = reply_to(req, await registry_of(context.team_id))
        await respond(
            text=reply.text, blocks=reply.blocks, response_type="in_channel", replace_original=False
        )

    async def on_shortcut(shortcut: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext) -> None:
        message = shortcut.get("message") or {}
        reg = await registry_of(context.team_id)
        reply = reply_to(Request(from_slack(str(message.get("text") or "")), private=True), reg)
        await respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

    async def on_home(event: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext) -> None:
        user = event.get("user")
        if event.get("tab") not in (None, "home") or not isinstance(user, str):
            return
        reg = await registry_of(context.team_id)
        await client.views_publish(user_id=user, view=home.view(reg))

    async def on_uninstalled(context: AsyncBoltContext, event: dict[str, Any]) -> None:
        team_id = context.team_id
        if not team_id:
            return
        await db.delete_workspace(team_id)
        recent.pop(team_id, None)
        store = app.installation_store
        if store is not None:
            await store.async_delete_all(enterprise_id=context.enterprise_id, team_id=team_id)
        log.info("workspace %s: %s, its data deleted", team_id, event.get("type"))

    async def on_tokens_revoked(context: AsyncBoltContext, event: dict[str, Any]) -> None:
        tokens = event.get("tokens") or {}
        if tokens.get("bot"):  # the bot can no longer act there: the workspace is gone for us
            await on_uninstalled(context, event)
            return
        store = app.installation_store
        if store is not None and context.team_id:
            for user in tokens.get("oauth") or []:
                await store.async_delete_installation(
                    enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user
                )

    app.event("app_mention")(ack=just_ack, lazy=[on_mention])
    app.event("app_home_opened")(ack=just_ack, lazy=[on_home])
    app.event("app_uninstalled")(ack=just_ack, lazy=[on_uninstalled])
    app.event("tokens_revoked")(ack=just_ack, lazy=[on_tokens_revoked])
    app.shortcut(SHORTCUT_EXPLAIN)(ack=just_ack, lazy=[on_shortcut])
    app.action(ACTION_MORE)(ack=just_ack, lazy=[on_more])
    app.action(ACTION_SHARE)(ack=just_ack, lazy=[on_share])
