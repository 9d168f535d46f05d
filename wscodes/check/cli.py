"""``wscode check [PATHS]``: lint source code for close-code mistakes (text, JSON or SARIF output).

The same engine as the language server (``core.rules.analyse``), so CI and the editor agree.
Which files: ``wscodes.check.files`` (``git ls-files -co --exclude-standard`` inside a git work tree, so
.gitignore is honoured, else a walk that skips .git, node_modules, virtualenvs and caches). Binary
files and files over 2 MB are skipped with a note on stderr. A cheap byte prefilter
(``core.scan.needles``) skips files that cannot contain a finding — on big trees it runs natively
(ripgrep, or grep, streaming into the workers), so Python reads only the candidates — and those
are parsed only around their close contexts.

Exit status: 0 when no finding at or above ``--severity`` remains, 1 when one does, 2 on usage
errors (a bad path, rule id or config file).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from itertools import chain, islice
from urllib.parse import quote

from wscodes.check.files import Selection, UsageError, batches, select
from wscodes.core.errors import ConfigError
from wscodes.core.positions import LineIndex, line_column
from wscodes.core.rules import RULES, Severity, analyse, parse_rule_ids
from wscodes.core.scan import needles
from wscodes.core.teamcodes import Projects, ProjectSettings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

__all__ = ["main"]

MAX_BYTES = 2 * 1024 * 1024
FIRST_READ = 1 << 16
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
INFO_URI = "https://www.rfc-editor.org/rfc/rfc6455#section-7.4"

# One reported finding, flattened so worker processes can send it back cheaply:
# (path, line, column, end_line, end_column, rule, severity, message, code, fixes)
# with fixes as (title, line, column, end_line, end_column, replacement); 1-based code-point columns.
Row = tuple[
    str, int, int, int, int, str, str, str, "int | None", tuple[tuple[str, int, int, int, int, str], ...]
]


# ---------------------------------------------------------------------------------------------
# Arguments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wscode check",
        description="Find WebSocket close-code mistakes in source code (Python, JS/TS, Go, Rust, Java, "
        "Kotlin, C#, Swift, PHP, Ruby, Elixir).",
        epilog="rules: "
        + ", ".join(f"{r.id} {r.name}" for r in RULES.values())
        + ". Config: the nearest [tool.wscodes] in pyproject.toml or wscodes.toml to each file "
        '(rules = {WSC005 = "off"}, runtime = "browser").',
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)"
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
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
    return parser


# ---------------------------------------------------------------------------------------------
# Checking one file (runs in worker processes)

_STATE: dict[str, object] = {}


def _setup(rules: ProjectSettings) -> None:
    _STATE["rules"] = rules
    _STATE["needles"] = {}


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


def check_file(path: str, language: str | None) -> tuple[list[Row], str | None]:
    """Findings for one file (as rows) and an optional note for stderr."""
    if language is None:
        return [], f"skipped {path}: not a supported language"
    data = _read(path)
    if isinstance(data, str):
        return [], data
    for search in _file_needles(language):
        if search(data) is not None:
            break
    else:
        return [], None
    text = data.decode("utf-8-sig", "replace")  # columns as editors count them: no BOM
    rules: ProjectSettings = _STATE["rules"]  # type: ignore[assignment]
    registry, config = rules.for_file(path)
    analysis = analyse(text, language, registry, config, windowed=True)
    if not analysis.findings:
        return [], None
    index = LineIndex(text) if "\r" in text else None

    def position(offset: int) -> tuple[int, int]:
        return index.position(offset, "utf-32") if index is not None else line_column(text, offset)

    def where(start: int, end: int) -> tuple[int, int, int, int]:
        (line, column), (end_line, end_column) = position(start), position(end)
        return line + 1, column + 1, end_line + 1, end_column + 1

    rows: list[Row] = []
    for f in analysis.findings:
        fixes = tuple((fix.title, *where(fix.start, fix.end), fix.replacement) for fix in f.fixes)
        rows.append((path, *where(f.start, f.end), f.rule, f.severity.value, f.message, f.code, fixes))
    return rows, None


def _check_chunk(files: list[tuple[str, str | None]]) -> tuple[list[Row], list[tuple[str, str]], int]:
    rows: list[Row] = []
    notes: list[tuple[str, str]] = []
    for path, language in files:
        found, note = check_file(path, language)
        rows.extend(found)
        if note:
            notes.append((path, note))
    return rows, notes, len(files)


def run_checks(
    files: Iterable[tuple[str, str | None]], jobs: int, progress: bool, languages: set[str] | None = None
) -> tuple[list[Row], list[tuple[str, str]], int]:
    """Check every file (in worker processes when there are many): rows, (path, note)s, files read.
    ``languages``: the files come from the native prefilter of a big tree (wscodes.check.files), so start
    the workers at once, on small chunks, while ripgrep or grep is still finding files."""
    rows: list[Row] = []
    notes: list[tuple[str, str]] = []
    chunk = 128 if languages is None else 16
    stream = iter(files)
    head = list(islice(stream, 2 * chunk)) if languages is None else []
    parallel = jobs > 1 and (languages is not None or len(head) == 2 * chunk) and hasattr(os, "fork")
    chunks = batches(chain(head, stream), chunk)
    done = 0
    last = time.monotonic()

    def collect(found: list[Row], found_notes: list[tuple[str, str]], count: int) -> None:
        nonlocal done, last
        rows.extend(found)
        notes.extend(found_notes)
        done += count
        if progress and time.monotonic() - last > 0.2:
            last = time.monotonic()
            sys.stderr.write(f"\rwscode check: {done} files…")
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
    if progress and done:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
    return rows, notes, done


# ---------------------------------------------------------------------------------------------
# Output


def _display(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _as_text(rows: Iterable[Row]) -> str:
    return "".join(f"{_display(r[0])}:{r[1]}:{r[2]}: {r[5]} {r[7]}\n" for r in rows)


def _as_json(rows: Iterable[Row]) -> str:
    out = []
    for path, line, column, end_line, end_column, rule, severity, message, code, fixes in rows:
        evidence = RULES[rule].evidence
        out.append(
            {
                "path": _display(path),
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "rule": rule,
                "name": RULES[rule].name,
                "severity": severity,
                "message": message,
                "code": code,
                "evidence": {"title": evidence.title, "url": evidence.url},
                "fixes": [
                    {"title": t, "line": a, "column": b, "end_line": c, "end_column": d, "replacement": rep}
                    for t, a, b, c, d, rep in fixes
                ],
            }
        )
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}


def _artifact(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT% (the working directory) when inside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative == ".." or relative.startswith(".." + os.sep):
        from pathlib import Path

        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _as_sarif(rows: Iterable[Row]) -> str:
    from importlib import metadata

    try:
        version = metadata.version("wscodes")
    except metadata.PackageNotFoundError:
        version = "0"
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": f"{rule.summary} See {rule.evidence.title}."},
            "helpUri": rule.evidence.url,
            "help": {
                "text": f"{rule.summary}\n{rule.evidence.title}: {rule.evidence.url}",
                "markdown": f"{rule.summary}\n\n[{rule.evidence.title}]({rule.evidence.url})",
            },
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity.value]},
            "properties": {"tags": ["websocket", "close-code"]},
        }
        for rule in RULES.values()
    ]
    results = []
    for path, line, column, end_line, end_column, rule, severity, message, _code, fixes in rows:
        location = {"artifactLocation": _artifact(path)}
        result: dict[str, object] = {
            "ruleId": rule,
            "ruleIndex": rule_ids.index(rule),
            "level": _SARIF_LEVEL[severity],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        **location,
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        },
                    }
                }
            ],
        }
        if fixes:
            result["fixes"] = [
                {
                    "description": {"text": title},
                    "artifactChanges": [
                        {
                            **location,
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": a, "startColumn": b, "endLine": c, "endColumn": d,
                                    },
                                    "insertedContent": {"text": replacement},
                                }
                            ],
                        }
                    ],
                }
                for title, a, b, c, d, replacement in fixes
            ]  # fmt: skip
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wscode",
                        "informationUri": INFO_URI,
                        "version": version,
                        "semanticVersion": version,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _base_uri()}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _base_uri() -> str:
    from pathlib import Path

    return Path(os.getcwd()).as_uri() + "/"


# ---------------------------------------------------------------------------------------------
# main


def _rules(args: argparse.Namespace) -> ProjectSettings:
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
    rules = ProjectSettings(Projects(args.config), command_line)
    first = args.paths[0] if args.paths else "."
    if os.path.isdir(first):
        rules.for_folder(first)
    else:
        rules.for_file(first)
    return rules


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse already printed its usage message
        return EXIT_CLEAN if exc.code == 0 else EXIT_USAGE
    if args.jobs < 0:
        print("wscode check: --jobs must be 0 (one per CPU) or more", file=sys.stderr)
        return EXIT_USAGE
    jobs = args.jobs or os.cpu_count() or 1
    try:
        selection = select(args.paths, jobs)  # on a big tree, ripgrep starts working now
    except UsageError as exc:
        print(f"wscode check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _check(args, selection, jobs)
    finally:
        selection.close()


def _check(args: argparse.Namespace, selection: Selection, jobs: int) -> int:
    try:
        _setup(_rules(args))
        progress = sys.stderr.isatty()
        rows, notes, _read = run_checks(selection.files(), jobs, progress, selection.languages())
    except ConfigError as exc:  # a bad project file (this one, or one found on the way) or rule id
        if exc.key in ("--select", "--ignore"):
            print(f"wscode check: {exc.key}: {exc.problem} — {exc.fix}", file=sys.stderr)
        else:
            print(f"wscode check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    checked = selection.listed()
    excluded = selection.excluded()  # read while ripgrep's listing was not in yet: not checked after all
    if excluded:
        rows = [r for r in rows if r[0] not in excluded]
        notes = [n for n in notes if n[0] not in excluded]
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[5]))
    for _path, note in sorted(notes):
        print(f"wscode check: {note}", file=sys.stderr)
    render = {"text": _as_text, "json": _as_json, "sarif": _as_sarif}[args.format]
    try:
        sys.stdout.write(render(rows))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    threshold = Severity(args.severity).rank
    failing = sum(1 for r in rows if Severity(r[6]).rank >= threshold)
    if args.format == "text":
        counts = {s.value: sum(1 for r in rows if r[6] == s.value) for s in Severity}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
        print(f"wscode check: {checked} files checked: {summary}", file=sys.stderr)
    return EXIT_FINDINGS if failing else EXIT_CLEAN
