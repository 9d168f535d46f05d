"""End to end over stdio: a real LSP client (pytest-lsp) driving `python -m lsp_server`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.lsp_helpers import (
    capabilities,
    offset_of,
    open_doc,
    position_of,
    session,
    text_at,
    uri_for,
    wait_for_diagnostics,
)

PYTHON = """\
import websockets
from websockets.frames import CloseCode


async def handler(ws):
    await ws.close(1006)
    await ws.close(CloseCode.GOING_AWAY)
    await ws.close(4001, "session expired")
    if ws.close_code == 1006:
        return
"""

JS_BROWSER = """\
const ws = new WebSocket("wss://example.com/feed");
ws.onclose = (event) => {
  if (event.code === 1006) reconnect();
};
setTimeout(() => ws.close(1001), 1000);
"""

TYPESCRIPT = """\
function bye(socket: WebSocket): void {
  socket.close(1005, "bye");
}
"""

GO = """\
package main

import "github.com/gorilla/websocket"

func closeIt(conn *websocket.Conn) error {
	msg := websocket.FormatCloseMessage(1006, "gone")
	return conn.WriteMessage(websocket.CloseMessage, msg)
}
"""

TEAM_TOML = """\
[codes.4001]
name = "Session expired"
meaning = "The user's session token expired."
sender = "server"
retry = "after-fix"
action = "Refresh the token, then reconnect."
"""


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


async def test_python_diagnostics_have_rule_source_link_and_exact_range(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        diagnostics = await wait_for_diagnostics(client, uri, version=1)
        assert codes(diagnostics) == ["WSC001"]  # sending 1006; comparing with 1006 is fine
        (d,) = diagnostics
        assert d.source == "wscodes"
        assert d.severity == types.DiagnosticSeverity.Error
        assert text_at(PYTHON, d.range) == "1006"
        assert d.range.start == position_of(PYTHON, "1006")
        assert d.code_description is not None and d.code_description.href.startswith("https://")


async def test_javascript_browser_close_1001_and_typescript_and_go(tmp_path: Path) -> None:
    async with session(tmp_path, options={"runtime": "browser"}) as client:
        js, ts, go = (uri_for(tmp_path / name) for name in ("feed.js", "bye.ts", "main.go"))
        open_doc(client, js, JS_BROWSER, "javascript")
        open_doc(client, ts, TYPESCRIPT, "typescript")
        open_doc(client, go, GO, "go")
        js_diags = await wait_for_diagnostics(client, js)
        assert codes(js_diags) == ["WSC006"]
        assert text_at(JS_BROWSER, js_diags[0].range) == "1001"
        ts_diags = await wait_for_diagnostics(client, ts)
        assert {"WSC001", "WSC006"} & set(codes(ts_diags))  # 1005: never sent; and a browser rejects it
        assert any(text_at(TYPESCRIPT, d.range) == "1005" for d in ts_diags)
        go_diags = await wait_for_diagnostics(client, go)
        assert codes(go_diags) == ["WSC001"]
        assert text_at(GO, go_diags[0].range) == "1006"


async def test_node_runtime_accepts_1001(tmp_path: Path) -> None:
    async with session(tmp_path, options={"runtime": "node"}) as client:
        js = uri_for(tmp_path / "server.js")
        open_doc(client, js, JS_BROWSER, "javascript")
        assert codes(await wait_for_diagnostics(client, js)) == []


async def test_rule_severity_settings_and_workspace_configuration(tmp_path: Path) -> None:
    async with session(tmp_path, options={"rules": {"WSC001": "warning"}}) as client:
        uri = uri_for(tmp_path / "a.py")
        open_doc(client, uri, PYTHON, "python")
        (d,) = await wait_for_diagnostics(client, uri)
        assert d.severity == types.DiagnosticSeverity.Warning
        # the editor's workspace/configuration answer overrides; a change notification re-reads it
        client.set_configuration({"rules": {"WSC001": "off"}}, section="wscodes")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        client.published.clear()  # type: ignore[attr-defined]
        assert await wait_for_diagnostics(client, uri) == []


async def test_workspace_configuration_replaces_initialization_options(tmp_path: Path) -> None:
    # A rule turned off at start-up comes back on when the editor's current settings no longer
    # turn it off: the workspace/configuration answer is the whole state, not a patch.
    async with session(tmp_path, options={"rules": {"WSC001": "off"}}) as client:
        uri = uri_for(tmp_path / "a.py")
        open_doc(client, uri, PYTHON, "python")
        assert await wait_for_diagnostics(client, uri) == []
        client.set_configuration({"runtime": "auto", "rules": {}}, section="wscodes")
        client.published.clear()  # type: ignore[attr-defined]
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        assert "WSC001" in codes(await wait_for_diagnostics(client, uri))


async def test_hover_on_a_literal_and_on_a_constant(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        await wait_for_diagnostics(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(PYTHON, "1006", delta=2),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.Markdown
        text = hover.contents.value
        assert "1006 Abnormal Closure" in text
        assert "never" in text  # nobody sends it / never in a Close frame
        assert "InvalidAccessError" in text  # a browser's close() rejects it
        assert "(https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1)" in text  # the reference as a link
        assert hover.range is not None and text_at(PYTHON, hover.range) == "1006"

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(PYTHON, "GOING_AWAY"),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "1001 Going Away" in hover.contents.value
        assert "CloseCode.GOING_AWAY" in hover.contents.value
        assert hover.range is not None and text_at(PYTHON, hover.range).endswith("GOING_AWAY")

        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(PYTHON, "import")
            )
        )
        assert nothing is None

        # hovers answer from the stored analysis: no new analysis (each would publish again)
        client.published.clear()  # type: ignore[attr-defined]
        at_1006 = types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(PYTHON, "1006")
        )
        for _ in range(50):
            assert await client.text_document_hover_async(at_1006) is not None
        await asyncio.sleep(0.2)
        assert client.published == []  # type: ignore[attr-defined]


async def hover_text(client: LanguageClient, uri: str, text: str, needle: str) -> str:
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, needle)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    return hover.contents.value


async def test_team_codes_from_the_workspace_file(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text(TEAM_TOML)
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        await wait_for_diagnostics(client, uri)
        text = await hover_text(client, uri, PYTHON, "4001")
        assert "4001 Session expired" in text
        assert "The user's session token expired." in text
        assert "team" in text


async def test_each_workspace_folder_has_its_own_team_codes_and_settings(tmp_path: Path) -> None:
    # A multi-root workspace (VS Code, Neovim with several roots): each folder's own team file and
    # settings apply to its documents, also after folders are added and removed.
    a, b, c = (tmp_path / name for name in "abc")
    for folder, toml in (
        (a, TEAM_TOML),
        (b, TEAM_TOML.replace("4001", "4002").replace("Session expired", "Rate limited")),
        (c, TEAM_TOML.replace("Session expired", "Token gone")),
    ):
        folder.mkdir()
        (folder / "wscodes.toml").write_text(toml)
    text = "async def f(ws):\n    await ws.close(4001)\n    await ws.close(1006)\n"
    async with session(tmp_path, folders=[a, b]) as client:
        uri_a, uri_b = uri_for(a / "x.py"), uri_for(b / "x.py")
        open_doc(client, uri_a, text, "python")
        open_doc(client, uri_b, text, "python")
        assert codes(await wait_for_diagnostics(client, uri_a)) == ["WSC001"]
        assert codes(await wait_for_diagnostics(client, uri_b)) == ["WSC001", "WSC010"]  # 4001 is not b's
        assert "4001 Session expired" in await hover_text(client, uri_a, text, "4001")
        assert "Session expired" not in await hover_text(client, uri_b, text, "4001")
        # settings per folder: WSC001 off in a only
        client.set_configuration({"rules": {"WSC001": "off"}}, section="wscodes", scope_uri=uri_for(a))
        client.published.clear()  # type: ignore[attr-defined]
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        assert codes(await wait_for_diagnostics(client, uri_a)) == []
        assert codes(await wait_for_diagnostics(client, uri_b)) == ["WSC001", "WSC010"]
        # b leaves, c joins
        client.workspace_did_change_workspace_folders(
            types.DidChangeWorkspaceFoldersParams(
                event=types.WorkspaceFoldersChangeEvent(
                    added=[types.WorkspaceFolder(uri=uri_for(c), name="c")],
                    removed=[types.WorkspaceFolder(uri=uri_for(b), name="b")],
                )
            )
        )
        client.published.clear()  # type: ignore[attr-defined]
        uri_c = uri_for(c / "x.py")
        open_doc(client, uri_c, text, "python")
        assert codes(await wait_for_diagnostics(client, uri_c)) == ["WSC001"]
        assert "4001 Token gone" in await hover_text(client, uri_c, text, "4001")
        # a document of no folder follows the first folder
        outside = uri_for(tmp_path / "loose.py")
        open_doc(client, outside, text, "python")
        assert codes(await wait_for_diagnostics(client, outside)) == []


async def test_each_document_follows_its_nearest_project_file(tmp_path: Path) -> None:
    # A monorepo opened as one folder: a package's own wscodes.toml applies to its documents,
    # as in `wscode check`; the root's to the rest.
    (tmp_path / "wscodes.toml").write_text(TEAM_TOML)  # 4001
    package = tmp_path / "packages" / "b"
    (package / "src").mkdir(parents=True)
    (package / "wscodes.toml").write_text(
        'rules = {WSC001 = "off"}\n' + TEAM_TOML.replace("4001", "4002").replace("Session expired", "B code")
    )
    text = "async def f(ws):\n    await ws.close(4001)\n    await ws.close(4002)\n    await ws.close(1006)\n"
    async with session(tmp_path) as client:
        root_doc, package_doc = uri_for(tmp_path / "app.py"), uri_for(package / "src" / "x.py")
        open_doc(client, root_doc, text, "python")
        open_doc(client, package_doc, text, "python")
        root_found = await wait_for_diagnostics(client, root_doc)
        package_found = await wait_for_diagnostics(client, package_doc)
        assert codes(root_found) == ["WSC001", "WSC010"]  # 4002 is not the root's
        assert codes(package_found) == ["WSC010"]  # 4001 is not b's; WSC001 is off in b
        assert package_found[0].range.start.line == 1
        assert "4002 B code" in await hover_text(client, package_doc, text, "4002")
        assert "4001 Session expired" in await hover_text(client, root_doc, text, "4001")


async def test_team_codes_path_setting(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "codes.toml").write_text(TEAM_TOML.replace("Session expired", "Token gone"))
    async with session(tmp_path, options={"wscodes": {"teamCodes": "docs/codes.toml"}}) as client:
        text = "async def f(ws):\n    await ws.close(\n"
        uri = uri_for(tmp_path / "f.py")
        open_doc(client, uri, text, "python")
        await wait_for_diagnostics(client, uri)
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, "(\n", delta=1),
            )
        )
        assert isinstance(result, types.CompletionList)
        labels = [item.label for item in sorted(result.items, key=lambda i: i.sort_text or i.label)]
        assert labels[0] == "4001"  # the team's codes first
        first = next(item for item in result.items if item.label == "4001")
        assert first.detail is not None and "Token gone" in first.detail


async def test_quick_fix_applies(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        (d,) = await wait_for_diagnostics(client, uri)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=d.range,
                context=types.CodeActionContext(diagnostics=[d], only=[types.CodeActionKind.QuickFix]),
            )
        )
        assert actions, "a fix for sending 1006"
        action = actions[0]
        assert isinstance(action, types.CodeAction)
        assert action.kind == types.CodeActionKind.QuickFix
        assert action.diagnostics is not None and action.diagnostics[0].code == "WSC001"
        assert action.edit is not None
        edits = _edits(action.edit, uri)
        fixed = _apply(PYTHON, edits)
        assert fixed != PYTHON
        # the fixed text, sent back as an edit, is clean
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        assert await wait_for_diagnostics(client, uri, version=2) == []


def _edits(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.changes:
        return list(edit.changes[uri])
    out: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        out += [e for e in change.edits if isinstance(e, types.TextEdit)]
    return out


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset_of(text, edit.range.start), offset_of(text, edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def test_completion_inside_a_close_call(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        text = "async def f(ws):\n    await ws.close(10\n"
        uri = uri_for(tmp_path / "f.py")
        open_doc(client, uri, text, "python")
        position = position_of(text, "10\n", delta=2)
        result = await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
        )
        assert isinstance(result, types.CompletionList)
        labels = {item.label for item in result.items}
        assert {"1000", "1001", "1008", "1011", "3000"} <= labels
        assert not {"1005", "1006", "1015"} & labels  # never sent in a Close frame
        item = next(i for i in result.items if i.label == "1008")
        assert item.label_details is None  # VS Code 1.65 does not support labelDetails
        assert (
            isinstance(item.documentation, types.MarkupContent)
            and "Policy Violation" in item.documentation.value
        )
        assert isinstance(item.text_edit, types.TextEdit)
        assert text_at(text, item.text_edit.range) == "10"  # replaces what was typed
        # outside a close call: nothing
        elsewhere = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=5),
            )
        )
        assert elsewhere is None or not elsewhere.items  # type: ignore[union-attr]


async def test_inlay_hints_name_the_code(tmp_path: Path) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        await wait_for_diagnostics(client, uri)
        hints = await client.text_document_inlay_hint_async(
            types.InlayHintParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(
                    start=types.Position(line=0, character=0), end=types.Position(line=99, character=0)
                ),
            )
        )
        assert hints
        by_position = {(h.position.line, h.position.character): h.label for h in hints}
        end_of_1006 = position_of(PYTHON, "1006", delta=4)
        assert by_position[(end_of_1006.line, end_of_1006.character)] == ": Abnormal Closure"


async def test_pull_diagnostics_when_the_client_supports_them(tmp_path: Path) -> None:
    async with session(tmp_path, pull=True) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert codes(list(report.items)) == ["WSC001"]
        again = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id
            )
        )
        assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
        await asyncio.sleep(0.2)
        assert client.published == []  # type: ignore[attr-defined]  # pulled, so not pushed too


async def test_browser_completion_offers_only_what_close_accepts(tmp_path: Path) -> None:
    async with session(tmp_path, options={"runtime": "browser"}) as client:
        text = "const ws = new WebSocket(url);\nws.close(\n"
        uri = uri_for(tmp_path / "page.js")
        open_doc(client, uri, text, "javascript")
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, "(\n", delta=1),
            )
        )
        assert isinstance(result, types.CompletionList)
        labels = {item.label for item in result.items}
        assert {"1000", "3000", "3003", "3008"} <= labels
        assert not {"1001", "1008", "1011"} & labels  # WebSocket.close() throws InvalidAccessError for these


# Files whose close() is the browser's by what they import or how they're built, with the
# project's runtime left at "auto": (file name, languageId, text being typed)
BROWSER_BY_FILE = [
    ("chat.dart", "dart", "import 'package:web/web.dart';\nvoid bye(WebSocket ws) => ws.close(\n"),
    ("conn_js.go", "go", "package chat\n\nfunc bye(c *Conn) { c.Close(\n"),
    ("Chat.vue", "vue", "<script>\nconst ws = new WebSocket(url)\nws.close(\n"),
]


@pytest.mark.parametrize("case", BROWSER_BY_FILE, ids=[c[1] for c in BROWSER_BY_FILE])
async def test_completion_follows_the_files_runtime_in_every_language(
    tmp_path: Path, case: tuple[str, str, str]
) -> None:
    name, language_id, text = case
    async with session(tmp_path) as client:
        for file_name, source, browser in (
            (name, text, True),
            ("server.dart", "void bye(WebSocket ws) => ws.close(\n", False),
        ):
            uri = uri_for(tmp_path / file_name)
            open_doc(client, uri, source, "dart" if file_name == "server.dart" else language_id)
            result = await client.text_document_completion_async(
                types.CompletionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=position_of(source, "(\n", delta=1),
                )
            )
            assert isinstance(result, types.CompletionList)
            labels = {item.label for item in result.items}
            assert {"1000", "3000"} <= labels
            assert ("1001" in labels) is not browser, file_name  # dart:io's close() takes 1001


async def test_plain_text_for_clients_without_markdown(tmp_path: Path) -> None:
    caps = capabilities()
    assert caps.text_document is not None
    caps.text_document.hover = types.HoverClientCapabilities(content_format=[types.MarkupKind.PlainText])
    async with session(tmp_path, caps=caps) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        await wait_for_diagnostics(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(PYTHON, "1006")
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.PlainText
        assert "1006 Abnormal Closure" in hover.contents.value and "**" not in hover.contents.value


async def test_pushed_settings_for_clients_without_workspace_configuration(tmp_path: Path) -> None:
    caps = capabilities()
    caps.workspace = types.WorkspaceClientCapabilities(configuration=False)
    async with session(tmp_path, caps=caps, options={"rules": {"WSC001": "warning"}}) as client:
        uri = uri_for(tmp_path / "a.py")
        open_doc(client, uri, PYTHON, "python")
        (d,) = await wait_for_diagnostics(client, uri)
        assert d.severity == types.DiagnosticSeverity.Warning
        # another server's settings change nothing ...
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"pylsp": {}}))
        # ... ours replace the initializationOptions
        client.published.clear()  # type: ignore[attr-defined]
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"wscodes": {"rules": {"WSC001": "hint"}}})
        )
        diagnostics = await wait_for_diagnostics(client, uri)
        while diagnostics and diagnostics[0].severity == types.DiagnosticSeverity.Warning:
            client.published.clear()  # type: ignore[attr-defined]  # the first reload, from pylsp's
            diagnostics = await wait_for_diagnostics(client, uri)
        assert [x.severity for x in diagnostics] == [types.DiagnosticSeverity.Hint]


async def test_pull_clients_are_asked_to_refresh_when_settings_change(tmp_path: Path) -> None:
    caps = capabilities(pull=True)
    assert caps.workspace is not None
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    async with session(tmp_path, caps=caps) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        first = await client.text_document_diagnostic_async(params)
        assert isinstance(first, types.RelatedFullDocumentDiagnosticReport) and first.items
        client.set_configuration({"rules": {"WSC001": "off"}}, section="wscodes")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        for _ in range(100):
            if client.diagnostic_refresh_count:
                break
            await asyncio.sleep(0.05)
        assert client.diagnostic_refresh_count == 1
        params.previous_result_id = first.result_id
        again = await client.text_document_diagnostic_async(params)
        assert isinstance(again, types.RelatedFullDocumentDiagnosticReport)  # changed: a new full report
        assert list(again.items) == [] and again.result_id != first.result_id


async def test_suppress_on_this_line_silences_the_finding_and_diagnostics_link_the_rule_page(
    tmp_path: Path,
) -> None:
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "handler.py")
        open_doc(client, uri, PYTHON, "python")
        (d,) = await wait_for_diagnostics(client, uri)
        assert d.code_description is not None and d.code_description.href.endswith("rules.md#wsc001")
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=d.range,
                context=types.CodeActionContext(diagnostics=[d]),
            )
        )
        assert actions is not None
        (suppress,) = [a for a in actions if isinstance(a, types.CodeAction) and "Suppress" in a.title]
        assert suppress.title == "Suppress WSC001 on this line" and suppress.edit is not None
        silenced = _apply(PYTHON, _edits(suppress.edit, uri))
        assert "await ws.close(1006)  # wscode: ignore[WSC001]" in silenced
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=silenced)],
            )
        )
        assert await wait_for_diagnostics(client, uri, version=2) == []


async def test_hover_says_a_range_bound_is_a_bound_and_shows_measured_behaviour(tmp_path: Path) -> None:
    text = (
        "def on_close(code):\n"
        "    if 3000 <= code <= 4999:\n"
        "        return 'app'\n"
        "    if code == 1014:\n"
        "        return 'gateway'\n"
    )
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "codes.py")
        open_doc(client, uri, text, "python")
        await wait_for_diagnostics(client, uri)
        bound = await hover_text(client, uri, text, "3000")
        assert "bound of a range check (3000–4999), not a code on its own" in bound
        gateway = await hover_text(client, uri, text, "1014")
        assert "Measured" in gateway and "fails the connection on receipt" in gateway
        assert "Sources disagree" in gateway and "Boost.Beast 1.74" in gateway
