"""``wscode check``'s engine: check each file (in worker processes when there are many), then
the project pass. The command line is ``wscodes.check.cli``; it imports this module only once
ripgrep is started (the scanner's imports would otherwise delay it).

A file is read, screened with its language's needles (``core.scan.needles``), looked up in the
cache (``wscodes.check.cache``) and, on a miss, analysed by the same engine as the language
server (``core.rules.analyse``, windowed).
"""

from __future__ import annotations

import os
import re
import sys
import time
from itertools import chain, islice
from typing import Any

from wscodes.check.files import batches
from wscodes.check.report import Row
from wscodes.core.positions import LineIndex, line_column
from wscodes.core.rules import RULE_IDS, UNUSED_SUPPRESSION, analyse, short_message
from wscodes.core.scan import needles
from wscodes.core.suppressions import unused

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from wscodes.check.cache import Cache, Entry
    from wscodes.check.files import Selection
    from wscodes.core.scan import ProjectIndex
    from wscodes.core.scan.project import CloseFunction as Guard  # (guarded closes and wrappers)
    from wscodes.core.teamcodes import ProjectConfig, ProjectSettings

__all__ = ["MAX_BYTES", "Results", "check_file", "check_text", "project_pass", "run_checks", "setup"]

MAX_BYTES = 2 * 1024 * 1024
FIRST_READ = 1 << 16


# ---------------------------------------------------------------------------------------------
# Checking one file (runs in worker processes)

_STATE: dict[str, object] = {}


def setup(rules: ProjectSettings, report_unused: bool = False, cache: Cache | None = None) -> None:
    """The settings every file is checked with (before any is; the workers inherit them)."""
    _STATE["rules"] = rules
    _STATE["needles"] = {}
    _STATE["unused"] = report_unused
    _STATE["unresolved"] = []
    _STATE["guards"] = []
    _STATE["cache"] = cache
    if cache is not None:
        cache.load()
    _STATE["settings_keys"] = {}
    _STATE["folders"] = {}


# A file that sends a constant it does not define (``ws.close(GOING_AWAY)``, imported from another
# file): its path, language, the names, and how many of its findings were suppressed. Once every
# file is read, the tree's definitions of those names are collected and these files checked again.
Unresolved = tuple[str, str, tuple[str, ...], int]


def _file_needles(language: str) -> tuple[Callable[[bytes], object], ...]:
    """Searchers for the language's needles: a compiled literal pattern is ~2x faster than ``in``."""
    cache: dict[str, tuple[Callable[[bytes], object], ...]] = _STATE["needles"]  # type: ignore[assignment]
    if language not in cache:
        cache[language] = tuple(re.compile(re.escape(n.encode())).search for n in needles(language))
    return cache[language]


def _read(path: str) -> bytes | str:
    """The file's bytes, or a note saying why it was skipped."""
    too_big = f"skipped {path}: larger than {MAX_BYTES // (1024 * 1024)} MB"
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        return f"skipped {path}: cannot read it ({exc.strerror or exc})"
    try:
        data = os.read(fd, FIRST_READ)  # most source files fit: no fstat, one read
        if len(data) == FIRST_READ:
            size = os.fstat(fd).st_size
            if size > MAX_BYTES:
                return too_big
            parts, total = [data], len(data)
            while chunk := os.read(fd, max(size - total, 1 << 16)):
                parts.append(chunk)
                total += len(chunk)
                if total > MAX_BYTES:
                    return too_big
            data = b"".join(parts)
    except OSError as exc:
        return f"skipped {path}: cannot read it ({exc.strerror or exc})"
    finally:
        os.close(fd)
    if data.find(b"\0", 0, 8192) != -1:
        return f"skipped {path}: binary file"
    return data


# What one file gave: its rows, a note for stderr (or None), and how many findings were suppressed.
Checked = tuple[list[Row], "str | None", int]


