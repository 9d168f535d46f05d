"""Navigation over stdio with a real client: definition, references, workspace symbols, the
workspace index kept current by didChangeWatchedFiles, and the team file in the editor
(diagnostics, hover, completion, code lenses, "document 4007")."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.lsp_helpers import (
    TIMEOUT,
    open_doc,
    position_of,
    session,
    text_at,
    uri_for,
    wait_for_diagnostics,
)
from wscodes.core.errors import ConfigError
from wscodes.core.teamcodes import load_config

TEAM = """\
# the codes our servers and clients agree on
[codes.4001]
name = "Session expired"
meaning = "The session token expired; log in again."
sender = "server"
retry = "after-fix"

[codes.4003]
name = "Maintenance"
sender = "server"
"""

SERVER = """\
SESSION_EXPIRED = 4001
CLOSE_GOING_AWAY = 1001


async def expire(ws):
    await ws.close(4001, "expired")


async def expire_again(ws):
    await ws.close(SESSION_EXPIRED)


async def mystery(ws):
    await ws.close(4007)


async def leave(ws):
    await ws.close(CLOSE_GOING_AWAY)
"""

CLIENT = """\
socket.onclose = (event) => {
  if (event.code === 4001) {
    refreshToken();
  } else if (event.code === 1001) {
    reconnect();
  }
};
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "wscodes.toml").write_text(TEAM, encoding="utf-8")
    (tmp_path / "server.py").write_text(SERVER, encoding="utf-8")
    web = tmp_path / "web"
    web.mkdir()
    (web / "client.js").write_text(CLIENT, encoding="utf-8")
    return tmp_path


def lines_of(locations: list[types.Location] | None) -> set[tuple[str, int]]:
    return {(Path(loc.uri).name, loc.range.start.line) for loc in locations or []}


async def open_server(client: LanguageClient, project: Path) -> str:
    uri = uri_for(project / "server.py")
    open_doc(client, uri, SERVER, "python")
    await wait_for_diagnostics(client, uri)
    return uri


async def actions_at(client: LanguageClient, uri: str, at: types.Position) -> list[types.CodeAction]:
    """The code actions the server offers at ``at`` (no diagnostics passed, as on a bare cursor)."""
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    actions = [a for a in found or [] if isinstance(a, types.CodeAction)]
    assert len(actions) == len(found or []), found  # never a bare Command
    return actions


async def references_of(
    client: LanguageClient, uri: str, position: types.Position, declaration: bool = True
) -> list[types.Location] | None:
    return await asyncio.wait_for(
        client.text_document_references_async(
            types.ReferenceParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position,
                context=types.ReferenceContext(include_declaration=declaration),
            )
        ),
        TIMEOUT,
    )


async def test_definition_of_a_team_code_is_its_entry_in_the_team_file(project: Path) -> None:
    async with session(project) as client:
        uri = await open_server(client, project)
        for needle in ("4001, ", "SESSION_EXPIRED)"):
            found = await client.text_document_definition_async(
                types.DefinitionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=position_of(SERVER, needle, delta=1),
                )
            )
            assert isinstance(found, types.Location), (needle, found)
            assert found.uri == uri_for(project / "wscodes.toml")
            assert found.range.start.line == 1  # [codes.4001]
            assert text_at(TEAM, found.range) == "4001"
        # a registered code has no entry to jump to: its hover links to its sources instead
        nothing = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(SERVER, "4007"),
            )
        )
        assert nothing is None


async def test_references_list_every_use_across_the_workspace(project: Path) -> None:
    async with session(project) as client:
        uri = await open_server(client, project)
        found = await references_of(client, uri, position_of(SERVER, "4001, "))
        assert lines_of(found) == {
            ("wscodes.toml", 1),  # the entry (the declaration)
            ("server.py", 0),  # SESSION_EXPIRED = 4001 (the constant sent below: named)
            ("server.py", 5),  # close(4001, ...) (sent)
            ("server.py", 9),  # close(SESSION_EXPIRED) (sent, through the constant)
            ("client.js", 1),  # event.code === 4001 (compared)
        }
        # a registered code: where a constant names it, where it is sent and where it is handled
        going_away = await references_of(client, uri, position_of(SERVER, "CLOSE_GOING_AWAY)"))
        assert lines_of(going_away) == {("server.py", 1), ("server.py", 17), ("client.js", 3)}
        # without the declaration, and asked from the team file's entry: the same uses
        team_uri = uri_for(project / "wscodes.toml")
        open_doc(client, team_uri, TEAM, "toml")
        await wait_for_diagnostics(client, team_uri)
        from_entry = await references_of(client, team_uri, position_of(TEAM, "4001"), declaration=False)
        assert lines_of(from_entry) == lines_of(found) - {("wscodes.toml", 1)}


