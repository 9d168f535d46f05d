from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_requests import BOT_TOKEN, SIGNING_SECRET

TEAM_FILE = """
[codes.4001]
name = "Session expired"
meaning = "The user's session token expired."
sender = "server"
retry = "after-fix"
action = "Refresh the token, then reconnect."
"""


def bot_command() -> list[str]:
    script = Path(sys.executable).with_name("wscode-slack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wscodes.slack.app"]


def sqlite_url() -> str:
    """A fresh SQLite database file (the bot creates it on first start)."""
    folder = tempfile.mkdtemp(prefix="wscodes-slack-db-")
    return f"sqlite:///{folder}/bot.sqlite3"


def bot_env(fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "WSCODES_")) and k != "DATABASE_URL"
    }
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=sqlite_url(),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class RunningBot:
    process: subprocess.Popen[str]
    url: str = ""
    stderr: list[str] = field(default_factory=list)

    def log(self) -> str:
        return "".join(self.stderr)


def start_bot(args: list[str], env: dict[str, str], timeout: float = 20.0) -> RunningBot:
    process = subprocess.Popen(
        [*bot_command(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    bot = RunningBot(process)
    listening = threading.Event()

    def drain() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            bot.stderr.append(line)
            if "listening on " in line:
                bot.url = line.split("listening on ", 1)[1].strip()
                listening.set()

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not listening.wait(0.05):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"bot did not start (rc={process.poll()}):\n{bot.log()}")
    return bot


def stop_bot(bot: RunningBot) -> int:
    bot.process.terminate()
    try:
        return bot.process.wait(10)
    except subprocess.TimeoutExpired:
        bot.process.kill()
        return bot.process.wait(10)


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def team_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "wscodes.toml"
    path.write_text(TEAM_FILE)
    return path


@pytest.fixture(scope="module")
def http_bot(fake_slack: FakeSlack, team_file: Path) -> Iterator[RunningBot]:
    bot = start_bot(
        ["--mode", "http", "--host", "127.0.0.1", "--port", "0"],
        bot_env(fake_slack, WSCODES_CONFIG=str(team_file)),
    )
    yield bot
    stop_bot(bot)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A real PostgreSQL server for the whole session (tests/slack/postgres.py)."""
    from tests.slack.postgres import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of each kind: the bot creates its schema on first start."""
    if request.param == "sqlite":
        return sqlite_url()
    from tests.slack.postgres import create_database

    server: str = request.getfixturevalue("postgres")
    return create_database(server, f"wscodes_{uuid.uuid4().hex[:12]}")