def check_file(path: str, language: str | None) -> Checked:
    """Findings for one file (as rows), an optional note for stderr, the count suppressed."""
    if language is None:
        return [], f"skipped {path}: not a supported language", 0
    data = _read(path)
    if isinstance(data, str):
        return [], data, 0
    if not _has_needle(data, language):
        return [], None, 0
    cache: Cache | None = _STATE.get("cache")  # type: ignore[assignment]
    if cache is None:
        return check_text(path, language, data.decode("utf-8-sig", "replace"))  # (columns: no BOM)
    key = cache.key(path, language, _settings_key(path), data)
    entry = cache.get(path, key)
    if entry is not None:
        return _restored(path, language, entry)
    pending: list[Unresolved] = _STATE["unresolved"]  # type: ignore[assignment]
    guarded: list[tuple[str, list[Guard]]] = _STATE["guards"]  # type: ignore[assignment]
    start, guards_start = len(pending), len(guarded)
    checked = check_text(path, language, data.decode("utf-8-sig", "replace"))
    rows, _note, suppressed = checked
    names = [name for item in pending[start:] for name in item[2]] if len(pending) > start else None
    guards = [_stored_function(g) for _p, found in guarded[guards_start:] for g in found]
    stored: list[list[Any]] = [[*row[1:9], [list(fix) for fix in row.fixes], row.short] for row in rows]
    cache.put(path, key, (stored, suppressed, names, guards))
    return checked


def _has_needle(data: bytes, language: str) -> bool:
    return any(search(data) is not None for search in _file_needles(language))


def _settings_key(path: str) -> bytes:
    """What the cache keys on for the settings of ``path``: its project file (path and bytes) and
    the rule ids per-file-ignores turn off for it (the command line's options are in every key)."""
    from wscodes.core.teamcodes import ignores_for

    folders: dict[str, ProjectConfig] = _STATE["folders"]  # type: ignore[assignment]
    folder = os.path.dirname(path)
    project = folders.get(folder)
    if project is None:
        rules: ProjectSettings = _STATE["rules"]  # type: ignore[assignment]
        project = folders[folder] = rules.projects.for_file(path)
    extra = ignores_for(project, path) if project.per_file_ignores else frozenset()
    memo: dict[tuple[str | None, frozenset[str]], bytes] = _STATE["settings_keys"]  # type: ignore[assignment]
    found = memo.get((project.path, extra))
    if found is None:
        content = b""
        if project.path:
            try:
                with open(project.path, "rb") as f:
                    content = f.read()
            except OSError:
                content = b"\0unreadable"
        name = (project.path or "").encode("utf-8", "surrogateescape")
        found = memo[(project.path, extra)] = b"\0".join((name, content, ",".join(sorted(extra)).encode()))
    return found


def _restored(path: str, language: str, entry: Entry) -> Checked:
    """A cached result as ``check_text`` gives it (and what it notes for the project pass)."""
    stored, suppressed, names, guards = entry
    rows = [Row._make((path, *item[:8], tuple(tuple(fix) for fix in item[8]), item[9])) for item in stored]
    if names:
        pending: list[Unresolved] = _STATE["unresolved"]  # type: ignore[assignment]
        pending.append((path, language, tuple(names), suppressed))
    if guards:
        found = [_restored_function(path, item) for item in guards]
        guarded: list[tuple[str, list[Guard]]] = _STATE["guards"]  # type: ignore[assignment]
        guarded.append((path, found))
    return rows, None, suppressed


def _stored_function(found: Guard) -> dict[str, Any]:
    """A guarded close method or a close function (wrapper) as the cache keeps it."""
    from wscodes.core.scan.project import Guard as GuardedMethod

    if isinstance(found, GuardedMethod):
        return {"guard": [found.name, found.owner, found.group, list(found.codes)]}
    return {"wrapper": {f: getattr(found, f) for f in found._fields}}


def _restored_function(path: str, item: dict[str, Any]) -> Guard:
    from wscodes.core.scan.model import Wrapper
    from wscodes.core.scan.project import Guard as GuardedMethod

    if "guard" in item:
        name, owner, group, *codes = item["guard"]  # (an entry written before codes: both)
        return GuardedMethod(
            name=name, owner=owner, path=path, group=group, codes=tuple(codes[0]) if codes else (1005, 1006)
        )
    fields = dict(item["wrapper"])
    fields["markers"] = tuple(fields.get("markers", ()))
    return Wrapper(**fields)


