"""The server object: pygls's LanguageServer plus the state every handler reads.

It holds the open documents, the analysis scheduler and the settings of each workspace folder
(and of each project file nearer to a document). The handlers themselves are plain functions
in ``wscodes.lsp.handlers``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Coroutine, Generator
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from wscodes.core.teamcodes import Projects
from wscodes.lsp.documents import Document, DocumentStore
from wscodes.lsp.scheduler import AnalysisScheduler, Result
from wscodes.lsp.server import NAME, client_alive, exit_now, version
from wscodes.lsp.settings import SECTION, Resolved, editor_section, resolve

CONFIG_WAIT = 3.0  # seconds to wait for the client's answer to workspace/configuration
WATCH_INTERVAL = 1.0  # how often to check that the client process is still alive

log = logging.getLogger("wscodes.lsp")


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
        self.scheduler = AnalysisScheduler(self.store, self.settings_for, self.publish)

    # -- helpers ---------------------------------------------------------------------------------
    def supports(self, path: str) -> bool:
        return bool(get_capability(self.client_capabilities, path, None))

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        log.log(logging.WARNING if kind <= types.MessageType.Warning else logging.INFO, "%s", message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def warn_user(self, message: str) -> None:
        log.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
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

    # -- settings --------------------------------------------------------------------------------
    def folder_of(self, path: str | None) -> str | None:
        """The innermost workspace folder that holds ``path``, or None."""
        best: str | None = None
        if path:
            for _uri, folder in self.folders:
                inside = path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
                if inside and (best is None or len(folder) > len(best)):
                    best = folder
        return best

    def settings_for(self, uri: str) -> Resolved | None:
        """The settings for a document: its workspace folder's (the innermost folder that holds
        it, else the first), with the project file nearest to the document, as ``wscode check``
        finds it (a package of a monorepo may have its own)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        best = self.folder_of(path)
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

    async def _editor_sections(
        self, folders: list[tuple[str | None, str | None]], warnings: list[str]
    ) -> list[dict[str, Any]]:
        """Each folder's editor settings: initializationOptions, replaced by the client's answer
        to workspace/configuration where it gives one."""
        editor, more = editor_section(self.init_options)
        warnings += more
        sections: list[dict[str, Any]] = [editor] * len(folders)
        if not self.supports("workspace.configuration"):
            return sections
        try:
            items = [types.ConfigurationItem(section=SECTION, scope_uri=uri) for uri, _ in folders]
            answer = await asyncio.wait_for(
                self.workspace_configuration_async(types.ConfigurationParams(items=items)), CONFIG_WAIT
            )
            for i, value in enumerate((answer or [])[: len(folders)]):
                section, more = editor_section({SECTION: value} if value is not None else None)
                warnings += [w for w in more if w not in warnings]
                if section:
                    # The client answers for our section: that answer is the current state of its
                    # settings, so it replaces initializationOptions instead of merging (a rule
                    # removed from the settings must come back on).
                    sections[i] = section
        except Exception as exc:  # a client that fails or never answers: carry on without
            log.warning("workspace/configuration failed: %r", exc)
        return sections

    async def fetch_settings(self) -> None:
        warnings: list[str] = []
        folders: list[tuple[str | None, str | None]] = list(self.folders) or [(None, None)]
        sections = await self._editor_sections(folders, warnings)
        resolved: list[Resolved] = []
        try:
            for section, (_uri, path) in zip(sections, folders, strict=True):
                try:
                    resolved.append(await asyncio.to_thread(resolve, section, path))
                except Exception as exc:  # resolve() reports bad settings itself: a last resort
                    log.exception("resolving the settings failed")
                    resolved.append(await asyncio.to_thread(resolve, {}, None))
                    warnings.append(f"wscodes: could not apply the settings ({exc}); using the defaults")
            pairs = list(zip(folders, resolved, strict=True))
            self.folder_settings = {path: r for (_uri, path), r in pairs if path}
            self.folder_sections = {path: sec for sec, (_uri, path) in zip(sections, folders, strict=True)}
            self.projects, self.nested = None, {}  # project files may have changed too
            self.settings = resolved[0]
        finally:
            self.scheduler.settings_ready.set()  # analyses must never wait forever
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
        self.scheduler.settings_ready.clear()
        self.spawn(self.reload_settings(pushed))

    async def reload_settings(self, pushed: object = None) -> None:
        if pushed is not None and not self.supports("workspace.configuration"):
            section, _ = editor_section(pushed)
            if section or (isinstance(pushed, dict) and SECTION in pushed):
                self.init_options = pushed  # ours (not another server's settings): they replace
        await self.fetch_settings()
        for doc in self.store:
            self.store.touch(doc)  # the inputs changed: every analysis is stale now
            self.scheduler.schedule(doc.uri, delay=0)
        if self.pull_diagnostics and self.supports("workspace.diagnostics.refresh_support"):
            self.workspace_diagnostic_refresh(None)
        if self.supports("workspace.inlay_hint.refresh_support"):
            self.workspace_inlay_hint_refresh(None)

    async def watch_client(self, pid: int) -> None:
        while True:
            await asyncio.sleep(WATCH_INTERVAL)
            if not client_alive(pid):
                log.warning("client process %s is gone; exiting", pid)
                exit_now(1)
