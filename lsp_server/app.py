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
from pygls.uris import from_fs_path, to_fs_path

from wscodes.core.teamcodes import Projects
from wscodes.lsp import teamfile
from wscodes.lsp.documents import Document, DocumentStore
from wscodes.lsp.scheduler import AnalysisScheduler, Result
from wscodes.lsp.server import NAME, client_alive, exit_now, version
from wscodes.lsp.settings import SECTION, Resolved, editor_section, for_path, resolve
from wscodes.lsp.workspace import WorkspaceIndex, list_files, scan_file, uses_of

CONFIG_WAIT = 3.0  # seconds to wait for the client's answer to workspace/configuration
WATCH_INTERVAL = 1.0  # how often to check that the client process is still alive
INDEX_WAIT = 20.0  # seconds a navigation request may wait for the first workspace index

log = logging.getLogger("wscodes.lsp")


def _listed(folder: str) -> list[tuple[str, str]]:
    return list(list_files(folder))


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
        self._reload_lock = asyncio.Lock()
        self._background: set[asyncio.Task[Any]] = set()
        self.scheduler = AnalysisScheduler(self.store, self.settings_for, self.publish)
        self.index = WorkspaceIndex()  # every close-code use in the workspace folders' files
        self.index_ready = asyncio.Event()
        self._index_task: asyncio.Task[None] | None = None

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
        log.debug(
            "analysed %s rev %s in %.1f ms%s",
            doc.uri,
            doc.revision,
            result.seconds * 1000,
            " (rescanned around the edit)" if result.state is not None and result.state.incremental else "",
        )
        if doc.team is not None:
            self.publish_team_file(doc)
            return
        if not self.pull_diagnostics:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=doc.uri, diagnostics=result.diagnostics, version=doc.version
                )
            )
        if result.uses is not None and self.index.set_file(doc.uri, result.uses):
            self.refresh_team_files()

    # -- the workspace index and the team file -------------------------------------------------
    def ensure_index(self) -> None:
        """Build the workspace index in the background (once; the first request that needs it
        starts it, so a session that never navigates never pays for it)."""
        if self._index_task is None:
            self.scheduler.collect_uses = True  # from now on analyses list their uses too
            self._index_task = self.spawn(self._build_index())

    async def wait_index(self) -> None:
        self.ensure_index()
        try:
            await asyncio.wait_for(asyncio.shield(self.index_ready.wait()), INDEX_WAIT)
        except TimeoutError:  # a huge workspace: answer from what is indexed so far
            log.warning("the workspace index is not complete yet; answering from part of it")

    async def _build_index(self) -> None:
        for doc in self.store:  # analysed before the index was wanted: list their uses now
            if doc.analysis is not None and doc.analysed_index is not None and doc.fresh:
                occurrences, index = doc.analysis.scan.occurrences, doc.analysed_index
                text = doc.text
                uses = await asyncio.to_thread(uses_of, doc.uri, occurrences, index, doc.encoding, text)
                if doc.fresh:
                    self.index.set_file(doc.uri, uses)
        try:
            for _uri, folder in list(self.folders):
                for path, language in await asyncio.to_thread(_listed, folder):
                    uri = from_fs_path(path)
                    if uri is None or self.store.get(uri) is not None:
                        continue  # an open document indexes its own (current) text
                    uses = await asyncio.to_thread(scan_file, path, language, self.store.encoding)
                    if self.store.get(uri) is None:
                        self.index.set_file(uri, uses)
        except Exception:
            log.exception("building the workspace index failed")
        finally:
            self.index_ready.set()
        self.tell(f"wscodes: indexed {len(self.index.files())} files with close codes")
        self.refresh_team_files()

    def team_files(self) -> list[str]:
        """The team files the settings of every folder (and nested project) use."""
        every = [self.settings, *self.folder_settings.values(), *self.nested.values()]
        return list(dict.fromkeys(r.team_file for r in every if r is not None and r.team_file))

    def read_text(self, path: str) -> str | None:
        """A file's text: the open document's, else the file's on disk (None: no such file)."""
        uri = from_fs_path(path)
        doc = self.store.get(uri) if uri else None
        if doc is not None:
            return doc.text
        try:
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                return f.read()
        except OSError:
            return None

    def publish_team_file(self, doc: Document) -> None:
        """A team file's diagnostics: the loader's error, and codes no file uses (once indexed)."""
        assert doc.team is not None
        self.ensure_index()
        used = self.index.codes() if self.index_ready.is_set() else None
        doc.diagnostics = teamfile.diagnostics(doc.team, used)
        if not self.pull_diagnostics:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=doc.diagnostics, version=doc.version)
            )

    def refresh_team_files(self) -> None:
        """The uses changed: the open team files' warnings and code lenses may be stale."""
        teams = [doc for doc in self.store if doc.team is not None and doc.fresh]
        if not teams:
            return
        for doc in teams:
            self.publish_team_file(doc)
        if self.pull_diagnostics and self.supports("workspace.diagnostics.refresh_support"):
            self.workspace_diagnostic_refresh(None)
        if self.supports("workspace.code_lens.refresh_support"):
            self.workspace_code_lens_refresh(None)

    async def file_changed(self, uri: str, kind: types.FileChangeType) -> bool:
        """Bring the index up to date with one file on disk; True when its uses changed."""
        from wscodes.core.scan import language_for

        path = to_fs_path(uri)
        if not path or self.store.get(uri) is not None:
            return False  # an open document: its buffer, not the disk, is the truth
        language = language_for(path)
        if language is None:
            return False
        if kind == types.FileChangeType.Deleted:
            return self.index.remove(uri)
        uses = await asyncio.to_thread(scan_file, path, language, self.store.encoding)
        return self.index.set_file(uri, uses)

    async def register_watchers(self) -> None:
        """Ask the client to tell us about source and team files changing on disk."""
        from wscodes.core.scan.languages import _NAMES

        extensions = sorted(k for k in _NAMES if k.isalnum() and k.islower())
        watchers = [
            types.FileSystemWatcher(glob_pattern=f"**/*.{{{','.join(extensions)}}}"),
            *(types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in teamfile.TEAM_FILE_NAMES),
        ]
        registration = types.Registration(
            id="wscodes-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await self.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:
            log.warning("registering the file watchers failed: %r", exc)

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
        finds it (a package of a monorepo may have its own), and that file's ``per-file-ignores``
        for the document's path."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        resolved = self._project_settings(path)
        return for_path(resolved, path) if resolved is not None and path else resolved

    def _project_settings(self, path: str | None) -> Resolved | None:
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
        # One reload at a time, in the order they were asked for: two running at once could
        # finish in the other order and leave the older settings in force.
        async with self._reload_lock:
            await self._reload_settings(pushed)

    async def _reload_settings(self, pushed: object = None) -> None:
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
