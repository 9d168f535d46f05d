# ruff: noqa: E501 - the messages are verbatim, one string each
"""The log decoder: every known message, pasted verbatim, is found and explained by the core.

Each string below is copied verbatim from the implementation's source at the cited version, or was
captured from the implementation by the interop harness (interop/measure.py, interop/console.py):
the `sources` of its entry in core/data/registry.json name the file and version. Ports in captured
URLs are written as PORT. The third column is the codes the answer must show: the code named in
the text first, then the codes the message implies (what the library sent, what the app sees).
"""

from __future__ import annotations

import re

import pytest

from wscodes.core.registry import data
from wscodes.core.search import search

# (the message verbatim, the entry that explains it, the codes the answer shows)
MESSAGES = [
    (
        "Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. 1001 is neither.",
        "browser-close-code",
        (1001,),
    ),
    ("InvalidAccessError: invalid code", "browser-close-code", ()),
    (
        "Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.",
        "browser-close-reason",
        (),
    ),
    ("SyntaxError: Reason must be less than 123 bytes; received 124", "browser-close-reason", ()),
    ("The message must not be greater than 123 bytes", "browser-close-reason", ()),
    ("WebSocket is already in CLOSING or CLOSED state.", "chromium-send-after-close", ()),
    (
        "WebSocket connection to 'ws://127.0.0.1:PORT/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED",
        "chromium-connection-refused",
        (1006,),
    ),
    (
        "WebSocket connection to 'ws://127.0.0.1:PORT/' failed: Error during WebSocket handshake: Unexpected response code: 502",
        "chromium-handshake-status",
        (1006,),
    ),
    (
        "WebSocket connection to 'ws://127.0.0.1:PORT/receive/1005' failed: Received a broken close frame containing a reserved status code.",
        "chromium-broken-close-reserved",
        (1002, 1006),
    ),
    (
        "WebSocket connection to 'ws://127.0.0.1:PORT/badutf8' failed: Received a broken close frame containing invalid UTF-8.",
        "chromium-broken-close-utf8",
        (1002, 1006),
    ),
    (
        "WebSocket connection to 'ws://127.0.0.1:PORT/longreason' failed: Invalid frame header",
        "chromium-invalid-frame-header",
        (1006,),
    ),
    (
        "Failed to construct 'WebSocket': The URL contains a fragment identifier ('frag'). Fragment identifiers are not allowed in WebSocket URLs.",
        "chromium-url-fragment",
        (),
    ),
    (
        "Failed to construct 'WebSocket': The subprotocol 'a' is duplicated.",
        "chromium-subprotocol-duplicated",
        (),
    ),
    (
        "sent 1011 (internal error) keepalive ping timeout; no close frame received",
        "websockets-keepalive-timeout",
        (1011, 1006),
    ),
    ("no close frame received or sent", "no-close-frame", (1006,)),
    (
        "sent 1002 (protocol error) invalid status code; no close frame received",
        "websockets-invalid-status-code",
        (1002, 1006),
    ),
    (
        "sent 1007 (invalid frame payload data) invalid start byte at position 0; no close frame received",
        "websockets-close-utf8",
        (1007, 1006),
    ),
    (
        "sent 1002 (protocol error) control frame too long; no close frame received",
        "websockets-control-frame-too-long",
        (1002, 1006),
    ),
    ("frame with 2000000 bytes exceeds limit of 1048576 bytes", "websockets-payload-too-big", (1009,)),
    (
        "sent 1002 (protocol error) fragmented control frame; no close frame received",
        "websockets-fragmented-control",
        (1002, 1006),
    ),
    (
        "sent 1002 (protocol error) incorrect masking; no close frame received",
        "websockets-incorrect-masking",
        (1002, 1006),
    ),
    ("server rejected WebSocket connection: HTTP 403", "websockets-rejected-http", ()),
    ("timed out during opening handshake", "websockets-open-timeout", ()),
    ("did not receive a valid HTTP response", "websockets-invalid-http", ()),
    ("received 1000 (OK); then sent 1000 (OK)", "websockets-closed-ok", (1000,)),
    ("Invalid close code: 1005", "aiohttp-invalid-close-code", (1005, 1002)),
    ("Control frame payload cannot be larger than 125 bytes", "aiohttp-control-frame-size", (1002,)),
    ("Invalid UTF-8 text message", "aiohttp-invalid-utf8", (1007,)),
    ("Message size 8388608 exceeds limit 4194304", "aiohttp-message-size", (1009,)),
    ("Cannot write to closing transport", "aiohttp-closing-transport", ()),
    ("Invalid response status", "aiohttp-invalid-response-status", ()),
    ("CLOSE with invalid code", "wsproto-invalid-code", (1002,)),
    ("CLOSE with unknown reserved code", "wsproto-unknown-reserved", (1002,)),
    ("remote CLOSE with local-only reason", "wsproto-local-only", (1002,)),
    ("Control frame with payload len > 125", "wsproto-control-too-long", (1002,)),
    (
        "Error decoding CLOSE reason: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        "wsproto-close-reason-utf8",
        (1007,),
    ),
    ("message too big after decompression", "tornado-message-too-big", (1009,)),
    ("Unsupported upgrade request.", "uvicorn-unsupported-upgrade", (1006,)),
    (
        "No supported WebSocket library detected. Please use \"pip install 'uvicorn[standard]'\", or install 'websockets' or 'wsproto' manually.",
        "uvicorn-no-websocket-library",
        (1006,),
    ),
    (
        "Expected ASGI message 'websocket.accept', 'websocket.close' or 'websocket.http.response.start' but got 'websocket.send'.",
        "uvicorn-asgi-order",
        (),
    ),
    (
        "Expected ASGI message 'websocket.send' or 'websocket.close', but got 'websocket.accept'.",
        "uvicorn-asgi-order",
        (),
    ),
    ("Invalid WebSocket frame: invalid status code 1005", "ws-invalid-status-code", (1005, 1002, 1006)),
    ("Invalid WebSocket frame: invalid UTF-8 sequence", "ws-invalid-utf8", (1007, 1006)),
    ("Invalid WebSocket frame: invalid payload length 126", "ws-invalid-payload-length", (1002, 1006)),
    ("Max payload size exceeded", "ws-max-payload", (1009,)),
    ("Invalid WebSocket frame: MASK must be set", "ws-mask", (1002,)),
    ("Invalid WebSocket frame: RSV1 must be clear", "ws-rsv", (1002,)),
    ("First argument must be a valid error code number", "ws-close-code-argument", ()),
    ("WebSocket was closed before the connection was established", "ws-closed-before-established", (1006,)),
    ("Unexpected server response: 502", "ws-unexpected-response", (1006,)),
    ("Opening handshake has timed out", "ws-handshake-timeout", (1006,)),
    ("WebSocket is not open: readyState 3 (CLOSED)", "ws-not-open", ()),
    ("websocket: close 1006 (abnormal closure): unexpected EOF", "gorilla-close-error", (1006,)),
    ("websocket: close 1000 (normal)", "gorilla-close-error", (1000,)),
    ("websocket: bad close code 1014", "gorilla-bad-close-code", (1014, 1002)),
    ("websocket: invalid utf8 payload in close frame", "gorilla-close-utf8", (1002,)),
    ("websocket: bad handshake", "gorilla-bad-handshake", ()),
    ("websocket: request origin not allowed by Upgrader.CheckOrigin", "gorilla-origin", (1006,)),
    (
        "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
        "gorilla-no-upgrade-token",
        (1006,),
    ),
    ("websocket: read limit exceeded", "gorilla-read-limit", (1009,)),
    ("websocket: close sent", "gorilla-close-sent", ()),
    ("payload length is longer than allowed for a control frame", "starscream-control-frame-length", (1002,)),
    ("control frames can't be fragmented", "starscream-fragmented-control", (1002,)),
    ("Code must be in range [1000,5000): 999", "okhttp-code-range", (999,)),
    ("Code 1004 is reserved and may not be used.", "okhttp-code-reserved", (1004,)),
    ("Expected HTTP 101 response but was '401 Unauthorized'", "okhttp-expected-101", ()),
    (
        "The remote party closed the WebSocket connection without completing the close handshake.",
        "dotnet-closed-prematurely",
        (1006,),
    ),
    ("The server returned status code '403' when status code '101' was expected.", "dotnet-expected-101", ()),
    ("WebSocket closed with status code: 1006 ().", "signalr-ws-closed", (1006,)),
    ("Server timeout elapsed without receiving a message from the server.", "signalr-server-timeout", ()),
    ("transport close", "socketio-transport-close", (1006,)),
    ("ping timeout", "socketio-ping-timeout", ()),
    ("io server disconnect", "socketio-server-disconnect", ()),
    ("transport error", "socketio-transport-error", ()),
    ("Invalid close frame getStatus code: 1005", "netty-invalid-close-status", (1005, 1002)),
    # captured by the interop harness from the Debian-built libraries and the Python ones
    (
        "failed to close WebSocket: failed to marshal close frame: status code StatusAbnormalClosure cannot be set",
        "nhooyr-code-cannot-be-set",
        (1011,),
    ),
    (
        "failed to close WebSocket: failed to marshal close frame: status code StatusCode(2999) cannot be set",
        "nhooyr-code-cannot-be-set",
        (2999, 1011),
    ),
    (
        "failed to get reader: failed to handle control frame opClose: received invalid close payload: invalid status code StatusCode(1016)",
        "nhooyr-invalid-received-code",
        (1016, 1002),
    ),
    (
        "failed to get reader: failed to handle control frame opClose: received invalid close payload: invalid status code StatusNoStatusRcvd",
        "nhooyr-invalid-received-code",
        (1002,),
    ),
    (
        'failed to get reader: failed to handle control frame opClose: received invalid close payload: close payload "\\x03" too small, cannot even contain the 2 byte status code',
        "nhooyr-close-payload-too-small",
        (1002,),
    ),
    (
        "failed to get reader: failed to handle control frame opClose: received control frame payload with invalid length: 126",
        "nhooyr-control-frame-too-long",
        (1002,),
    ),
    ("failed to get reader: failed to read frame header: EOF", "nhooyr-read-eof", (1006,)),
    (
        'failed to get reader: received close frame: status = StatusNoStatusRcvd and reason = ""',
        "nhooyr-received-close",
        (),
    ),
    ("The WebSocket close frame reason code was invalid", "beast-invalid-close-code", (1002,)),
    ("The WebSocket close frame payload was not valid utf8", "beast-close-bad-utf8", (1002,)),
    ("The WebSocket control frame size was invalid", "beast-control-frame-size", (1002,)),
    ("The WebSocket close frame payload size was invalid", "beast-close-size", (1002,)),
    ("The WebSocket stream was gracefully closed at both endpoints", "beast-closed", ()),
    ("websocket: len > 125 for control", "gorilla-control-too-long", (1002,)),
    ("ProtocolException: Control frame must be less than 125B.", "okhttp-control-too-long", (1006,)),
    ("ProtocolException: Malformed close payload length of 1.", "okhttp-malformed-close-length", ()),
    ("The remote host closed the connection", "qt-remote-host-closed", (1000,)),
    ("CloseConnection: CLOSE with 1 byte payload", "wsproto-one-byte-close", (1002,)),
    ("WebSocketError: Invalid close frame: False 8 b'\\x03'", "aiohttp-invalid-close-frame", (1002,)),
    ("ProtocolError: invalid status code", "websockets-invalid-status-code-sent", ()),
]

