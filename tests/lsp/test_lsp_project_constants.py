"""Constants defined in another file of the project: the editor resolves them as `wscode check`
does (``close(ABNORMAL)`` with ``ABNORMAL = 1006`` in codes.py is WSC001 in both), and a change
on disk is picked up (workspace/didChangeWatchedFiles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, session, uri_for, wait_for_diagnostics

CODES = """\
NORMAL = 1000
ABNORMAL = 1006
"""

APP = """\
from codes import ABNORMAL, NORMAL


async def stop(ws):
    await ws.close(ABNORMAL)
    await ws.close(NORMAL)
"""


def check_rules(root: Path) -> list[tuple[str, int]]:
    result = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--format", "json", "."],
        capture_output=True, text=True, cwd=root, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return sorted((f["rule"], f["line"]) for f in json.loads(result.stdout) if f["path"] == "src/app.py")


async def test_a_constant_from_another_file_is_resolved_as_wscode_check_does(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "codes.py").write_text(CODES)
    (tmp_path / "src" / "app.py").write_text(APP)
    assert check_rules(tmp_path) == [("WSC001", 5)]
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "src" / "app.py")
        open_doc(client, uri, APP, "python")
        found = await wait_for_diagnostics(client, uri)
        assert [(str(d.code), d.range.start.line + 1) for d in found] == [("WSC001", 5)]
        assert "ABNORMAL" in found[0].message and "1006" in found[0].message

        # the definition changes on disk: the editor learns of it and the finding goes
        (tmp_path / "src" / "codes.py").write_text(CODES.replace("1006", "1011"))
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=uri_for(tmp_path / "src" / "codes.py"), type=types.FileChangeType.Changed
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
    assert check_rules(tmp_path) == []


async def test_an_unknown_constant_stays_unknown(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "app.py").write_text(APP.replace("from codes import ABNORMAL, NORMAL\n", ""))
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "app.py")
        open_doc(client, uri, (tmp_path / "app.py").read_text(), "python")
        assert await wait_for_diagnostics(client, uri) == []


async def test_the_constant_stays_resolved_after_edits_to_a_large_document(tmp_path: Path) -> None:
    """A document large enough for incremental rescans keeps its cross-file finding after an edit
    far from it (the rescan must not drop the names the project resolves)."""
    from wscodes.core.scan.incremental import MIN_TEXT

    filler = "".join(f"\n\ndef helper_{i}(x):\n    return x + {i}\n" for i in range(MIN_TEXT // 30))
    text = APP + filler
    assert len(text) > MIN_TEXT
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "codes.py").write_text(CODES)
    (tmp_path / "app.py").write_text(text)
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "app.py")
        open_doc(client, uri, text, "python")
        assert [str(d.code) for d in await wait_for_diagnostics(client, uri)] == ["WSC001"]
        edited = text.replace("return x + 7\n", "return x + 8\n", 1)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        found = await wait_for_diagnostics(client, uri, version=2)
        assert [(str(d.code), d.range.start.line + 1) for d in found] == [("WSC001", 5)]
