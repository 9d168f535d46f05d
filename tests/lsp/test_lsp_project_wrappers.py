"""Close functions defined in another file of the project: the editor resolves a call of one as
`wscode check` does (``close_with(ws, 1006)`` with ``close_with`` closing with its ``code`` in
closing.py is WSC001 in both), over a real language-server session on stdio, and a change of the
function on disk is picked up (workspace/didChangeWatchedFiles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, session, uri_for, wait_for_diagnostics

CLOSING = """\
async def close_with(ws, code, reason=""):
    await ws.close(code=code, reason=reason)
"""

APP = """\
from closing import close_with


async def on_timeout(ws):
    await close_with(ws, 1006)


async def on_done(ws):
    await close_with(ws, 1000, "bye")
"""

RELAY_GO = """\
package relay

func (c *Conn) onLost() {
\tc.fail(1006, "peer went away")
}
"""

CONN_GO = """\
package relay

import "github.com/gorilla/websocket"

type Conn struct{ ws *websocket.Conn }

func (c *Conn) fail(code int, text string) {
\tmsg := websocket.FormatCloseMessage(code, text)
\t_ = c.ws.WriteMessage(websocket.CloseMessage, msg)
}
"""


def check_rules(root: Path, path: str) -> list[tuple[str, int]]:
    result = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--format", "json", "."],
        capture_output=True, text=True, cwd=root, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return sorted((f["rule"], f["line"]) for f in json.loads(result.stdout) if f["path"] == path)


async def test_a_close_function_from_another_file_is_resolved_as_wscode_check_does(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "closing.py").write_text(CLOSING)
    (tmp_path / "src" / "app.py").write_text(APP)
    assert check_rules(tmp_path, "src/app.py") == [("WSC001", 5)]
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "src" / "app.py")
        open_doc(client, uri, APP, "python")
        found = await wait_for_diagnostics(client, uri)
        assert [(str(d.code), d.range.start.line + 1) for d in found] == [("WSC001", 5)]
        assert "1006" in found[0].message

        # the function stops closing with its parameter: the editor learns of it, the finding goes
        changed = CLOSING.replace("code=code", "code=1000")
        (tmp_path / "src" / "closing.py").write_text(changed)
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=uri_for(tmp_path / "src" / "closing.py"), type=types.FileChangeType.Changed
                    )
                ]
            )
        )
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=APP + "\n")],
            )
        )
        assert await wait_for_diagnostics(client, uri, version=2) == []
    assert check_rules(tmp_path, "src/app.py") == []


async def test_a_go_method_of_another_file_of_the_package(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/relay\n\ngo 1.22\n")
    (tmp_path / "conn.go").write_text(CONN_GO)
    (tmp_path / "relay.go").write_text(RELAY_GO)
    assert check_rules(tmp_path, "relay.go") == [("WSC001", 4)]
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "relay.go")
        open_doc(client, uri, RELAY_GO, "go")
        found = await wait_for_diagnostics(client, uri)
        assert [(str(d.code), d.range.start.line + 1) for d in found] == [("WSC001", 4)]


async def test_a_function_the_project_defines_twice_stays_unknown(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "closing.py").write_text(CLOSING)
    (tmp_path / "other.py").write_text("def close_with(ws, delay, why=''):\n    ws.wait(delay)\n")
    (tmp_path / "app.py").write_text(APP)
    assert check_rules(tmp_path, "app.py") == []
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "app.py")
        open_doc(client, uri, APP, "python")
        assert await wait_for_diagnostics(client, uri) == []


HEADER = """\
#pragma once
enum Closing {
    kClosingNormal = 1000,
    kClosingAway,
    kClosingNoStatus = 1005,
    kClosingLost,
};
"""

SESSION = """\
#include "closing.hh"

void Session::fail(const char *why) {
    socket_->close(kClosingLost, why);
}
"""


async def test_an_enum_member_without_a_value_in_a_header(tmp_path: Path) -> None:
    """C++ counts kClosingLost on from kClosingNoStatus = 1005: 1006, in the editor as in the check."""
    (tmp_path / "CMakeLists.txt").write_text("project(chat CXX)\n")
    (tmp_path / "include").mkdir()
    (tmp_path / "include" / "closing.hh").write_text(HEADER)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "session.cc").write_text(SESSION)
    assert check_rules(tmp_path, "src/session.cc") == [("WSC001", 4)]
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "src" / "session.cc")
        open_doc(client, uri, SESSION, "cpp")
        found = await wait_for_diagnostics(client, uri)
        assert [(str(d.code), d.range.start.line + 1) for d in found] == [("WSC001", 4)]
        assert "kClosingLost" in found[0].message and "1006" in found[0].message
