"""Ack latency of `/wscode` over signed HTTP versus a bare Bolt app acking a fixed text (goal: p99 ≤ 1.5×),
with the bot's database in the path: SQLite (a file) and PostgreSQL (a server this script starts,
as the tests do: Debian's postgresql package, initdb into a temporary folder).

All servers run the same stack, each in its own process on loopback: aiohttp's server, the same
signature check (slackbot.server) and an AsyncApp with the same built-in middleware. The baseline's
only listener acks "ok" and it uses the bot's Bolt settings (process_before_response=True); a second
bare app with Bolt's defaults is measured for reference. The bot is the real `wscode-slack --mode
http`, once per database; every command reads the workspace's own codes from the database.
A small local server answers auth.test (Bolt authorises every request with it, once).
Half the questions are common ones (the bot keeps recent answers), half are new each time.
The client sends REQUESTS signed slash commands, CONCURRENCY at a time, to each server in turn,
ROUNDS times, and prints latency percentiles, requests per second and errors per round, and the
ratio of the median round p99s (rounds alternate the order; a median shrugs off a noisy round).

    python bench/slack_bench.py [--requests 500] [--concurrency 50] [--rounds 9] [--database both]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SECRET = "0123456789abcdef0123456789abcdef"  # made-up: this bench never talks to Slack
TOKEN = "xoxb-0000-0000-benchmarkfaketoken"
QUERIES = [
    "1011",
    "timeout",
    "3xxx",
    "list",
    "message too big",
    "WebSocket connection to 'wss://example.org/' failed: Close received 1006",
    "4000-4999",
    "policy violation",
]


# -- the servers ---------------------------------------------------------------------------------


def serve_baseline(port: int, process_before_response: bool) -> None:
    """A bare Bolt app on the bot's server stack: one command listener acking a fixed text."""
    sys.path.insert(0, str(ROOT))
    from slack_bolt.async_app import AsyncAck, AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from wscodes.slack.app import serve_http
    from wscodes.slack.config import load_settings

    settings = load_settings("http", os.environ)
    client = AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    app = AsyncApp(client=client, signing_secret=SECRET, process_before_response=process_before_response)

    @app.command("/wscode")
    async def fixed(ack: AsyncAck) -> None:
        await ack(text="ok", response_type="ephemeral")

    asyncio.run(serve_http(app, settings, "127.0.0.1", port))


def auth_test_server() -> str:
    """auth.test (and nothing else) on loopback, in a thread."""
    from aiohttp import web

    ready = threading.Event()
    url: list[str] = []

    async def auth_test(_: web.Request) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "user_id": "UBENCH",
                "bot_id": "BBENCH",
                "team_id": "TBENCH",
                "user": "bench",
                "team": "b",
            }
        )

    async def start() -> None:
        app = web.Application()
        app.router.add_post("/api/auth.test", auth_test)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url.append(f"http://127.0.0.1:{runner.addresses[0][1]}/api/")
        ready.set()

    def run() -> None:
        loop = asyncio.new_event_loop()
        loop.run_until_complete(start())
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return url[0]


