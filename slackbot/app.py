"""``wscode-slack``: run the bot (Socket Mode or HTTP), or preview a reply offline.

    wscode-slack --mode socket                       # SLACK_BOT_TOKEN, SLACK_APP_TOKEN
    wscode-slack --mode http [--host H] [--port P]   # SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET
    wscode-slack --mode http                         # any workspace installs it: SLACK_CLIENT_ID,
                                                     # SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET
    wscode-slack preview [--json] TEXT...            # no Slack connection at all

Every mode keeps its data in a database: ``--database-url`` (or $DATABASE_URL), SQLite by default.

Exit codes: 0 stopped cleanly, 1 could not run (port taken, Slack or the database unreachable),
2 bad usage, a missing or malformed credential, a bad team-codes file, or a token Slack rejected.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import re
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wscodes.core.errors import ConfigError
from wscodes.core.teamcodes import ProjectRegistry, discover
from wscodes.slack.blocks import Request, answer, preview_text
from wscodes.slack.config import Settings, SettingsError, load_settings
from wscodes.slack.text import clean

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from wscodes.slack.store import Database

__all__ = ["build_bolt", "main"]

PROG = "wscode-slack"
EXIT_RUNTIME, EXIT_USAGE = 1, 2
_SECRETS = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
_REJECTED = {
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "not_allowed_token_type",
}

log = logging.getLogger("wscode-slack")


class _RedactTokens(logging.Filter):
    """Belt and braces: no log line ever carries a Slack token, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRETS.search(message) or _URL_PASSWORD.search(message):
            message = _URL_PASSWORD.sub(r"\1***@", _SECRETS.sub(r"\1-…", message))
            record.msg, record.args = message, None
        return True


def _setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG} %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_bolt", "slack_sdk", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


RATE_LIMIT_RETRIES = 2  # a 429 is retried after its Retry-After this many times, then reported


def build_bolt(
    settings: Settings, registry: ProjectRegistry, db: Database, codes_ttl: float = 1.0
) -> AsyncApp:
    """The Bolt app with the bot's listeners; its Web API client talks to ``settings.api_url``.

    With SLACK_CLIENT_ID/SLACK_CLIENT_SECRET it installs to any workspace: Bolt's OAuth flow, with
    slack_sdk's SQLAlchemy installation and state stores in ``db``. Otherwise one bot token."""
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
    from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
    from slack_sdk.web.async_client import AsyncWebClient

    from wscodes.slack.listeners import register

    client = AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)],
    )
    oauth = None
    if settings.oauth:
        assert settings.client_id is not None and settings.client_secret is not None
        oauth = AsyncOAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(settings.scopes),
            installation_store=AsyncSQLAlchemyInstallationStore(settings.client_id, db.engine),
            installation_store_bot_only=True,
            state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600, engine=db.engine),
            authorization_url=settings.authorize_url,
        )
    bolt_logger = logging.getLogger("slack_bolt.AsyncApp")
    level = bolt_logger.level
    # Bolt warns that the client's token wins over $SLACK_BOT_TOKEN: it is the same token.
    bolt_logger.setLevel(logging.ERROR)
    try:
        app = AsyncApp(
            name=PROG,
            client=client,
            # Run listeners before responding: the command's answer is in its ack, and Bolt's other
            # mode polls for the ack every 10 ms (latency for nothing). Slow work is in lazy listeners.
            process_before_response=True,
            signing_secret=settings.signing_secret or "",
            request_verification_enabled=settings.mode == "http",
            oauth_settings=oauth,
            logger=bolt_logger,
        )
    finally:
        bolt_logger.setLevel(level)
    register(app, registry, db, settings.editors, codes_ttl)
    return app


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _registry(config: str | None) -> ProjectRegistry:
    return ProjectRegistry(discover(config))


async def _check_token(app: AsyncApp, settings: Settings) -> int | None:
    """auth.test once at start: a rejected token stops here (exit 2); an unreachable API only warns.
    With OAuth there is no token to check until a workspace installs the app."""
    from slack_sdk.errors import SlackApiError

    if settings.oauth:
        return None

    try:
        result = await app.client.auth_test()
    except SlackApiError as exc:
        error = (
            str(exc.response.get("error", "unknown_error")) if exc.response is not None else "unknown_error"
        )
        if error in _REJECTED:
            return _fail(
                f"SLACK_BOT_TOKEN was rejected by the Slack API ({error}): copy the bot token again", 2
            )
        log.warning("auth.test failed (%s); carrying on", error)
    except Exception as exc:  # network: DNS, refused, timeout
        if settings.mode == "socket":
            return _fail(
                f"cannot reach the Slack API at {settings.api_url} ({type(exc).__name__})", EXIT_RUNTIME
            )
        log.warning(
            "cannot reach the Slack API at %s (%s); replies that need it will fail", settings.api_url, exc
        )
    else:
        log.info("signed in as %s (team %s)", result.get("user"), result.get("team"))
    return None


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


# One line per request: who, what, the status and the seconds it took (no headers, no body).
ACCESS_LOG_FORMAT = '%a "%r" %s %Tf s'
DRAIN_SECONDS = 25.0  # on SIGTERM: stop accepting, let requests in flight and lazy listeners finish


async def _drain(timeout: float) -> None:
    """Wait for the tasks still running (lazy listeners: replies being posted), at most ``timeout``."""
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        log.info("finishing %d task(s) in flight", len(pending))
        await asyncio.wait(pending, timeout=timeout)


