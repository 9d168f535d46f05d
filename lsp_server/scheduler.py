"""Schedule analyses of open documents off the event loop: the latest text only, stale results dropped.

One task per open document loops until the stored analysis matches the document's current
revision: it hands the text to the engine in a worker thread at once, throws the result away
if the document changed meanwhile, and then waits out a short debounce while edits keep coming.
The engine rescans from the document's previous scan (``core.scan.incremental``): after an edit
only the top-level chunks around it are analysed again.

A large document with no scan to rescan from (just opened) gets its diagnostics first from the
scan ``wscode check`` makes (``core.rules.analyse(windowed=True)``: only the sends, parsed in
windows around them; the same findings), published at once; the whole scan that hover,
navigation and later rescans need follows, and publishes again. Until it is in, the document
is not fresh: requests that need it wait for it as they wait for any analysis.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from lsprotocol import types

from wscodes.core.positions import LineIndex
from wscodes.lsp import convert
from wscodes.lsp.lookup import OccurrenceIndex

if TYPE_CHECKING:
    from wscodes.core.rules import Analysis
    from wscodes.core.scan import ScanResult
    from wscodes.core.scan.incremental import ScanState
    from wscodes.lsp.documents import Document, DocumentStore
    from wscodes.lsp.settings import Resolved
    from wscodes.lsp.teamfile import TeamFile
    from wscodes.lsp.workspace import CodeUse

log = logging.getLogger(__name__)

MAX_DEBOUNCE_WAIT = 0.5  # never postpone an analysis longer than this while edits keep coming
OWN_WORKER_CHARS = 64 * 1024  # documents of this many characters or more queue on their own worker
EARLY_DIAGNOSTICS_CHARS = 64 * 1024  # opened documents this large get their diagnostics first


@dataclass(frozen=True)
class Result:
    analysis: Analysis | None  # None: not a language the engine scans, or the engine failed
    diagnostics: list[types.Diagnostic]  # diagnostics[i] is findings[i]
    index: LineIndex
    seconds: float
    error: str | None = None
    occurrences: OccurrenceIndex | None = None
    team: TeamFile | None = None  # the document is a team file (wscodes.toml, [tool.wscodes])
    uses: tuple[CodeUse, ...] | None = None  # for the workspace index, once it is in use
    state: ScanState | None = None  # the scan, for the next analysis to rescan from


def language_of(language_id: str, uri: str) -> str | None:
    from wscodes.core.scan import language_for

    language = language_for(language_id) if language_id else None
    if language is None:
        path = unquote(urlparse(uri).path)
        if path:
            language = language_for(path)
    return language


def _path_of(uri: str) -> str | None:
    """The document's path, for what it says of the runtime (Go's ``_js.go``, Kotlin's ``jsMain``)."""
    return unquote(urlparse(uri).path) or None


def _team_file(text: str, uri: str) -> TeamFile | None:
    """The parsed team file, when the document is one (a pyproject.toml only with [tool.wscodes])."""
    from pygls.uris import to_fs_path

    from wscodes.lsp import teamfile

    path = to_fs_path(uri) if uri.startswith("file:") else None
    if not path or not teamfile.is_team_file(path):
        return None
    if path.endswith("pyproject.toml") and "tool.wscodes" not in text:
        return None
    return teamfile.parse(text, path)


def _with_project(
    text: str, uri: str, language: str, result: ScanResult, again: Callable[..., ScanResult]
) -> ScanResult:
    """``result``, or ``again(project=…)`` when other files of the document's project define
    constants it sends or close functions it calls (``lsp.project``)."""
    path = _path_of(uri) if uri.startswith("file:") else None
    if path and os.path.isfile(path):
        from wscodes.lsp import project

        known = project.index_for(path, result.unresolved, text, language)
        if any(known.knows(name, language) for name in result.unresolved) or known.wrapper_names(
            text, language
        ):
            return again(project=known)
    return result


