"""Every command text gets a 200 and an answer, through the real server (signed HTTP, real process).

The bug this guards: Bolt's body parser took any form body containing the substring "payload" for an
interactivity payload, found no ``payload`` field, and gave the listeners an empty body: a 404.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.slack.conftest import RunningBot
from tests.slack.slack_requests import FORM, command_body, post, signed_headers

# Slack escapes &, <, > in what people type; it sends everything else as typed (form-encoded).
awkward = st.sampled_from(
    [
        "payload",
        "payload=",
        "&payload=%7B%7D",
        "=",
        "&",
        "+",
        "%",
        "%2",
        "%zz",
        "%00",
        "{",
        '{"type":"block_actions"}',
        "[1,2]",
        "text=1006",
        "?",
        "#",
        ";",
        "\\",
        '"',
        "1009",
        " ",
        "\n",
        "🚀",
        "ß",
        "日本",
        "\u202e",
    ]
)
texts = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.lists(awkward, min_size=1, max_size=12).map(" ".join),
    st.lists(awkward, min_size=1, max_size=12).map("".join),
)


def slack_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask(bot: RunningBot, text: str, **fields: str) -> tuple[int, str]:
    body = command_body(slack_escaped(text), **fields)
    return post(bot.url, body, signed_headers(body, FORM))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_every_text_gets_a_200_and_an_answer(http_bot: RunningBot, text: str) -> None:
    status, raw = ask(http_bot, text)
    assert status == 200, (text, status, raw)
    message = json.loads(raw)
    assert message["response_type"] == "ephemeral"
    assert message["blocks"] and message["text"].strip()
    echoed = message["blocks"][0]["elements"][-1]["text"]
    assert echoed.startswith("/wscode"), echoed


def test_payload_too_big_is_answered_with_1009(http_bot: RunningBot) -> None:
    for text in ("payload too big", "max payload", "payload=1009", "&payload=%7B%7D 1009"):
        status, raw = ask(http_bot, text)
        assert status == 200, (text, raw)
        assert "1009" in raw, text


def test_payload_in_a_channel_name_is_answered(http_bot: RunningBot) -> None:
    body = command_body("1011").replace(b"channel_name=general", b"channel_name=payloads")
    status, raw = post(http_bot.url, body, signed_headers(body, FORM))
    assert status == 200 and "1011 Internal Error" in raw


def test_parse_slack_body() -> None:
    from wscodes.slack.server import parse_slack_body

    form = "application/x-www-form-urlencoded"
    assert parse_slack_body("text=payload+too+big&command=%2Fwscode", form) == {
        "text": "payload too big",
        "command": "/wscode",
    }
    assert parse_slack_body("payload=%7B%22type%22%3A%22block_actions%22%7D", form) == {
        "type": "block_actions"
    }
    assert parse_slack_body('{"type":"url_verification"}', "application/json") == {"type": "url_verification"}
    assert parse_slack_body("", form) == {}
    for bad, content_type in (
        ("[1]", "application/json"),
        ("payload=%5B%5D", form),
        ("{x", "application/json"),
    ):
        try:
            parse_slack_body(bad, content_type)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")