def check_text(
    path: str,
    language: str,
    text: str,
    settings_path: str | None = None,
    project: ProjectIndex | None = None,
) -> Checked:
    """Findings for ``text``, reported as ``path``; settings and exclusions from ``settings_path``;
    ``project``: the constants of the checked tree (else the names the file sends but does not
    define are noted for ``project_pass``)."""
    rules: ProjectSettings = _STATE["rules"]  # type: ignore[assignment]
    registry, config = rules.for_file(settings_path or path)
    analysis = analyse(
        text, language, registry, config, windowed=True, path=settings_path or path, project=project
    )
    if project is None and analysis.scan.unresolved:
        pending: list[Unresolved] = _STATE.setdefault("unresolved", [])  # type: ignore[assignment]
        pending.append((path, language, analysis.scan.unresolved, len(analysis.suppressed)))
    from wscodes.core.scan.project import guards, may_guard  # (the scan imported it already)

    if project is None and (analysis.scan.wrapper_specs or may_guard(text)):
        found: list[Guard] = [*analysis.scan.wrapper_specs, *guards(text, language, path)]
        if found:
            guarded: list[tuple[str, list[Guard]]] = _STATE.setdefault("guards", [])  # type: ignore[assignment]
            guarded.append((path, found))
    report_unused = bool(_STATE.get("unused")) and analysis.directives
    if not analysis.findings and not report_unused:
        return [], None, len(analysis.suppressed)
    index = LineIndex(text) if "\r" in text else None

    def position(offset: int) -> tuple[int, int]:
        return index.position(offset, "utf-32") if index is not None else line_column(text, offset)

    def where(start: int, end: int) -> tuple[int, int, int, int]:
        (line, column), (end_line, end_column) = position(start), position(end)
        return line + 1, column + 1, end_line + 1, end_column + 1

    rows: list[Row] = []
    for f in analysis.findings:
        fixes = tuple((fix.title, *where(fix.start, fix.end), fix.replacement) for fix in f.fixes)
        rows.append(
            Row(path, *where(f.start, f.end), f.rule, f.severity.value, f.message, f.code, fixes,
                short_message(f.message))
        )  # fmt: skip
    if report_unused:
        severity = UNUSED_SUPPRESSION.severity.value
        for directive, _rule, message in unused(analysis.directives, analysis.used, RULE_IDS):
            rows.append(
                Row(path, *where(directive.start, directive.end), UNUSED_SUPPRESSION.id, severity, message,
                    None, (), message)
            )  # fmt: skip
        rows.sort(key=lambda r: (r.line, r.column, r.rule))
    return rows, None, len(analysis.suppressed)


if TYPE_CHECKING:
    # rows, notes, files read, findings suppressed, unresolved, guards, new cache entries
    Chunk = tuple[
        list[Row],
        list[tuple[str, str]],
        int,
        int,
        list[Unresolved],
        list[tuple[str, list[Guard]]],
        dict[str, Any],
    ]


def _check_chunk(files: list[tuple[str, str | None]]) -> Chunk:
    """Check ``files``: rows, notes, count, suppressed, unresolved, guards, new cache entries."""
    rows: list[Row] = []
    notes: list[tuple[str, str]] = []
    suppressed = 0
    pending: list[Unresolved] = _STATE.setdefault("unresolved", [])  # type: ignore[assignment]
    guarded: list[tuple[str, list[Guard]]] = _STATE.setdefault("guards", [])  # type: ignore[assignment]
    start, guards_start = len(pending), len(guarded)
    for path, language in files:
        found, note, hidden = check_file(path, language)
        rows.extend(found)
        suppressed += hidden
        if note:
            notes.append((path, note))
    unresolved, new_guards = pending[start:], guarded[guards_start:]
    del pending[start:], guarded[guards_start:]
    cache: Cache | None = _STATE.get("cache")  # type: ignore[assignment]
    return rows, notes, len(files), suppressed, unresolved, new_guards, cache.take() if cache else {}


