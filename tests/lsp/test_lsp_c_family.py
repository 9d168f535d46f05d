"""C, C++ and Objective-C in the language server, end to end over stdio (a real pytest-lsp client):
diagnostics, hover on a code and on a library constant, a quick fix, completion."""

from __future__ import annotations

from pathlib import Path

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

C = """\
#include <libwebsockets.h>

static void kick(struct lws *wsi)
{
\tlws_close_reason(wsi, 1006, NULL, 0);
\tlws_close_reason(wsi, LWS_CLOSE_STATUS_GOINGAWAY, NULL, 0);
}
"""

CPP = """\
#include <boost/beast/websocket.hpp>
namespace websocket = boost::beast::websocket;

void stop(websocket::stream<tcp::socket>& ws) {
    ws.close(websocket::close_code::no_status);
    ws.close(websocket::close_code::going_away);
}
"""

OBJC = """\
#import <SocketRocket/SocketRocket.h>

@implementation Client
- (void)stop {
    [self.socket closeWithCode:1006 reason:@"bye"];
    [self.socket closeWithCode:SRStatusCodeGoingAway reason:@"bye"];
}
@end
"""


async def _hover(client: LanguageClient, uri: str, text: str, needle: str, delta: int = 0) -> types.Hover:
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, needle, delta=delta),
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    return hover


async def _quick_fix(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.TextEdit]:
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]),
        )
    )
    assert actions and isinstance(actions[0], types.CodeAction)
    edit = actions[0].edit
    assert edit is not None
    if edit.changes:
        return list(edit.changes[uri])
    return [
        e
        for change in edit.document_changes or []
        if isinstance(change, types.TextDocumentEdit)
        for e in change.edits
        if isinstance(e, types.TextEdit)
    ]


async def test_c_cpp_and_objective_c_diagnostics_hover_fix_and_completion(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        docs = {"c": ("kick.c", C), "cpp": ("stop.cpp", CPP), "objective-c": ("Client.m", OBJC)}
        uris = {}
        for language_id, (name, text) in docs.items():
            uris[language_id] = uri_for(tmp_path / name)
            open_doc(client, uris[language_id], text, language_id)

        # C: libwebsockets' lws_close_reason(wsi, code, …) — the code is its second argument
        (d,) = await wait_for_diagnostics(client, uris["c"])
        assert d.code == "WSC001" and text_at(C, d.range) == "1006"
        hover = await _hover(client, uris["c"], C, "1006", delta=1)
        assert "1006 Abnormal Closure" in hover.contents.value  # type: ignore[union-attr]
        hover = await _hover(client, uris["c"], C, "LWS_CLOSE_STATUS_GOINGAWAY", delta=4)
        assert "1001 Going Away" in hover.contents.value  # type: ignore[union-attr]
        assert hover.range is not None and text_at(C, hover.range) == "LWS_CLOSE_STATUS_GOINGAWAY"
        (edit,) = await _quick_fix(client, uris["c"], d)
        start, end = offset_of(C, edit.range.start), offset_of(C, edit.range.end)
        assert C[start:end] == "1006" and edit.new_text in ("1000", "1011")

        # C++: Boost.Beast's close_code enum
        (d,) = await wait_for_diagnostics(client, uris["cpp"])
        assert d.code == "WSC001" and text_at(CPP, d.range) == "websocket::close_code::no_status"
        hover = await _hover(client, uris["cpp"], CPP, "going_away")
        assert "1001 Going Away" in hover.contents.value  # type: ignore[union-attr]

        # Objective-C: a message's keyword argument is the code
        (d,) = await wait_for_diagnostics(client, uris["objective-c"])
        assert d.code == "WSC001" and text_at(OBJC, d.range) == "1006"
        hover = await _hover(client, uris["objective-c"], OBJC, "SRStatusCodeGoingAway", delta=3)
        assert "1001 Going Away" in hover.contents.value  # type: ignore[union-attr]
        (edit,) = await _quick_fix(client, uris["objective-c"], d)
        assert edit.new_text in ("1000", "1011")

        # completion inside lws_close_reason( and after closeWithCode:
        for language_id, typed in (
            ("c", "\tlws_close_reason(wsi, 10"),
            ("objective-c", "    [ws closeWithCode:10"),
        ):
            name, text = docs[language_id]
            changed = (
                text.replace("\n}", f"\n{typed}\n}}", 1)
                if language_id == "c"
                else text.replace("\n@end", f"\n{typed}\n@end")
            )
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uris[language_id], version=2),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
                )
            )
            result = await client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uris[language_id]),
                    position=position_of(changed, typed, delta=len(typed)),
                )
            )
            assert isinstance(result, types.CompletionList), language_id
            labels = {item.label for item in result.items}
            assert {"1000", "1001", "1011"} <= labels and not {"1005", "1006"} & labels, language_id
