"""A fresh interop run must agree with the shipped measurements (core/data/interop.json).

Re-measures every implementation the harness knows on loopback against the raw peer: the Python
ones (python-websockets, aiohttp, tornado, wsproto, uvicorn with both backends), Node's `ws` and
built-in WebSocket, headless Chromium, and the libraries built from Debian's packages by
interop/native.py (gorilla/websocket, nhooyr.io/websocket, Boost.Beast, libwebsockets, Qt
WebSockets, OkHttp) — about 10 s in all, plus about 35 s the first time the peers are built.
When an implementation changed (a new version in interop/requirements.txt, a new Chromium,
Node or Debian package), re-measure with `python -m interop.measure --write` and review the
diff of core/data/interop.json.
"""

from __future__ import annotations

import asyncio
import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interop import measure, native
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
    assert got["how"] == shipped["how"], f"{name} was measured from {shipped['how']}, now {got['how']}"
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


def test_native_records_name_the_debian_package_and_how_they_were_measured() -> None:
    assert set(native.PEERS) <= set(SHIPPED)
    for name, peer in native.PEERS.items():
        rec = SHIPPED[name]
        deb = native.debian_version(peer.package)
        assert rec["version"] == f"{native.upstream(deb)} (Debian {deb})"
        assert rec["how"] == {
            "command": f"python -m interop.measure --only {name}",
            "peer": f"interop/peers/{peer.source}",
            "package": f"Debian {peer.package} {deb}",
        }
        assert (native.PEERS_DIR / peer.source).is_file()
        assert peer.package in Path(measure.ROOT / ".ci" / "apt-packages.txt").read_text().split()
    assert native.upstream("2:1.19~1") == "1.19" and native.upstream("1.74.0+ds1-21") == "1.74.0"


def lookup_fact(rec: dict[str, Any], at: str) -> Any:
    value: Any = rec
    for key in at.split("."):
        assert key in value, f"{rec['implementation']} has no {at}"
        value = value[key]
    return value


def test_where_measurements_and_the_registry_disagree_the_data_says_so_and_still_holds() -> None:
    """Each hand-written "sources_disagree" entry quotes a claim that is still in the file it
    names, and each measured fact it gives is what the shipped (so: the fresh) run recorded."""
    entries = measure.load()["sources_disagree"]
    assert {e["kind"] for e in entries} == {"contradicts", "incomplete"}
    assert sum(e["kind"] == "contradicts" for e in entries) >= 2
    for e in entries:
        # the file's strings as they read (unescaped), whatever the file's escaping
        text = json.dumps(json.loads((measure.ROOT / e["file"]).read_text()), ensure_ascii=False)
        assert e["claim"] in text, f"{e['where']}: the claim is no longer there"
        assert e["measured"] and e["note"]
        for fact in e["measured"]:
            got = lookup_fact(SHIPPED[fact["implementation"]], fact["at"])
            assert got == fact["value"], (
                f"{fact['implementation']} {fact['at']}: {got!r}, not {fact['value']!r}"
            )


def test_the_harness_fails_in_one_line_on_bad_input() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "interop.measure", "--only", "no-such-library"],
        capture_output=True,
        text=True,
        cwd=measure.ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2 and run.stdout.startswith("error: unknown implementation(s) no-such-library")
    assert "Traceback" not in run.stdout + run.stderr
    with pytest.raises(RuntimeError, match=r"Debian package no-such-package-wscodes is not installed"):
        native.debian_version("no-such-package-wscodes")
