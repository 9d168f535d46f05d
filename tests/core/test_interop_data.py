"""The measured behaviours (core/data/interop.json) as the core exposes them on CloseCode."""

from __future__ import annotations

import pytest

from wscodes.core.registry import classify, codes_measured, measured_for

CODES = [0, 999, *range(1000, 1017), 1100, 2999, 3000, 3999, 4000, 4999, 5000, 65535]


def one(n: int, implementation: str, scenario: str) -> str:
    (m,) = [m for m in classify(n).measured if m.implementation == implementation and m.scenario == scenario]
    return m.text


def test_every_code_the_harness_tries_has_both_directions_for_every_implementation() -> None:
    assert list(codes_measured()) == CODES
    implementations = {m.implementation for m in measured_for(1000)}
    assert {"python-websockets", "ws", "chromium", "wsproto", "aiohttp"} <= implementations
    for n in CODES:
        for scenario in ("send", "receive"):
            assert {m.implementation for m in measured_for(n) if m.scenario == scenario} == implementations
    assert classify(1234).measured == () and classify(70000).measured == ()


def test_every_record_names_version_and_date() -> None:
    for n in CODES:
        for m in measured_for(n):
            assert m.version and len(m.measured) == 10
            assert m.text.startswith(f"{m.implementation} {m.version}: ")


@pytest.mark.parametrize(
    ("n", "implementation", "scenario", "text"),
    [
        # wsproto's CloseReason enum stops at 1013: a received 1014 is "unknown reserved".
        (
            1014,
            "wsproto",
            "receive",
            "fails the connection on receipt (answers with 1002; the application sees 1002)",
        ),
        (1014, "python-websockets", "receive", "reports it to the application as 1014 on receipt"),
        (
            5000,
            "ws",
            "receive",
            "fails the connection on receipt (answers with 1002; the application sees 1006)",
        ),
        (5000, "chromium", "receive", "reports it to the application as 5000 on receipt"),
        (5000, "aiohttp", "send", "close() sends it as given"),
        (1005, "wsproto", "send", "close() silently sends 1000 instead"),
        (1005, "ws", "send", "close() throws TypeError: First argument must be a valid error code number"),
        (
            1001,
            "chromium",
            "send",
            "close() throws InvalidAccessError: Failed to execute 'close' on 'WebSocket'",
        ),
        (
            1006,
            "uvicorn[wsproto]",
            "drop",
            "when the TCP connection drops without a Close frame, the application sees 1005",
        ),
        (1006, "python-websockets", "drop", "the application sees 1006"),
        (1005, "aiohttp", "nocode", "on a Close frame with no code, the application sees 0"),
        # measured from Debian's packages (interop/native.py)
        (5000, "nhooyr.io/websocket", "send", "cannot be set (and sends 1011 instead)"),
        (1002, "gorilla/websocket", "onebyte", "whose body is a single byte, the application sees 1005"),
        (1014, "boost-beast", "receive", "(answers with 1002; the application sees no code)"),
        (1012, "qt-websockets", "receive", "(answers with 1002; the application sees 1002)"),
        (1006, "qt-websockets", "drop", "the application sees 1000"),
    ],
)
def test_measured_behaviour_in_words(n: int, implementation: str, scenario: str, text: str) -> None:
    assert text in one(n, implementation, scenario)


def test_measured_json_carries_the_facts_and_the_words() -> None:
    (m,) = [m for m in classify(1014).measured if m.implementation == "wsproto" and m.scenario == "receive"]
    j = m.to_json()
    assert (j["outcome"], j["app_code"], j["reply"]) == ("fails", 1002, 1002)
    assert j["version"] == m.version and j["text"] == m.text and j["measured"] == m.measured


def test_measured_highlights_are_the_departures_from_what_the_code_leads_one_to_expect() -> None:
    from wscodes.core.registry import classify, lookup

    assert lookup(1000) is not None and lookup(1000).measured_highlights == ()  # sent and reported everywhere
    gateway = lookup(1014)
    assert gateway is not None
    picked = {(m.implementation, m.scenario, m.outcome) for m in gateway.measured_highlights}
    assert ("wsproto", "receive", "fails") in picked  # 1014 may be sent, yet wsproto rejects it
    assert not any(s == "receive" and o == "reported" for _, s, o in picked)
    abnormal = classify(1006).measured_highlights
    assert {m.scenario for m in abnormal} >= {"drop"}  # what each library reports on a dropped TCP
    assert not any(m.scenario == "send" and m.outcome == "throws" for m in abnormal)  # expected: not shown
    assert any(m.scenario == "send" and m.outcome != "throws" for m in abnormal)  # wsproto rewrites it


def test_where_sources_disagree_every_front_end_shows_it() -> None:
    """Each hand-written disagreement names the codes it is about, and those codes carry its note
    (terminal card, JSON, hover, Slack card, page all read ``CloseCode.disagreements``)."""
    from wscodes.core.registry import classify, interop_raw
    from wscodes.lsp.hover import hover_text
    from wscodes.render import Style, card
    from wscodes.slack.blocks import card as slack_card

    entries = interop_raw()["sources_disagree"]
    for e in entries:
        assert e["codes"] and all(0 <= low <= high <= 65535 for low, high in e["codes"])
        for low, high in e["codes"]:
            for n in {low, high, (low + high) // 2}:
                code = classify(n)
                assert e["note"] in code.disagreements
                assert e["note"] in code.to_json()["sources_disagree"]
    assert classify(1000).disagreements == () and classify(1000).to_json()["sources_disagree"] == []
    abnormal = classify(1006)
    terminal = "\n".join(card(abnormal, Style(color=False)))
    assert "Sources disagree" in terminal and "QWebSocket::closeCode()" in terminal
    hover = hover_text(abnormal, None, None, True)
    assert "**Sources disagree**: " + abnormal.disagreements[0] in hover
    slack = str(slack_card(abnormal, full=True))
    assert "*Sources disagree*" in slack and "QWebSocket::closeCode()" in slack
    assert "Sources disagree" not in str(slack_card(classify(1001), full=True))
