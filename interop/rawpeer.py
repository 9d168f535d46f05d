"""A raw WebSocket peer: does the opening handshake, then sends and records arbitrary frames.

It is the reference the harness measures every implementation against. It never validates
anything, so it can put any close code (0, 1005, 65535…), an empty Close body, invalid UTF-8 or an
over-long reason on the wire, and it records exactly what the other side sent back.

The scenario is chosen by the request path (server) or by the caller (client):

- ``/send/N``: the implementation under test closes with N; record its Close frame, reply with an
  empty Close frame.
- ``/receive/N``: send a Close frame with code N; record what comes back.
- ``/drop``: close the TCP connection without a Close frame.
- ``/nocode``: send a Close frame with an empty body.
- ``/onebyte``: send a Close frame whose body is one byte (a code needs two: RFC 6455 §5.5.1).
- ``/badutf8``: send a Close frame with code 1000 and a reason that is not UTF-8.
- ``/longreason``: send a Close frame with code 1000 and a 124-byte reason (payload 126 > 125).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import os
import struct
from typing import Any

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CLOSE, PING, PONG = 0x8, 0x9, 0xA
TIMEOUT = 2.0


def accept_key(key: bytes) -> str:
    return base64.b64encode(hashlib.sha1(key.strip() + GUID).digest()).decode()


def frame(opcode: int, payload: bytes, *, mask: bool) -> bytes:
    """One final frame; the length encoding follows RFC 6455 §5.2 for any payload size."""
    head = bytes([0x80 | opcode])
    bit = 0x80 if mask else 0
    n = len(payload)
    if n < 126:
        head += bytes([bit | n])
    elif n < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def close_payload(scenario: str, arg: int | None) -> bytes | None:
    """The Close body the peer sends for a scenario, or None when it sends no Close frame."""
    if scenario == "receive":
        assert arg is not None
        return struct.pack("!H", arg)
    if scenario == "nocode":
        return b""
    if scenario == "onebyte":
        return b"\x03"
    if scenario == "badutf8":
        return struct.pack("!H", 1000) + b"\xff\xfe bad"
    if scenario == "longreason":
        return struct.pack("!H", 1000) + b"r" * 124
    return None


async def read_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    b0, b1 = await reader.readexactly(2)
    n = b1 & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", await reader.readexactly(2))
    elif n == 127:
        (n,) = struct.unpack("!Q", await reader.readexactly(8))
    key = await reader.readexactly(4) if b1 & 0x80 else b""
    data = await reader.readexactly(n)
    if key:
        data = bytes(b ^ key[i % 4] for i, b in enumerate(data))
    return b0 & 0x0F, data


def describe_close(data: bytes) -> dict[str, Any]:
    """What a Close frame carried: its code (None when the body is empty) and raw reason."""
    if len(data) < 2:
        return {"frame": "close", "code": None, "reason": data.decode("latin-1")}
    (code,) = struct.unpack("!H", data[:2])
    return {"frame": "close", "code": code, "reason": data[2:].decode("utf-8", "replace")}


async def await_close(reader: asyncio.StreamReader) -> dict[str, Any]:
    """Read frames until a Close frame (recorded) or the end of the connection."""
    try:
        async with asyncio.timeout(TIMEOUT):
            while True:
                opcode, data = await read_frame(reader)
                if opcode == CLOSE:
                    return describe_close(data)
    except (asyncio.IncompleteReadError, ConnectionError):
        return {"frame": "none"}  # TCP closed without a Close frame
    except TimeoutError:
        return {"frame": "timeout"}


async def run_scenario(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, scenario: str, arg: int | None, *, mask: bool
) -> dict[str, Any]:
    """Play one scenario on an open WebSocket connection; returns what the other side put on the wire."""
    try:
        if scenario == "drop":
            await asyncio.sleep(0.05)  # let the other side see the connection open first
            return {"frame": "dropped"}
        if scenario == "send":
            seen = await await_close(reader)
            if seen["frame"] == "close":
                writer.write(frame(CLOSE, b"", mask=mask))
                await writer.drain()
                await asyncio.sleep(0.02)
            return seen
        payload = close_payload(scenario, arg)
        assert payload is not None, scenario
        writer.write(frame(CLOSE, payload, mask=mask))
        await writer.drain()
        return await await_close(reader)
    except ConnectionError:
        return {"frame": "none"}
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


def parse_path(path: str) -> tuple[str, int | None]:
    parts = path.strip("/").split("/")
    return parts[0], (int(parts[1]) if len(parts) > 1 else None)


class RawServer:
    """Accepts WebSocket clients; each request path is a scenario; ``wire`` records the results."""

    def __init__(self) -> None:
        self.wire: dict[str, dict[str, Any]] = {}
        self.done: dict[str, asyncio.Event] = {}
        self.server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()

    def event(self, path: str) -> asyncio.Event:
        return self.done.setdefault(path, asyncio.Event())

    async def wait(self, path: str) -> dict[str, Any]:
        """The wire record of ``path`` once its scenario has finished."""
        try:
            async with asyncio.timeout(TIMEOUT + 1):
                await self.event(path).wait()
        except TimeoutError:
            return {"frame": "never-connected"}
        return self.wire[path]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = request.decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        writer.write(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept_key(headers['sec-websocket-key'].encode())}\r\n\r\n"
            ).encode()
        )
        await writer.drain()
        scenario, arg = parse_path(path)
        self.wire[path] = await run_scenario(reader, writer, scenario, arg, mask=False)
        self.event(path).set()


async def raw_client(port: int, path: str) -> dict[str, Any]:
    """Connect to a WebSocket server at 127.0.0.1:port, play the scenario named by ``path``."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    key = base64.b64encode(os.urandom(16))
    writer.write(
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key.decode()}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    response = await reader.readuntil(b"\r\n\r\n")
    if b" 101 " not in response.split(b"\r\n")[0]:
        writer.close()
        return {"frame": "handshake-refused"}
    scenario, arg = parse_path(path)
    return await run_scenario(reader, writer, scenario, arg, mask=True)
