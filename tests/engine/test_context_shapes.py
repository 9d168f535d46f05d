"""Mentions: in a file about WebSockets, a number of 1000–1015 or 3000–4999 (and the edges 999,
1016, 2999, 5000) that only what surrounds it marks as a close code hovers as one (role
"mention", never a send, never a finding); the same numbers elsewhere — timeouts, ports, sizes,
HTTP statuses, opcodes, or any file that is not about WebSockets — stay silent."""

from __future__ import annotations

import pytest

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import scan_strict
from wscodes.core.teamcodes import builtin_registry
from wscodes.lsp.hover import role_line

SHAPES = [
    # an argument of a call whose name speaks of closing (the project's or a library's own)
    ("python", "# websocket server\ndef restart(self):\n    self.link.send_close(1012)\n",
     [("1012", "mention", "argument of send_close")]),
    ("typescript", "// WebSocket test helper\nif (polite) peer.end(1001, 'leaving');\n",
     [("1001", "mention", "argument of end")]),
    ("csharp", "// WebSocket host\nclass H { void Quit() { _sessions.Stop (1006, String.Empty); } }\n",
     [("1006", "mention", "argument of Stop")]),
    ("kotlin", "// WebSocket frames\nfun t() { writer.writeClose(1001, body) }\n",
     [("1001", "mention", "argument of writeClose")]),
    ("lua", "-- websocket reader\nreturn shut_down_with(self, 1002, \"bad opcode\")\n", []),
    ("lua", "-- websocket reader\nreturn close_helper(self, 1002, \"bad opcode\")\n",
     [("1002", "mention", "argument of close_helper")]),
    ("cpp", "// WebSocket\nvoid f() {\n  return sendCloseDueToError(\n      1009, \"too big\");\n}\n",
     [("1009", "mention", "argument of sendCloseDueToError")]),
    ("php", "<?php // WebSocket example\n$client->close(rand(1000, 2000), 'random');\n",
     [("1000", "mention", "argument of close")]),
    ("python", "# websocket\nerr = AppSocketError(1013, reason='later')\n",
     [("1013", "mention", "argument of AppSocketError")]),
    ("cpp", "// WebSocket\nvoid t() { CHECK(close::status::invalid(1005)); }\n",
     [("1005", "mention", "argument of close::status::invalid")]),
    ("go", "// websocket\nvar private = StatusCodeRange{4000, 4999}\n",
     [("4000", "mention", "argument of StatusCodeRange"),
      ("4999", "mention", "argument of StatusCodeRange")]),
    # a type named for a close status or reason, built with a reason beside the code; a close-code
    # type's factory (a name with "sec" inside, cloSeCode, is no timeout)
    ("kotlin", "// WebSocket statuses\nval NORMAL = WsStatus(1000, \"Normal\")\nval T = WsStatus(1001)\n",
     [("1000", "mention", "argument of WsStatus")]),
    ("kotlin", "// WebSocket\nfun bye() = ShutdownReason(1000, \"Normal closure\")\n",
     [("1000", "mention", "argument of ShutdownReason")]),
    ("lua", "-- websocket close frame\nfunction CloseCode.away()\n  return CloseCode.from_int(1001)\nend\n",
     [("1001", "mention", "argument of CloseCode.from_int")]),
    ("kotlin", "// WebSocket\nval r = HttpResponseStatus(404, \"Not found\")\n", []),
    # a value assigned to, or keyed by, a name that speaks of a code
    ("python", "# websocket\ncode = 1005 if handshake_done else 1006\n",
     [("1005", "mention", "assigned to code"), ("1006", "mention", "assigned to code")]),
    ("ruby", "# WebSocket driver\ncode = @params ? @params[0] : 1006\n",
     [("1006", "mention", "assigned to code")]),
    ("javascript", "// ws: WebSocket errors\nerr[kStatusCode] = 1007;\nthis._closeCode = 1006;\n",
     [("1007", "mention", "assigned to kStatusCode"), ("1006", "mention", "assigned to _closeCode")]),
    ("typescript", "// WebSocket\nclass Gone extends Error { public code = 4499; }\n",
     [("4499", "mention", "assigned to code")]),
    ("go", "// websocket close tests\nvar cases = []struct{ code int }{{code: 3000}, {code: 5000}}\n",
     [("3000", "mention", "assigned to code"), ("5000", "mention", "assigned to code")]),
    ("cpp", "// WebSocket\nauto e = Failure{ .statusCode = 1002 };\n",
     [("1002", "mention", "assigned to statusCode")]),
    ("lua", "-- websocket\nlocal code = 1005\nstatus_code = 1000\n",
     [("1005", "mention", "assigned to code"), ("1000", "mention", "assigned to status_code")]),
    ("elixir", "# WebSocket frames\nframe = %Frame.ConnectionClose{code: 1000}\n",
     [("1000", "mention", "assigned to code")]),
    ("scala", "// WebSocket\nclass C {\n  def closeCode: Int =\n    if (data.isEmpty) 1005\n"
              "    else data.code\n}\n",
     [("1005", "mention", "assigned to closeCode")]),
    ("scala", "// WebSocket suite\nval goodCloseCode = 1000\n",
     [("1000", "mention", "assigned to goodCloseCode")]),
    ("kotlin", "// WebSocket protocol\ninternal const val CLOSE_CLIENT_LEAVING = 1001\n",
     [("1001", "mention", "assigned to CLOSE_CLIENT_LEAVING")]),
    # the 16-bit field of a Close frame's body
    ("elixir", "# WebSocket\npayload = <<1000::16, reason::binary>>\n",
     [("1000", "mention", "16-bit field")]),
    # a matcher's expected value in a statement about a close or a code
    ("ruby", "# WebSocket\nexpect(@close).to eq [1000, \"\"]\n", [("1000", "mention", "assertion")]),
    ("dart", "// WebSocket\nvoid t() { when(() => channel.closeCode).thenReturn(1011); }\n",
     [("1011", "mention", "assertion")]),
    ("dart", "// WebSocket\nvoid t() { expect(channel.closeCode, equals(3678)); }\n",
     [("3678", "mention", "assertion")]),
    ("rust", "// WebSocket\nfn t() { assert_eq!(CloseCode::from(1006u16), CloseCode::Abnormal); }\n",
     [("1006u16", "mention", "argument of CloseCode::from")]),
    ("javascript", "// WebSocket\nassert.strictEqual(err[kStatusCode], 1002);\n",
     [("1002", "mention", "assertion")]),
    # a comparison with a value named like a code
    ("lua", "-- websocket\nif status_code < 1000 then return end\n", [("1000", "bound", "range")]),
    ("cpp", "// WebSocket\nvoid t() { KJ_ASSERT(err.statusCode == 1002); }\n",
     [("1002", "compare", "compare")]),
    # beside close constants; the first field of a close frame written as a brace list
    ("scala", "// WebSocket\nSeq(CloseCodes.Regular, 3000, 4999).foreach(check)\n",
     [("CloseCodes.Regular", "define", "play"), ("3000", "mention", "beside close constants"),
      ("4999", "mention", "beside close constants")]),
    # a constant of a scope named for close codes, whatever its own name
    ("cpp", "// WebSocket\nnamespace close {\nnamespace status {\n"
            "    static value const normal = 1000;\n}\n}\n",
     [("1000", "mention", "a constant of namespace status")]),
    ("cpp", "// WebSocket\nstruct close_status {\n    static constexpr int going_away = 1001;\n};\n",
     [("1001", "mention", "a constant of struct close_status")]),
    ("kotlin", "// WebSocket\nobject CloseReasons {\n    const val goingAway = 1001\n}\n",
     [("1001", "define", "constant")]),  # (a close-code type's member: the member anchor's)
    ("cpp", "// WebSocket\nCloseFrame frame = {1005, nullptr, 0};\n",
     [("1005", "mention", "first field of a close frame")]),
]  # fmt: skip

