"""A workspace's own codes, defined from Slack, kept in the database (SQLite and PostgreSQL), seen
only in that workspace; two bot processes on one database behave as one."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest

from tests.slack.conftest import RunningBot, bot_env, start_bot, stop_bot
from tests.slack.fake_slack import FakeSlack
from tests.slack.slack_requests import FORM, JSON, command_body, mention_body, post, signed_headers
from wscodes.core.errors import ConfigError
from wscodes.core.teamcodes import parse_config

ADMIN = "UADMIN001"
DEFINE = 'define 4001 "Session expired" retry=after-fix sender=server "Refresh the token, then reconnect."'


@pytest.fixture(scope="module")
def bots(fake_slack: FakeSlack, database_url: str) -> Iterator[tuple[RunningBot, RunningBot]]:
    """Two replicas on one database."""
    env = bot_env(fake_slack, DATABASE_URL=database_url)
    args = ["--mode", "http", "--port", "0", "--codes-cache-seconds", "0"]  # every answer reads the db
    first = start_bot(args, env)
    second = start_bot(args, env)
    yield first, second
    assert stop_bot(first) == 0 and stop_bot(second) == 0


def ask(bot: RunningBot, text: str, team: str, user: str = ADMIN) -> dict:
    body = command_body(text, team_id=team, user_id=user)
    status, raw = post(bot.url, body, signed_headers(body, FORM))
    assert status == 200, raw
    return json.loads(raw) if raw else {}


def edit(bot: RunningBot, fake: FakeSlack, text: str, team: str, user: str = ADMIN) -> str:
    """An edit is acked at once; its result comes on the response_url."""
    url = fake.response_url(f"edit-{uuid.uuid4().hex}")
    body = command_body(text, response_url=url, team_id=team, user_id=user)
    status, raw = post(bot.url, body, signed_headers(body, FORM))
    assert status == 200 and raw == "", raw
    (reply,) = fake.wait_for(url.removeprefix(fake.url), timeout=10)
    return json.dumps(reply.body["blocks"], ensure_ascii=False)


def team() -> str:
    return f"T{uuid.uuid4().hex[:10].upper()}"


def test_two_workspaces_same_code_different_meanings(
    bots: tuple[RunningBot, RunningBot], fake_slack: FakeSlack
) -> None:
    first, second = bots
    red, blue = team(), team()
    assert "Defined 4001 Session expired" in edit(first, fake_slack, DEFINE, red)
    assert "Defined 4001 Rate limited" in edit(
        second, fake_slack, 'define 4001 "Rate limited" meaning="Too many messages" retry=backoff', blue
    )
    for bot in bots:  # either replica answers the same: nothing lives in a process
        red_answer = json.dumps(ask(bot, "4001", red)["blocks"])
        blue_answer = json.dumps(ask(bot, "4001", blue)["blocks"])
        assert "4001 Session expired (this workspace's code)" in red_answer
        assert "Refresh the token, then reconnect." in red_answer and "Rate limited" not in red_answer
        assert (
            "4001 Rate limited (this workspace's code)" in blue_answer
            and "Session expired" not in blue_answer
        )
        other = json.dumps(ask(bot, "4001", team())["blocks"])
        assert "Session expired" not in other and "Rate limited" not in other
        assert "this workspace" not in other
    # searches and pasted logs include them too
    assert "4001" in json.dumps(ask(second, "session expired", red)["blocks"])
    pasted = json.dumps(ask(first, "WebSocket closed: code 4001 reason token", red)["blocks"])
    assert "Session expired" in pasted


def test_only_admins_edit_by_default(bots: tuple[RunningBot, RunningBot], fake_slack: FakeSlack) -> None:
    first, _ = bots
    where = team()
    refused = edit(first, fake_slack, DEFINE, where, user="U00000042")
    assert "Only workspace admins" in refused
    assert "Session expired" not in json.dumps(ask(first, "4001", where)["blocks"])
    info = [c for c in fake_slack.find("/api/users.info") if c.body.get("user") == "U00000042"]
    assert info  # asked Slack, not a list in the bot


def test_validation_messages_are_the_cores(
    bots: tuple[RunningBot, RunningBot], fake_slack: FakeSlack
) -> None:
    first, _ = bots
    where = team()
    reply = edit(first, fake_slack, 'define 4001 "Expired" sender=nobody', where)
    with pytest.raises(ConfigError) as core:
        parse_config('[codes.4001]\nname = "Expired"\nsender = "nobody"\n', "this workspace's wscodes.toml")
    assert str(core.value) in json.loads(reply)[0]["text"]["text"].replace("&#39;", "'")
    assert "already registered with IANA" in edit(first, fake_slack, 'define 1006 "Mine"', where)
    assert "outside the private range 4000–4999" in edit(first, fake_slack, 'define 3500 "Mine"', where)
    assert "not a close code number" in edit(first, fake_slack, 'define abc "Mine"', where)
    assert "close every quote" in edit(first, fake_slack, 'define 4002 "Unclosed', where)
    assert "4002 is not one of this workspace's codes" in edit(first, fake_slack, "undefine 4002", where)


def test_export_import_undefine(bots: tuple[RunningBot, RunningBot], fake_slack: FakeSlack) -> None:
    first, second = bots
    where = team()
    edit(first, fake_slack, DEFINE, where)
    edit(first, fake_slack, "define 4002 Throttled retry=backoff", where)
    exported = ask(second, "export", where)
    toml = exported["blocks"][1]["text"]["text"].strip("`\n").replace("&quot;", '"')
    config = parse_config(toml, "exported.toml")  # a real wscodes.toml for the repository
    assert sorted(config.codes) == [4001, 4002] and config.codes[4001].action.startswith("Refresh")
    assert "Removed 4001" in edit(second, fake_slack, "undefine 4001", where)
    assert "Session expired" not in json.dumps(ask(first, "4001", where)["blocks"])
    elsewhere = team()
    assert "Imported 2 code(s): 4001, 4002" in edit(first, fake_slack, "import " + toml, elsewhere)
    assert "Session expired" in json.dumps(ask(second, "4001", elsewhere)["blocks"])
    assert "invalid TOML" in edit(first, fake_slack, "import [codes.4001\nname=", elsewhere)


def test_a_retried_event_is_answered_by_one_replica(
    bots: tuple[RunningBot, RunningBot], fake_slack: FakeSlack
) -> None:
    event_id = f"Ev{uuid.uuid4().hex[:12].upper()}"
    ts = f"{time.time():.6f}"
    body = mention_body("<@UBOT00001> 1006", event_id, ts=ts)
    for retry, bot in enumerate([*bots, *bots]):
        headers = {**signed_headers(body, JSON), **({"X-Slack-Retry-Num": str(retry)} if retry else {})}
        assert post(bot.url, body, headers)[0] == 200
    fake_slack.wait_for("/api/chat.postMessage", 1)
    time.sleep(1.0)
    answered = [c for c in fake_slack.find("/api/chat.postMessage") if c.body.get("thread_ts") == ts]
    assert len(answered) == 1


def test_readyz_and_healthz(bots: tuple[RunningBot, RunningBot]) -> None:
    import urllib.request

    base = bots[0].url.removesuffix("/slack/events")
    for path, expected in (("/healthz", b"ok"), ("/readyz", b"ready")):
        with urllib.request.urlopen(base + path, timeout=5) as response:
            assert response.status == 200 and response.read() == expected


def test_with_the_cache_an_edit_reaches_the_other_replica_within_a_second(
    fake_slack: FakeSlack, database_url: str
) -> None:
    env = bot_env(fake_slack, DATABASE_URL=database_url)
    first, second = (start_bot(["--mode", "http", "--port", "0"], env) for _ in range(2))  # default: 1 s
    try:
        where = team()
        assert "Session expired" not in json.dumps(ask(second, "4001", where)["blocks"])  # now cached
        edit(first, fake_slack, DEFINE, where)
        assert "Session expired" in json.dumps(ask(first, "4001", where)["blocks"])  # at once here
        time.sleep(1.1)
        assert "Session expired" in json.dumps(ask(second, "4001", where)["blocks"])
    finally:
        assert stop_bot(first) == 0 and stop_bot(second) == 0
