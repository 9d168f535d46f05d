"""Every LSP request and notification the server answers, one plain function each.

``create()`` builds the server and registers them (``FEATURES``: method, options, handler).
Each handler only translates: it finds the document, waits (bounded) for its fresh analysis,
and hands it to ``features`` / ``navigation``, which read what the scheduler stored. Those two
load after the initialize result is sent (``initialized``): the client waits for that result.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path, to_fs_path

from wscodes.lsp import teamfile
from wscodes.lsp.app import CONFIG_WAIT, WscodesServer
from wscodes.lsp.documents import Document
from wscodes.lsp.server import exit_now

HOVER_WAIT = 2.0  # seconds a hover/inlay request may wait for an in-flight analysis
PULL_WAIT = 5.0  # the same for a pulled diagnostic report


async def _fresh(ls: WscodesServer, uri: str, wait: float = HOVER_WAIT) -> Document | None:
    """The open document once its analysis matches its text (None: not open, or still busy)."""
    doc = ls.store.get(uri)
    if doc is not None and not doc.fresh:
        doc = await ls.scheduler.wait_fresh(doc.uri, wait)
    return doc


# -- lifecycle -----------------------------------------------------------------------------------
def initialize(ls: WscodesServer, params: types.InitializeParams) -> None:
    ls.init_options = params.initialization_options
    ls.pull_diagnostics = ls.supports("text_document.diagnostic")
    hover_formats = get_capability(ls.client_capabilities, "text_document.hover.content_format", None) or []
    ls.hover_markdown = types.MarkupKind.Markdown in hover_formats
    doc_formats = (
        get_capability(
            ls.client_capabilities, "text_document.completion.completion_item.documentation_format", None
        )
        or []
    )
    ls.completion_markdown = types.MarkupKind.Markdown in doc_formats
    ls.versioned_edits = ls.supports("workspace.workspace_edit.document_changes")
    encoding = ls.workspace.position_encoding
    ls.store.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
    if params.workspace_folders:
        ls.folders = [(f.uri, to_fs_path(f.uri) or "") for f in params.workspace_folders]
    elif params.root_uri:
        ls.folders = [(params.root_uri, to_fs_path(params.root_uri) or "")]
    elif params.root_path:
        ls.folders = [(from_fs_path(params.root_path) or "", params.root_path)]
    ls.folders = [(uri, path) for uri, path in ls.folders if path]
    if params.process_id:
        ls.spawn(ls.watch_client(params.process_id))


def initialized(ls: WscodesServer, params: types.InitializedParams) -> None:
    from wscodes.lsp import features, navigation  # noqa: F401 - loaded now, after the initialize result

    ls.ensure_settings()
    if ls.supports("workspace.did_change_watched_files.dynamic_registration"):
        ls.spawn(ls.register_watchers())


async def did_change_watched_files(ls: WscodesServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Files changed on disk: a team file reloads the settings; a source file is indexed again."""
    changed = False
    team_changed = False
    from wscodes.lsp import project

    project.forget()  # (a constant another document sends may be defined in a changed file)
    for change in params.changes:
        path = to_fs_path(change.uri) or ""
        if teamfile.is_team_file(path):
            team_changed = True
        elif ls.index_ready.is_set() or ls._index_task is not None:
            changed |= await ls.file_changed(change.uri, change.type)
    if team_changed:
        ls.start_reload()
    elif changed:
        ls.refresh_team_files()


def did_change_configuration(ls: WscodesServer, params: types.DidChangeConfigurationParams) -> None:
    ls.start_reload(params.settings)