async def test_the_index_follows_watched_file_changes(project: Path) -> None:
    async with session(project) as client:
        uri = await open_server(client, project)
        registered = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore[attr-defined]
        assert registered, "the server registers its file watchers dynamically"
        assert registered[0].register_options is not None
        position = position_of(SERVER, "4001, ")
        before = lines_of(await references_of(client, uri, position))

        extra = project / "extra.py"
        extra.write_text("async def bye(ws):\n    await ws.close(4001)\n", encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri_for(extra), type=types.FileChangeType.Created)]
            )
        )
        after = await _eventually(client, uri, position, lambda found: ("extra.py", 1) in found)
        assert after == before | {("extra.py", 1)}

        (project / "web" / "client.js").unlink()
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=uri_for(project / "web" / "client.js"), type=types.FileChangeType.Deleted
                    )
                ]
            )
        )
        gone = await _eventually(client, uri, position, lambda found: ("client.js", 1) not in found)
        assert gone == after - {("client.js", 1)}


async def _eventually(
    client: LanguageClient, uri: str, position: types.Position, done: object
) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for _ in range(50):
        found = lines_of(await references_of(client, uri, position))
        if done(found):  # type: ignore[operator]
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"the index never caught up: {found}")


async def test_workspace_symbol_finds_codes_and_their_names(project: Path) -> None:
    async with session(project) as client:
        await open_server(client, project)
        by_name = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="session exp"))
        names = {
            (s.name, Path(s.location.uri).name)
            for s in by_name or []
            if isinstance(s, types.SymbolInformation)
        }
        assert ("4001 Session expired", "wscodes.toml") in names
        constants = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="going away"))
        found = {(s.name, s.container_name, Path(s.location.uri).name) for s in constants or []}
        assert ("CLOSE_GOING_AWAY", "1001 Going Away", "server.py") in found
        by_number = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="4003"))
        assert [s.name for s in by_number or []] == ["4003 Maintenance"]
        used = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="4007"))
        assert [(s.name.split()[0], Path(s.location.uri).name) for s in used or []] == [("4007", "server.py")]


async def test_team_file_diagnostics_lenses_and_hover(project: Path) -> None:
    async with session(project) as client:
        team_uri = uri_for(project / "wscodes.toml")
        open_doc(client, team_uri, TEAM, "toml")
        diagnostics = await _team_diagnostics(client, team_uri, lambda ds: len(ds) > 0)
        assert [(d.range.start.line, d.severity) for d in diagnostics] == [
            (7, types.DiagnosticSeverity.Warning)  # [codes.4003]: documented, never used
        ]
        assert "4003" in diagnostics[0].message and "no file" in diagnostics[0].message

        lenses = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=team_uri))
        )
        titles = {lens.range.start.line: lens.command.title for lens in lenses or [] if lens.command}
        assert titles == {
            1: "sent in 2 places, handled in 1, named by 1 constant",  # SESSION_EXPIRED = 4001
            7: "sent in 0 places, handled in 0",
        }

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=team_uri), position=position_of(TEAM, "4001")
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "4001 Session expired" in hover.contents.value
        assert "sent in 2 places, handled in 1" in hover.contents.value
        key = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=team_uri), position=position_of(TEAM, "retry")
            )
        )
        assert key is not None and isinstance(key.contents, types.MarkupContent)
        assert "after-fix" in key.contents.value and "backoff" in key.contents.value


async def _team_diagnostics(client: LanguageClient, uri: str, done: object) -> list[types.Diagnostic]:
    published: list[types.PublishDiagnosticsParams] = client.published  # type: ignore[attr-defined]
    for _ in range(100):
        mine = [p for p in published if p.uri == uri]
        if mine and done(mine[-1].diagnostics):  # type: ignore[operator]
            return list(mine[-1].diagnostics)
        await asyncio.sleep(0.1)
    raise AssertionError(f"no such diagnostics for {uri}: {[p for p in published if p.uri == uri]}")


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        ('sender = "server"', 'sender = "robot"'),
        ('name = "Maintenance"', 'name = ""'),
        ("[codes.4003]", "[codes.1001]"),
        ('retry = "after-fix"', 'retry = "after-fix'),
    ],
)
async def test_team_file_errors_read_like_the_command_lines(project: Path, bad: str, key: str) -> None:
    text = TEAM.replace(bad, key, 1)
    (project / "wscodes.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as cli:  # what `wscode` and `wscode check` say about this file
        load_config(str(project / "wscodes.toml"))
    async with session(project) as client:
        uri = uri_for(project / "wscodes.toml")
        open_doc(client, uri, text, "toml")
        diagnostics = await _team_diagnostics(
            client, uri, lambda ds: any(d.severity == types.DiagnosticSeverity.Error for d in ds)
        )
        error = next(d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error)
        assert str(cli.value).endswith(error.message), (str(cli.value), error.message)
        assert error.range.start.line == text.splitlines().index(key) or "TOML" in error.message, error


async def test_team_file_completion_of_keys_and_values(project: Path) -> None:
    text = TEAM.replace('retry = "after-fix"\n', "retry = \n\n")
    async with session(project) as client:
        uri = uri_for(project / "wscodes.toml")
        open_doc(client, uri, text, "toml")
        await _team_diagnostics(client, uri, lambda ds: True)
        values = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position_of(text, "retry = ", delta=len("retry = ")),
            )
        )
        assert isinstance(values, types.CompletionList)
        assert {i.label for i in values.items} == {"no", "yes", "backoff", "after-fix", "unknown"}
        assert {i.insert_text for i in values.items} >= {'"after-fix"'}
        keys = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=text.splitlines().index("retry = ") + 1, character=0),
            )
        )
        assert isinstance(keys, types.CompletionList)
        assert {i.label for i in keys.items} == {"action"}  # name, meaning, sender, retry are there


