"""Broken code degrades locally: one unbalanced bracket or a half-typed line must not drop the
findings elsewhere in the file (editors hold half-typed code all the time).

Property: take any fixture, insert or delete one bracket anywhere; every finding more than eight
lines away from the edit is still found, in the editor's full parse and in ``wscode check``'s
windows alike. (A fixed sample of edits, so the run is repeatable. Not promised: an edit that
closes the very function around a finding early, or that breaks the head of the block a finding
sits in — `addEventListener("close", (event) => {` is the evidence that `event.code` was received —
or that breaks the declaration of a name the finding uses — an enum member whose implicit value
counts on past the stray bracket — all change what the code means.)
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wscodes.core.scan import language_for

from .test_fixtures import FILES, expected, found

POSITIVE = [p for p in FILES if expected(p.read_text(encoding="utf-8"))]
BRACKETS = "()[]{}"
DISTANCE = 8


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _in_block_headed_by(lines: list[str], head: int, number: int) -> bool:
    """Is 1-based line ``number`` inside the indented block whose head is line ``head``?"""
    if number <= head or not lines[head - 1].strip():
        return False
    floor = _indent(lines[head - 1])
    first = head
    if first < len(lines) and lines[first].strip() == "{" and _indent(lines[first]) == floor:
        first += 1  # Allman style: the block's brace on a line of its own
    return all(_indent(lines[i]) > floor for i in range(first, number) if lines[i].strip())


_NAME = re.compile(r"[A-Za-z_]\w*")


def _defined_near(lines: list[str], edited: int, number: int) -> bool:
    """Does 1-based line ``number`` use a name that a line within DISTANCE of the edit declares
    (``kCodeAbnormal,`` in an enum, ``int code = 1006;``, ``function buildCloseFrame($status)``)?
    Such a finding's evidence is at the break, not away from it: an enum broken by a stray bracket
    has no sure implicit values, and a close function whose own head lost a bracket may no longer
    be one."""
    near = lines[max(0, edited - 1 - DISTANCE) : edited + DISTANCE]
    for name in set(_NAME.findall(lines[number - 1])):
        declared = re.compile(
            rf"^\s*(?:[\w:<>*&]+\s+)*(?:{re.escape(name)}\s*(?:=|,|;|$)|(?:function|def|func|fn|fun)\s+{re.escape(name)}\b)"
        )
        if any(declared.match(line) for line in near):
            return True
    return False


def _edit(text: str, line: int, bracket: str, delete: bool) -> str:
    lines = text.split("\n")
    line %= len(lines)
    if delete:
        at = next((i for i, c in enumerate(lines[line]) if c in BRACKETS), None)
        if at is None:
            return text
        lines[line] = lines[line][:at] + lines[line][at + 1 :]
    else:
        lines[line] += " " + bracket
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    path=st.sampled_from(POSITIVE),
    line=st.integers(min_value=0, max_value=10_000),
    bracket=st.sampled_from(BRACKETS),
    delete=st.booleans(),
    windowed=st.booleans(),
)
def test_a_bracket_far_away_keeps_every_finding(
    path: Path, line: int, bracket: str, delete: bool, windowed: bool
) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    edited_line = line % len(text.split("\n")) + 1
    broken = _edit(text, line, bracket, delete)
    got = found(broken, language, windowed=windowed)
    lines = text.split("\n")
    for number, rules in expected(text).items():
        if (
            abs(number - edited_line) > DISTANCE
            and not _in_block_headed_by(lines, edited_line, number)
            and not _defined_near(lines, edited_line, number)
        ):
            assert got.get(number) == rules, (number, edited_line, bracket, delete)


# The shapes that used to lose everything: tree-sitter-kotlin ends the tree at a stray ")", and
# an unclosed "(" turns the rest of a Kotlin file into one ERROR node.
KOTLIN = """\
import okhttp3.WebSocket

const val LIMIT = 4001 )

fun first(webSocket: WebSocket) {
    webSocket.close(1006, null)
}