ENTRIES = {m.id: m for m in data().messages}


@pytest.mark.parametrize(("text", "entry", "codes"), MESSAGES, ids=[f"{e}:{t[:40]}" for t, e, _ in MESSAGES])
def test_a_pasted_message_is_found_and_explained(text: str, entry: str, codes: tuple[int, ...]) -> None:
    res = search(text)
    assert res.kind == "text"
    explanation = ENTRIES[entry].explanation
    assert explanation in res.explanations
    shown = tuple(h.code.code for h in res.hits if h.why in ("in the text", "implied by the message"))
    assert shown == codes
    # the explanation says which side and what to do, in words
    assert len(explanation) > 80


def test_the_table_and_the_data_hold_the_same_messages() -> None:
    in_data = {(ex, m.id) for m in data().messages for ex in m.examples}
    assert in_data == {(t, e) for t, e, _ in MESSAGES}


def test_at_least_60_messages_from_at_least_15_implementations() -> None:
    assert len(MESSAGES) >= 60
    sources = {s.id for m in data().messages for s in m.sources}
    # one source per implementation (python-websockets' keepalive docs page is not a second one)
    implementations = {
        s for s in sources if not s.startswith(("rfc6455", "whatwg", "iana", "websockets-keepalive"))
    }
    assert len(implementations) >= 15, sorted(implementations)


