"""Installing to any workspace (OAuth v2 against the local fake Slack), uninstalling, and running as a
service: 429s honoured, App Home, the message shortcut, SIGTERM finishing what is in flight."""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import sqlalchemy as sa

from tests.slack.conftest import RunningBot, bot_env, start_bot, stop_bot
from tests.slack.fake_slack import CLIENT_ID, CLIENT_SECRET, FakeSlack, installed_token
from tests.slack.slack_requests import (
    BOT_TOKEN,
    FORM,
    JSON,
    command_body,
    event_body,
    get,
    mention_body,
    post,
    signed_headers,
)
from wscodes.slack.store import Database


@pytest.fixture(scope="module")
def oauth_bot(fake_slack: FakeSlack, database_url: str) -> Iterator[RunningBot]:
    env = bot_env(
        fake_slack, SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET, DATABASE_URL=database_url
    )
    del env["SLACK_BOT_TOKEN"]
    bot = start_bot(["--mode", "http", "--port", "0"], env)
    yield bot
    assert stop_bot(bot) == 0


def base(bot: RunningBot) -> str:
    return bot.url.removesuffix("/slack/events")


def install(bot: RunningBot, fake: FakeSlack, team_id: str) -> tuple[int, str]:
    """What a person does: open /slack/install, click "Add to Slack", approve; Slack redirects back."""
    status, page, headers = get(base(bot) + "/slack/install")
    assert status == 200, page
    link = re.search(r'href="([^"]+oauth/v2/authorize[^"]+)"', page)
    assert link is not None, page
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert query["client_id"] == [CLIENT_ID] and "commands" in query["scope"][0]
    state = query["state"][0]
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    assert cookie.endswith("=" + state)
    code = f"code-{uuid.uuid4().hex[:8]}"
    fake.grant(code, team_id)
    redirect = f"{base(bot)}/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}"
    status, body, _ = get(redirect, {"Cookie": cookie})
    return status, body


def ask(bot: RunningBot, text: str, team_id: str) -> tuple[int, str]:
    body = command_body(text, team_id=team_id, user_id="UADMIN001")
    return post(bot.url, body, signed_headers(body, FORM))


def rows(database_url: str, table: str, team_id: str) -> int:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            query = sa.text(f"SELECT count(*) FROM {table} WHERE team_id = :t")
            return int(conn.execute(query, {"t": team_id}).scalar() or 0)
    finally:
        engine.dispose()


def test_install_then_answer_then_uninstall(
    oauth_bot: RunningBot, fake_slack: FakeSlack, database_url: str
) -> None:
    team_id = f"T{uuid.uuid4().hex[:9].upper()}"
    status, page = install(oauth_bot, fake_slack, team_id)
    assert status == 200, page
    access = fake_slack.find("/api/oauth.v2.access")[-1]
    assert access.body.get("code", "").startswith("code-")
    assert rows(database_url, "slack_bots", team_id) == 1  # kept by Bolt's SQLAlchemy store

    status, raw = ask(oauth_bot, "1009", team_id)
    assert status == 200 and "1009 Message Too Big" in raw
    tokens = [c.authorization for c in fake_slack.find("/api/auth.test")]
    assert f"Bearer {installed_token(team_id)}" in tokens  # the workspace's own token was used

    url = fake_slack.response_url(f"def-{uuid.uuid4().hex}")
    body = command_body(
        'define 4001 "Session expired"', response_url=url, team_id=team_id, user_id="UADMIN001"
    )
    assert post(oauth_bot.url, body, signed_headers(body, FORM))[0] == 200
    assert "Defined 4001" in json.dumps(fake_slack.wait_for(url.removeprefix(fake_slack.url))[0].body)
    assert rows(database_url, "wscodes_workspaces", team_id) == 1

    gone = event_body({"type": "app_uninstalled"}, f"Ev{uuid.uuid4().hex[:10]}", team_id=team_id)
    assert post(oauth_bot.url, gone, signed_headers(gone, JSON))[0] == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and rows(database_url, "slack_bots", team_id):
        time.sleep(0.05)
    assert rows(database_url, "slack_bots", team_id) == 0
    assert rows(database_url, "slack_installations", team_id) == 0
    assert rows(database_url, "wscodes_workspaces", team_id) == 0
    status, raw = ask(oauth_bot, "1009", team_id)
    assert "1009 Message Too Big" not in raw  # not installed any more: no answer for it


def test_tokens_revoked_removes_the_workspace(
    oauth_bot: RunningBot, fake_slack: FakeSlack, database_url: str
) -> None:
    team_id = f"T{uuid.uuid4().hex[:9].upper()}"
    assert install(oauth_bot, fake_slack, team_id)[0] == 200
    assert rows(database_url, "slack_bots", team_id) == 1
    event = {"type": "tokens_revoked", "tokens": {"bot": ["UBOT00001"]}}
    revoked = event_body(event, f"Ev{uuid.uuid4().hex[:10]}", team_id=team_id)
    assert post(oauth_bot.url, revoked, signed_headers(revoked, JSON))[0] == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and rows(database_url, "slack_bots", team_id):
        time.sleep(0.05)
    assert rows(database_url, "slack_bots", team_id) == 0


