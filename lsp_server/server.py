"""`wscode-lsp`: the entry point of the wscodes language server (LSP over stdio).

This module stays light: it parses the command line and only then imports pygls and the
handlers (``wscodes.lsp.handlers``), so ``--version`` and ``--help`` answer at once. The server
only translates: documents go to the engine (``core.rules.analyse``), findings come back as
diagnostics and quick fixes, occurrences as hovers, inlay hints and navigation. It never writes
to stdout except protocol; logs go to stderr and ``window/logMessage``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pygls/lsprotocol load only when the server really starts (not for --version)
    from wscodes.lsp.app import WscodesServer

NAME = "wscode-lsp"

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


def client_alive(pid: int) -> bool:
    """Whether the client process ``pid`` still runs (a zombie does not)."""
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


def exit_now(code: int) -> None:
    """Leave at once: flush our streams and skip waiting for worker threads (they hold no state)."""
    logging.shutdown()
    for stream in (sys.stderr, sys.__stdout__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def build_server() -> WscodesServer:
    """The language server with every feature registered (not started).

    pygls, lsprotocol and the handlers load here, not at import: ``wscode-lsp --version`` and
    ``--help`` answer without them.
    """
    from wscodes.lsp.handlers import create

    return create()


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
    exit_now(0 if server.shutdown_requested else 1)


if __name__ == "__main__":
    main()