async def test_document_an_undocumented_private_code(project: Path) -> None:
    async with session(project) as client:
        uri = await open_server(client, project)
        at = position_of(SERVER, "4007")
        actions = await actions_at(client, uri, at)
        titles = [a.title for a in actions]
        assert "Document 4007 in wscodes.toml" in titles
        action = next(a for a in actions if "4007" in a.title)
        assert action.edit is not None and action.edit.document_changes
        change = action.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri_for(project / "wscodes.toml")
        (edit,) = change.edits
        assert isinstance(edit, types.TextEdit)
        assert edit.range.start.line == len(TEAM.splitlines())  # appended at the end
        assert any(
            d.code == "WSC010" and "4007" in d.message for d in await wait_for_diagnostics(client, uri)
        )
        team = project / "wscodes.toml"
        team.write_text(TEAM + edit.new_text, encoding="utf-8")
        assert 4007 in load_config(str(team)).codes  # the new entry is a valid one
        # saved: the editor reports the change, the server reloads the team's codes, 4007 is documented
        client.published.clear()  # type: ignore[attr-defined]
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri_for(team), type=types.FileChangeType.Changed)]
            )
        )
        after = await wait_for_diagnostics(client, uri)
        assert not [d for d in after if d.code == "WSC010"], after
        # a documented code gets no such action
        at = position_of(SERVER, "4001, ")
        none = await actions_at(client, uri, at)
        assert not [a for a in none if "Document" in a.title]


async def test_document_action_creates_the_team_file_when_there_is_none(tmp_path: Path) -> None:
    (tmp_path / "server.py").write_text(SERVER, encoding="utf-8")
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "server.py")
        open_doc(client, uri, SERVER, "python")
        await wait_for_diagnostics(client, uri)
        at = position_of(SERVER, "4007")
        actions = await actions_at(client, uri, at)
        action = next(a for a in actions if "4007" in a.title)
        assert action.edit is not None and action.edit.document_changes
        create, change = action.edit.document_changes
        assert isinstance(create, types.CreateFile) and create.uri == uri_for(tmp_path / "wscodes.toml")
        assert isinstance(change, types.TextDocumentEdit)
        team = tmp_path / "wscodes.toml"
        team.write_text(change.edits[0].new_text, encoding="utf-8")
        assert list(load_config(str(team)).codes) == [4007]


async def test_hover_on_a_library_constant_links_its_registry_entries(tmp_path: Path) -> None:
    text = (
        "from websockets.frames import CloseCode\n\n"
        "async def f(ws):\n    await ws.close(CloseCode.GOING_AWAY)\n"
    )
    async with session(tmp_path) as client:
        uri = uri_for(tmp_path / "lib.py")
        open_doc(client, uri, text, "python")
        await wait_for_diagnostics(client, uri)
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "GOING_AWAY")
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        value = hover.contents.value
        assert "1001 Going Away" in value
        assert "(https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1)" in value
        assert "(https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number)" in value


async def test_definition_in_pyproject_tool_wscodes(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "app"\n\n[tool.wscodes.codes.4001]\nname = "Session expired"\n'
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (tmp_path / "server.py").write_text(SERVER, encoding="utf-8")
    async with session(tmp_path) as client:
        uri = await open_server(client, tmp_path)
        found = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(SERVER, "4001, ")
            )
        )
        assert isinstance(found, types.Location)
        assert found.uri == uri_for(tmp_path / "pyproject.toml")
        assert found.range.start.line == 3 and text_at(pyproject, found.range) == "4001"
        # and "document 4007" appends a [tool.wscodes.codes.4007] table there
        at = position_of(SERVER, "4007")
        actions = await actions_at(client, uri, at)
        action = next(a for a in actions if "4007" in a.title)
        assert action.title == "Document 4007 in pyproject.toml"
        assert action.edit is not None and action.edit.document_changes
        (change,) = action.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        (tmp_path / "pyproject.toml").write_text(pyproject + change.edits[0].new_text, encoding="utf-8")
        assert sorted(load_config(str(tmp_path / "pyproject.toml")).codes) == [4001, 4007]
