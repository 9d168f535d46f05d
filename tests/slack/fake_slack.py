"""A local server that speaks the part of Slack's HTTP API the bot uses, and records every call.

Real HTTP on loopback (aiohttp.web in its own thread): ``/api/auth.test``, ``/api/chat.postMessage``,
``/api/users.info`` (admins: ``ADMINS``), ``/api/views.publish``, ``/api/oauth.v2.access`` (an install:
any code but ``bad-code`` gives a workspace a bot token), ``/api/apps.connections.open`` (its URL is
the Socket Mode WebSocket at ``/socket``), and ``/response/<id>``, standing in for a
``response_url``. ``rate_limit(method, n, seconds)`` answers the next n calls with HTTP 429 and
Retry-After, as Slack does. The bot can't tell it from Slack.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

REJECTED_TOKEN = "xoxb-rejected-0000000000"
BOT_USER_ID = "UBOT00001"
ADMINS = frozenset({"UADMIN001", "UADMIN002"})
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fakeclientsecret0123456789"


def installed_token(team_id: str) -> str:
    """The bot token the fake hands out when ``team_id`` installs the app."""
    return f"xoxb-installed-{team_id}-0000"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    authorization: str = ""
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeSlack:
    host: str = "127.0.0.1"
    calls: list[Call] = field(default_factory=list)
    socket_replies: list[dict[str, Any]] = field(default_factory=list)
    socket_to_send: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    limited: dict[str, list[int]] = field(default_factory=dict)  # method -> Retry-After of next 429s
    codes: dict[str, str] = field(default_factory=dict)  # OAuth code -> team id
    _loop: asyncio.AbstractEventLoop | None = None
    _runner: web.AppRunner | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}/response/{name}"

    # -- recording -------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def find(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def wait_for(self, path: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.find(path)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"expected {count} call(s) to {path}, got {len(self.find(path))}: {self.calls}")

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.01)
        raise AssertionError("condition not met in time")

    def rate_limit(self, method: str, times: int, retry_after: int) -> None:
        """Retry-After is whole seconds (RFC 9110 §10.2.3 delay-seconds; Slack sends integers)."""
        with self._lock:
            self.limited[method] = [retry_after] * times

    def grant(self, code: str, team_id: str) -> None:
        """The next oauth.v2.access with ``code`` installs the app in ``team_id``."""
        with self._lock:
            self.codes[code] = team_id

    # -- handlers --------------------------------------------------------------------------
    @staticmethod
    async def _body(request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if not raw:
            return dict(request.query)
        if request.content_type == "application/json":
            loaded = json.loads(raw)
            return loaded if isinstance(loaded, dict) else {"_": loaded}
        return dict(parse_qsl(raw))

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        auth = request.headers.get("Authorization", "")
        self._record(Call(f"/api/{method}", body, auth))
        token = auth.removeprefix("Bearer ").strip() or str(body.get("token", ""))
        with self._lock:
            waits = self.limited.get(method) or []
            wait = waits.pop(0) if waits else None
        if wait is not None:
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(wait)}
            )
        if token == REJECTED_TOKEN:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "oauth.v2.access":
            return self._oauth_access(body, auth)
        if method == "users.info":
            user = str(body.get("user", ""))
            return web.json_response({"ok": True, "user": {"id": user, "is_admin": user in ADMINS}})
        if method == "views.publish":
            return web.json_response({"ok": True, "view": {"id": "V1"}})
        if method == "auth.test" and token.startswith("xoxb-installed-"):
            team = token.split("-")[2]
            return web.json_response(
                {
                    "ok": True,
                    "url": f"https://{team.lower()}.example/",
                    "team": team,
                    "user": "wscodes",
                    "team_id": team,
                    "user_id": BOT_USER_ID,
                    "bot_id": f"B{team}",
                }
            )
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": "https://fake.example/",
                    "team": "Fake",
                    "user": "wscodes",
                    "team_id": "T00000001",
                    "user_id": BOT_USER_ID,
                    "bot_id": "B00000001",
                }
            )
        if method == "chat.postMessage":
            return web.json_response(
                {
                    "ok": True,
                    "channel": body.get("channel"),
                    "ts": f"{time.time():.6f}",
                    "message": {"text": body.get("text")},
                }
            )
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://{self.host}:{self.port}/socket"})
        return web.json_response({"ok": False, "error": "unknown_method"})

    def _oauth_access(self, body: dict[str, Any], auth: str) -> web.Response:
        import base64

        given = base64.b64decode(auth.removeprefix("Basic ")).decode() if auth.startswith("Basic ") else ""
        client_id = body.get("client_id") or given.partition(":")[0]
        client_secret = body.get("client_secret") or given.partition(":")[2]
        if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
            return web.json_response({"ok": False, "error": "invalid_client_id"})
        with self._lock:
            team_id = self.codes.pop(str(body.get("code", "")), None)
        if team_id is None:
            return web.json_response({"ok": False, "error": "invalid_code"})
        return web.json_response(
            {
                "ok": True,
                "app_id": "A00000001",
                "authed_user": {"id": "UADMIN001"},
                "scope": "commands,chat:write,app_mentions:read",
                "token_type": "bot",
                "access_token": installed_token(team_id),
                "bot_user_id": BOT_USER_ID,
                "team": {"id": team_id, "name": f"Team {team_id}"},
                "enterprise": None,
                "is_enterprise_install": False,
            }
        )

    async def _response_url(self, request: web.Request) -> web.Response:
        self._record(Call(request.path, await self._body(request)))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._record(Call("/socket", {"connected": True}))
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}, "connection_info": {}})
        for envelope in self.socket_to_send:
            await ws.send_json(envelope)
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                with self._lock:
                    self.socket_replies.append(json.loads(msg.data))
        return ws

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        ready = threading.Event()

        async def serve() -> None:
            app = web.Application()
            app.router.add_post("/api/{method}", self._api)
            app.router.add_get("/api/{method}", self._api)  # users.info and a few others are GETs
            app.router.add_post("/response/{name}", self._response_url)
            app.router.add_get("/socket", self._socket)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, 0)
            await site.start()
            self.port = self._runner.addresses[0][1]
            ready.set()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(serve())
            self._loop.run_forever()
            self._loop.close()

        self._thread = threading.Thread(target=run, name="fake-slack", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Slack did not start")
        return self

    def stop(self) -> None:
        if self._loop is None or self._runner is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
