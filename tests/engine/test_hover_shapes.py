"""Close codes the editor shows on hover though nothing sends them: assertions about a close, close
events built in tests, a close-code type mapped to its numbers in a match, an exception that only
reports a close (each with a negative twin that must find nothing)."""

from __future__ import annotations

import pytest

from wscodes.core.scan import scan_strict

SHAPES = [
    # assertions about a close call or a received close
    ("python", "def test(sock):\n    sock.close.assert_called_with(1001, b'')\n",
     [("1001", "compare", "assert")]),
    ("typescript", "expect(mockSocket.close).toHaveBeenCalledWith(4000, 'bye');\n",
     [("4000", "compare", "assert")]),
    ("javascript", "peer.on('close', (code) => {\n  expect(code).to.be.eq(1002);\n});\n",
     [("1002", "compare", "assert")]),
    ("typescript", "expect((failure as CloseEvent).code).toBe(4401);\n", [("4401", "compare", "assert")]),
    ("java", "class T { void t() { assertEquals(1009, frame.statusCode()); } }\n", []),
    ("java", "class T { void t() { assertEquals(1009, closeFrame.statusCode()); } }\n",
     [("1009", "compare", "assert")]),
    ("kotlin", "fun t() {\n  watcher.assertClosing(1001, \"bye\")\n"
               "  watcher.assertClosed(1001, \"bye\")\n}\n",
     [("1001", "compare", "assert"), ("1001", "compare", "assert")]),
    # close events built by hand
    ("typescript", "expect(err).toEqual(expect.objectContaining({ code: 1006, reason: '' }));\n",
     [("1006", "event", "event")]),
    ("javascript", "client.onSocketClose({ code: 1012 });\nconst event = { code: 1001 };\n",
     [("1012", "event", "event"), ("1001", "event", "event")]),
    # a close-code type's numbers, in a match on it
    ("rust", "fn to_u16(code: CloseCode) -> u16 {\n    match code {\n        Away => 1001,\n"
             "        Reason::Abnormal => 1006,\n        Other(n) => n,\n    }\n}\n",
     [("1001", "define", "case"), ("1006", "define", "case")]),
    ("kotlin", "fun num(code: Reason) = when (code) {\n    Reason.GONE -> 1001\n    else -> 1000\n}\n",
     [("1001", "define", "case")]),
    # what a received code falls back to
    ("python", "def closed(reply):\n    return reply.get('code', 1000)\n", [("1000", "event", "fallback")]),
    ("python", "def t(ws, code):\n    assert ws.close_code == (code or 1000)\n",
     [("1000", "event", "fallback")]),
    ("typescript", "peer.finish(details?.code ?? 1000, details?.reason);\n", [("1000", "event", "fallback")]),
    ("ruby", "def close(code = nil)\n  code ||= 1000\nend\n", [("1000", "event", "fallback")]),
    # Swift: `??` inside a close call's code, and a comparison its grammar nests oddly
    ("swift", "func f(frame: Frame) {\n    socket.close(code: frame.readCode() ?? .unknown(1005))\n}\n",
     [("1005", "send", "socket.close")]),
    ("swift", "func f() {\n    if codeAsInt == 1005 || codeAsInt == 1006 { x = 1 }\n}\n",
     [("1005", "compare", "compare"), ("1006", "compare", "compare")]),
    # an exception that reports a close (Starlette's WebSocketDisconnect): not a send
    ("python", "async def recv(ws):\n    raise WebSocketDisconnect(code=1006)\n",
     [("1006", "event", "WebSocketDisconnect")]),
]  # fmt: skip

NEGATIVES = [
    ("typescript", "expect(closeTimeout).toBe(3000);\nexpect(spy).toHaveBeenCalledWith(1000, 'x');\n"),
    ("javascript", "const config = { code: 1001 };\nrequest({ code: 4000 });\n"),
    ("rust", "fn retries(kind: Kind) -> u16 {\n    match kind {\n        Slow => 1000,\n    }\n}\n"),
    ("kotlin", "fun f(code: Int) = when (code) {\n    else -> 1000\n}\n"),
    ("python", "def test(pool):\n    pool.release.assert_called_with(1001)\n"),
    ("python", "def wait(opts):\n    return opts.get('delay', 1000) or opts.timeout or 1000\n"),
    ("typescript", "const t = opts.timeout ?? 1000;\nconst n = count || 1000;\n"),
    ("swift", "func f() {\n    if delay == 1000 || delay == 2000 { x = 1 }\n}\n"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "source", "want"), SHAPES)
def test_hover_shapes(language: str, source: str, want: list[tuple[str, str, str]]) -> None:
    for windowed in (False, True):
        got = [(o.text, o.role, o.api) for o in scan_strict(source, language, windowed=windowed).occurrences]
        assert got == want


@pytest.mark.parametrize(("language", "source"), NEGATIVES)
def test_the_same_shapes_elsewhere_find_nothing(language: str, source: str) -> None:
    assert scan_strict(source, language).occurrences == ()