class Results:
    """What the workers found: rows, (path, note)s, files read, findings suppressed, and the files
    that send constants they don't define."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.notes: list[tuple[str, str]] = []
        self.read = 0
        self.suppressed = 0
        self.unresolved: list[Unresolved] = []
        self.guards: list[tuple[str, list[Guard]]] = []  # (path, close methods that replace 1005/1006)


def _misses(files: Iterator[tuple[str, str | None]], hits: Results) -> Iterator[tuple[str, str | None]]:
    """``files`` minus those the cache answers (or that hold no needle): their results go to
    ``hits``. Files that cannot be read are left to the workers (they note why)."""
    pending: list[Unresolved] = _STATE["unresolved"]  # type: ignore[assignment]
    guarded: list[tuple[str, list[Guard]]] = _STATE["guards"]  # type: ignore[assignment]
    cache: Cache = _STATE["cache"]  # type: ignore[assignment]
    for path, language in files:
        data = _read(path) if language is not None else ""
        if isinstance(data, str) or language is None:
            yield path, language
            continue
        if _has_needle(data, language):
            entry = cache.get(path, cache.key(path, language, _settings_key(path), data))
            if entry is None:
                yield path, language
                continue
            rows, _note, suppressed = _restored(path, language, entry)
            hits.rows.extend(rows)
            hits.suppressed += suppressed
        hits.read += 1
    hits.unresolved.extend(pending)
    hits.guards.extend(guarded)
    del pending[:], guarded[:]


def run_checks(
    files: Iterable[tuple[str, str | None]],
    jobs: int,
    progress: bool,
    languages: set[str] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Results:
    """Check every file (in worker processes when there are many).
    ``languages``: the files come from the native prefilter of a big tree (wscodes.check.files), so start
    the workers at once, on small chunks, while ripgrep or grep is still finding files.
    ``meanwhile``: work for this process while the workers check (in a thread, once they are forked)."""
    results = Results()
    chunk = 128 if languages is None else 16
    stream: Iterator[tuple[str, str | None]] = iter(files)
    cache: Cache | None = _STATE.get("cache")  # type: ignore[assignment]
    hits = Results()
    if cache is not None and cache.entries:  # the files it knows are not given to the workers
        stream = _misses(stream, hits)
        if languages is not None:  # start the workers (and load the grammars) for a first miss only
            first = list(islice(stream, 1))
            stream = chain(first, stream)
            if not first:
                languages = None
    head = list(islice(stream, 2 * chunk)) if languages is None else []
    parallel = jobs > 1 and (languages is not None or len(head) == 2 * chunk) and hasattr(os, "fork")
    chunks = batches(chain(head, stream), chunk)
    last = time.monotonic()

    def collect(  # noqa: PLR0917 - _check_chunk's result, as it comes
        found: list[Row],
        found_notes: list[tuple[str, str]],
        count: int,
        hidden: int,
        unresolved: list[Unresolved],
        guards: list[tuple[str, list[Guard]]],
        stored: dict[str, Any],
    ) -> None:
        nonlocal last
        results.rows.extend(found)
        results.notes.extend(found_notes)
        results.read += count
        results.suppressed += hidden
        results.unresolved.extend(unresolved)
        results.guards.extend(guards)
        if stored and cache is not None:
            cache.fresh.update(stored)
        if progress and time.monotonic() - last > 0.2:
            last = time.monotonic()
            sys.stderr.write(f"\rwscode check: {results.read} files…")
            sys.stderr.flush()

    if parallel:
        from wscodes.core.scan import warm

        warm(languages or {language for _path, language in head if language})  # shared by the workers
        import gc

        gc.freeze()  # what the workers inherit stays shared: their collections don't touch (copy) it
        for result in _in_workers(chunks, jobs, meanwhile):
            collect(*result)
    else:
        for batch in chunks:
            collect(*_check_chunk(batch))
    collect(hits.rows, hits.notes, hits.read, hits.suppressed, hits.unresolved, hits.guards, {})
    if progress and results.read:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
    return results


# ---------------------------------------------------------------------------------------------
# Worker processes: forked, each fed chunks of files over a pipe and answering over another.
# (multiprocessing.Pool did the same with three helper threads and a queue per direction: on
# 20,000 files with ~600 candidates they cost the parent ~100 ms of CPU, more than the report.)

OUTSTANDING = 2  # chunks handed to a worker before its answers: it never waits for the next one


class _Worker:
    __slots__ = ("answers", "outstanding", "pid", "tasks")

    def __init__(self, pid: int, tasks: int, answers: int) -> None:
        self.pid = pid
        self.tasks = tasks  # the pipe the parent writes chunks to (-1 once closed)
        self.answers = answers  # the pipe the worker writes results to
        self.outstanding: list[list[tuple[str, str | None]]] = []  # chunks given, not answered yet


def _frame(obj: object) -> bytes:
    import pickle

    data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(8, "little") + data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None at the end of the pipe."""
    parts: list[bytes] = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _read_frame(fd: int) -> object | None:
    """One object written by _frame, or None at the end of the pipe."""
    import pickle

    head = _read_exactly(fd, 8)
    body = _read_exactly(fd, int.from_bytes(head, "little")) if head is not None else None
    return pickle.loads(body) if body is not None else None