fun second(webSocket: WebSocket) {
    if (x == (
}

fun third(webSocket: WebSocket) {
    webSocket.close(1005, "x")
}
"""


def test_kotlin_stray_brackets_keep_the_other_functions() -> None:
    assert found(KOTLIN, "kotlin") == {6: ["WSC001"], 14: ["WSC001"]}
    assert found(KOTLIN, "kotlin", windowed=True) == {6: ["WSC001"], 14: ["WSC001"]}


PYTHON_HALF_TYPED = """\
async def first(ws):
    await ws.close(1006)


async def typing(ws):
    await ws.send(json.dumps({"a": [1, 2


async def third(ws):
    if ws.close_code == 1006:
        return
    await ws.close(1005)
"""


def test_python_half_typed_line_keeps_the_rest() -> None:
    assert found(PYTHON_HALF_TYPED, "python") == {2: ["WSC001"], 12: ["WSC001"]}


JAVA_BROKEN_METHOD = """\
class Endpoint {
    void first(org.java_websocket.WebSocket conn) {
        conn.close(1015, "tls");
    }

    void typing(org.java_websocket.WebSocket conn) {
        conn.send(foo(bar[1);
    }

    public void onClose(org.java_websocket.WebSocket conn, int code, String reason, boolean remote) {
        other.close(code, reason);
    }
}
"""


def test_java_broken_method_keeps_its_neighbours() -> None:
    assert found(JAVA_BROKEN_METHOD, "java") == {3: ["WSC001"], 11: ["WSC009"]}


# tree-sitter-dart's recovery: a stray "{" in a switch expression swallows the start of a later
# class's method line (`Future<void>`) and reads the rest as a pattern; a stray "{" on a function
# head turns the next class's methods into local functions (lambda_expression) of that function.
DART = """\
import 'dart:io';

void onDone(WebSocket ws) {
  final code = 1006;
  ws.close(code);
}

String label(WebSocket ws) {
  return switch (ws.closeCode) {
    1000 => 'normal',
    _ => 'other',
  };
}

class Connection {
  Connection(this._ws);

  final WebSocket _ws;

  Future<void> close([int code = 1006, String? reason]) => _ws.close(code, reason);
  Future<void> leave({int code = 1000}) => _ws.close(code);
}
"""


def _append(text: str, line: int, suffix: str) -> str:
    lines = text.split("\n")
    lines[line - 1] += suffix
    return "\n".join(lines)


def test_dart_stray_brackets_keep_the_close_default_alone() -> None:
    clean = {5: ["WSC001"], 20: ["WSC001"]}
    assert found(DART, "dart") == clean
    for line, suffix in ((11, " {"), (8, " {"), (3, " (")):
        broken = _append(DART, line, suffix)
        far = {k: v for k, v in clean.items() if abs(k - line) > DISTANCE}
        for windowed in (False, True):
            got = found(broken, "dart", windowed=windowed)
            # the default 1006 once; `leave`'s code is its own parameter, not onDone's local
            assert {k: v for k, v in got.items() if abs(k - line) > DISTANCE} == far, (line, windowed)


def test_dart_a_switch_expression_left_open_keeps_a_later_close_default() -> None:
    """The recovery reads a later method line as a switch case (`close([int code = 1006, …])` as
    an object pattern): the close definition there is decided in a clean window, not in that."""
    text = (Path(__file__).parent / "fixtures" / "dart" / "io_client.dart").read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if t.strip() == "_ => 'other',")
    default = next(n for n, t in enumerate(text.split("\n"), 1) if "close([int code = 1006" in t)
    assert default - line > DISTANCE
    broken = _append(text, line, " {")
    for windowed in (False, True):
        assert found(broken, "dart", windowed=windowed).get(default) == ["WSC001"], windowed


def test_python_open_bracket_at_the_top_keeps_a_handler_below() -> None:
    """A "(" left open after a module constant: tree-sitter-python's recovery reads the indented
    statements below as module-level code, out of their blocks (`await ws.close(exc.code)` out of
    its except clause); such a statement is decided in a repair window."""
    text = (Path(__file__).parent / "fixtures" / "python" / "positive.py").read_text(encoding="utf-8")
    lines = text.split("\n")
    line = lines.index("SESSION_EXPIRED = 4001") + 1
    handler = next(n for n, t in enumerate(lines, 1) if "await ws.close(exc.code)" in t)
    assert handler - line > DISTANCE
    broken = _append(text, line, " (")
    for windowed in (False, True):
        assert found(broken, "python", windowed=windowed).get(handler) == ["WSC009"], windowed


# Stray brackets in the fixtures that used to cost a finding far away (found by trying every line):
# (fixture, 1-based line, bracket appended, the line of the finding, its rules)
KNOWN = [
    # tree-sitter-c reads `}; (` and the next function's head as one statement: the body of the
    # function after it is a block at the top level (an anchor there is repaired)
    ("c/lws_server.c", 18, "(", 71, ["WSC001"]),
    # a half-typed line in the method: the statements after it, with the received code, are
    # decided without it
    ("csharp/Client.cs", 10, "[", 20, ["WSC009"]),
    ("csharp/Client.cs", 10, "}", 20, ["WSC009"]),
    # an Objective-C method (one of several in @implementation) is repaired whole: its parameter
    # `code`, not another method's local `code = 1006`
    ("objc/Relay.m", 5, "{", 15, None),
    ("objc/Relay.m", 4, "{", 13, ["WSC009"]),
    ("objc/Relay.m", 2, "[", 13, ["WSC009"]),
]


def test_known_stray_brackets_keep_the_findings_far_away() -> None:
    fixtures = Path(__file__).parent / "fixtures"
    for name, line, bracket, number, rules in KNOWN:
        text = (fixtures / name).read_text(encoding="utf-8")
        language = language_for(name)
        assert language is not None
        assert expected(text).get(number) == rules
        broken = _append(text, line, " " + bracket)
        for windowed in (False, True):
            assert found(broken, language, windowed=windowed).get(number) == rules, (name, line, windowed)