def start(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if "listening on " in line:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep draining
            return proc, line.split("listening on ", 1)[1].strip()
    raise SystemExit(f"server did not start: {cmd}")


# -- the client ----------------------------------------------------------------------------------


_unique = itertools.count(1000)


def query(i: int) -> str:
    """Every other request repeats a common question; the rest are new (so the bot's answer cache
    can't serve them): a number never asked before in this run, with one of the common questions."""
    common = QUERIES[(i // 2) % len(QUERIES)]
    return common if i % 2 == 0 else f"{common} {next(_unique)}"


def signed(text: str) -> tuple[bytes, dict[str, str]]:
    body = urlencode(
        {
            "command": "/wscode",
            "text": text,
            "team_id": "TBENCH",
            "user_id": "U0BENCH",
            "channel_id": "C0BENCH",
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
            "api_app_id": "A0BENCH",
        }
    ).encode()
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": sig,
    }
    return body, headers


async def load(
    url: str, requests: int, concurrency: int, expect_blocks: bool
) -> tuple[list[float], int, float]:
    import aiohttp

    latencies: list[float] = []
    errors = 0
    gate = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int) -> None:
            nonlocal errors
            body, headers = signed(query(i))
            async with gate:
                t = time.perf_counter()
                try:
                    async with session.post(url, data=body, headers=headers) as resp:
                        payload = await resp.read()
                        latencies.append(time.perf_counter() - t)
                        ok = resp.status == 200 and (not expect_blocks or b'"blocks"' in payload)
                        errors += not ok
                except aiohttp.ClientError:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(requests)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--serve-baseline", choices=("defaults", "same"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_baseline is not None:
        serve_baseline(0, process_before_response=args.serve_baseline == "same")
        return 0

    api_url = auth_test_server()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "WSCODES_"))}
    env.update(
        SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url, PYTHONUNBUFFERED="1"
    )
    bot_script = Path(sys.executable).with_name("wscode-slack")
    bot_cmd = [str(bot_script)] if bot_script.exists() else [sys.executable, "-m", "wscodes.slack.app"]
    with ExitStack() as stack:
        urls = {}
        if args.database in ("sqlite", "both"):
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="wscodes-bench-"))
            urls["sqlite"] = f"sqlite:///{folder}/bench.sqlite3"
        if args.database in ("postgresql", "both"):
            sys.path.insert(0, str(ROOT))
            from tests.slack.postgres import postgres_server

            urls["postgresql"] = stack.enter_context(postgres_server())
        return run(args, env, bot_cmd, urls)


def run(args: argparse.Namespace, env: dict[str, str], bot_cmd: list[str], urls: dict[str, str]) -> int:
    servers = {
        "baseline: bare Bolt, same settings": start(
            [sys.executable, __file__, "--serve-baseline", "same"], env
        ),
        "bare Bolt, Bolt's defaults": start([sys.executable, __file__, "--serve-baseline", "defaults"], env),
    }
    for kind, url in urls.items():
        servers[f"wscode-slack ({kind})"] = start(
            [*bot_cmd, "--mode", "http", "--port", "0", "--log-level", "WARNING", "--database-url", url], env
        )
    pooled: dict[str, list[float]] = {name: [] for name in servers}
    per_round: dict[str, list[float]] = {name: [] for name in servers}
    total_errors = 0
    try:
        for _, url in servers.values():  # warm-up: imports, auth.test, first index build
            asyncio.run(load(url, 100, args.concurrency, False))
        print(f"{args.requests} signed /wscode requests, {args.concurrency} concurrent, loopback; ms")
        print(
            f"{'round':>5}  {'server':<36} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7} "
            f"{'req/s':>7} {'errors':>6}"
        )
        for r in range(1, args.rounds + 1):
            order = (
                list(servers.items()) if r % 2 else list(servers.items())[::-1]
            )  # alternate who goes first
            for name, (_, url) in order:
                lat, errors, elapsed = asyncio.run(
                    load(url, args.requests, args.concurrency, "wscode" in name)
                )
                pooled[name] += lat
                per_round[name].append(pct(lat, 0.99))
                total_errors += errors
                print(
                    f"{r:>5}  {name:<36} {pct(lat, 0.5):7.1f} {pct(lat, 0.9):7.1f} {pct(lat, 0.99):7.1f} "
                    f"{max(lat) * 1000:7.1f} {len(lat) / elapsed:7.0f} {errors:>6}"
                )
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(10)
    names = list(servers)
    base = pooled[names[0]]
    base_p99, default_p99 = (statistics.median(per_round[n]) for n in names[:2])
    worst = 0.0
    for name in names[2:]:
        bot = pooled[name]
        bot_p99 = statistics.median(per_round[name])
        ratio = bot_p99 / base_p99
        worst = max(worst, ratio)
        print(
            f"{name}: median of the rounds' p99 {bot_p99:.1f} ms vs baseline {base_p99:.1f} ms, "
            f"ratio {ratio:.2f} (goal ≤ 1.5); pooled p50 {pct(bot, 0.5):.1f} vs {pct(base, 0.5):.1f}, "
            f"pooled p99 {pct(bot, 0.99):.1f} vs {pct(base, 0.99):.1f}; "
            f"vs bare Bolt with its defaults (p99 {default_p99:.1f}): {bot_p99 / default_p99:.2f}"
        )
    print(f"worst p99 ratio: {worst:.2f} (goal ≤ 1.5); errors: {total_errors} (goal 0)")
    return 0 if worst <= 1.5 and total_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
