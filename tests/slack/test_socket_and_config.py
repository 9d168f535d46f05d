"""Start-up: credentials checked before anything connects; Socket Mode end to end against the fake."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from tests.slack.conftest import bot_command, bot_env, start_bot, stop_bot
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_requests import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, command_body, mention_body
from wscodes.slack.config import DEFAULT_API_URL, SettingsError, load_settings


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*bot_command(), *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def test_settings_for_each_mode() -> None:
    http = load_settings("http", {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET})
    assert (
        http.api_url == DEFAULT_API_URL and http.signing_secret == SIGNING_SECRET and http.app_token is None
    )
    socket = load_settings(
        "socket",
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": "http://h:1/api"},
    )
    assert socket.api_url == "http://h:1/api/" and socket.app_token == APP_TOKEN
    assert BOT_TOKEN not in repr(socket) and APP_TOKEN not in repr(socket)


@pytest.mark.parametrize(
    ("mode", "env", "expected"),
    [
        ("http", {}, ["SLACK_BOT_TOKEN is not set", "SLACK_SIGNING_SECRET is not set"]),
        ("socket", {"SLACK_BOT_TOKEN": BOT_TOKEN}, ["SLACK_APP_TOKEN is not set"]),
        ("socket", {"SLACK_BOT_TOKEN": APP_TOKEN, "SLACK_APP_TOKEN": BOT_TOKEN}, ["'xoxb-'", "'xapp-'"]),
        ("http", {"SLACK_BOT_TOKEN": "xoxb-abc def ghi", "SLACK_SIGNING_SECRET": "s e c"}, ["malformed"] * 2),
        (
            "http",
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "   "},
            ["SLACK_SIGNING_SECRET is not set"],
        ),
        (
            "http",
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": "ftp://x",
            },
            ["SLACK_API_URL"],
        ),
    ],
)
def test_settings_problems_are_named(mode: str, env: dict[str, str], expected: list[str]) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(mode, env)  # type: ignore[arg-type]
    assert len(info.value.problems) == len(expected)
    for problem, words in zip(info.value.problems, expected, strict=True):
        assert words in problem
    for value in env.values():
        if len(value.strip()) > 5:
            assert value not in str(info.value)  # never echo a credential


def test_socket_mode_refuses_to_start_without_credentials(fake_slack: FakeSlack) -> None:
    env = bot_env(fake_slack)
    env.pop("SLACK_SIGNING_SECRET")
    result = run(["--mode", "socket"], env)
    assert result.returncode == 2
    assert "SLACK_APP_TOKEN is not set" in result.stderr and "Traceback" not in result.stderr
    assert fake_slack.find("/api/apps.connections.open") == []  # nothing was contacted

    env["SLACK_APP_TOKEN"] = "xoxb-this-is-not-an-app-token-SECRET"
    result = run(["--mode", "socket"], env)
    assert result.returncode == 2 and "'xapp-'" in result.stderr
    assert "SECRET" not in result.stderr + result.stdout


def test_http_mode_refuses_a_malformed_token(fake_slack: FakeSlack) -> None:
    env = bot_env(fake_slack, SLACK_BOT_TOKEN="xoxp-user-token-SECRET")
    result = run(["--mode", "http", "--port", "0"], env)
    assert result.returncode == 2 and "SLACK_BOT_TOKEN" in result.stderr and "SECRET" not in result.stderr


def test_bad_team_file_is_a_clear_error(fake_slack: FakeSlack, tmp_path: Path) -> None:
    bad = tmp_path / "wscodes.toml"
    bad.write_text("[codes.1000]\nname = 'mine'\n")
    result = run(["--mode", "http", "--port", "0", "--config", str(bad)], bot_env(fake_slack))
    assert (
        result.returncode == 2 and "already registered" in result.stderr and "Traceback" not in result.stderr
    )


def test_usage_errors_exit_2(fake_slack: FakeSlack) -> None:
    assert run([], bot_env(fake_slack)).returncode == 2
    assert run(["--mode", "http", "--port", "70000"], bot_env(fake_slack)).returncode == 2


def test_preview_needs_no_slack() -> None:
    result = run(["preview", "1006"], {"PATH": "/usr/bin:/bin"})
    assert (
        result.returncode == 0 and "1006 Abnormal Closure" in result.stdout and "Block Kit" in result.stdout
    )
    as_json = run(["preview", "--json", "<!channel>", "timeout"], {"PATH": "/usr/bin:/bin"})
    message = json.loads(as_json.stdout)
    assert message["response_type"] == "ephemeral" and message["blocks"]
    assert "<!channel>" not in json.dumps([b for b in message["blocks"] if b["type"] != "actions"])


def test_socket_mode_session_end_to_end(fake_slack: FakeSlack) -> None:
    """apps.connections.open → WebSocket → envelopes: a command answered in its ack, a mention in a thread."""
    command = dict(parse_qsl(command_body("1008").decode()))
    mention = json.loads(mention_body("<@UBOT00001> 1013", "EvSOCKET01", ts="1700000009.000100"))
    fake_slack.socket_to_send[:] = [
        {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "payload": command,
            "accepts_response_payload": True,
        },
        {"envelope_id": "env-2", "type": "events_api", "payload": mention, "accepts_response_payload": False},
        {"envelope_id": "env-3", "type": "events_api", "payload": mention, "retry_attempt": 1},
    ]
    posts_before = len(fake_slack.find("/api/chat.postMessage"))
    env = bot_env(fake_slack, SLACK_APP_TOKEN=APP_TOKEN)
    env.pop("SLACK_SIGNING_SECRET")
    process = subprocess.Popen(
        [*bot_command(), "--mode", "socket"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        fake_slack.wait_until(
            lambda: {"env-1", "env-3"} <= {r.get("envelope_id") for r in fake_slack.socket_replies}, 20
        )
        posts = fake_slack.wait_for("/api/chat.postMessage", posts_before + 1)
        time.sleep(0.5)  # a second post, for the retried envelope, would have arrived by now
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    (reply,) = [r for r in fake_slack.socket_replies if r.get("envelope_id") == "env-1"]
    assert reply["payload"]["response_type"] == "ephemeral"
    assert "1008 Policy Violation" in str(reply["payload"]["blocks"])
    assert len(fake_slack.find("/api/chat.postMessage")) == posts_before + 1
    assert posts[-1].body["thread_ts"] == "1700000009.000100" and "1013" in str(posts[-1].body["blocks"])
    assert process.returncode == 0, stderr
    assert APP_TOKEN not in stderr and BOT_TOKEN not in stderr
    assert fake_slack.find("/api/apps.connections.open")[-1].authorization == f"Bearer {APP_TOKEN}"


def test_port_in_use_is_a_clear_error(fake_slack: FakeSlack) -> None:
    first = start_bot(["--mode", "http", "--port", "0"], bot_env(fake_slack))
    try:
        port = first.url.rsplit(":", 1)[1].split("/")[0]
        started = time.monotonic()
        result = run(["--mode", "http", "--port", port], bot_env(fake_slack))
        assert result.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
        assert time.monotonic() - started < 20
    finally:
        stop_bot(first)


def test_manifest_creates_the_app_in_one_step() -> None:
    manifest = (Path(__file__).parents[2] / "slackbot" / "manifest.yml").read_text()
    lines = {line.strip() for line in manifest.splitlines() if not line.strip().startswith("#")}
    for needed in (
        "- command: /wscode",
        "- commands",
        "- chat:write",
        "- app_mentions:read",
        "- app_mention",
        "is_enabled: true",
        "socket_mode_enabled: true",
    ):
        assert needed in lines, needed
    assert "\t" not in manifest  # YAML forbids tabs for indentation