def _work(tasks: int, answers: int) -> None:
    """A worker's life: check each chunk read from ``tasks``, answer on ``answers``, then exit."""
    import signal

    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it, workers just end
        while (chunk := _read_frame(tasks)) is not None:
            _write_all(answers, _frame(_check_chunk(chunk)))  # type: ignore[arg-type]
        code = 0
    finally:
        os._exit(code)  # (never the parent's clean-up, nor a traceback of its own)


def _in_workers(
    chunks: Iterator[list[tuple[str, str | None]]], jobs: int, meanwhile: Callable[[], object] | None = None
) -> Iterator[Chunk]:
    """``_check_chunk`` of every chunk, in ``jobs`` forked worker processes, as they answer. A
    worker that dies leaves its chunks to the parent, which checks them itself. ``meanwhile`` runs
    in a thread of this process once the workers are forked (never a thread alive at a fork)."""
    import selectors
    import threading

    workers: list[_Worker] = []
    selector = selectors.DefaultSelector()
    thread: threading.Thread | None = None
    try:
        for _ in range(jobs):
            task_read, task_write = os.pipe()
            answer_read, answer_write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(task_write)
                os.close(answer_read)
                for other in workers:  # (the other workers' ends, inherited)
                    os.close(other.tasks)
                    os.close(other.answers)
                _work(task_read, answer_write)
            os.close(task_read)
            os.close(answer_write)
            workers.append(_Worker(pid, task_write, answer_read))
            selector.register(answer_read, selectors.EVENT_READ, workers[-1])
        if meanwhile is not None:
            thread = threading.Thread(target=meanwhile, daemon=True)
            thread.start()
        exhausted = False

        def feed(worker: _Worker) -> None:
            nonlocal exhausted
            while not exhausted and len(worker.outstanding) < OUTSTANDING:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    for other in workers:  # no more work: the workers end once they answered
                        if other.tasks >= 0:
                            os.close(other.tasks)
                            other.tasks = -1
                    return
                worker.outstanding.append(chunk)
                _write_all(worker.tasks, _frame(chunk))

        for worker in workers:
            feed(worker)
        while any(w.outstanding for w in workers):
            for key, _events in selector.select():
                worker = key.data
                answer = _read_frame(worker.answers)
                if answer is None:  # the worker died: its chunks are checked here
                    selector.unregister(worker.answers)
                    lost, worker.outstanding = worker.outstanding, []
                    if worker.tasks >= 0:
                        os.close(worker.tasks)
                        worker.tasks = -1
                    for chunk in lost:
                        yield _check_chunk(chunk)
                    continue
                worker.outstanding.pop(0)
                yield answer  # type: ignore[misc]
                if worker.tasks >= 0:
                    feed(worker)
            if not exhausted and not any(w.tasks >= 0 for w in workers):  # every worker died
                for chunk in chunks:
                    yield _check_chunk(chunk)
    finally:
        selector.close()
        for worker in workers:
            if worker.tasks >= 0:
                os.close(worker.tasks)
            if any(w.outstanding for w in workers):  # stopped early (Ctrl-C): don't wait for them
                os.kill(worker.pid, 9)
        for worker in workers:
            os.close(worker.answers)
            os.waitpid(worker.pid, 0)
        if thread is not None:
            thread.join()


