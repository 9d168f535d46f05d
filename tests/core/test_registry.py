"""Every registry fact, checked against its primary source.

The expected tables below are transcribed from the sources themselves (RFC 6455 §7.4.1/§7.4.2,
the IANA registry file as of its 2026-06-10 update, the WHATWG close() algorithm), independently
of core/data/registry.json, so a wrong edit to the data file fails here.
"""

from __future__ import annotations

import itertools
import re

import pytest

from wscodes.core.registry import Retry, Sender, Status, classify, data, lookup

# IANA "WebSocket Close Code Number Registry", <description> of every <record> with a single value.
IANA = {
    1000: "Normal Closure",
    1001: "Going Away",
    1002: "Protocol error",
    1003: "Unsupported Data",
    1004: "Reserved",
    1005: "No Status Rcvd",
    1006: "Abnormal Closure",
    1007: "Invalid frame payload data",
    1008: "Policy Violation",
    1009: "Message Too Big",
    1010: "Mandatory Ext.",
    1011: "Internal Error",
    1012: "Service Restart",
    1013: "Try Again Later",
    1014: "The server was acting as a gateway or proxy and received an invalid response from the "
    "upstream server. This is similar to 502 HTTP Status Code.",
    1015: "TLS handshake",
    3000: "Unauthorized",
    3003: "Forbidden",
    3008: "Timeout",
}
# IANA <contact> of each record.
IANA_CONTACT = dict.fromkeys((*range(1000, 1012), 1015), "IESG HYBI WG") | {
    1012: "Alexey Melnikov",
    1013: "Alexey Melnikov",
    1014: "Alexey Melnikov",
    3000: "Leo Tietz",
    3003: "Ada Young",
    3008: "Morgan Jones",
}
IANA_DATE = {3000: "2021-09-06", 3003: "2023-02-22", 3008: "2024-02-01"}
# RFC 6455 §7.4.1: "MUST NOT be set as a status code in a Close control frame by an endpoint".
MUST_NOT_SEND = {1005, 1006, 1015}
# RFC 6455 §7.4.1: "1004 Reserved. The specific meaning might be defined in the future."
RESERVED = {1004}
# RFC 6455 §7.4.1 on 1010: "an endpoint (client) is terminating the connection ... this status
# code is not used by the server".
CLIENT_ONLY = {1010}
# The hybi-list registrations: 1012 "service is restarted", 1013 "service is experiencing
# overload", 1014 "the server was acting as a gateway or proxy".
SERVER_ONLY = {1012, 1013, 1014}


def test_every_iana_entry_is_present_and_nothing_else() -> None:
    assert set(data().codes) == set(IANA)


@pytest.mark.parametrize("n", sorted(IANA))
def test_iana_description_contact_and_date(n: int) -> None:
    code = lookup(n)
    assert code is not None
    assert code.iana_description == IANA[n]
    assert code.iana_contact == IANA_CONTACT[n]
    assert code.iana_date == IANA_DATE.get(n)
    assert code.status is Status.REGISTERED
    assert any(s.id == "iana" for s in code.sources)


@pytest.mark.parametrize("n", sorted(IANA))
def test_on_wire_follows_rfc_7_4_1(n: int) -> None:
    code = classify(n)
    assert code.on_wire is (n not in MUST_NOT_SEND | RESERVED)
    if not code.on_wire:
        assert code.sender is Sender.NONE
        assert code.reference.id == "rfc6455-7.4.1"


@pytest.mark.parametrize("n", sorted(IANA))
def test_sender(n: int) -> None:
    code = classify(n)
    if n in CLIENT_ONLY:
        assert code.sender is Sender.CLIENT
    elif n in SERVER_ONLY:
        assert code.sender is Sender.SERVER
    elif n in MUST_NOT_SEND | RESERVED:
        assert code.sender is Sender.NONE


def test_1011_follows_errata_3227_and_says_so() -> None:
    code = classify(1011)
    assert code.sender is Sender.EITHER  # "a remote endpoint", not only "a server"
    assert any(s.id == "errata-3227" for s in code.sources)
    assert any("3227" in note for note in code.notes)


@pytest.mark.parametrize("n", [1012, 1013, 1014])
def test_post_rfc_codes_cite_their_registration(n: int) -> None:
    code = classify(n)
    assert code.reference.id == "iana"
    assert any(s.url.startswith("https://mailarchive.ietf.org/arch/msg/hybi/") for s in code.sources)


@pytest.mark.parametrize("n", [3000, 3003, 3008])
def test_3xxx_entries_say_they_have_no_specification(n: int) -> None:
    code = classify(n)
    assert code.reference.id == "iana"
    assert any("no specification" in note for note in code.notes)