NEGATIVES = [
    ("javascript", "// WebSocket client\nsetTimeout(reconnect, 1000);\nconst delays = [1000, 3000];\n"
                   "const port = 3000;\nretry(delay || 1005);\n"),
    ("python", "# websocket\nCLOSE_TIMEOUT = 3000\nws.close_timeout(1000)\nconn.stop_after(1000)\n"),
    # a verb said of servers and timers too needs a reason beside the code; no negative numbers
    ("java", "// WebSocket server\nclass S { void f() { server.stop(1000); } }\n"),
    ("objc", "// WebSocket\nerror = [ARTErrorInfo createWithCode:-1003 message:@\"unreachable\"];\n"),
    # HTTP statuses and opcodes compared with something named `code`
    ("python", "# websocket handshake\ndef t(self, response):\n    self.assertEqual(response.code, 404)\n"
               "    if response.code != 101:\n        pass\n"),
    ("scala", "// WebSocket frames\nobject Op { def of(code: Byte) = code match { case 0x8 => Close } }\n"),
    ("typescript", "// WebSocket\nexpect(spy).toHaveBeenCalledWith(1000, 'x');\nexpect(timer).toBe(3000);\n"),
    ("cpp", "// WebSocket\nnamespace limits {\n    static int const normal = 1000;\n}\n"),
    # not about WebSockets: nothing at all
    ("python", "def restart(self):\n    self.link.send_close(1012)\ncode = 1005\n"),
    ("elixir", "payload = <<1000::16, reason::binary>>\n"),
]  # fmt: skip


def _found(language: str, source: str) -> list[tuple[str, str, str]]:
    return [(o.text, o.role, o.api) for o in scan_strict(source, language).occurrences]


@pytest.mark.parametrize(("language", "source", "expected"), SHAPES)
def test_a_close_context_makes_a_mention(
    language: str, source: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(language, source) == expected


@pytest.mark.parametrize(("language", "source"), NEGATIVES)
def test_no_close_context_no_mention(language: str, source: str) -> None:
    assert _found(language, source) == []


@pytest.mark.parametrize(("language", "source", "expected"), SHAPES)
def test_a_mention_is_never_a_finding(
    language: str, source: str, expected: list[tuple[str, str, str]]
) -> None:
    analysis = analyse(source, language, builtin_registry(), RuleConfig())
    assert analysis.findings == ()
    windowed = scan_strict(source, language, windowed=True).occurrences
    assert windowed == scan_strict(source, language).occurrences  # chunks decide as the whole file


def test_the_hover_says_where_a_mention_comes_from() -> None:
    (occurrence,) = scan_strict("// WebSocket\nsocket.end(1001, 'bye');\n", "javascript").occurrences
    assert role_line(occurrence) == "read as a close code from its context (argument of end)"
