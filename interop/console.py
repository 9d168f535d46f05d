"""Capture the console messages Chromium logs for common WebSocket failures (verbatim, by version).

    python -m interop.console

Prints one JSON object: the browser version and, per situation, the console lines it logged
(with the loopback port replaced by PORT). The log decoder's Chromium entries were taken from it.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
from typing import Any

from .measure import CHROMIUM
from .rawpeer import RawServer

SITUATIONS = {
    # situation: JS run in the page; `url(path)` is the raw peer's address
    "send after close": (
        "const ws = new WebSocket(url('/nocode')); await opened(ws); ws.close(); ws.send('x');"
    ),
    "connection refused": "const ws = new WebSocket(`ws://127.0.0.1:${refused}/`); await closed(ws);",
    "handshake refused with 502": "const ws = new WebSocket(bad502); await closed(ws);",
    "dropped without close frame": "const ws = new WebSocket(url('/drop')); await closed(ws);",
    "invalid close code received": "const ws = new WebSocket(url('/receive/1005')); await closed(ws);",
    "close reason not utf-8": "const ws = new WebSocket(url('/badutf8')); await closed(ws);",
    "close reason over 123 bytes": "const ws = new WebSocket(url('/longreason')); await closed(ws);",
}

HELPERS = """
const opened = (ws) => new Promise((r) => ws.addEventListener('open', r));
const closed = (ws) => new Promise((r) => ws.addEventListener('close', r));
"""


async def http_502() -> tuple[asyncio.Server, int]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


async def capture() -> dict[str, Any]:
    from playwright.async_api import async_playwright

    raw = RawServer()
    port = await raw.start()
    bad, bad_port = await http_502()
    out: dict[str, Any] = {}
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True)
            out["version"] = browser.version
            for name, body in SITUATIONS.items():
                page = await browser.new_page()
                lines: list[str] = []
                page.on("console", lambda m, lines=lines: lines.append(m.text))
                await page.evaluate(
                    f"async ([port, bad, refused]) => {{ {HELPERS}"
                    " const url = (p) => `ws://127.0.0.1:${port}${p}`;"
                    f" const bad502 = `ws://127.0.0.1:${{bad}}/`; {body} }}",
                    [port, bad_port, closed_port()],
                )
                await asyncio.sleep(0.2)
                out[name] = [re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", t) for t in lines]
                await page.close()
            await browser.close()
    finally:
        bad.close()
        await raw.stop()
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(capture()), indent=1))
