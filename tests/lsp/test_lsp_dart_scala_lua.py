"""Dart, Scala and Lua in the language server, over stdio: diagnostics, a quick fix that leaves
the file clean, hover on a code and on a library constant, completion inside a close call."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.lsp_helpers import (
    offset_of,
    open_doc,
    position_of,
    session,
    text_at,
    uri_for,
    wait_for_diagnostics,
)

DART = """\
import 'dart:io';

Future<void> bye(WebSocket ws) async {
  await ws.close(WebSocketStatus.goingAway, 'bye');
  await ws.close(1006, 'lost');
}
"""

SCALA = """\
import play.api.http.websocket.{CloseCodes, CloseMessage}

object Bye {
  val restart = CloseMessage(Some(CloseCodes.ServiceRestart), "restarting")
  val lost = CloseMessage(Some(1006), "lost")
}
"""

LUA = """\
local function serve(wb)
  local data, typ, err = wb:recv_frame()
  if typ == "close" and err == 1000 then return end
  wb:send_close(1006, "lost")
end
"""

# A close call being typed at the end of each file
TYPING = {
    "dart": "void more(WebSocket ws) => ws.close(10",
    "scala": "object More { val frame = WebSocketFrame.Close(10",
    "lua": "local function more(wb) wb:send_close(10",
}

# (file name, languageId, text, the constant to hover and what its hover names)
CASES = [
    ("client.dart", "dart", DART, "WebSocketStatus.goingAway", "1001 Going Away"),
    ("Bye.scala", "scala", SCALA, "CloseCodes.ServiceRestart", "1012 Service Restart"),
    ("serve.lua", "lua", LUA, "1000", "1000 Normal Closure"),  # (no Lua library has constants)
]


async def _hover(client: LanguageClient, uri: str, text: str, needle: str) -> types.Hover:
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle, delta=1)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    return hover


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
async def test_diagnostic_fix_hover_and_completion(tmp_path: Path, case: tuple[str, ...]) -> None:
    name, language_id, text, constant, named = case
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / name)
        open_doc(client, uri, text, language_id)
        (diagnostic,) = await wait_for_diagnostics(client, uri)
        assert diagnostic.code == "WSC001"
        assert text_at(text, diagnostic.range) == "1006"

        hover = await _hover(client, uri, text, "1006")
        assert "1006 Abnormal Closure" in hover.contents.value  # type: ignore[union-attr]
        hover = await _hover(client, uri, text, constant)
        assert named in hover.contents.value  # type: ignore[union-attr]
        assert hover.range is not None and text_at(text, hover.range) == constant

        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(
                    diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]
                ),
            )
        )
        assert actions
        action = actions[0]
        assert isinstance(action, types.CodeAction) and action.edit is not None
        (change,) = action.edit.document_changes or ()
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        (edit,) = change.edits
        assert isinstance(edit, types.TextEdit)
        start, end = offset_of(text, edit.range.start), offset_of(text, edit.range.end)
        fixed = text[:start] + edit.new_text + text[end:]
        assert text[start:end] == "1006" and edit.new_text in ("1000", "1001", "1011")
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        assert await wait_for_diagnostics(client, uri, version=2) == []

        typing = fixed + TYPING[language_id]
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=typing)],
            )
        )
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(typing, TYPING[language_id], delta=len(TYPING[language_id])),
            )
        )
        assert isinstance(result, types.CompletionList)
        labels = {item.label for item in result.items}
        assert {"1000", "1001", "1011"} <= labels
        assert not {"1005", "1006", "1015"} & labels
