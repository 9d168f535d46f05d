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
close contexts (``wscodes.check.engine``); the results of unchanged files come from the cache
(``wscodes.check.cache``, ``--no-cache``). Output formats: ``wscodes.check.report``; fixes:
``wscodes.check.fixes``. This module imports only what it needs to start ripgrep (``select``):
the scanner, the rules and the reports are imported while ripgrep already searches.

Exit status: 0 when no finding at or above ``--severity`` remains (after ``--fix``), 1 when one
does, 2 on usage errors (a bad path, rule id or config file).
"""

from __future__ import annotations

import argparse
import os
import sys

from wscodes.check.files import UsageError, select

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from wscodes.check.cache import Cache
    from wscodes.check.files import Selection
    from wscodes.check.report import Row
    from wscodes.core.errors import ConfigError
    from wscodes.core.scan import ProjectIndex
    from wscodes.core.teamcodes import Projects, ProjectSettings

__all__ = ["OUTPUT_FORMATS", "SEVERITIES", "main"]

# (report.FORMATS and core.rules.Severity, written out: the scanner's imports wait until ripgrep
# runs; tests check they agree)
OUTPUT_FORMATS = ("concise", "full", "json", "sarif", "github", "gitlab", "junit")
SEVERITIES = ("error", "warning", "info", "hint")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_ALIASES = {"text": "full"}  # --format text (before --output-format existed) is today's full


# ---------------------------------------------------------------------------------------------
# Arguments


class _Parser(argparse.ArgumentParser):
    """The epilog lists the rules: built when help is shown (the rules import the registry)."""

    def format_help(self) -> str:
        if self.epilog is None:
            from wscodes.core.rules import RULES

            self.epilog = (
                "rules: "
                + ", ".join(f"{r.id} {r.name}" for r in RULES.values())
                + " (wscode rule WSC001 explains one). Config: the nearest [tool.wscodes] in pyproject.toml "
                'or wscodes.toml to each file (rules = {WSC005 = "off"}, runtime = "browser", exclude, '
                "extend-exclude, per-file-ignores). Suppress one finding with a comment: "
                "# wscode: ignore[WSC001] (or // …) on its line or alone on the line before; a whole file "
                "with wscode: ignore-file[WSC001]. Cache: results of unchanged files are kept in "
                ".wscode_cache (--no-cache, --cache-dir)."
            )
        return super().format_help()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wscode check",
        description="Find WebSocket close-code mistakes in source code (Python, JavaScript/TypeScript, "
        "Go, Rust, Java, Kotlin, C#, Swift, PHP, Ruby, Elixir, C, C++, Objective-C, Dart, Scala, Lua, "
        "and the <script> blocks of .vue, .svelte, .astro and .html files).",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories (default: .); - reads stdin",
    )
    choices = (*OUTPUT_FORMATS, *FORMAT_ALIASES)
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
        choices=SEVERITIES,
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
    parser.add_argument(
        "--no-cache", action="store_true",
        help="neither read nor write the cache of unchanged files' results",
    )  # fmt: skip
    parser.add_argument(
        "--cache-dir", metavar="DIR",
        help="where the cache lives (default: $WSCODE_CACHE_DIR, else .wscode_cache in the working "
        "directory)",
    )  # fmt: skip
    return parser


# ---------------------------------------------------------------------------------------------
# main


def _command_line(args: argparse.Namespace) -> dict[str, object]:
    """The command line's rule settings (--select replaces the project's select, --ignore adds to
    its ignore, --runtime replaces)."""
    from wscodes.core.rules import parse_rule_ids

    command_line: dict[str, object] = {}
    if args.select:
        command_line["select"] = sorted(parse_rule_ids(args.select, "--select", "--select"))
    if args.ignore:
        command_line["extend-ignore"] = sorted(parse_rule_ids(args.ignore, "--ignore", "--ignore"))
    if args.runtime:
        command_line["runtime"] = args.runtime
    return command_line


def _settings(
    args: argparse.Namespace, projects: Projects, command_line: dict[str, object]
) -> ProjectSettings:
    """Each file's project settings with the command line's on top, and the project file of the
    first path read now (so a bad one, like a bad --select, stops the run before it starts)."""
    from wscodes.core.teamcodes import ProjectSettings

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


def _cache(args: argparse.Namespace, command_line: dict[str, object]) -> Cache | None:
    """The cache for this run (None with --no-cache or $WSCODE_NO_CACHE, as ruff's RUFF_NO_CACHE)."""
    from wscodes.check.cache import CACHE_DIR_NAME, CACHE_ENV, NO_CACHE_ENV, Cache

    if args.no_cache or os.environ.get(NO_CACHE_ENV, "").lower() not in ("", "0", "false", "no"):
        return None

    directory = args.cache_dir or os.environ.get(CACHE_ENV) or CACHE_DIR_NAME
    context = {"rules": command_line, "unused": args.report_unused_suppressions}
    return Cache(os.path.abspath(directory), context)


def _check(args: argparse.Namespace, selection: Selection, jobs: int) -> int:
    from wscodes.check.engine import check_file, project_pass, run_checks, setup
    from wscodes.check.files import Exclusion
    from wscodes.core.errors import ConfigError
    from wscodes.core.rules import Severity
    from wscodes.core.teamcodes import Projects

    try:
        projects = Projects(args.config)
        command_line = _command_line(args)
        cache = _cache(args, command_line)
        setup(_settings(args, projects, command_line), args.report_unused_suppressions, cache)
        selection.exclusion = Exclusion(projects, args.force_exclude)
        progress = sys.stderr.isatty()
        uses_urls = args.output_format in URL_FORMATS and not args.statistics
        meanwhile = _report_data if uses_urls else None
        results = run_checks(selection.files(), jobs, progress, selection.languages(), meanwhile)
        project_pass(results, selection, [p for p in args.paths if os.path.isfile(p)])
        if cache is not None:
            cache.save()
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
        if cache is not None:
            cache.save()  # (the fixed files, checked again)
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


URL_FORMATS = ("full", "json", "sarif")  # the reports that link each rule's documentation


def _report_data() -> None:
    """Read what the report needs and the checking does not, while the workers check: the rules'
    documentation URLs (from the installed distribution's metadata: importing importlib.metadata
    and reading it costs ~40 ms) and the interop measurements. (Cached where they are defined.)"""
    from wscodes.core.registry import measured_for
    from wscodes.core.rules import project_urls

    try:
        project_urls()
        measured_for(1000)
    except Exception:  # (the report reads them again, and says what is wrong)
        return


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
    from wscodes.check.report import render, statistics, summary
    from wscodes.core.rules import Severity

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
    from wscodes.check.engine import _STATE, Unresolved
    from wscodes.check.project import index_for_file

    pending: list[Unresolved] = _STATE.get("unresolved") or []  # type: ignore[assignment]
    unresolved = [n for path, _l, found, _h in pending if path == name for n in found]
    return index_for_file(name, language, text, unresolved)


def _check_stdin(args: argparse.Namespace) -> int:
    """``wscode check - --stdin-filename NAME``: the text from stdin, judged as the file NAME.
    With --fix the fixed text goes to stdout and the report to stderr (ruff's convention)."""
    from wscodes.check.engine import check_text, setup
    from wscodes.check.files import Exclusion
    from wscodes.check.report import render, summary
    from wscodes.core.errors import ConfigError
    from wscodes.core.rules import Severity
    from wscodes.core.scan import language_for
    from wscodes.core.teamcodes import Projects

    name = args.stdin_filename
    language = language_for(name)
    if language is None:
        return _usage(f"--stdin-filename {name}: not a supported language (by its extension)")
    data = sys.stdin.buffer.read()
    text = data.decode("utf-8-sig", "replace")
    try:
        projects = Projects(args.config)
        setup(_settings(args, projects, _command_line(args)), args.report_unused_suppressions)
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
