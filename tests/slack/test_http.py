"""The bot as a real process on loopback, hit by signed HTTP requests; Slack's API is a local fake."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest

from tests.slack.conftest import RunningBot, bot_env, start_bot, stop_bot
from tests.slack.fake_slack import REJECTED_TOKEN, FakeSlack
from tests.slack.limits_check import visible_texts
from tests.slack.slack_requests import (
    FORM,
    JSON,
    action_body,
    command_body,
    mention_body,
    post,
    signature,
    signed_headers,
)


def command(bot: RunningBot, text: str, response_url: str = "http://127.0.0.1:9/none") -> tuple[int, dict]:
    body = command_body(text, response_url)
    status, raw = post(bot.url, body, signed_headers(body, FORM))
    return status, (json.loads(raw) if raw.startswith("{") else {"raw": raw})


def all_text(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def shown_text(message: dict) -> str:
    """Every text a person sees (text objects and the notification text), not button values."""
    return "\n".join([*visible_texts(message["blocks"]), message["text"]])


def test_slash_command_answers_in_the_ack_privately(http_bot: RunningBot) -> None:
    status, message = command(http_bot, "1011")
    assert status == 200
    assert message["response_type"] == "ephemeral"
    text = all_text(message)
    assert "1011 Internal Error" in text
    assert "Sent by" in text and "In a Close frame" in text and "Browser close()" in text
    assert "<https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1|" in text  # the reference, as a link
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == ["wscodes_share"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("timeout", "1006"),
        ("message too big", "1009 Message Too Big"),
        ("3xxx", "3008"),
        ("WebSocket connection to 'wss://x/' failed: Close received 1006", "1006 Abnormal Closure"),
        ("4001", "your team's code"),
    ],
)
def test_searches(http_bot: RunningBot, text: str, expected: str) -> None:
    status, message = command(http_bot, text)
    assert status == 200
    assert expected in all_text(message)


def test_help_and_nothing_found_are_never_silent(http_bot: RunningBot) -> None:
    for text in ("", "help"):
        status, message = command(http_bot, text)
        assert status == 200 and "/wscode 1011" in all_text(message)
    status, message = command(http_bot, "qwzxv plorfnik")
    assert status == 200 and "Try a number" in all_text(message)


def test_user_text_is_escaped_and_inert(http_bot: RunningBot) -> None:
    # As Slack sends it: special mentions and links in <…>, &, <, > typed as entities.
    typed = "<!channel> <!here> <http://evil.example|click> &lt;!everyone&gt; *bold* _it_ ~s~ `c` &amp;"
    status, message = command(http_bot, typed)
    assert status == 200
    text = shown_text(message)
    assert "<!" not in text and "<http://evil" not in text
    echoed = [e for b in message["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert echoed[0]["type"] == "plain_text"  # user text never goes into mrkdwn
    assert echoed[0]["text"] == "/wscode @channel @here click &lt;!everyone&gt; *bold* _it_ ~s~ `c` &amp;"


@pytest.mark.parametrize(
    "text",
    [
        "x" * 4000,
        "1006 " * 800,
        "日本語 🚀 ẞ ﷽" * 100,
        "\x00\x01\x1b[31m\x7f 1011",
        "\u202e\u2028 timeout",
        "%00 &&& <<< >>>",
    ],
)
def test_any_text_gets_an_answer(http_bot: RunningBot, text: str) -> None:
    started = time.monotonic()
    status, message = command(http_bot, text)
    assert status == 200 and message["blocks"] and time.monotonic() - started < 3
    assert len(message["blocks"]) <= 50


def test_list_pages_with_more_button_then_share(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    status, message = command(http_bot, "list")
    assert status == 200
    buttons = {e["action_id"]: e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert set(buttons) == {"wscodes_more", "wscodes_share"}
    assert "1000 " not in all_text(message).split("1009", 1)[1]  # page 1 stops before the end

    more_url = fake_slack.response_url(f"more-{uuid.uuid4().hex}")
    body = action_body("wscodes_more", buttons["wscodes_more"]["value"], more_url)
    status, _ = post(http_bot.url, body, signed_headers(body, FORM))
    assert status == 200
    (update,) = fake_slack.wait_for(more_url.split(fake_slack.url, 1)[1])
    assert update.body["replace_original"] is True
    assert "4001" in json.dumps(update.body["blocks"])  # page 2 reaches the team's code

    share_url = fake_slack.response_url(f"share-{uuid.uuid4().hex}")
    body = action_body("wscodes_share", buttons["wscodes_share"]["value"], share_url)
    status, _ = post(http_bot.url, body, signed_headers(body, FORM))
    assert status == 200
    (shared,) = fake_slack.wait_for(share_url.split(fake_slack.url, 1)[1])
    assert shared.body["response_type"] == "in_channel"
    assert shared.body.get("replace_original") is False
    shared_text = json.dumps(shared.body["blocks"])
    assert "Shared by <@U00000042>" in shared_text and "1000" in shared_text
    assert "wscodes_share" not in shared_text  # the public copy has no share button

    # its next page (the public message's own button) still says who shared it
    public_more = next(e for b in shared.body["blocks"] if b["type"] == "actions" for e in b["elements"])
    page_url = fake_slack.response_url(f"page-{uuid.uuid4().hex}")
    body = action_body("wscodes_more", public_more["value"], page_url, ephemeral=False)
    assert post(http_bot.url, body, signed_headers(body, FORM))[0] == 200
    (paged,) = fake_slack.wait_for(page_url.split(fake_slack.url, 1)[1])
    assert "Shared by <@U00000042>" in json.dumps(paged.body["blocks"])


def test_share_posts_the_same_card_for_everyone(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    _, private = command(http_bot, "1008")
    share = next(e for b in private["blocks"] if b["type"] == "actions" for e in b["elements"])
    url = fake_slack.response_url(f"share-{uuid.uuid4().hex}")
    body = action_body("wscodes_share", share["value"], url)
    assert post(http_bot.url, body, signed_headers(body, FORM))[0] == 200
    (shared,) = fake_slack.wait_for(url.split(fake_slack.url, 1)[1])
    cards = [b for b in private["blocks"] if b["type"] == "section"]
    assert [b for b in shared.body["blocks"] if b["type"] == "section"] == cards


def test_mention_answers_in_thread_once_despite_retries(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    event_id = f"Ev{uuid.uuid4().hex[:10].upper()}"
    before = len(fake_slack.find("/api/chat.postMessage"))
    body = mention_body("<@UBOT00001> what is 1006?", event_id, ts="1700000001.000100")
    assert post(http_bot.url, body, signed_headers(body, JSON))[0] == 200
    posts = fake_slack.wait_for("/api/chat.postMessage", before + 1)
    post_call = posts[-1]
    assert post_call.body["thread_ts"] == "1700000001.000100"
    assert post_call.body["channel"] == "C00000001"
    assert "1006 Abnormal Closure" in json.dumps(post_call.body["blocks"])
    for retry in ("1", "2"):  # Slack's retries of the same event
        headers = {
            **signed_headers(body, JSON),
            "X-Slack-Retry-Num": retry,
            "X-Slack-Retry-Reason": "http_timeout",
        }
        assert post(http_bot.url, body, headers)[0] == 200
    time.sleep(0.5)
    assert len(fake_slack.find("/api/chat.postMessage")) == before + 1


def test_mention_in_a_thread_replies_in_that_thread(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.find("/api/chat.postMessage"))
    body = mention_body(
        "<@UBOT00001> 1009", f"Ev{uuid.uuid4().hex[:10]}", ts="1700000003.1", thread_ts="1700000002.5"
    )
    assert post(http_bot.url, body, signed_headers(body, JSON))[0] == 200
    posts = fake_slack.wait_for("/api/chat.postMessage", before + 1)
    assert posts[-1].body["thread_ts"] == "1700000002.5"


def test_url_verification(http_bot: RunningBot) -> None:
    body = json.dumps({"token": "t", "challenge": "abc123XYZ", "type": "url_verification"}).encode()
    status, raw = post(http_bot.url, body, signed_headers(body, JSON))
    assert status == 200 and "abc123XYZ" in raw


def _bad_headers(body: bytes, content_type: str) -> list[tuple[str, dict[str, str]]]:
    now = int(time.time())
    good = signed_headers(body, content_type)
    return [
        ("unsigned", {"Content-Type": content_type}),
        ("no timestamp", {"Content-Type": content_type, "X-Slack-Signature": good["X-Slack-Signature"]}),
        (
            "forged",
            {**good, "X-Slack-Signature": signature(body, good["X-Slack-Request-Timestamp"], "wrong-secret")},
        ),
        # Bolt rejects |server clock - timestamp| > 300 s. "stale" only grows staler on the way;
        # "future" shrinks by int() truncation and the request's own latency, so it keeps a margin
        ("stale", signed_headers(body, content_type, now - 301)),
        ("future", signed_headers(body, content_type, now + 360)),
        ("malformed signature", {**good, "X-Slack-Signature": "v0=not-hex"}),
        ("uppercase hex", {**good, "X-Slack-Signature": good["X-Slack-Signature"].upper()}),
        ("malformed timestamp", {**good, "X-Slack-Request-Timestamp": "12abc"}),
        ("negative timestamp", {**good, "X-Slack-Request-Timestamp": "-1"}),
        ("huge timestamp", {**good, "X-Slack-Request-Timestamp": "9" * 40}),
        ("body changed", signed_headers(body + b"&x=1", content_type)),
    ]


def test_bad_signatures_get_401_and_no_handler_runs(http_bot: RunningBot, fake_slack: FakeSlack) -> None:
    before = len(fake_slack.calls)
    command_req = command_body("1011", fake_slack.response_url("never"))
    mention_req = mention_body("<@UBOT00001> 1006", f"Ev{uuid.uuid4().hex[:10]}")
    action_req = action_body("wscodes_share", '{"q":"1006","p":0}', fake_slack.response_url("never"))
    for body, content_type in ((command_req, FORM), (mention_req, JSON), (action_req, FORM)):
        for name, _ in _bad_headers(body, content_type):
            # signed right before sending: "stale"/"future" are over 300 s off the server's clock, not
            # off a clock read earlier in a loop that may have taken seconds
            headers = dict(_bad_headers(body, content_type))[name]
            status, raw = post(http_bot.url, body, headers)
            assert status == 401, name
            assert "blocks" not in raw, name
    time.sleep(0.5)
    assert fake_slack.calls[before:] == []  # nothing was posted anywhere
    assert command(http_bot, "1000")[0] == 200  # and the server is still fine


def test_malformed_signed_bodies_do_not_break_the_server(http_bot: RunningBot) -> None:
    for body, content_type in (
        (b"{not json", JSON),
        (b"\xff\xfe\x00garbage", FORM),
        (b"payload=%7Bnope", FORM),
        (b"", FORM),
        (json.dumps({"type": "event_callback", "event": {"type": "app_mention"}}).encode(), JSON),
    ):
        status, _ = post(http_bot.url, body, signed_headers(body, content_type))
        assert status in (200, 400, 404), (body, status)
    assert command(http_bot, "1001")[0] == 200


def test_bot_logs_no_token(http_bot: RunningBot) -> None:
    from tests.slack.slack_requests import BOT_TOKEN, SIGNING_SECRET

    assert BOT_TOKEN not in http_bot.log() and SIGNING_SECRET not in http_bot.log()
    assert "listening on http://127.0.0.1:" in http_bot.log()


def test_rejected_token_stops_the_bot_at_start(fake_slack: FakeSlack) -> None:
    env = bot_env(fake_slack, SLACK_BOT_TOKEN=REJECTED_TOKEN)
    with pytest.raises(AssertionError, match=r"rc=2"):
        start_bot(["--mode", "http", "--port", "0"], env)


def test_sigterm_stops_cleanly(fake_slack: FakeSlack) -> None:
    bot = start_bot(["--mode", "http", "--port", "0"], bot_env(fake_slack))
    assert command(bot, "1000")[0] == 200
    assert stop_bot(bot) == 0


def test_health_and_wrong_method(http_bot: RunningBot) -> None:
    import urllib.error
    import urllib.request

    base = http_bot.url.removesuffix("/slack/events")
    with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
        assert response.status == 200 and response.read() == b"ok"
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(http_bot.url, timeout=5)  # GET: Slack only ever POSTs
    assert info.value.code == 405


def test_access_log_on_request(fake_slack: FakeSlack, team_file: Path) -> None:
    """--access-log: one line per request on stderr, with no header or body in it; off by default."""
    bot = start_bot(
        ["--mode", "http", "--host", "127.0.0.1", "--port", "0", "--access-log"],
        bot_env(fake_slack, WSCODES_CONFIG=str(team_file)),
    )
    try:
        status, _message = command(bot, "1011")
        assert status == 200
        bad = post(bot.url, b"token=nope", {"Content-Type": "application/x-www-form-urlencoded"})
        assert bad[0] == 401
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and bot.log().count("POST /slack/events") < 2:
            time.sleep(0.05)
        lines = [line for line in bot.log().splitlines() if "POST /slack/events" in line]
        assert len(lines) == 2 and " 200 " in lines[0] and " 401 " in lines[1], bot.log()
        assert all(line.rstrip().endswith(" s") for line in lines)
        assert "1011" not in "".join(lines) and "nope" not in "".join(lines)  # no body
    finally:
        assert stop_bot(bot) == 0


def test_no_access_log_by_default(http_bot: RunningBot) -> None:
    assert command(http_bot, "1000")[0] == 200
    time.sleep(0.2)
    assert "POST /slack/events" not in http_bot.log()
