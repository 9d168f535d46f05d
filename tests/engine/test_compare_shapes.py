"""Received codes compared in every common shape: each number below is found with its role —
"compare" for equality, membership and case arms, "bound" (with the range it bounds) for the ends
of a range check, so that hover never calls 3000 "Unauthorized" when it is only a range's end.
And the negatives: the same shapes on something that is not a close code give nothing."""

from __future__ import annotations

import pytest

from wscodes.core.scan import scan_strict

# (language, source, [(text, role, range_low, range_high), …] in order of position)
SHAPES = [
    ("javascript", "if ([1000, 1001].includes(event.code)) retry();",
     [("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("javascript", "const FATAL = [1002, 1006];\n"
                   "ws.onclose = (e) => { if (FATAL.includes(e.code)) stop(); };",
     [("1002", "compare", None, None), ("1006", "compare", None, None)]),
    ("javascript", "const ok = e.code >= 3000 && e.code <= 4999;",
     [("3000", "bound", 3000, 4999), ("4999", "bound", 3000, 4999)]),
    ("typescript", "function app(code: number) { return code > 2999 && code < 5000; }",
     [("2999", "bound", 3000, 4999), ("5000", "bound", 3000, 4999)]),
    ("javascript", 'if (msg["code"] == 4007) refresh();', [("4007", "compare", None, None)]),
    ("python", "def private(code):\n    return 4000 <= code < 5000\n",
     [("4000", "bound", 4000, 4999), ("5000", "bound", 4000, 4999)]),
    ("python", "if close_code in (1000, 1001):\n    pass\n",
     [("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("python", "if data.get('code') == 4001:\n    pass\n", [("4001", "compare", None, None)]),
    ("python", "match exc.code:\n    case 1000 | 1001:\n        pass\n",
     [("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("kotlin", "fun f(code: Int) = when (code) {\n"
               "    1000, 1001 -> 0\n    in 3000..4999 -> 1\n    else -> 2\n}",
     [("1000", "compare", None, None), ("1001", "compare", None, None),
      ("3000", "bound", 3000, 4999), ("4999", "bound", 3000, 4999)]),
    ("java", "class A { int f(int code) {\n"
             "switch (code) { case 1005: return 1; case 1000, 1001: return 2; } return 0; } }",
     [("1005", "compare", None, None), ("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("go", "package x\n\nfunc app(code int) bool { return code >= 3000 && code <= 4999 }\n",
     [("3000", "bound", 3000, 4999), ("4999", "bound", 3000, 4999)]),
    ("go", "package x\n\nfunc f(ce *CloseError) {\n\tswitch ce.Code {\n\tcase 1000, 1001:\n\t}\n}\n",
     [("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("rust", "fn f(code: u16) -> u8 { match code { 3000..=3999 => 1, 1000 | 1001 => 2, _ => 3 } }",
     [("3000", "bound", 3000, 3999), ("3999", "bound", 3000, 3999),
      ("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("swift", "switch code {\ncase 4000..<5000: break\ndefault: break\n}",
     [("4000", "bound", 4000, 4999), ("5000", "bound", 4000, 4999)]),
    ("ruby", "case event.code\nwhen 3000..3999 then :iana\nwhen 1000, 1001 then :ok\nend\n",
     [("3000", "bound", 3000, 3999), ("3999", "bound", 3000, 3999),
      ("1000", "compare", None, None), ("1001", "compare", None, None)]),
    ("csharp", "class A { void F(int code) { if (code is 1000 or 1001) { } } }",
     [("1000", "compare", None, None), ("1001", "compare", None, None)]),
    # assertions about a received code (tests are full of them)
    ("javascript", "expect(err.code).toBe(1005);\nassert.strictEqual(event.code, 1006);",
     [("1005", "compare", None, None), ("1006", "compare", None, None)]),
    ("python", "class T:\n    def test(self):\n        self.assertEqual(ws.close_code, 1001)\n",
     [("1001", "compare", None, None)]),
    ("java", "class T { void t() { assertEquals(1000, client.getCloseStatus()); } }",
     [("1000", "compare", None, None)]),
    # close events built here: a code reported locally, not sent
    ("javascript", 'socket.onclose({ code: 1006, reason: "" });\n'
                   'target.dispatchEvent(new CloseEvent("close", { code: 1000 }));',
     [("1006", "event", None, None), ("1000", "event", None, None)]),
    ("python", 'message = {"type": "websocket.disconnect", "code": 1006}\n',
     [("1006", "event", None, None)]),
]  # fmt: skip

NEGATIVES = [
    ("javascript", "if ([1000, 2000].includes(delay)) wait();\nconst ok = n >= 3000 && n <= 4999;"),
    ("javascript", "const PORTS = [3000, 4000];\nif (PORTS.includes(port)) listen();"),
    ("python", "def fits(size):\n    return 1000 <= size < 5000\n"),
    ("python", 'if msg["status"] == 4007:\n    pass\n'),
    ("kotlin", "fun f(timeout: Int) = when (timeout) {\n"
               "    1000, 1001 -> 0\n    in 3000..4999 -> 1\n    else -> 2\n}"),
    ("go", "package x\n\nfunc f(n int) bool { return n >= 3000 && n <= 4999 }\n"),
    ("rust", "fn f(port: u16) -> u8 { match port { 3000..=3999 => 1, _ => 3 } }"),
    ("java", "class A { int f(int status) { switch (status) { case 1005: return 1; } return 0; } }"),
    ("javascript", "expect(items.length).toBe(1005);\n"
                   "assert.strictEqual(delay, 1000);\nsend({ kind: 4001 });"),
    ("python", "class T:\n    def test(self):\n        self.assertEqual(resp.status, 404)\n"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "source", "want"), SHAPES, ids=lambda v: v if isinstance(v, str) and len(v) < 12 else ""
)
def test_compared_shapes(
    language: str, source: str, want: list[tuple[str, str, int | None, int | None]]
) -> None:
    got = [(o.text, o.role, o.range_low, o.range_high) for o in scan_strict(source, language).occurrences]
    assert got == want


@pytest.mark.parametrize(("language", "source"), NEGATIVES)
def test_the_same_shapes_on_other_numbers_find_nothing(language: str, source: str) -> None:
    assert scan_strict(source, language).occurrences == ()


def test_windowed_scan_agrees_on_every_shape() -> None:
    for language, source, _want in SHAPES:
        assert scan_strict(source, language, windowed=True) == scan_strict(source, language)
