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


# Members without a value of their own: counted on from the member before, or given by a mapping
IMPLICIT = {
    "c": (
        "#include <libwebsockets.h>\n"
        "enum ws_close {\n"
        "    WS_CLOSE_NORMAL = 1000,\n"
        "    WS_CLOSE_GOING_AWAY, /* counts on */\n"
        "    WS_CLOSE_PROTOCOL_ERROR,\n"
        "};\n"
        "enum shade { SHADE_DARK, SHADE_LIGHT };\n"
        "int clean(int code) { return code == WS_CLOSE_GOING_AWAY || code == SHADE_LIGHT; }\n",
        {"WS_CLOSE_GOING_AWAY": ([4, 8], 1001), "WS_CLOSE_PROTOCOL_ERROR": ([5], 1002)},
    ),
    "typescript": (
        "export enum CloseCode {\n"
        "  Normal = 1000,\n"
        "  GoingAway,\n"
        "  ProtocolError,\n"
        "}\n"
        "const Normal = 'a word';\n"
        "export const CLEAN = [CloseCode.Normal, CloseCode.GoingAway];\n"
        "socket.onclose = (e) => console.log(GoingAway, Normal);\n",
        {"GoingAway": ([3, 7, 8], 1001), "ProtocolError": ([4], 1002), "Normal": ([7], 1000)},
    ),
    "rust": (
        "pub enum CloseCode {\n"
        "    Normal,\n"
        "    Away,\n"
        "    Protocol,\n"
        "    Error,\n"
        "    Other(u16),\n"
        "}\n"
        "impl From<CloseCode> for u16 {\n"
        "    fn from(code: CloseCode) -> u16 {\n"
        "        match code {\n"
        "            Normal => 1000,\n"
        "            Away => 1001,\n"
        "            Protocol => 1002,\n"
        "            Error => 1011,\n"
        "            Other(code) => code,\n"
        "        }\n"
        "    }\n"
        "}\n"
        "fn fail() -> Result<(), Error> { Err(Error) }\n",
        {"Normal": ([2], 1000), "Away": ([3], 1001), "Protocol": ([4], 1002), "Error": ([5], 1011)},
    ),
    "swift": (
        "public enum ErrorCode {\n"
        "    case normalClosure\n"
        "    case goingAway\n"
        "    case protocolError\n"
        "}\n"
        "extension UInt16 {\n"
        "    init(code: ErrorCode) {\n"
        "        switch code {\n"
        "        case .normalClosure:\n"
        "            self = 1000\n"
        "        case .goingAway:\n"
        "            self = 1001\n"
        "        case .protocolError:\n"
        "            self = 1002\n"
        "        }\n"
        "    }\n"
        "}\n",
        {
            "normalClosure": ([2, 9], 1000),
            "goingAway": ([3, 11], 1001),
            "protocolError": ([4, 13], 1002),
        },
    ),
}


@pytest.mark.parametrize("language", sorted(IMPLICIT))
def test_members_without_a_value_hover_with_the_value_they_stand_for(language: str) -> None:
    text, want = IMPLICIT[language]
    found: dict[str, tuple[list[int], int]] = {}
    for occ in scan_strict(text, language).occurrences:
        if occ.role == "mention" and occ.api.startswith("named: "):
            lines, _code = found.setdefault(occ.text, ([], occ.code))
            lines.append(text.count("\n", 0, occ.start) + 1)
            assert occ.code == found[occ.text][1]
    assert found == want
    checked = scan_strict(text, language, sends_only=True).occurrences
    assert not any(o.api.startswith("named: ") for o in checked)  # wscode check never builds them


def test_a_mapping_of_two_members_or_to_other_numbers_names_no_codes() -> None:
    two = "enum Mode { Fast, Slow }\nfn n(m: Mode) -> u16 { match m { Fast => 1000, Slow => 1001 } }\n"
    assert not any(o.api.startswith("named: ") for o in scan_strict(two, "rust").occurrences)
    ports = (
        "enum Port {\n    Web,\n    Alt,\n    Admin,\n}\n"
        "fn port(p: Port) -> u16 {\n    match p {\n"
        "        Web => 8080,\n        Alt => 8443,\n        Admin => 9000,\n    }\n}\n"
    )
    assert not any(o.api.startswith("named: ") for o in scan_strict(ports, "rust").occurrences)


@pytest.mark.parametrize("language", sorted(IMPLICIT))
def test_an_edit_rescans_members_without_a_value_as_a_whole_scan_does(language: str) -> None:
    text, _ = IMPLICIT[language]
    edited = text.replace("1000", "4000")  # the first member's code: the count starts elsewhere
    assert edited != text
    again = rescan(scan_state(text, language), edited, language)
    assert again.result.occurrences == scan(edited, language).occurrences
    assert any(o.code >= 4000 for o in again.result.occurrences if o.api.startswith("named: "))


def test_a_file_is_read_for_the_names_it_may_define_as_codes() -> None:
    from wscodes.core.scan.uses import may_name_codes

    assert may_name_codes("class C {\n    public const PROTOCOL_ERROR = 1002;\n}\n", {"PROTOCOL_ERROR"})
    assert may_name_codes('val REFUSE = WsStatus(\n    1003, "Refuse")\n', {"REFUSE"})
    assert may_name_codes("enum E {\n  A = 1000,\n  GOING_AWAY,\n}\n", {"GOING_AWAY"})
    # only used, or defined far from any code-like number: not worth a scan
    assert not may_name_codes("close(PROTOCOL_ERROR, 1002);\n", {"PROTOCOL_ERROR"})
    assert not may_name_codes("static final int MAX_SIZE = 65536;\n", {"MAX_SIZE"})
    assert not may_name_codes("x = 1000\n", {"PROTOCOL_ERROR"})