def did_change_workspace_folders(ls: WscodesServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    removed = {f.uri for f in params.event.removed}
    ls.folders = [(uri, path) for uri, path in ls.folders if uri not in removed]
    for folder in params.event.added:
        path = to_fs_path(folder.uri)
        if path and all(uri != folder.uri for uri, _ in ls.folders):
            ls.folders.append((folder.uri, path))
    ls.start_reload()


def shutdown(ls: WscodesServer, params: None) -> None:
    ls.shutdown_requested = True
    ls.scheduler.shutdown()


def exit_(ls: WscodesServer, params: None) -> None:
    exit_now(0 if ls.shutdown_requested else 1)


# -- documents -----------------------------------------------------------------------------------
def did_open(ls: WscodesServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.ensure_settings()
    ls.scheduler.forget(params.text_document.uri)  # opened twice: the old text's analysis is void
    ls.store.open(params.text_document)
    ls.scheduler.schedule(params.text_document.uri, delay=0)


def did_change(ls: WscodesServer, params: types.DidChangeTextDocumentParams) -> None:
    if ls.store.change(params) is not None:
        ls.scheduler.schedule(params.text_document.uri)


def did_close(ls: WscodesServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.scheduler.forget(uri)
    if ls.store.close(uri) is not None and not ls.pull_diagnostics:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    if ls._index_task is not None:  # the file on disk is the truth again (edits may be unsaved)
        ls.spawn(ls.file_changed(uri, types.FileChangeType.Changed))


# -- features ------------------------------------------------------------------------------------
async def hover(ls: WscodesServer, params: types.HoverParams) -> types.Hover | None:
    from wscodes.lsp import features, navigation

    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None:
        return None
    if doc.team is not None:
        await ls.wait_index()
        return navigation.team_hover(doc.team, params.position, ls.index, ls.hover_markdown)
    return features.hover(doc, params.position, settings.registry, ls.hover_markdown)


async def definition(ls: WscodesServer, params: types.DefinitionParams) -> types.Location | None:
    """A team code in source -> its entry in the team file."""
    from wscodes.lsp import navigation

    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None or doc.team is not None:
        return None
    occ = navigation.occurrence_at(doc, params.position)
    if occ is None or not settings.registry.classify(occ.code).team or not settings.team_file:
        return None
    text = ls.read_text(settings.team_file)
    return None if text is None else navigation.entry_location(settings.team_file, text, occ.code)


async def references(ls: WscodesServer, params: types.ReferenceParams) -> list[types.Location] | None:
    """Every use of the code under the cursor (in source, or on its team-file entry)."""
    from wscodes.lsp import navigation

    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None:
        return None
    code = navigation.code_at(doc, params.position)
    if code is None:
        return None
    await ls.wait_index()
    declaration = None
    if params.context.include_declaration:
        if doc.team is not None:
            declaration = navigation.entry_location(doc.team.path, doc.text, code)
        elif settings.registry.classify(code).team and settings.team_file:
            text = ls.read_text(settings.team_file)
            declaration = navigation.entry_location(settings.team_file, text or "", code)
    return navigation.references(code, ls.index, declaration)


async def workspace_symbol(
    ls: WscodesServer, params: types.WorkspaceSymbolParams
) -> list[types.SymbolInformation]:
    from wscodes.lsp import navigation

    await ls.wait_index()
    from wscodes.core.teamcodes import builtin_registry

    team_codes = []
    for path in ls.team_files():
        text = ls.read_text(path)
        settings = ls.settings_for(from_fs_path(path) or "")
        if text is None or settings is None:
            continue
        for code in settings.registry.team.values():
            location = navigation.entry_location(path, text, code.code)
            if location is not None:
                team_codes.append((code, location))
    registry = ls.settings.registry if ls.settings else builtin_registry()
    return navigation.workspace_symbols(params.query, team_codes, registry, ls.index)


async def code_lens(ls: WscodesServer, params: types.CodeLensParams) -> list[types.CodeLens] | None:
    """In a team file: how the workspace uses each documented code."""
    from wscodes.lsp import navigation

    doc = await _fresh(ls, params.text_document.uri)
    if doc is None or doc.team is None:
        return None
    await ls.wait_index()
    return navigation.code_lenses(doc.team, ls.index)


async def inlay_hint(ls: WscodesServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    from wscodes.lsp import features

    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None:
        return []
    return features.inlay_hints(doc, params.range, settings.registry)


async def completion(ls: WscodesServer, params: types.CompletionParams) -> types.CompletionList | None:
    from wscodes.lsp import features

    doc = ls.store.get(params.text_document.uri)
    if doc is None:
        return None
    if teamfile.is_team_file(to_fs_path(doc.uri) or ""):
        team = await _fresh(ls, doc.uri)
        if team is None or team.team is None:
            return None
        return types.CompletionList(
            is_incomplete=False, items=teamfile.completion(team.team, params.position)
        )
    if ls.settings is None:  # right after start-up: the team's codes and runtime are on their way
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ls.scheduler.settings_ready.wait(), CONFIG_WAIT)
    from wscodes.core.teamcodes import builtin_registry

    settings = ls.settings_for(doc.uri)
    registry = settings.registry if settings else builtin_registry()
    runtime = settings.runtime if settings else "auto"
    return features.completion(
        doc,
        params.position,
        registry,
        runtime,
        markdown=ls.completion_markdown,
        label_details=ls.supports("text_document.completion.completion_item.label_details_support"),
    )


async def code_action(ls: WscodesServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    from wscodes.lsp import features

    doc = await _fresh(ls, params.text_document.uri)
    if doc is None:
        return None
    actions = features.code_actions(doc, params, ls.versioned_edits)
    settings = ls.settings_for(doc.uri)
    quickfix = str(types.CodeActionKind.QuickFix.value)
    wanted = not params.context.only or any(quickfix.startswith(str(k)) for k in params.context.only)
    if settings is not None and wanted:
        actions += _document_actions(ls, doc, params, settings.team_file, settings.registry)
    return actions or None


def _document_actions(
    ls: WscodesServer, doc: Document, params: types.CodeActionParams, team_file: str | None, registry: Any
) -> list[types.CodeAction]:
    """ "Document 4007": an entry in the team file (created as wscodes.toml beside the workspace
    folder's root, or the document, when there is none yet) for each undocumented private code."""
    from wscodes.lsp import navigation

    doc_path = to_fs_path(doc.uri) if doc.uri.startswith("file:") else None
    if doc_path is None:
        return []
    path = team_file or os.path.join(ls.folder_of(doc_path) or os.path.dirname(doc_path), "wscodes.toml")
    text = ls.read_text(path)
    open_doc = ls.store.get(from_fs_path(path) or "")
    resource_ops = get_capability(
        ls.client_capabilities, "workspace.workspace_edit.resource_operations", None
    )
    actions = []
    for occ in navigation.undocumented_codes(doc, params.range, registry):
        related = [d for d in params.context.diagnostics if d.code == "WSC010" and str(occ.code) in d.message]
        action = navigation.document_code_action(
            occ.code,
            path,
            text,
            open_doc.version if open_doc is not None else None,
            can_create=types.ResourceOperationKind.Create in (resource_ops or []),
            versioned=ls.versioned_edits,
            diagnostics=related,
        )
        if action is not None:
            actions.append(action)
    return actions


async def pull_diagnostics(
    ls: WscodesServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
    doc = ls.store.get(params.text_document.uri)
    if doc is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    fresh = doc if doc.fresh else await ls.scheduler.wait_fresh(doc.uri, PULL_WAIT)
    if fresh is None:  # still analysing: what we have, without a result id
        return types.RelatedFullDocumentDiagnosticReport(items=list(doc.diagnostics))
    result_id = f"{fresh.revision}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=list(fresh.diagnostics), result_id=result_id)


FEATURES: list[tuple[str, object, Callable[..., Any]]] = [
    (types.INITIALIZE, None, initialize),
    (types.INITIALIZED, None, initialized),
    (types.WORKSPACE_DID_CHANGE_CONFIGURATION, None, did_change_configuration),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, None, did_change_workspace_folders),
    (types.SHUTDOWN, None, shutdown),
    (types.EXIT, None, exit_),
    (types.TEXT_DOCUMENT_DID_OPEN, None, did_open),
    (types.TEXT_DOCUMENT_DID_CHANGE, None, did_change),
    (types.TEXT_DOCUMENT_DID_CLOSE, None, did_close),
    (types.TEXT_DOCUMENT_HOVER, None, hover),
    (types.TEXT_DOCUMENT_INLAY_HINT, None, inlay_hint),
    (types.TEXT_DOCUMENT_DEFINITION, None, definition),
    (types.TEXT_DOCUMENT_REFERENCES, None, references),
    (types.WORKSPACE_SYMBOL, None, workspace_symbol),
    (types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=False), code_lens),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, did_change_watched_files),
    (
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["(", "=", " "], resolve_provider=False),
        completion,
    ),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=False),
        code_action,
    ),
    (
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="wscodes", inter_file_dependencies=False, workspace_diagnostics=False
        ),
        pull_diagnostics,
    ),
]


def create() -> WscodesServer:
    """A new server with every handler of ``FEATURES`` registered (not started)."""
    server = WscodesServer()
    for method, options, handler in FEATURES:
        server.feature(method, options)(handler)
    return server