def test_every_entry_names_a_versioned_or_captured_source() -> None:
    for m in data().messages:
        assert m.examples, m.id
        titles = " ".join(s.title for s in m.sources)
        assert re.search(r"\d+\.\d+|captured|source", titles), m.id
        for ex in m.examples:
            assert re.search(m.pattern, ex), (m.id, ex)


def test_chrome_reason_length_message_is_about_the_reason_not_the_code() -> None:
    # Chrome's close() exception for an over-long reason used to be explained as a code error.
    for text in (
        "Failed to execute 'close' on 'WebSocket': The message must not be greater than 123 bytes.",
        "Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.",
    ):
        res = search(text)
        assert res.explanations == (ENTRIES["browser-close-reason"].explanation,)
        assert not any(h.why in ("in the text", "implied by the message") for h in res.hits)


def test_1014_rejections_name_the_libraries_that_reject_it() -> None:
    for text in ("websocket: bad close code 1014", "CLOSE with unknown reserved code"):
        (explanation,) = search(text).explanations
        assert "1014" in explanation


# Captured errors the decoder leaves alone: too generic to explain on their own (EOFException), or
# the harness' own words rather than the library's (libwebsockets gives the peer only a callback).
UNEXPLAINED_CAPTURES = {"EOFException", "End of file", "closed without LWS_CALLBACK_WS_PEER_INITIATED_CLOSE"}


def test_every_error_the_interop_harness_captured_is_explained() -> None:
    """An error string a real library printed in a measured run (core/data/interop.json) pasted
    into the decoder gets an explanation."""
    from wscodes.core.registry import interop_raw

    captured: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("error"), str):
                captured.add(node["error"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(interop_raw()["implementations"])
    assert len(captured) > 100
    unexplained = sorted(e for e in captured - UNEXPLAINED_CAPTURES if not search(e).explanations)
    assert unexplained == []
