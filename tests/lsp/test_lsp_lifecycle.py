"""Start-up, settings, shutdown and the ways a client can go away."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.lsp_helpers import SERVER_COMMAND, config, init_params, open_doc, uri_for, wait_for_diagnostics

REPO = Path(__file__).resolve().parents[2]


async def start(env: dict[str, str] | None = None) -> LanguageClient:
    return await config(env).start()  # type: ignore[return-value]


async def test_initialize_without_any_settings_like_neovim_07() -> None:
    client = await start()
    try:
        caps = client_capabilities("neovim@v0.7.0")
        result = await client.initialize_session(types.InitializeParams(capabilities=caps))
        assert result.server_info is not None and result.server_info.name == "wscode-lsp"
        server_caps = result.capabilities
        assert server_caps.position_encoding in (None, types.PositionEncodingKind.Utf16)
        sync = server_caps.text_document_sync
        assert isinstance(sync, types.TextDocumentSyncOptions)
        assert sync.change == types.TextDocumentSyncKind.Incremental and sync.open_close
        assert server_caps.hover_provider
        assert server_caps.code_action_provider
        assert server_caps.completion_provider is not None
        assert server_caps.inlay_hint_provider
        await client.shutdown_session()
        assert client._server is not None and client._server.returncode == 0
    finally:
        await client.stop()


@pytest.mark.parametrize(
    ("offered", "chosen"), [(["utf-8", "utf-16"], "utf-8"), (["utf-32"], "utf-32"), ([], "utf-16")]
)
async def test_position_encoding_is_negotiated(offered: list[str], chosen: str) -> None:
    client = await start()
    try:
        result = await client.initialize_session(init_params(encodings=offered))
        assert result.capabilities.position_encoding == chosen
        await client.shutdown_session()
    finally:
        await client.stop()


async def test_bad_settings_warn_and_fall_back_to_defaults(tmp_path: Path) -> None:
    client = await start()
    try:
        options = {
            "rules": {"WSC001": "very loud"},
            "runtime": 42,
            "teamCodes": str(tmp_path / "missing.toml"),
        }
        await client.initialize_session(init_params(tmp_path, options=options))
        uri = uri_for(tmp_path / "a.py")
        open_doc(client, uri, "async def f(ws):\n    await ws.close(1006)\n", "python")
        diagnostics = await wait_for_diagnostics(client, uri)
        assert [d.code for d in diagnostics] == ["WSC001"]  # defaults still apply
        warnings = [m.message for m in client.messages if m.type == types.MessageType.Warning]
        assert any("missing.toml" in m for m in warnings), warnings
        assert any("WSC001" in m or "runtime" in m for m in warnings), warnings
        await client.shutdown_session()
    finally:
        await client.stop()


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"capabilities": {}, "processId": None},
}


def spawn_raw() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        SERVER_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO
    )


def read_message(stream: Any) -> dict[str, Any]:
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))  # type: ignore[no-any-return]


def test_server_exits_when_stdin_closes() -> None:
    proc = spawn_raw()
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(frame(INITIALIZE))
    proc.stdin.flush()
    assert read_message(proc.stdout)["id"] == 1
    proc.stdin.close()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("server kept running after its stdin closed")
    finally:
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()


def test_exit_without_shutdown_ends_with_code_1_and_with_shutdown_code_0() -> None:
    for messages, expected in (
        ([{"jsonrpc": "2.0", "method": "exit"}], 1),
        ([{"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}], 0),
    ):
        proc = spawn_raw()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(frame(INITIALIZE))
        proc.stdin.flush()
        read_message(proc.stdout)
        for message in messages:
            proc.stdin.write(frame(message))
            proc.stdin.flush()
            if "id" in message:
                assert read_message(proc.stdout) == {"jsonrpc": "2.0", "id": 2, "result": None}
        # stdin stays open: the exit notification alone must end the process
        try:
            assert proc.wait(timeout=10) == expected
        finally:
            if proc.poll() is None:
                proc.kill()
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()


def test_server_exits_when_the_client_process_dies() -> None:
    client = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    proc = spawn_raw()
    assert proc.stdin is not None and proc.stdout is not None
    try:
        message = {**INITIALIZE, "params": {"capabilities": {}, "processId": client.pid}}
        proc.stdin.write(frame(message))
        proc.stdin.flush()
        assert read_message(proc.stdout)["id"] == 1
        time.sleep(0.5)
        assert proc.poll() is None  # alive while its client is
        client.kill()
        client.wait()
        proc.wait(timeout=10)  # stdin is still open: only the watchdog can end it
    except subprocess.TimeoutExpired:
        pytest.fail("server kept running after its client process died")
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_command_line() -> None:
    env = {**os.environ}
    out = subprocess.run(
        [*SERVER_COMMAND, "--version"], check=False, capture_output=True, text=True, timeout=30, env=env
    )
    assert out.returncode == 0 and out.stdout.startswith("wscode-lsp ")
    out = subprocess.run(
        [*SERVER_COMMAND, "--help"], check=False, capture_output=True, text=True, timeout=30, env=env
    )
    assert out.returncode == 0 and "--stdio" in out.stdout and "language server" in out.stdout
    out = subprocess.run(
        [*SERVER_COMMAND, "--bogus"], check=False, capture_output=True, text=True, timeout=30, env=env
    )
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr and "Traceback" not in out.stderr


async def test_garbage_on_the_wire_does_not_kill_the_server() -> None:
    proc = await asyncio.create_subprocess_exec(
        *SERVER_COMMAND,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    body = b"{this is not json"
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.write(frame({"jsonrpc": "2.0", "id": 7, "method": "no/such/method", "params": {}}))
    proc.stdin.write(frame(INITIALIZE))
    await proc.stdin.drain()

    async def read() -> dict[str, Any]:
        assert proc.stdout is not None
        length = 0
        while (line := await proc.stdout.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(await proc.stdout.readexactly(length))  # type: ignore[no-any-return]

    replies: dict[int, dict[str, Any]] = {}
    while 1 not in replies:
        message = await asyncio.wait_for(read(), 10)
        if "id" in message:
            replies[message["id"]] = message
    assert replies[7]["error"]["code"] == -32601  # method not found
    assert "capabilities" in replies[1]["result"]
    proc.stdin.close()
    assert await asyncio.wait_for(proc.wait(), 10) is not None


def test_start_up_does_not_load_the_scanner_or_grammars() -> None:
    """Until initialize has returned, the server needs pygls only: tree-sitter loads later."""
    probe = (
        "import sys, wscodes.lsp.server as s; s.build_server(); "
        "heavy = ('tree_sitter', 'wscodes.core.scan', 'wscodes.core.rules'); "
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy)); "
        "print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=False, capture_output=True, text=True, timeout=30, cwd=REPO
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
