"""Hover on every use of a name the file defines as a close code (core/scan/uses.py): in a list,
a ``case``, an exception's arguments — wherever it stands, as a hover-only mention."""

from __future__ import annotations

import pytest

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import scan, scan_strict
from wscodes.core.scan.incremental import rescan, scan_state
from wscodes.core.teamcodes import builtin_registry

CASES = {
    "python": (
        "import websocket\n"
        "STATUS_NORMAL = 1000\n"
        "STATUS_PROTOCOL_ERROR = 1002\n"
        "VALID = (STATUS_NORMAL, STATUS_PROTOCOL_ERROR)  # STATUS_NORMAL in a comment\n"
        "def check(frame):\n"
        "    if frame.code not in VALID:\n"
        "        raise ProtocolError(STATUS_PROTOCOL_ERROR, 'bad code')\n"
        "    log('STATUS_NORMAL is fine')\n"
        "def bye(ws):\n"
        "    ws.close()\n",
        {"STATUS_NORMAL": [4], "STATUS_PROTOCOL_ERROR": [4, 7]},
    ),
    "go": (
        "package ws\n\n"
        "const (\n\tCloseNormalClosure = 1000\n\tCloseGoingAway = 1001\n)\n\n"
        "func label(code int) string {\n"
        '\tswitch code {\n\tcase CloseNormalClosure, CloseGoingAway:\n\t\treturn "clean"\n\t}\n'
        '\treturn "other" // CloseGoingAway\n}\n',
        {"CloseNormalClosure": [10], "CloseGoingAway": [10]},
    ),
    "java": (
        "import org.java_websocket.framing.CloseFrame;\n"
        "class Codes {\n"
        "    static final int NORMAL_CLOSURE = 1000;\n"
        "    static final int TOO_BIG = 1009;\n"
        "    static final int[] SENDABLE = {NORMAL_CLOSURE, TOO_BIG};\n"
        '    void fail() { throw new FrameTooLarge(TOO_BIG, "TOO_BIG frame"); }\n'
        "    void bye(WebSocket ws) { ws.close(); }\n"
        "}\n",
        {"NORMAL_CLOSURE": [5], "TOO_BIG": [5, 6]},
    ),
}


def _uses(text: str, language: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for occ in scan_strict(text, language).occurrences:
        if occ.role == "mention" and occ.api.startswith("named: "):
            found.setdefault(occ.text, []).append(text.count("\n", 0, occ.start) + 1)
    return found


@pytest.mark.parametrize("language", sorted(CASES))
def test_every_use_of_a_defined_code_hovers_and_nothing_else(language: str) -> None:
    text, want = CASES[language]
    assert _uses(text, language) == want
    codes = {o.text: o.code for o in scan_strict(text, language).occurrences if o.api.startswith("named: ")}
    assert codes and all(1000 <= c <= 1009 for c in codes.values())
    # hover only: no rule reads a mention, and wscode check never builds them
    assert analyse(text, language, builtin_registry(), RuleConfig()).findings == ()
    checked = scan_strict(text, language, sends_only=True).occurrences
    assert not any(o.api.startswith("named: ") for o in checked)


def test_a_name_bound_to_two_codes_or_a_local_is_no_constant() -> None:
    text = "import websocket\nA_CODE = 1000\nA_CODE = 1001\ncode = 1006\nprint(A_CODE, code)\n"
    assert _uses(text, "python") == {}


def test_an_edit_rescans_the_uses_as_a_whole_scan_does() -> None:
    text, _ = CASES["python"]
    state = scan_state(text, "python")
    edited = text.replace("STATUS_PROTOCOL_ERROR = 1002", "STATUS_PROTOCOL_ERROR = 1003")
    again = rescan(state, edited, "python")
    assert again.result.occurrences == scan(edited, "python").occurrences
    assert {o.code for o in again.result.occurrences if o.text == "STATUS_PROTOCOL_ERROR"} == {1003}