def early_diagnostics(
    text: str, language_id: str, uri: str, settings: Resolved, encoding: str
) -> Result | None:
    """The diagnostics of an opened document from the scan of its sends alone (``wscode check``'s:
    parsed only in windows around them), before its whole scan is made; None when the engine does
    not scan it or fails (the whole analysis then says why). In a worker thread."""
    started = time.perf_counter()
    try:
        from wscodes.core.rules import analyse_scan
        from wscodes.core.scan import scan_strict
        from wscodes.core.scan.runtime import runtime_for

        language = language_of(language_id, uri)
        if language is None:
            return None
        runtime = runtime_for(settings.config.runtime, language, _path_of(uri))
        sends = partial(scan_strict, text, language, runtime=runtime, windowed=True, sends_only=True)
        result = _with_project(text, uri, language, sends(), sends)
        analysis = analyse_scan(text, language, result, settings.registry, settings.config)
        index = LineIndex(text)
        ctx = convert.Context(uri=uri, index=index, encoding=encoding, team_file_uri=_team_uri(settings))
        diagnostics = convert.diagnostics(analysis, ctx)
        return Result(analysis, diagnostics, index, time.perf_counter() - started)
    except Exception:
        log.exception("the early diagnostics of %s failed", uri)
        return None


def _team_uri(settings: Resolved) -> str | None:
    if not settings.team_file:
        return None
    from pathlib import Path

    return Path(settings.team_file).resolve().as_uri()


def analyse_text(
    text: str,
    language_id: str,
    uri: str,
    settings: Resolved,
    encoding: str,
    *,
    uses: bool = False,
    previous: ScanState | None = None,
) -> Result:
    """Run the engine on one text (in a worker thread). Never raises. ``uses``: also list the
    code uses for the workspace index. ``previous``: the scan of the document's text before the
    latest edits, which the engine rescans only where they changed it."""
    started = time.perf_counter()
    index = LineIndex(text)
    try:
        from wscodes.core.rules import analyse_scan
        from wscodes.core.scan.incremental import rescan

        language = language_of(language_id, uri)
        if language is None:
            return Result(None, [], index, time.perf_counter() - started, team=_team_file(text, uri))
        from wscodes.core.scan.runtime import runtime_for

        runtime = runtime_for(settings.config.runtime, language, _path_of(uri))
        state = rescan(previous, text, language, runtime=runtime)
        result = state.result
        path = _path_of(uri) if uri.startswith("file:") else None
        if path and os.path.isfile(path):
            # constants the document sends but another file of its project defines, close
            # functions it calls that another file defines, and (hover) the names it uses that
            # another file binds to close codes (lsp.project)
            from wscodes.lsp import project

            result = project.resolve(path, text, language, result, runtime=runtime)
        analysis = analyse_scan(text, language, result, settings.registry, settings.config)
        ctx = convert.Context(uri=uri, index=index, encoding=encoding, team_file_uri=_team_uri(settings))
        diagnostics = convert.diagnostics(analysis, ctx)
        occurrences = OccurrenceIndex(analysis.scan.occurrences)
        found = None
        if uses:
            from wscodes.lsp.workspace import uses_of

            found = uses_of(uri, analysis.scan.occurrences, index, encoding, text)
        seconds = time.perf_counter() - started
        return Result(analysis, diagnostics, index, seconds, occurrences=occurrences, uses=found, state=state)
    except Exception as exc:  # the engine promises not to raise; if it does, the server still must not
        log.exception("analysis of %s failed", uri)
        return Result(None, [], index, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}")