def project_pass(results: Results, selection: Selection, named: Sequence[str] = ()) -> None:
    """Check again, with the tree's definitions of them, the files that send constants they don't
    define (``results.unresolved``) and the files that call close functions other files define
    (``results.guards`` holds those): their rows and suppressed counts are replaced in ``results``.
    ``named``: the files named on the command line, whose projects' other files count too."""
    from wscodes.core.scan import ProjectIndex
    from wscodes.core.scan.project import coded_calls, search_names

    index = ProjectIndex()
    for path, found in results.guards:  # close methods that replace 1005/1006, and close functions
        index.add_guards(path, found)
    calls = index.all_wrapper_names()
    if named:  # (wscodes.check.project: the functions they call with a close code, looked for too)
        calls |= _named_calls(named)
    if not results.unresolved and not calls:
        return
    wanted = {name for _p, _l, found, _h in results.unresolved for name in found if not name.endswith("()")}
    names = search_names(wanted)
    texts: dict[str, tuple[str, str]] = {}
    for path, language in selection.files_with(names | calls):
        data = _read(path) if language is not None else ""
        if language is None or isinstance(data, str):
            continue
        text = data.decode("utf-8-sig", "replace")
        if names:
            index.add_file(path, text, language, names)
        if calls:
            texts[path] = (language, text)
    if calls:
        calls = _chained(index, selection, texts, calls)
    # the close functions some file calls with a close code: only those need their rivals known
    coded = {path: made for path, (_l, text) in texts.items() if (made := coded_calls(text, calls))}
    called = set().union(*coded.values())
    for path, (language, text) in texts.items() if called else ():
        index.add_functions(path, text, language, called)
    if named:
        from wscodes.check.project import root_for, search_project

        methods = {n[:-2] for _p, _l, found, _h in results.unresolved for n in found if n.endswith("()")}
        for root in sorted({root_for(path) for path in named}):
            search_project(index, root, names, called, skip=named, methods=methods)
    again = [item for item in results.unresolved if any(index.knows(n, item[1]) for n in item[2])]
    redo = {path: (language, hidden) for path, language, _found, hidden in again}
    for path, (language, text) in texts.items():
        if path in coded and path not in redo and set(index.wrapper_names(text, language)) & coded[path]:
            # (the first pass's count of suppressed findings, from the same check without the project)
            redo[path] = (language, check_text(path, language, text, project=ProjectIndex())[2])
    if not redo:
        return
    results.rows = [r for r in results.rows if r.path not in redo]
    for path, (language, hidden) in redo.items():
        if path in texts:
            text = texts[path][1]
        else:
            data = _read(path)
            if isinstance(data, str):
                continue
            text = data.decode("utf-8-sig", "replace")
        rows, _note, now_hidden = check_text(path, language, text, project=index)
        results.rows.extend(rows)
        results.suppressed += now_hidden - hidden


def _chained(
    index: ProjectIndex, selection: Selection, texts: dict[str, tuple[str, str]], calls: set[str]
) -> set[str]:
    """``calls`` (the close functions of the tree) and the functions that close through one of
    them with their own parameter (``fail_session(ws, code)`` calls another file's
    ``close_transport(ws, code, …)``, which calls ``ws.close``): found by scanning, with ``index``,
    the files of ``texts`` that call one (they are added to ``index``); the files that call those
    are read into ``texts`` in turn (two rounds)."""
    from wscodes.core.scan import scan

    scanned: set[str] = set()
    for _round in range(2):
        fresh: set[str] = set()
        for path, (language, text) in list(texts.items()):
            if path in scanned:
                continue
            scanned.add(path)
            if not index.wrapper_names(text, language):
                continue
            specs = scan(text, language, project=index).wrapper_specs
            new = {w.name for w in specs} - calls
            if new:
                index.add_wrappers(path, language, specs)
                fresh |= new
        if not fresh:
            break
        calls = calls | fresh
        for found, found_language in selection.files_with(fresh):
            data = _read(found) if found_language is not None and found not in texts else ""
            if found_language is not None and not isinstance(data, str):
                texts[found] = (found_language, data.decode("utf-8-sig", "replace"))
    return calls


def _named_calls(named: Sequence[str]) -> set[str]:
    """The functions the files ``named`` call with something that reads as a close code."""
    from wscodes.core.scan.project import wrapper_candidates

    found: set[str] = set()
    for path in named:
        data = _read(path)
        if not isinstance(data, str):
            found |= wrapper_candidates(data.decode("utf-8-sig", "replace"))
    return found
