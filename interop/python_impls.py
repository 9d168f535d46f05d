"""The Python implementations under test, each driven through its public API the documented way.

A client adapter connects to the raw server at ``url`` (whose path names the scenario) and returns
what the application saw: ``app_code`` (the close code the library reported), ``error`` (an
exception from the close API or the receive call, as ``Type: message``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

from .rawpeer import parse_path

Result = dict[str, Any]
Client = Callable[[str], Awaitable[Result]]
STEP = 3.0  # seconds one scenario may take on the implementation's side


def err(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}".rstrip(": ")


async def websockets_client(url: str) -> Result:
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    scenario, arg = parse_path(urlsplit(url).path)
    ws = await connect(url, open_timeout=STEP, close_timeout=1)
    if scenario == "send":
        try:
            await ws.close(code=arg if arg is not None else 1000, reason="")
        except Exception as e:
            await ws.close()
            return {"error": err(e)}
        return {"app_code": ws.close_code}
    try:
        await ws.recv()
    except ConnectionClosed as e:
        return {"app_code": ws.close_code, "error": err(e)}
    return {"app_code": ws.close_code}


async def aiohttp_client(url: str) -> Result:
    import aiohttp

    scenario, arg = parse_path(urlsplit(url).path)
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=1))
        if scenario == "send":
            try:
                await ws.close(code=arg if arg is not None else 1000, message=b"")
            except Exception as e:
                await ws.close()
                return {"error": err(e)}
            return {"app_code": ws.close_code}
        msg = await ws.receive()
        out: Result = {"app_code": ws.close_code, "message": msg.type.name}
        if msg.type is aiohttp.WSMsgType.ERROR:
            out["error"] = err(msg.data)
        elif msg.type is aiohttp.WSMsgType.CLOSE:
            out["app_code"] = msg.data
        await ws.close()
        return out


async def tornado_client(url: str) -> Result:
    from tornado.websocket import websocket_connect

    scenario, arg = parse_path(urlsplit(url).path)
    ws = await websocket_connect(url)
    if scenario == "send":
        try:
            ws.close(code=arg if arg is not None else 1000)
        except Exception as e:
            ws.close()
            return {"error": err(e)}
    while await ws.read_message() is not None:
        pass
    return {"app_code": ws.close_code}


async def wsproto_client(url: str) -> Result:
    from wsproto import ConnectionType, WSConnection
    from wsproto.connection import ConnectionState
    from wsproto.events import AcceptConnection, CloseConnection, Request

    parts = urlsplit(url)
    scenario, arg = parse_path(parts.path)
    conn = WSConnection(ConnectionType.CLIENT)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(conn.send(Request(host=parts.netloc, target=parts.path)))
    out: Result = {}
    try:
        pending: list[Any] = []
        while not any(isinstance(e, AcceptConnection) for e in pending):
            pending += _feed(conn, await reader.read(4096))
        if scenario == "send":
            try:
                writer.write(conn.send(CloseConnection(code=arg if arg is not None else 1000, reason="")))
            except Exception as e:
                writer.write(conn.send(CloseConnection(code=1000)))
                out["error"] = err(e)
        data = b"-"  # not at EOF yet
        while True:
            if pending:  # events that arrived with the handshake response
                events, pending = pending, []
            else:
                data = await reader.read(4096)
                events = _feed(conn, data)
            for event in events:
                if isinstance(event, CloseConnection):
                    out.setdefault("app_code", event.code)
                    if event.reason and event.code not in (1000,):
                        out.setdefault("error", f"CloseConnection: {event.reason}")
                    if conn.state is not ConnectionState.CLOSED:
                        writer.write(conn.send(event.response()))
            if not data or conn.state is ConnectionState.CLOSED:
                break
        if "app_code" not in out and not data:
            out["app_code"] = None
            out["error"] = "connection closed without a CloseConnection event"
    finally:
        writer.close()
    return out


def _feed(conn: Any, data: bytes) -> list[Any]:
    conn.receive_data(data or None)
    return list(conn.events())


CLIENTS: dict[str, tuple[str, Client]] = {
    # name: (distribution whose version is recorded, adapter)
    "python-websockets": ("websockets", websockets_client),
    "aiohttp": ("aiohttp", aiohttp_client),
    "tornado": ("tornado", tornado_client),
    "wsproto": ("wsproto", wsproto_client),
}


async def run_client(client: Client, url: str) -> Result:
    try:
        async with asyncio.timeout(STEP):
            return await client(url)
    except TimeoutError:
        return {"error": "timeout (the implementation never finished the scenario)"}
    except Exception as e:  # the adapter's own connection failed: record it, it is a result too
        return {"error": err(e)}


# --- uvicorn: a server; the raw peer is the client ----------------------------------------------


class UvicornApp:
    """An ASGI app that plays the server side of each scenario and records what it saw."""

    def __init__(self) -> None:
        self.seen: dict[str, Result] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        path = scope["path"]
        scenario, arg = parse_path(path)
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        out: Result = {}
        try:
            if scenario == "send":
                try:
                    await send({"type": "websocket.close", "code": arg, "reason": ""})
                except Exception as e:
                    out["error"] = err(e)
                    with contextlib.suppress(Exception):
                        await send({"type": "websocket.close", "code": 1000})
            else:
                message = await receive()
                out["app_code"] = message.get("code")
                out["message"] = message["type"]
        finally:
            self.seen[path] = out


async def start_uvicorn(ws: str) -> tuple[Any, UvicornApp, int]:
    import uvicorn

    app = UvicornApp()
    config = uvicorn.Config(app, host="127.0.0.1", port=0, ws=ws, lifespan="off", log_level="critical")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    server._wscodes_task = task  # type: ignore[attr-defined]
    return server, app, port


async def stop_uvicorn(server: Any) -> None:
    server.should_exit = True
    await server._wscodes_task


def dist_version(dist: str) -> str:
    return version(dist)
