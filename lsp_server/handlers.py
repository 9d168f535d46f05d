"""Every LSP request and notification the server answers, one plain function each.

``create()`` builds the server and registers them (``FEATURES``: method, options, handler).
Each handler only translates: it finds the document, waits (bounded) for its fresh analysis,
and hands it to ``features`` / ``navigation``, which read what the scheduler stored.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path, to_fs_path

from wscodes.lsp import features
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
    ls.ensure_settings()


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


# -- features ------------------------------------------------------------------------------------
async def hover(ls: WscodesServer, params: types.HoverParams) -> types.Hover | None:
    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None:
        return None
    return features.hover(doc, params.position, settings.registry, ls.hover_markdown)


async def inlay_hint(ls: WscodesServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    doc = await _fresh(ls, params.text_document.uri)
    settings = ls.settings_for(params.text_document.uri)
    if doc is None or settings is None:
        return []
    return features.inlay_hints(doc, params.range, settings.registry)


async def completion(ls: WscodesServer, params: types.CompletionParams) -> types.CompletionList | None:
    doc = ls.store.get(params.text_document.uri)
    if doc is None:
        return None
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
    doc = await _fresh(ls, params.text_document.uri)
    if doc is None:
        return None
    return features.code_actions(doc, params, ls.versioned_edits) or None


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
