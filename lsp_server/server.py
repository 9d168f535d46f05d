"""`wscode-lsp`: the wscodes language server (LSP over stdio; pygls adapter over core.scan/core.rules).

The server only translates: documents go to the engine (``core.rules.analyse``), findings come
back as diagnostics and quick fixes, occurrences as hovers and inlay hints. It never writes to
stdout except protocol; logs go to stderr and ``window/logMessage``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pygls/lsprotocol load only when the server really starts (not for --version)
    from collections.abc import Generator

    from lsprotocol import types

    from wscodes.lsp.analyser import Result
    from wscodes.lsp.documents import Document

NAME = "wscode-lsp"
HOVER_WAIT = 2.0  # seconds a hover/inlay request may wait for an in-flight analysis
PULL_WAIT = 5.0  # the same for a pulled diagnostic report
CONFIG_WAIT = 3.0  # for the client's answer to workspace/configuration
WATCH_INTERVAL = 1.0  # how often to check that the client process is still alive

log = logging.getLogger("wscodes.lsp")


def version() -> str:
    """The installed wscodes version, read from its dist-info directory name.

    ``importlib.metadata`` would cost ~50 ms of start-up (it imports email and datetime), and
    the server has 600 ms from spawn to its initialize result.
    """
    prefix, suffix = "wscodes-", ".dist-info"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                return name[len(prefix) : -len(suffix)]
    return "0+unknown"


def _client_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    try:  # a zombie still answers kill(0): look at its state on Linux
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _exit_now(code: int) -> None:
    """Leave at once: flush our streams and skip waiting for worker threads (they hold no state)."""
    logging.shutdown()
    for stream in (sys.stderr, sys.__stdout__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def build_server() -> Any:
    """The language server with every feature registered (not started)."""
    import asyncio
    import contextlib

    from lsprotocol import types
    from pygls.capabilities import get_capability
    from pygls.lsp.server import LanguageServer
    from pygls.protocol.language_server import LanguageServerProtocol, lsp_method
    from pygls.uris import from_fs_path, to_fs_path

    from wscodes.core.teamcodes import Projects
    from wscodes.lsp import features
    from wscodes.lsp.analyser import Analyser
    from wscodes.lsp.documents import DocumentStore
    from wscodes.lsp.settings import SECTION, Resolved, editor_section, resolve

    class WscodesProtocol(LanguageServerProtocol):
        """pygls's protocol, minus its workspace bookkeeping for text documents.

        pygls's TextDocument splits lines at U+2028/U+2029/U+0085/form feed too, which puts
        incremental edits in the wrong place; ``DocumentStore`` applies them instead.
        """

        @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
        def lsp_text_document__did_open(
            self, params: types.DidOpenTextDocumentParams
        ) -> Generator[Any, Any, None]:
            if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
                yield handler, (params,), None

        @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
        def lsp_text_document__did_change(
            self, params: types.DidChangeTextDocumentParams
        ) -> Generator[Any, Any, None]:
            if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
                yield handler, (params,), None

        @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
        def lsp_text_document__did_close(
            self, params: types.DidCloseTextDocumentParams
        ) -> Generator[Any, Any, None]:
            if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
                yield handler, (params,), None

    class WscodesServer(LanguageServer):
        def __init__(self) -> None:
            super().__init__(
                name=NAME,
                version=version(),
                protocol_cls=WscodesProtocol,
                text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            )
            self.store = DocumentStore()
            self.settings: Resolved | None = None  # the first workspace folder's (or no folder's)
            self.folder_settings: dict[str, Resolved] = {}  # every folder's, by its path
            self.folder_sections: dict[str | None, dict[str, Any]] = {}  # their editor settings
            self.projects: Projects | None = None  # finds the project file nearest to a document
            self.nested: dict[tuple[str | None, str | None], Resolved] = {}  # (folder, project file)
            self.init_options: object = None
            self.folders: list[tuple[str, str]] = []  # workspace folders: (uri, path), in order
            self.pull_diagnostics = False
            self.hover_markdown = False
            self.completion_markdown = False
            self.versioned_edits = False
            self.shutdown_requested = False
            self._settings_task: asyncio.Task[None] | None = None
            self._background: set[asyncio.Task[Any]] = set()
            self.analyser = Analyser(self.store, self.settings_for, self.publish)

        # -- helpers -------------------------------------------------------------------------
        def supports(self, path: str) -> bool:
            return bool(get_capability(self.client_capabilities, path, None))

        def tell(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
            log.log(logging.WARNING if kind <= types.MessageType.Warning else logging.INFO, "%s", message)
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

        def warn_user(self, message: str) -> None:
            log.warning("%s", message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))

        def spawn(self, coro: Any) -> asyncio.Task[Any]:
            task = asyncio.get_running_loop().create_task(coro)
            self._background.add(task)
            task.add_done_callback(self._background.discard)
            return task

        def publish(self, doc: Document, result: Result) -> None:
            if result.error is not None:
                self.tell(f"wscodes: could not analyse {doc.uri}: {result.error}", types.MessageType.Error)
            log.debug("analysed %s rev %s in %.1f ms", doc.uri, doc.revision, result.seconds * 1000)
            if not self.pull_diagnostics:
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=doc.uri, diagnostics=result.diagnostics, version=doc.version
                    )
                )

        # -- settings ------------------------------------------------------------------------
        def settings_for(self, uri: str) -> Resolved | None:
            """The settings for a document: its workspace folder's (the innermost folder that holds
            it, else the first), with the project file nearest to the document, as ``wscode check``
            finds it (a package of a monorepo may have its own)."""
            path = to_fs_path(uri) if uri.startswith("file:") else None
            best: str | None = None
            if path:
                for _uri, folder in self.folders:
                    inside = path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
                    if inside and (best is None or len(folder) > len(best)):
                        best = folder
            base = self.folder_settings.get(best, self.settings) if best else self.settings
            if base is None or path is None or base.fixed:
                return base
            here = os.path.dirname(path)
            if self.projects is None:
                self.projects = Projects()  # (no $WSCODES_CONFIG here: base.fixed would say so)
            nearest = self.projects.nearest(here)
            if nearest == base.team_file:
                return base
            owner = best or (self.folders[0][1] if self.folders else None)
            resolved = self.nested.get((owner, nearest))
            if resolved is None:
                section = self.folder_sections.get(owner, {})
                resolved = self.nested[(owner, nearest)] = resolve(section, owner, start=here)
                for warning in resolved.warnings:
                    self.warn_user(warning)
                team = f"team codes from {nearest}" if nearest else "no team codes file"
                self.tell(f"wscodes: {team} for documents under {here}")
            return resolved

        async def fetch_settings(self) -> None:
            editor, warnings = editor_section(self.init_options)
            folders: list[tuple[str | None, str | None]] = list(self.folders) or [(None, None)]
            sections: list[dict[str, Any]] = [editor] * len(folders)
            if self.supports("workspace.configuration"):
                try:
                    items = [types.ConfigurationItem(section=SECTION, scope_uri=uri) for uri, _ in folders]
                    answer = await asyncio.wait_for(
                        self.workspace_configuration_async(types.ConfigurationParams(items=items)),
                        CONFIG_WAIT,
                    )
                    for i, value in enumerate((answer or [])[: len(folders)]):
                        section, more = editor_section({SECTION: value} if value is not None else None)
                        warnings += [w for w in more if w not in warnings]
                        if section:
                            # The client answers for our section: that answer is the current state of
                            # its settings, so it replaces initializationOptions instead of merging
                            # (a rule removed from the settings must come back on).
                            sections[i] = section
                except Exception as exc:  # a client that fails or never answers: carry on without
                    log.warning("workspace/configuration failed: %r", exc)
            resolved: list[Resolved] = []
            try:
                for section, (_uri, path) in zip(sections, folders, strict=True):
                    try:
                        resolved.append(await asyncio.to_thread(resolve, section, path))
                    except Exception as exc:  # resolve() reports bad settings itself: a last resort
                        log.exception("resolving the settings failed")
                        resolved.append(await asyncio.to_thread(resolve, {}, None))
                        warnings.append(f"wscodes: could not apply the settings ({exc}); using the defaults")
                self.folder_settings = {
                    path: r for (_uri, path), r in zip(folders, resolved, strict=True) if path
                }
                self.folder_sections = {
                    path: sec for sec, (_uri, path) in zip(sections, folders, strict=True)
                }
                self.projects, self.nested = None, {}  # project files may have changed too
                self.settings = resolved[0]
            finally:
                self.analyser.settings_ready.set()  # analyses must never wait forever
            for warning in dict.fromkeys([*warnings, *(w for r in resolved for w in r.warnings)]):
                self.warn_user(warning)
            for (_uri, path), r in zip(folders, resolved, strict=True):
                team = f"team codes from {r.team_file}" if r.team_file else "no team codes file"
                where = f" for {path}" if path and len(folders) > 1 else ""
                self.tell(f"wscodes: {team}{where}; JavaScript runtime {r.runtime}")

        def ensure_settings(self) -> None:
            if self._settings_task is None:
                self._settings_task = self.spawn(self.fetch_settings())

        def start_reload(self, pushed: object = None) -> None:
            """Read the settings again; analyses wait for them from now on (not from when the task
            first runs), so a document opened meanwhile never gets the old folder's settings."""
            self.analyser.settings_ready.clear()
            self.spawn(self.reload_settings(pushed))

        async def reload_settings(self, pushed: object = None) -> None:
            if pushed is not None and not self.supports("workspace.configuration"):
                section, _ = editor_section(pushed)
                if section or (isinstance(pushed, dict) and SECTION in pushed):
                    self.init_options = pushed  # ours (not another server's settings): they replace
            await self.fetch_settings()
            for doc in self.store:
                self.store.touch(doc)  # the inputs changed: every analysis is stale now
                self.analyser.schedule(doc.uri, delay=0)
            if self.pull_diagnostics and self.supports("workspace.diagnostics.refresh_support"):
                self.workspace_diagnostic_refresh(None)
            if self.supports("workspace.inlay_hint.refresh_support"):
                self.workspace_inlay_hint_refresh(None)

        async def watch_client(self, pid: int) -> None:
            while True:
                await asyncio.sleep(WATCH_INTERVAL)
                if not _client_alive(pid):
                    log.warning("client process %s is gone; exiting", pid)
                    _exit_now(1)

    server = WscodesServer()

    # -- lifecycle -------------------------------------------------------------------------------
    @server.feature(types.INITIALIZE)
    def initialize(ls: WscodesServer, params: types.InitializeParams) -> None:
        ls.init_options = params.initialization_options
        ls.pull_diagnostics = ls.supports("text_document.diagnostic")
        hover_formats = (
            get_capability(ls.client_capabilities, "text_document.hover.content_format", None) or []
        )
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

    @server.feature(types.INITIALIZED)
    def initialized(ls: WscodesServer, params: types.InitializedParams) -> None:
        ls.ensure_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: WscodesServer, params: types.DidChangeConfigurationParams) -> None:
        ls.start_reload(params.settings)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_workspace_folders(
        ls: WscodesServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        removed = {f.uri for f in params.event.removed}
        ls.folders = [(uri, path) for uri, path in ls.folders if uri not in removed]
        for folder in params.event.added:
            path = to_fs_path(folder.uri)
            if path and all(uri != folder.uri for uri, _ in ls.folders):
                ls.folders.append((folder.uri, path))
        ls.start_reload()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: WscodesServer, params: None) -> None:
        ls.shutdown_requested = True
        ls.analyser.shutdown()

    @server.feature(types.EXIT)
    def exit_(ls: WscodesServer, params: None) -> None:
        _exit_now(0 if ls.shutdown_requested else 1)

    # -- documents -------------------------------------------------------------------------------
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WscodesServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.ensure_settings()
        ls.analyser.forget(params.text_document.uri)  # opened twice: the old text's analysis is void
        ls.store.open(params.text_document)
        ls.analyser.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WscodesServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.store.change(params) is not None:
            ls.analyser.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WscodesServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.analyser.forget(uri)
        if ls.store.close(uri) is not None and not ls.pull_diagnostics:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- features --------------------------------------------------------------------------------
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: WscodesServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.store.get(params.text_document.uri)
        if doc is not None and not doc.fresh:
            doc = await ls.analyser.wait_fresh(doc.uri, HOVER_WAIT)
        settings = ls.settings_for(params.text_document.uri)
        if doc is None or settings is None:
            return None
        return features.hover(doc, params.position, settings.registry, ls.hover_markdown)

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    async def inlay_hint(ls: WscodesServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        doc = ls.store.get(params.text_document.uri)
        if doc is not None and not doc.fresh:
            doc = await ls.analyser.wait_fresh(doc.uri, HOVER_WAIT)
        settings = ls.settings_for(params.text_document.uri)
        if doc is None or settings is None:
            return []
        return features.inlay_hints(doc, params.range, settings.registry)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["(", "=", " "], resolve_provider=False),
    )
    async def completion(ls: WscodesServer, params: types.CompletionParams) -> types.CompletionList | None:
        doc = ls.store.get(params.text_document.uri)
        if doc is None:
            return None
        if ls.settings is None:  # right after start-up: the team's codes and runtime are on their way
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ls.analyser.settings_ready.wait(), CONFIG_WAIT)
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

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=False),
    )
    async def code_action(ls: WscodesServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        doc = ls.store.get(params.text_document.uri)
        if doc is not None and not doc.fresh:
            doc = await ls.analyser.wait_fresh(doc.uri, HOVER_WAIT)
        if doc is None:
            return None
        return features.code_actions(doc, params, ls.versioned_edits) or None

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="wscodes", inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )
    async def pull_diagnostics(
        ls: WscodesServer, params: types.DocumentDiagnosticParams
    ) -> types.RelatedFullDocumentDiagnosticReport | types.RelatedUnchangedDocumentDiagnosticReport:
        doc = ls.store.get(params.text_document.uri)
        if doc is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        fresh = doc if doc.fresh else await ls.analyser.wait_fresh(doc.uri, PULL_WAIT)
        if fresh is None:  # still analysing: what we have, without a result id
            return types.RelatedFullDocumentDiagnosticReport(items=list(doc.diagnostics))
        result_id = f"{fresh.revision}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=list(fresh.diagnostics), result_id=result_id)

    return server


def _configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("pygls").setLevel(max(logging.WARNING, root.level))  # it logs every message at INFO


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog=NAME,
        description="The wscodes language server: WebSocket close codes (RFC 6455, IANA, WHATWG close()) "
        "in your editor — hover, diagnostics, quick fixes, completion, inlay hints. "
        "Speaks LSP over stdin/stdout.",
    )
    parser.add_argument("--version", action="version", version=f"{NAME} {version()}")
    parser.add_argument(
        "--stdio", action="store_true", help="use stdin/stdout (the default and only transport)"
    )
    parser.add_argument(
        "--log-level",
        default=os.environ.get("WSCODES_LSP_LOG", "warning"),
        choices=["debug", "info", "warning", "error"],
        help="what to log to stderr (default: warning; or set $WSCODES_LSP_LOG)",
    )
    args = parser.parse_args(argv)
    _configure_logging(args.log_level)

    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must never corrupt the protocol stream
    server = build_server()
    server.start_io(sys.stdin.buffer, protocol_out)
    # stdin closed (the client went away) or the loop stopped: leave without waiting for workers
    _exit_now(0 if server.shutdown_requested else 1)


if __name__ == "__main__":
    main()