class AnalysisScheduler:
    """Schedules analyses of the open documents: one task per document, the latest text only."""

    def __init__(
        self,
        store: DocumentStore,
        settings: Callable[[str], Resolved | None],  # for a document's URI
        on_result: Callable[[Document, Result], None],
        debounce: float = 0.05,
        workers: int = 2,
    ) -> None:
        self._store = store
        self._settings = settings
        self._on_result = on_result
        self.debounce = debounce
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wscodes-analyse")
        # huge files (generated code, minified bundles, logs opened by mistake) must not make
        # every other document wait behind them
        self._large_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wscodes-analyse-large")
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._last_schedule: dict[str, float] = {}  # when each document last asked for an analysis
        self._done: dict[str, asyncio.Event] = {}
        self.settings_ready = asyncio.Event()
        self.collect_uses = False  # set once the workspace index is in use

    def schedule(self, uri: str, *, delay: float | None = None) -> None:
        """Make sure the document's latest revision gets analysed (soon).

        An edit after a pause (no other within ``debounce``) is analysed at once: its
        diagnostics follow the keystroke. Edits that come in a burst, or while an analysis runs,
        wait for a pause in them (``debounce``, at most MAX_DEBOUNCE_WAIT), so a burst of typing
        costs one analysis per pause rather than one per key."""
        self._done.setdefault(uri, asyncio.Event()).clear()
        now = time.monotonic()
        last, self._last_schedule[uri] = self._last_schedule.get(uri), now
        task = self._tasks.get(uri)
        if task is None or task.done():
            if delay is None:
                delay = 0.0 if last is None or now - last >= self.debounce else self.debounce
            self._tasks[uri] = asyncio.get_running_loop().create_task(self._run(uri, delay))

    def forget(self, uri: str) -> None:
        self._last_schedule.pop(uri, None)
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        event = self._done.pop(uri, None)
        if event is not None:
            event.set()  # wake anyone waiting: the document is gone

    async def wait_fresh(self, uri: str, timeout: float) -> Document | None:
        """The document once its analysis matches its text (or None after ``timeout``)."""
        doc = self._store.get(uri)
        if doc is None or doc.fresh:
            return doc
        event = self._done.setdefault(uri, asyncio.Event())
        if uri not in self._tasks or self._tasks[uri].done():
            self.schedule(uri, delay=0)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return None
        doc = self._store.get(uri)
        return doc if doc is not None and doc.fresh else None

    async def _run(self, uri: str, delay: float) -> None:
        await self.settings_ready.wait()
        loop = asyncio.get_running_loop()
        early_done = False
        while True:
            doc = self._store.get(uri)
            if doc is None or doc.fresh:
                return
            if delay > 0:
                waited = 0.0
                while True:  # debounce: wait until the edits pause (bounded)
                    seen = doc.revision
                    await asyncio.sleep(delay)
                    waited += delay
                    doc = self._store.get(uri)
                    if doc is None:
                        return
                    if doc.revision == seen or waited >= MAX_DEBOUNCE_WAIT:
                        break
            settings = self._settings(uri)
            if settings is None:
                return
            revision, text, language_id, encoding = doc.revision, doc.text, doc.language_id, doc.encoding
            executor = self._large_executor if len(text) >= OWN_WORKER_CHARS else self._executor
            if doc.scan_state is None and len(text) >= EARLY_DIAGNOSTICS_CHARS and not early_done:
                early_done = True  # (once: edits that keep coming wait for the whole scan)
                early = await loop.run_in_executor(
                    executor, early_diagnostics, text, language_id, uri, settings, encoding
                )
                doc = self._store.get(uri)
                if doc is None:
                    return
                if early is not None and doc.revision == revision:
                    try:
                        self._on_result(doc, early)  # (published; the document stays not fresh)
                    except Exception:
                        log.exception("publishing the early diagnostics of %s failed", uri)
                # a didClose or didChange sent on seeing them is seen before the whole scan starts
                await asyncio.sleep(self.debounce)
                doc = self._store.get(uri)
                if doc is None:
                    return
                if doc.revision != revision:
                    delay = 0
                    continue
            job = partial(
                analyse_text,
                text,
                language_id,
                uri,
                settings,
                encoding,
                uses=self.collect_uses,
                previous=doc.scan_state,
            )
            result = await loop.run_in_executor(executor, job)
            doc = self._store.get(uri)
            if doc is None:
                return
            if doc.revision != revision:
                if result.state is not None:  # (a scan of an older text: still one to rescan from)
                    doc.scan_state = result.state
                delay = self.debounce
                continue  # stale: drop it and analyse the latest text
            doc.analysis = result.analysis
            doc.scan_state = result.state
            doc.analysed_revision = revision
            doc.analysed_index = result.index
            doc.diagnostics = result.diagnostics
            doc.occurrences = result.occurrences
            doc.team = result.team
            doc.adopt_index(result.index)
            event = self._done.get(uri)
            if event is not None:
                event.set()
            try:
                self._on_result(doc, result)
            except Exception:
                log.exception("publishing the analysis of %s failed", uri)
            return

    def shutdown(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._large_executor.shutdown(wait=False, cancel_futures=True)