@pytest.mark.parametrize(
    ("n", "allowed"),
    [
        (-1, False),
        (0, False),
        (999, False),
        (1000, True),
        (1001, False),
        (1005, False),
        (2999, False),
        (3000, True),
        (3999, True),
        (4000, True),
        (4999, True),
        (5000, False),
        (65535, False),
        (70000, False),
    ],
)
def test_browser_close_follows_whatwg(n: int, allowed: bool) -> None:
    code = classify(n)
    assert code.browser_close_allowed is allowed
    assert code.browser_close_error == (None if allowed else "InvalidAccessError")


def test_close_frame_rule_is_rfc_5_5_1() -> None:
    rule = data().close_frame
    assert (rule.code_bytes, rule.max_control_payload_bytes, rule.max_reason_bytes) == (2, 125, 123)
    assert rule.reason_fits("x" * 123)
    assert not rule.reason_fits("x" * 124)
    assert not rule.reason_fits("é" * 62)  # 124 bytes of UTF-8 in 62 characters
    assert rule.reason_fits("é" * 61)


@pytest.mark.parametrize(
    ("n", "status", "on_wire", "range_id"),
    [
        (-5, Status.INVALID, False, "below"),
        (0, Status.INVALID, False, "0-999"),
        (999, Status.INVALID, False, "0-999"),
        (1016, Status.UNASSIGNED, False, "1000-2999"),
        (2999, Status.UNASSIGNED, False, "1000-2999"),
        (3001, Status.UNASSIGNED, True, "3000-3999"),
        (3999, Status.UNASSIGNED, True, "3000-3999"),
        (4000, Status.PRIVATE, True, "4000-4999"),
        (4999, Status.PRIVATE, True, "4000-4999"),
        (5000, Status.INVALID, False, "5000-65535"),
        (65535, Status.INVALID, False, "5000-65535"),
        (65536, Status.INVALID, False, "above"),
        (10**20, Status.INVALID, False, "above"),
    ],
)
def test_classify_ranges_follow_rfc_7_4_2(n: int, status: Status, on_wire: bool, range_id: str) -> None:
    code = classify(n)
    assert code.code == n
    assert code.status is status
    assert code.on_wire is on_wire
    assert code.range.id == range_id
    assert code.meaning and code.action


def test_ranges_cover_everything_once() -> None:
    ranges = data().ranges
    assert ranges[0].low is None and ranges[-1].high is None
    for a, b in itertools.pairwise(ranges):
        assert a.high is not None and b.low == a.high + 1


def test_every_fact_names_a_source() -> None:
    d = data()
    for code in d.codes.values():
        assert code.sources and code.reference in code.sources
        assert code.meaning and code.action and code.name
        assert code.retry in Retry
    for r in d.ranges:
        assert r.sources
    for m in d.messages:
        assert m.sources
        re.compile(m.pattern)
    for s in d.sources.values():
        assert s.url.startswith("https://")


def test_library_constants_agree_with_their_values() -> None:
    d = data()
    assert len(d.constants) > 200
    for c in d.constants:
        assert c.bare in c.name
        # Besides registered codes: Spring's private 4500, and sentinels that never reach the wire
        # (Apple's .invalid = 0, Java-WebSocket's negative pseudo-codes).
        assert c.code in d.codes or 4000 <= c.code <= 4999 or c.code <= 0, c
        # A constant whose name carries a number (WS_1008_POLICY_VIOLATION) must carry its value.
        numbers = re.findall(r"\d{4}", c.name)
        assert not numbers or int(numbers[0]) == c.code, c
    libraries = {c.library for c in d.constants}
    for lib in ("python-websockets", "aiohttp", "starlette", "gorilla/websocket", "netty", "dotnet"):
        assert lib in libraries


def test_known_constants() -> None:
    names = {(c.library, c.name): c.code for c in data().constants}
    assert names[("python-websockets", "CloseCode.GOING_AWAY")] == 1001
    assert names[("starlette", "status.WS_1008_POLICY_VIOLATION")] == 1008
    assert names[("gorilla/websocket", "websocket.CloseGoingAway")] == 1001
    assert names[("dotnet", "WebSocketCloseStatus.NormalClosure")] == 1000


@pytest.mark.parametrize(
    ("n", "sender", "on_wire", "browser"),
    [
        (1000, "either endpoint", "yes", "accepted by WebSocket.close()"),
        (1006, "nobody — never in a Close frame", "no — it must never be sent (RFC 6455 §7.4.1", "throws"),
        (1010, "the client", "yes", "throws InvalidAccessError"),
        (1012, "the server", "yes", "(only 1000, or 3000–4999 allowed)"),
        (2000, "nobody — never in a Close frame", "no — Protocol codes (1000–2999)", "throws"),
        (4001, "either endpoint", "yes", "accepted"),
        (
            70000,
            "nobody — never in a Close frame",
            "no — Not a close code (above 65535)",
            "close(70000) throws",
        ),
    ],
)
def test_the_facts_in_words_every_front_end_shows(n: int, sender: str, on_wire: str, browser: str) -> None:
    code = classify(n)
    assert code.sender_text == sender
    assert code.on_wire_text.startswith(on_wire)
    assert browser in code.browser_close_text
    assert code.retry_text
