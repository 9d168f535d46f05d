"""Property tests: any text a person can type gets a reply that is within Slack's limits and inert."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.slack.limits_check import problems
from wscodes.core.teamcodes import ProjectConfig, ProjectRegistry, load_config
from wscodes.slack import limits
from wscodes.slack.blocks import ACTION_MORE, ACTION_SHARE, Request, answer, decode_value, encode_value
from wscodes.slack.text import escape, from_slack

REGISTRY = ProjectRegistry()

# What users type, biased towards things that matter: codes, ranges, markup, entities, mentions.
pieces = st.sampled_from(
    [
        "1006",
        "1011",
        "3xxx",
        "4000-4999",
        "list",
        "help",
        "timeout",
        "too big",
        "&amp;",
        "&lt;",
        "&gt;",
        "<!channel>",
        "<!here>",
        "<@U123|bob>",
        "<http://x.example|y>",
        "*",
        "_",
        "~",
        "`",
        "```",
        "\n",
        "\x00",
        "\u202e",
        "🚀",
        "日本",
        "WebSocket is closed before the connection is established",
        "Close received 1006",
        " ",
    ]
)
typed = st.one_of(
    st.text(max_size=300),
    st.lists(pieces, max_size=40).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=3500, max_size=4000),
)


def slack_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def check(message: dict[str, Any]) -> None:
    assert problems(message) == [], problems(message)
    json.dumps(message).encode("utf-8")  # serialisable, no lone surrogates left to break encoding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=typed, escaped=st.booleans(), page=st.integers(0, 5))
def test_any_text_gets_a_valid_inert_reply(text: str, escaped: bool, page: int) -> None:
    query = from_slack(slack_escaped(text) if escaped else text)
    reply = answer(Request(query, page), REGISTRY)
    check(reply.message())
    for block in reply.blocks:
        for button in block.get("elements", []) if block["type"] == "actions" else []:
            assert button["action_id"] in (ACTION_MORE, ACTION_SHARE)
            q, _, _ = decode_value(button["value"])
            assert query.startswith(q)  # the value carries the question (cut only to fit 2,000)


@settings(max_examples=100, deadline=None)
@given(text=typed, page=st.integers(0, 3))
def test_shared_and_paged_replies_are_valid(text: str, page: int) -> None:
    query = from_slack(text)
    reply = answer(Request(query, page, private=False, shared_by="U0123ABC"), REGISTRY)
    check(reply.message())
    assert all(
        e["action_id"] != ACTION_SHARE for b in reply.blocks if b["type"] == "actions" for e in b["elements"]
    )


@given(
    query=st.text(max_size=5000),
    page=st.integers(0, 1000),
    sharer=st.one_of(st.none(), st.from_regex(r"U[A-Z0-9]{8}", fullmatch=True), st.text(max_size=40)),
)
def test_button_values_round_trip_within_the_limit(query: str, page: int, sharer: str | None) -> None:
    from wscodes.slack.text import clean

    value = encode_value(clean(query), page, sharer)
    assert limits.units(value) <= 2000
    q, p, s = decode_value(value)
    assert p == page and clean(query).startswith(q)
    valid = sharer is not None and re.fullmatch(r"[UW][A-Z0-9]{2,30}", sharer) is not None
    assert s == (sharer if valid else None)  # a sharer survives; anything else is dropped


@given(junk=st.one_of(st.text(), st.none(), st.integers(), st.binary().map(repr)))
def test_any_button_value_decodes_to_something(junk: object) -> None:
    q, p, _ = decode_value(junk)
    assert isinstance(q, str) and 0 <= p <= 1000


text_object = st.builds(
    lambda kind, t: {"type": kind, "text": t},
    st.sampled_from(["mrkdwn", "plain_text"]),
    st.text(min_size=1, max_size=5000).map(escape).filter(bool),
)
block = st.one_of(
    st.builds(lambda t: {"type": "section", "text": t}, text_object),
    st.builds(lambda fs: {"type": "section", "fields": fs}, st.lists(text_object, min_size=1, max_size=14)),
    st.builds(lambda t: {"type": "header", "text": {**t, "type": "plain_text"}}, text_object),
    st.builds(lambda es: {"type": "context", "elements": es}, st.lists(text_object, min_size=1, max_size=14)),
    st.builds(
        lambda label, value: {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": ACTION_MORE,
                    "text": {**label, "type": "plain_text"},
                    "value": value,
                }
            ],
        },
        text_object,
        st.text(max_size=2100).map(escape),
    ),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=st.lists(block, min_size=1, max_size=70), text=st.text(min_size=1, max_size=5000).map(escape))
def test_fit_always_returns_a_message_within_the_limits(blocks: list[dict[str, Any]], text: str) -> None:
    fitted, fitted_text = limits.fit(blocks, text)
    if not fitted:  # only possible when every block was a button that could not fit
        assert all(b["type"] == "actions" for b in blocks)
        return
    assert problems({"blocks": fitted, "text": fitted_text}) == []


@given(text=st.text(max_size=4000), limit=st.integers(2, 3000))
def test_clip_never_leaves_half_an_entity_or_link(text: str, limit: int) -> None:
    escaped = escape(text) + " <https://example.org/x|a link>"
    cut = limits.clip(escaped, limit)
    assert limits.units(cut) <= limit
    body = cut.removesuffix("…")
    assert escaped.startswith(body)
    assert body.count("<") == body.count(">")
    assert "&" not in re.sub(r"&(?:amp|lt|gt);", "", body)  # every & still starts a whole entity


def test_team_codes_are_marked(tmp_path: Any) -> None:
    path = tmp_path / "wscodes.toml"
    path.write_text('[codes.4001]\nname = "Session expired"\nmeaning = "<!channel> token *expired*"\n')
    registry = ProjectRegistry(load_config(str(path)))
    reply = answer(Request("4001"), registry)
    text = json.dumps(reply.blocks)
    assert "Your team's code" in text and "(your team's code)" in text
    assert str(tmp_path) not in text  # no machine path in a message
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text  # even the team file's text is escaped
    check(reply.message())
    listing = answer(Request("list 4xxx"), registry)
    assert ":busts_in_silhouette:" in json.dumps(listing.blocks)
    assert answer(Request("4001"), ProjectRegistry(ProjectConfig())).blocks != reply.blocks


def test_the_checker_itself_catches_what_it_should() -> None:
    ok = {"type": "section", "text": {"type": "mrkdwn", "text": "*fine* <https://x.example/a|link>"}}
    assert problems({"blocks": [ok], "text": "t"}) == []
    button = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 76}}
    bad = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "hi <!channel>"}},
        {"type": "section", "text": {"type": "plain_text", "text": "<http://x|y>"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "a & b"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}},
        {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}},
        {"type": "actions", "elements": [button]},
    ]
    for block in bad:
        assert problems({"blocks": [block], "text": "t"}), block
    assert problems({"blocks": [ok] * 51, "text": "t"})
