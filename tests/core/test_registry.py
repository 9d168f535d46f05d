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
# IANA <record date="…"> where the record carries one.
IANA_DATE = {1014: "2016-10-10", 3000: "2021-09-06", 3003: "2023-02-22", 3008: "2024-02-01"}
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
    assert code.registered
    assert code.status is (Status.RESERVED if n in MUST_NOT_SEND | RESERVED else Status.REGISTERED)
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


# RFC 6455's errata list: 17 records, 3 verified (3150, 3433, 3473). IANA's 1011 record cites
# <xref type="rfc-errata" data="3227"/>, which is not one of them.
VERIFIED_ERRATA = {"3150", "3433", "3473"}


def test_1011_reports_what_iana_cites_without_calling_it_verified_or_normative() -> None:
    code = classify(1011)
    assert code.reference.id == "rfc6455-7.4.1"
    assert any(s.id == "errata-3227" for s in code.sources)
    (note,) = [n for n in code.notes if "3227" in n]
    assert "IANA" in note and "not one of" in note and "never normative" in note
    assert all(e in note for e in VERIFIED_ERRATA)
    text = " ".join((code.meaning, code.action, *code.notes, *(s.title for s in code.sources)))
    assert not re.search(r"(?i)verified (errata|erratum) 3227|3227 \(normative|errata \(normative", text)
    assert "not a verified erratum" in next(s.title for s in code.sources if s.id == "errata-3227")


def test_1004_is_reserved_without_a_must_not() -> None:
    code = classify(1004)
    assert code.status is Status.RESERVED and not code.on_wire
    text = " ".join((code.meaning, code.action, *code.notes))
    # RFC 6455 §7.4.1 says only "Reserved. The specific meaning might be defined in the future."
    assert "does not say MUST NOT" in text
    assert not re.search(r"(?i)1004 MUST NOT|MUST NOT be set as a status code", text)


@pytest.mark.parametrize("n", sorted(MUST_NOT_SEND))
def test_must_not_codes_quote_the_rfc(n: int) -> None:
    code = classify(n)
    assert code.status is Status.RESERVED
    assert any(f"{n} MUST NOT be set as a status code" in note for note in code.notes)


def test_status_in_json_tells_a_script_what_it_may_send() -> None:
    usable = {n for n in IANA if classify(n).to_json()["status"] == "registered"}
    assert usable == set(IANA) - MUST_NOT_SEND - RESERVED
    for n in MUST_NOT_SEND | RESERVED:
        j = classify(n).to_json()
        assert (j["status"], j["on_wire"], j["sender"]) == ("reserved", False, "none")


def test_1001_is_going_away_not_restarting() -> None:
    # RFC 6455 §7.4.1: '"going away", such as a server going down or a browser having navigated
    # away from a page'. Restarts have their own code, 1012.
    code = classify(1001)
    assert "going down" in code.meaning and "navigated away" in code.meaning
    first, _, rest = code.meaning.partition(". ")
    assert "restart" not in first  # what 1001 means
    assert "1012" in rest  # and where restarts go instead


def test_1013_follows_its_registration_not_automatic_backoff() -> None:
    # hybi registration: "a client should only connect to a different IP (when there are multiple
    # for the target) or reconnect to the same IP upon user action."
    code = classify(1013)
    assert code.retry is Retry.NO
    assert "different IP" in code.action and "user action" in code.action


def test_unassigned_and_undefined_ranges_say_who_rejects_them() -> None:
    protocol = data().range_of(2000)
    undefined = data().range_of(5000)
    assert "RFC 6455 does not say" in protocol.advice
    assert "RFC 6455 does not say" in undefined.summary
    for text in (protocol.advice, " ".join(undefined.notes)):
        assert "python-websockets" in text and "gorilla/websocket v1.5.3" in text
        assert "Chromium" in text and "tornado" in text  # the receivers that don't reject
    assert "Conforming receivers" not in undefined.summary + protocol.advice


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
    expected = (
        "python-websockets",
        "aiohttp",
        "starlette",
        "gorilla/websocket",
        "netty",
        "dotnet",
        "starscream",
    )
    for lib in expected:
        assert lib in libraries


def test_known_constants() -> None:
    names = {(c.library, c.name): c.code for c in data().constants}
    assert names[("python-websockets", "CloseCode.GOING_AWAY")] == 1001
    assert names[("starlette", "status.WS_1008_POLICY_VIOLATION")] == 1008
    assert names[("gorilla/websocket", "websocket.CloseGoingAway")] == 1001
    assert names[("dotnet", "WebSocketCloseStatus.NormalClosure")] == 1000


# Starscream Sources/Framer/Framer.swift: public enum CloseCode: UInt16 (1004 and 1006 are comments).
STARSCREAM = {
    "normal": 1000,
    "goingAway": 1001,
    "protocolError": 1002,
    "protocolUnhandledType": 1003,
    "noStatusReceived": 1005,
    "encoding": 1007,
    "policyViolated": 1008,
    "messageTooBig": 1009,
}


def test_starscream_close_code_enum() -> None:
    got = {c.bare: c.code for c in data().constants if c.library == "starscream"}
    assert got == STARSCREAM
    assert all(c.name == f"CloseCode.{c.bare}" for c in data().constants if c.library == "starscream")


@pytest.mark.parametrize(
    ("n", "sender", "on_wire", "browser"),
    [
        (1000, "either endpoint", "yes", "accepted by WebSocket.close()"),
        (1006, "nobody — never in a Close frame", "no — it must never be sent (RFC 6455 §7.4.1", "throws"),
        (
            1004,
            "nobody — never in a Close frame",
            "no — reserved with no meaning yet (RFC 6455 §7.4.1 sets no MUST NOT)",
            "throws",
        ),
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


def test_readme_json_schema_lists_every_status_wscode_json_prints() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `status` |")]
    documented = set(re.findall(r'`"([a-z-]+)"`', row))
    assert documented == {s.value for s in Status}
    assert "1004" in row and "never a code to send" in row


def test_each_library_constant_is_listed_once() -> None:
    keys = [(c.library, c.language, c.name) for c in data().constants]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    assert not twice, twice