async def serve_http(
    app: AsyncApp,
    settings: Settings,
    host: str,
    port: int,
    db: Database | None = None,
    *,
    access_log: bool = False,
) -> int:
    from aiohttp import web

    from wscodes.slack.server import EVENTS_PATH, web_app

    if (failed := await _check_token(app, settings)) is not None:
        return failed
    assert settings.signing_secret is not None
    access = logging.getLogger("aiohttp.access") if access_log else None
    if access is not None:
        access.setLevel(logging.INFO)
    runner = web.AppRunner(
        web_app(app, settings.signing_secret, db),
        access_log=access,
        access_log_format=ACCESS_LOG_FORMAT,
        handle_signals=False,
        shutdown_timeout=DRAIN_SECONDS,  # requests in flight finish before the server closes
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        return _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_RUNTIME)
    gc.freeze()  # start-up objects (registry, Bolt, aiohttp) are permanent: keep them out of every GC pass
    bound_host, bound_port = runner.addresses[0][:2]
    print(f"{PROG}: listening on http://{bound_host}:{bound_port}{EVENTS_PATH}", file=sys.stderr, flush=True)
    try:
        await _until_stopped()
        log.info("stopping: finishing requests in flight")
    finally:
        await runner.cleanup()
        await _drain(DRAIN_SECONDS)
    return 0


async def serve_socket(app: AsyncApp, settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    if (failed := await _check_token(app, settings)) is not None:
        return failed
    handler = AsyncSocketModeHandler(app, settings.app_token)
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]
    except Exception as exc:
        return _fail(f"cannot open a Socket Mode connection ({type(exc).__name__}: {exc})", EXIT_RUNTIME)
    print(f"{PROG}: connected in Socket Mode", file=sys.stderr, flush=True)
    try:
        await _until_stopped()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]
    return 0


def _serve(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="The wscodes Slack bot: /wscode and @mentions answer with WebSocket close codes.",
        epilog="Also: wscode-slack preview [--json] TEXT (renders a reply offline). "
        "Credentials come from SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET (http) or SLACK_APP_TOKEN (socket).",
    )
    parser.add_argument("--mode", choices=("socket", "http"), required=True, help="how Slack reaches the bot")
    parser.add_argument(
        "--host", default="127.0.0.1", help="HTTP mode: address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=3000, help="HTTP mode: port (default 3000; 0 picks a free one)"
    )
    parser.add_argument("--config", help="team-codes file (default: $WSCODES_CONFIG, else found upward)")
    parser.add_argument(
        "--database-url",
        help="sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB "
        "(default: $DATABASE_URL, else sqlite:///wscodes-slack.sqlite3 in the working directory)",
    )
    parser.add_argument(
        "--codes-cache-seconds",
        type=float,
        default=1.0,
        help="reuse a workspace's codes read from the database for this long (default 1; 0: read "
        "on every answer). An edit on another replica shows up within this time",
    )
    parser.add_argument("--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    parser.add_argument(
        "--access-log",
        action="store_true",
        help="HTTP mode: log one line per request to stderr (address, request line, status, seconds)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.codes_cache_seconds <= 3600:
        parser.error("--codes-cache-seconds must be between 0 and 3600")
    if not 0 <= args.port <= 65535:
        parser.error(f"--port {args.port} is not a TCP port (0–65535)")
    import os

    try:
        settings = load_settings(args.mode, os.environ)
    except SettingsError as exc:
        return _fail("cannot start:\n  " + "\n  ".join(exc.problems), EXIT_USAGE)
    try:
        registry = _registry(args.config)
    except ConfigError as exc:
        return _fail(str(exc), EXIT_USAGE)
    _setup_logging(args.log_level)
    if registry.team:
        log.info("team codes from %s: %s", registry.config.path, ", ".join(map(str, registry.team)))
    from wscodes.slack.store import DEFAULT_DATABASE_URL, DatabaseError, DatabaseUnreachable

    url = args.database_url or settings.database_url or DEFAULT_DATABASE_URL
    try:
        return asyncio.run(_run(settings, registry, url, args))
    except DatabaseUnreachable as exc:
        return _fail(str(exc), EXIT_RUNTIME)
    except DatabaseError as exc:
        return _fail(str(exc), EXIT_USAGE)


async def _run(settings: Settings, registry: ProjectRegistry, url: str, args: argparse.Namespace) -> int:
    from wscodes.slack.store import Database

    db = Database(url)
    try:
        version = await db.migrate()
        log.info("database %s, schema version %d", db.safe_url(), version)
        app = build_bolt(settings, registry, db, args.codes_cache_seconds)
        if settings.mode == "http":
            return await serve_http(app, settings, args.host, args.port, db, access_log=args.access_log)
        return await serve_socket(app, settings)
    finally:
        await db.close()


def _preview(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} preview", description="Show the reply to /wscode TEXT (Block Kit and text), offline."
    )
    parser.add_argument("text", nargs="*", help="what you would type after /wscode")
    parser.add_argument("--json", action="store_true", help="print only the message JSON (text + blocks)")
    parser.add_argument("--config", help="team-codes file (default: $WSCODES_CONFIG, else found upward)")
    args = parser.parse_args(argv)
    try:
        registry = _registry(args.config)
    except ConfigError as exc:
        return _fail(str(exc), EXIT_USAGE)
    reply = answer(Request(clean(" ".join(args.text))), registry)
    message = json.dumps({"response_type": "ephemeral", **reply.message()}, ensure_ascii=False, indent=2)
    if args.json:
        print(message)
    else:
        print(preview_text(reply.blocks))
        print("\n--- Block Kit (paste into Block Kit Builder) ---")
        print(message)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["preview"]:
            return _preview(args[1:])
        return _serve(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
