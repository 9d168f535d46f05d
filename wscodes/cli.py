"""The ``wscode`` command: look up, search and list WebSocket close codes; check source code.

Start-up is part of the product: ``wscode 1006`` must stay within 2× a bare
``python -c pass`` (bench/cli_startup.py), so this module imports only the core's lookup
path; argparse, tree-sitter and the checker are imported only by the commands that need them.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from wscodes.core.teamcodes import ProjectRegistry

EXIT_FOUND, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2

USAGE = (
    "wscode [-h] [--json] [--config FILE] [--color WHEN] QUERY...\n"
    "       wscode list [RANGE] | check [PATHS] | rule ID | html -o FILE"
)

DESCRIPTION = """\
Explain WebSocket close codes (RFC 6455, the IANA registry, the browser close() rules).

QUERY may be a code (1006), a range (3xxx, 40xx, 4000-4999, or a prefix such as 10),
words (timeout, "message too big", overloaded), or a pasted log line or browser error with
codes in it. Your team's own codes (wscodes.toml or [tool.wscodes] in pyproject.toml,
found upward from the current directory) are included and marked.
"""

EPILOG = """\
commands:
  wscode list [RANGE]        every registered code (and your team's), or those in RANGE
  wscode check [PATHS]       lint source code for close-code mistakes (see wscode check -h)
  wscode rule ID             what a rule finds, why, an example and the fix (wscode rule WSC001)
  wscode html -o FILE        write the searchable reference as one offline HTML page

examples:
  wscode 1006
  wscode timeout
  wscode "message too big"
  wscode 3xxx
  wscode "sent 1011 (internal error) keepalive ping timeout; no close frame received"
  wscode 1008 --json | jq .sender

exit status: 0 found, 1 nothing matched, 2 usage or configuration error.
--json prints one object for a number and a list of objects (best first) otherwise;
the fields are documented in the README ("JSON output").
"""

SUBCOMMANDS = ("list", "check", "rule", "html")


def _out(lines: Sequence[str] | object) -> None:
    text = "\n".join(lines) if isinstance(lines, list) else str(lines)
    sys.stdout.write(text + "\n")


def _err(message: str) -> int:
    sys.stderr.write(f"wscode: error: {message}\n")
    return EXIT_USAGE


def _use_color(when: str) -> bool:
    if when == "always":
        return True
    if when == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _registry(config: str | None) -> ProjectRegistry:
    from wscodes.core.teamcodes import ProjectRegistry, discover

    return ProjectRegistry(discover(config))


def _lookup(query: str, as_json: bool, color: str, config: str | None, listing: bool = False) -> int:
    from wscodes.core.errors import ConfigError
    from wscodes.core.search import search

    try:
        registry = _registry(config)
    except ConfigError as exc:
        return _err(str(exc))
    if listing and not query:
        from wscodes.core.search import listing as every_code

        res = every_code(registry)
    else:
        res = search(query, registry)
    if res.kind == "empty":
        return _err(res.message)
    if as_json:
        import json

        payload: object = res.hits[0].code.to_json() if res.kind == "number" else res.to_json()
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from wscodes.render import Style, result

        _out(list(result(res, Style(_use_color(color)))))
    return EXIT_FOUND if res.found else EXIT_NOTHING


def _lookup_parser(prog: str = "wscode", listing: bool = False) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog=prog,
        usage=None if listing else USAGE,
        description="List close codes, all or in a RANGE (3xxx, 4000-4999, 10)." if listing else DESCRIPTION,
        epilog=None if listing else EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "query",
        nargs="?" if listing else "*",
        metavar="RANGE" if listing else "QUERY",
        help="a range" if listing else "a code, a range, words, or a pasted message",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="team-codes file (default: $WSCODES_CONFIG, else wscodes.toml or pyproject.toml "
        "[tool.wscodes] found upward)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (default: auto, only on a terminal; NO_COLOR is honoured)",
    )
    if not listing:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("wscodes")
        except PackageNotFoundError:
            v = "unknown"
        parser.add_argument("--version", action="version", version=f"wscode {v}")
    return parser


def _is_simple(argv: Sequence[str]) -> bool:
    """``wscode QUERY [--json]``: answered without argparse (it costs ~3 ms of start-up)."""
    words = [a for a in argv if a != "--json"]
    if not words or words[0] in SUBCOMMANDS:
        return False
    return all(not a.startswith("-") or a.lstrip("-").isdigit() for a in words)


def _run_list(argv: Sequence[str]) -> int:
    args = _lookup_parser("wscode list", listing=True).parse_args(argv)
    return _lookup(args.query or "", args.json, args.color, args.config, listing=True)


def _run_check(argv: Sequence[str]) -> int:
    try:
        from wscodes.check.cli import main as check_main
    except ImportError:
        return _err("`wscode check` is not available in this installation")
    return check_main(argv)


def _run_rule(argv: Sequence[str]) -> int:
    from wscodes.rules_doc import main as rule_main

    return rule_main(list(argv))


def _run_html(argv: Sequence[str]) -> int:
    try:
        from wscodes.html import main as html_main
    except ImportError:
        return _err("`wscode html` is not available in this installation")
    return html_main(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_simple(args):
            as_json = "--json" in args
            query = " ".join(a for a in args if a != "--json")
            return _lookup(query, as_json, "auto", None)
        commands: dict[str, Callable[[Sequence[str]], int]] = {
            "list": _run_list,
            "check": _run_check,
            "rule": _run_rule,
            "html": _run_html,
        }
        if args and args[0] in commands:
            return commands[args[0]](args[1:])
        parsed = _lookup_parser().parse_args(args)
        if not parsed.query:
            _lookup_parser().print_usage(sys.stderr)
            return _err("give a code, a range or words, e.g. `wscode 1006` (see wscode --help)")
        return _lookup(" ".join(parsed.query), parsed.json, parsed.color, parsed.config)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`wscode list | head`): stop quietly, like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FOUND


def entry() -> None:
    sys.exit(main())


# The modules wscode-slack needs that only the `slack` extra installs (pyproject.toml).
SLACK_MODULES = ("slack_bolt", "aiohttp", "sqlalchemy", "aiosqlite")
SLACK_INSTALL = "pip install 'wscodes[slack]'"


def slack_entry() -> None:
    """``wscode-slack``: the bot, or one line saying how to install its extra (exit 2)."""
    from importlib.util import find_spec

    missing = [name for name in SLACK_MODULES if find_spec(name) is None]
    if missing:
        sys.stderr.write(
            f"wscode-slack: the Slack bot needs the slack extra ({', '.join(missing)} not installed): "
            f"{SLACK_INSTALL}\n"
        )
        sys.exit(EXIT_USAGE)
    from wscodes.slack.app import main as slack_main

    sys.exit(slack_main())


if __name__ == "__main__":
    entry()
