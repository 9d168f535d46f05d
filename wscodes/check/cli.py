"""``wscode check [PATHS]``: lint source code for close-code mistakes.

The same engine as the language server (``core.rules.analyse``), so CI and the editor agree, and
both honour ``# wscode: ignore[WSC001]`` comments (``core.suppressions``). Which files:
``wscodes.check.files`` (``git ls-files -co --exclude-standard`` inside a git work tree, so
.gitignore is honoured, else a walk that skips .git, node_modules, virtualenvs and caches; then
the projects' ``exclude``/``extend-exclude``). A path named on the command line is checked even
if .gitignore or ``exclude`` would skip it, unless ``--force-exclude``. Binary files and files
over 2 MB are skipped with a note on stderr. A cheap byte prefilter (``core.scan.needles``) skips
files that cannot contain a finding — on big trees it runs natively (ripgrep, or grep, streaming
into the workers), so Python reads only the candidates — and those are parsed only around their
close contexts. Output formats: ``wscodes.check.report``; fixes: ``wscodes.check.fixes``.

Exit status: 0 when no finding at or above ``--severity`` remains (after ``--fix``), 1 when one
does, 2 on usage errors (a bad path, rule id or config file).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from itertools import chain, islice

from wscodes.check.files import Exclusion, Selection, UsageError, batches, select
from wscodes.check.report import FORMATS, Row, render, statistics, summary
from wscodes.core.errors import ConfigError
from wscodes.core.positions import LineIndex, line_column
from wscodes.core.rules import (
    RULE_IDS,
    RULES,
    UNUSED_SUPPRESSION,
    Severity,
    analyse,
    parse_rule_ids,
    short_message,
)
from wscodes.core.scan import language_for, needles
from wscodes.core.suppressions import unused
from wscodes.core.teamcodes import Projects, ProjectSettings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from wscodes.core.scan import ProjectIndex
    from wscodes.core.scan.project import CloseFunction as Guard  # (guarded closes and wrappers)

__all__ = ["Results", "check_file", "check_text", "main", "run_checks"]

MAX_BYTES = 2 * 1024 * 1024
FIRST_READ = 1 << 16
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_ALIASES = {"text": "full"}  # --format text (before --output-format existed) is today's full


# ---------------------------------------------------------------------------------------------
# Arguments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wscode check",
        description="Find WebSocket close-code mistakes in source code (Python, JavaScript/TypeScript, "
        "Go, Rust, Java, Kotlin, C#, Swift, PHP, Ruby, Elixir, C, C++, Objective-C, Dart, Scala, Lua, "
        "and the <script> blocks of .vue, .svelte, .astro and .html files).",
        epilog="rules: "
        + ", ".join(f"{r.id} {r.name}" for r in RULES.values())
        + " (wscode rule WSC001 explains one). Config: the nearest [tool.wscodes] in pyproject.toml "
        'or wscodes.toml to each file (rules = {WSC005 = "off"}, runtime = "browser", exclude, '
        "extend-exclude, per-file-ignores). Suppress one finding with a comment: "
        "# wscode: ignore[WSC001] (or // …) on its line or alone on the line before; a whole file "
        "with wscode: ignore-file[WSC001].",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories (default: .); - reads stdin",
    )
    choices = (*FORMATS, *FORMAT_ALIASES)
    parser.add_argument(
        "--output-format", "--format", dest="output_format", choices=choices, default="concise",
        help="concise (default: one line per finding), full (with the fix and the rule's page), json, "
        "sarif, github, gitlab, junit; --format text is full",
    )  # fmt: skip
    parser.add_argument(
        "--select", metavar="IDS", help="only these rules, comma-separated (e.g. WSC001,WSC006)"
    )
    parser.add_argument("--ignore", metavar="IDS", help="skip these rules, comma-separated")
    parser.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default="warning",
        help="exit 1 when a finding at or above this severity remains (default: warning)",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="a wscodes.toml or pyproject.toml with [tool.wscodes]"
    )
    parser.add_argument(
        "--runtime",
        choices=("auto", "browser", "node"),
        help="how JS/TS close() calls are judged (default: auto)",
    )
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per CPU)")
    parser.add_argument("--statistics", action="store_true", help="count the findings per rule instead")
    parser.add_argument(
        "--report-unused-suppressions", action="store_true",
        help="report wscode: ignore comments that suppress nothing (as WSC100)",
    )  # fmt: skip
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes in place")
    parser.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff: apply the unsafe fixes too"
    )
    parser.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff instead of applying them"
    )
    parser.add_argument(
        "--force-exclude", action="store_true",
        help="skip files named on the command line too when exclude or .gitignore matches them",
    )  # fmt: skip
    parser.add_argument(
        "--stdin-filename", metavar="NAME",
        help="the name of the file read from stdin (its language, config and exclusions): "
        "wscode check - --stdin-filename app.ts",
    )  # fmt: skip
    return parser


# ---------------------------------------------------------------------------------------------
# Checking one file (runs in worker processes)

_STATE: dict[str, object] = {}


def _setup(rules: ProjectSettings, report_unused: bool = False) -> None:
    _STATE["rules"] = rules
    _STATE["needles"] = {}
    _STATE["unused"] = report_unused
    _STATE["unresolved"] = []
    _STATE["guards"] = []


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
    for search in _file_needles(language):
        if search(data) is not None:
            break
    else:
        return [], None, 0
    return check_text(path, language, data.decode("utf-8-sig", "replace"))  # (columns: no BOM)


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


def _check_chunk(
    files: list[tuple[str, str | None]],
) -> tuple[list[Row], list[tuple[str, str]], int, int, list[Unresolved], list[tuple[str, list[Guard]]]]:
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
    return rows, notes, len(files), suppressed, unresolved, new_guards


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


def run_checks(
    files: Iterable[tuple[str, str | None]], jobs: int, progress: bool, languages: set[str] | None = None
) -> Results:
    """Check every file (in worker processes when there are many).
    ``languages``: the files come from the native prefilter of a big tree (wscodes.check.files), so start
    the workers at once, on small chunks, while ripgrep or grep is still finding files."""
    results = Results()
    chunk = 128 if languages is None else 16
    stream = iter(files)
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
    ) -> None:
        nonlocal last
        results.rows.extend(found)
        results.notes.extend(found_notes)
        results.read += count
        results.suppressed += hidden
        results.unresolved.extend(unresolved)
        results.guards.extend(guards)
        if progress and time.monotonic() - last > 0.2:
            last = time.monotonic()
            sys.stderr.write(f"\rwscode check: {results.read} files…")
            sys.stderr.flush()

    if parallel:
        import multiprocessing

        from wscodes.core.scan import warm

        warm(languages or {language for _path, language in head if language})  # shared by the workers
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for result in pool.imap_unordered(_check_chunk, chunks):
                collect(*result)
    else:
        for batch in chunks:
            collect(*_check_chunk(batch))
    if progress and results.read:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
    return results


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


def _named_calls(named: Sequence[str]) -> set[str]:
    """The functions the files ``named`` call with something that reads as a close code."""
    from wscodes.core.scan.project import wrapper_candidates

    found: set[str] = set()
    for path in named:
        data = _read(path)
        if not isinstance(data, str):
            found |= wrapper_candidates(data.decode("utf-8-sig", "replace"))
    return found


# ---------------------------------------------------------------------------------------------
# main


def _settings(args: argparse.Namespace, projects: Projects) -> ProjectSettings:
    """Each file's project settings with the command line's on top (--select replaces the
    project's select, --ignore adds to its ignore, --runtime replaces), and the project file of
    the first path read now (so a bad one, like a bad --select, stops the run before it starts)."""
    command_line: dict[str, object] = {}
    if args.select:
        command_line["select"] = sorted(parse_rule_ids(args.select, "--select", "--select"))
    if args.ignore:
        command_line["extend-ignore"] = sorted(parse_rule_ids(args.ignore, "--ignore", "--ignore"))
    if args.runtime:
        command_line["runtime"] = args.runtime
    rules = ProjectSettings(projects, command_line)
    first = args.stdin_filename or (args.paths[0] if args.paths and args.paths[0] != "-" else ".")
    if os.path.isdir(first):
        rules.for_folder(first)
    else:
        rules.for_file(first)
    return rules


def _usage(message: str) -> int:
    print(f"wscode check: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse already printed its usage message
        return EXIT_CLEAN if exc.code == 0 else EXIT_USAGE
    args.output_format = FORMAT_ALIASES.get(args.output_format, args.output_format)
    if args.jobs < 0:
        return _usage("--jobs must be 0 (one per CPU) or more")
    if args.fix and args.diff:
        return _usage("--fix and --diff don't go together: --diff shows what --fix would change")
    if "-" in args.paths:
        if args.paths != ["-"]:
            return _usage("- (stdin) can't be mixed with other paths")
        if not args.stdin_filename:
            return _usage("- needs --stdin-filename NAME (its language and config come from the name)")
        return _check_stdin(args)
    if args.stdin_filename:
        return _usage("--stdin-filename needs - as the path (wscode check - --stdin-filename app.ts)")
    jobs = args.jobs or os.cpu_count() or 1
    try:
        selection = select(args.paths, jobs)  # on a big tree, ripgrep starts working now
    except UsageError as exc:
        return _usage(str(exc))
    try:
        return _check(args, selection, jobs)
    finally:
        selection.close()


def _config_error(exc: ConfigError) -> int:
    if exc.key in ("--select", "--ignore"):
        return _usage(f"{exc.key}: {exc.problem} — {exc.fix}")
    return _usage(str(exc))


def _check(args: argparse.Namespace, selection: Selection, jobs: int) -> int:
    try:
        projects = Projects(args.config)
        _setup(_settings(args, projects), args.report_unused_suppressions)
        selection.exclusion = Exclusion(projects, args.force_exclude)
        progress = sys.stderr.isatty()
        results = run_checks(selection.files(), jobs, progress, selection.languages())
        project_pass(results, selection, [p for p in args.paths if os.path.isfile(p)])
    except ConfigError as exc:  # a bad project file (this one, or one found on the way) or rule id
        return _config_error(exc)
    except KeyboardInterrupt:
        return 130
    checked = selection.listed()
    rows, notes = results.rows, results.notes
    excluded = selection.excluded()  # read while ripgrep's listing was not in yet: not checked after all
    if excluded:
        rows = [r for r in rows if r.path not in excluded]
        notes = [n for n in notes if n[0] not in excluded]
    fixed = 0
    if args.fix or args.diff:
        from wscodes.check.fixes import apply_fixes

        rows, fixed, diff = apply_fixes(rows, unsafe=args.unsafe_fixes, write=args.fix, recheck=check_file)
        if args.diff:
            _write(diff)
            threshold = Severity(args.severity).rank
            print(f"wscode check: {_fixes(fixed)} to apply", file=sys.stderr)
            # nothing was written: exit 1 while the diff is not empty or findings would remain
            remain = any(Severity(r.severity).rank >= threshold for r in rows)
            return EXIT_FINDINGS if diff or remain else EXIT_CLEAN
    rows.sort(key=lambda r: (r.path, r.line, r.column, r.rule))
    for _path, note in sorted(notes):
        print(f"wscode check: {note}", file=sys.stderr)
    return _report(args, rows, checked, results.suppressed, fixed)


def _fixes(n: int) -> str:
    return f"{n} fix" if n == 1 else f"{n} fixes"


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _report(args: argparse.Namespace, rows: list[Row], checked: int, suppressed: int, fixed: int) -> int:
    if args.statistics:
        _write(statistics(rows, as_json=args.output_format == "json"))
    else:
        _write(render(rows, args.output_format))
    if args.output_format in ("concise", "full") or args.statistics:
        print(f"wscode check: {summary(checked, rows, suppressed, fixed)}", file=sys.stderr)
    threshold = Severity(args.severity).rank
    failing = sum(1 for r in rows if Severity(r.severity).rank >= threshold)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _stdin_project(name: str, language: str, text: str) -> ProjectIndex | None:
    """What the project around the file ``name`` says about the constants and close functions the
    text from stdin uses (wscodes.check.project), when it changes its check."""
    from wscodes.check.project import index_for_file

    pending: list[Unresolved] = _STATE.get("unresolved") or []  # type: ignore[assignment]
    unresolved = [n for path, _l, found, _h in pending if path == name for n in found]
    return index_for_file(name, language, text, unresolved)


def _check_stdin(args: argparse.Namespace) -> int:
    """``wscode check - --stdin-filename NAME``: the text from stdin, judged as the file NAME.
    With --fix the fixed text goes to stdout and the report to stderr (ruff's convention)."""
    name = args.stdin_filename
    language = language_for(name)
    if language is None:
        return _usage(f"--stdin-filename {name}: not a supported language (by its extension)")
    data = sys.stdin.buffer.read()
    text = data.decode("utf-8-sig", "replace")
    try:
        projects = Projects(args.config)
        _setup(_settings(args, projects), args.report_unused_suppressions)
        if args.force_exclude and Exclusion(projects, True).file(name):
            if args.fix:
                _write(text)
            return EXIT_CLEAN
        rows, _note, suppressed = check_text(name, language, text)
        project = _stdin_project(name, language, text)
        if project is not None:
            rows, _note, suppressed = check_text(name, language, text, project=project)
    except ConfigError as exc:
        return _config_error(exc)
    fixed = 0
    if args.fix or args.diff:
        from wscodes.check.fixes import fix_text, unified

        new_text, fixed = fix_text(text, rows, unsafe=args.unsafe_fixes)
        if fixed:
            rows = check_text(name, language, new_text, project=project)[0]
        if args.diff:
            _write(unified(name, text, new_text))
            return EXIT_FINDINGS if rows or new_text != text else EXIT_CLEAN
        _write(new_text)
        sys.stderr.write(render(rows, "concise"))
        print(f"wscode check: {summary(1, rows, suppressed, fixed)}", file=sys.stderr)
        threshold = Severity(args.severity).rank
        return EXIT_FINDINGS if any(Severity(r.severity).rank >= threshold for r in rows) else EXIT_CLEAN
    return _report(args, rows, 1, suppressed, fixed)
