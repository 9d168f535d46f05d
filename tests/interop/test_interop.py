"""A fresh interop run must agree with the shipped measurements (core/data/interop.json).

Re-measures every implementation the harness knows on loopback against the raw peer: the Python
ones (python-websockets, aiohttp, tornado, wsproto, uvicorn with both backends), Node's `ws` and
built-in WebSocket, and headless Chromium — about 5 s in all. When an implementation changed
(a new version in interop/requirements.txt, a new Chromium or Node), re-measure with
`python -m interop.measure --write` and review the diff of core/data/interop.json.
"""

from __future__ import annotations

import asyncio
import struct
from typing import Any

import pytest

from interop import measure
from interop.rawpeer import RawServer, describe_close, frame, raw_client

SHIPPED = {rec["implementation"]: rec for rec in measure.load()["implementations"]}


@pytest.fixture(scope="module")
def fresh() -> dict[str, dict[str, Any]]:
    records = asyncio.run(measure.measure(list(measure.MEASURES)))
    return {rec["implementation"]: rec for rec in records}


def test_every_implementation_is_shipped_and_measured() -> None:
    assert set(SHIPPED) == set(measure.MEASURES)
    for rec in SHIPPED.values():
        assert [int(n) for n in rec["send"]] == measure.CODES == [int(n) for n in rec["receive"]]
        assert set(rec["events"]) == set(measure.EVENTS)
        assert rec["version"] and rec["measured"]


@pytest.mark.parametrize("name", sorted(measure.MEASURES))
def test_a_fresh_run_agrees_with_the_shipped_data(fresh: dict[str, dict[str, Any]], name: str) -> None:
    got, shipped = fresh[name], SHIPPED[name]
    assert got["version"] == shipped["version"], (
        f"{name} is now {got['version']}, the data was measured on {shipped['version']}: "
        "re-measure with `python -m interop.measure --write`"
    )
    diffs = [
        f"{part} {key}: shipped {shipped[part][key]}, measured {got[part][key]}"
        for part in ("send", "receive", "events")
        for key in shipped[part]
        if shipped[part][key] != got[part][key]
    ]
    assert not diffs, f"{name} {got['version']} disagrees with core/data/interop.json:\n" + "\n".join(diffs)


def test_classify_outcomes() -> None:
    assert measure.classify("/send/1000", {}, {"frame": "close", "code": 1000}) == {"outcome": "sent"}
    assert measure.classify("/send/1005", {}, {"frame": "close", "code": None}) == {
        "outcome": "rewritten",
        "wire": None,
    }
    assert measure.classify("/send/1006", {"error": "TypeError: x"}, {"frame": "none"})["outcome"] == "throws"
    # A received 1006 the library "reports" as 1006 because it failed the connection is a failure.
    failed = measure.classify("/receive/1006", {"app_code": 1006}, {"frame": "close", "code": 1002})
    assert failed == {"outcome": "fails", "app_code": 1006, "reply": 1002}
    ok = measure.classify("/receive/1002", {"app_code": 1002}, {"frame": "close", "code": 1002})
    assert ok["outcome"] == "reported"


def test_the_raw_peer_frames_what_it_is_told() -> None:
    # server frames are unmasked; a 126-byte payload takes the 16-bit length form (RFC 6455 §5.2)
    assert frame(0x8, struct.pack("!H", 65535), mask=False) == b"\x88\x02\xff\xff"
    long = frame(0x8, b"x" * 126, mask=False)
    assert long[:4] == b"\x88\x7e\x00\x7e" and len(long) == 130
    masked = frame(0x8, b"\x03\xe8", mask=True)
    assert masked[1] == 0x82 and bytes(b ^ masked[2 + i % 4] for i, b in enumerate(masked[6:])) == b"\x03\xe8"
    assert describe_close(b"") == {"frame": "close", "code": None, "reason": ""}
    assert describe_close(b"\x0f\xa1bye")["code"] == 4001


def test_raw_peers_talk_to_each_other() -> None:
    async def run() -> dict[str, Any]:
        server = RawServer()
        port = await server.start()
        try:
            await raw_client(port, "/receive/4001")  # the client answers nothing: it only records
            return await server.wait("/receive/4001")
        finally:
            await server.stop()

    # The server sent 4001; the raw client read it and, as a raw peer, sent back the same scenario's
    # Close (4001), which the server recorded.
    assert asyncio.run(run()) == {"frame": "close", "code": 4001, "reason": ""}


def test_chromium_console_messages_are_still_the_ones_the_decoder_knows() -> None:
    from interop import console
    from wscodes.core.registry import data

    captured = asyncio.run(console.capture())
    examples = {ex for m in data().messages for ex in m.examples}
    lines = [line for situation, got in captured.items() if situation != "version" for line in got]
    assert len(lines) >= 5
    for line in lines:
        assert line in examples, f"Chromium {captured['version']} logs {line!r}, which the decoder lacks"