def test_oauth_state_is_checked(oauth_bot: RunningBot, fake_slack: FakeSlack) -> None:
    _, page, headers = get(base(oauth_bot) + "/slack/install")
    state = re.search(r"state=([\w-]+)", page)
    assert state is not None
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    fake_slack.grant("code-forged", "TFORGED01")
    for query, cookie_header in (
        ({"code": "code-forged", "state": "made-up"}, cookie),  # a state nobody issued
        ({"code": "code-forged", "state": state.group(1)}, ""),  # no cookie: another browser
        ({"code": "code-forged"}, cookie),  # no state at all
    ):
        status, _, _ = get(
            f"{base(oauth_bot)}/slack/oauth_redirect?{urlencode(query)}",
            {"Cookie": cookie_header} if cookie_header else {},
        )
        assert status >= 400, query
    assert not [c for c in fake_slack.find("/api/oauth.v2.access") if c.body.get("code") == "code-forged"]


def test_oauth_without_credentials_is_refused_at_start(fake_slack: FakeSlack) -> None:
    env = bot_env(fake_slack, SLACK_CLIENT_ID=CLIENT_ID)
    with pytest.raises(AssertionError, match=r"rc=2[\s\S]*SLACK_CLIENT_SECRET"):
        start_bot(["--mode", "http", "--port", "0"], env)


# -- single-token mode as a service ------------------------------------------------------------


def test_rate_limit_is_honoured(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    fake_slack.rate_limit("chat.postMessage", 1, 1)
    ts = f"{time.time():.6f}"
    body = mention_body("<@UBOT00001> 1008", f"Ev{uuid.uuid4().hex[:10]}", ts=ts)
    assert post(http_bot.url, body, signed_headers(body, JSON))[0] == 200
    fake_slack.wait_until(
        lambda: (
            len([c for c in fake_slack.find("/api/chat.postMessage") if c.body.get("thread_ts") == ts]) == 2
        ),
        timeout=10,
    )
    first, second = [c for c in fake_slack.find("/api/chat.postMessage") if c.body.get("thread_ts") == ts]
    assert second.at - first.at >= 0.95  # waited Retry-After, then posted once


def test_app_home_and_shortcut(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    home = event_body(
        {"type": "app_home_opened", "user": "U00000042", "tab": "home"}, f"Ev{uuid.uuid4().hex[:10]}"
    )
    assert post(http_bot.url, home, signed_headers(home, JSON))[0] == 200
    published = fake_slack.wait_for("/api/views.publish")[-1]
    view = (
        json.loads(published.body["view"])
        if isinstance(published.body["view"], str)
        else published.body["view"]
    )
    assert view["type"] == "home" and "1006" in json.dumps(view) and published.body["user_id"] == "U00000042"

    url = fake_slack.response_url(f"shortcut-{uuid.uuid4().hex}")
    payload = {
        "type": "message_action",
        "callback_id": "wscodes_explain",
        "trigger_id": "1.2.3",
        "team": {"id": "T00000001", "domain": "fake"},
        "user": {"id": "U00000042"},
        "channel": {"id": "C00000001"},
        "message": {
            "type": "message",
            "text": "prod: ws closed code=1009 reason=payload too big",
            "ts": "1.2",
        },
        "message_ts": "1.2",
        "response_url": url,
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    assert post(http_bot.url, body, signed_headers(body, FORM))[0] == 200
    (reply,) = fake_slack.wait_for(url.removeprefix(fake_slack.url))
    assert reply.body["response_type"] == "ephemeral" and "1009 Message Too Big" in json.dumps(
        reply.body["blocks"]
    )


def test_sigterm_finishes_what_is_in_flight(fake_slack: FakeSlack) -> None:
    bot = start_bot(["--mode", "http", "--port", "0"], bot_env(fake_slack))
    fake_slack.rate_limit("chat.postMessage", 1, 2)  # the reply is still on its way when SIGTERM comes
    ts = f"{time.time():.6f}"
    body = mention_body("<@UBOT00001> 1001", f"Ev{uuid.uuid4().hex[:10]}", ts=ts)
    assert post(bot.url, body, signed_headers(body, JSON))[0] == 200
    time.sleep(0.2)
    assert stop_bot(bot) == 0
    answered = [c for c in fake_slack.find("/api/chat.postMessage") if c.body.get("thread_ts") == ts]
    assert len(answered) == 2 and "1001 Going Away" in json.dumps(answered[-1].body["blocks"])


def test_logs_carry_no_secret(oauth_bot: RunningBot, http_bot: RunningBot) -> None:
    for log in (oauth_bot.log(), http_bot.log()):
        assert BOT_TOKEN not in log and CLIENT_SECRET not in log and "xoxb-installed" not in log


def test_database_url_errors_are_one_line(fake_slack: FakeSlack) -> None:
    for url, words in (
        ("mysql://x/y", "unsupported database"),
        ("sqlite:////nonexistent-dir/x/db", "no such folder /nonexistent-dir/x"),
        ("postgresql://nobody@127.0.0.1:9/none", "cannot open the database"),
    ):
        env = bot_env(fake_slack, DATABASE_URL=url)
        with pytest.raises(AssertionError) as info:
            start_bot(["--mode", "http", "--port", "0"], env)
        assert words in str(info.value) and "Traceback" not in str(info.value)


def test_migrations_are_recorded_once(database_url: str) -> None:
    async def check() -> tuple[int, int]:
        db = Database(database_url)
        try:
            first = await db.migrate()
            return first, await db.migrate()
        finally:
            await db.close()

    assert asyncio.run(check()) == (1, 1)
