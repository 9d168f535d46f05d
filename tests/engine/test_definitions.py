"""Members of a close-code type are close-code constants (hover shows what they stand for):
enums, classes, structs and modules named for close codes, and Go constants typed as one.
Numbers of other types, and non-constant fields, are not."""

from __future__ import annotations

import pytest

from wscodes.core.scan import scan_strict

DEFINED = [
    ("go", "package ws\n\nconst (\n\tStatusNormalClosure   StatusCode = 1000\n"
           "\tStatusAbnormalClosure StatusCode = 1006\n\ttimeout = 1000\n)\n", ["1000", "1006"]),
    ("csharp", "public static class WebSocketStatusCodes {\n    public const ushort NormalClosure = 1000;\n"
               "    public const ushort AbnormalClosure = 1006;\n}\n", ["1000", "1006"]),
    ("csharp", "public enum CloseStatusCode : ushort { Normal = 1000, Abnormal = 1006 }\n", ["1000", "1006"]),
    ("kotlin", "class CloseReason(val code: Short) {\n    enum class Codes(val code: Short) {\n"
               "        NORMAL(1000),\n        CLOSED_ABNORMALLY(1006);\n    }\n}\n", ["1000", "1006"]),
    ("java", "public class CloseFrame {\n  public static final int NORMAL = 1000;\n"
             "  public static final int NOCODE = 1005;\n  private int timeout = 2000;\n}\n",
     ["1000", "1005"]),
    ("rust", "pub mod close_code {\n    pub const NORMAL: u16 = 1000;\n"
             "    pub const ABNORMAL: u16 = 1006;\n}\n",
     ["1000", "1006"]),
    ("swift", "public enum CloseCode: UInt16 {\n    case normal = 1000\n    case abnormalClosure = 1006\n}\n",
     ["1000", "1006"]),
    ("python", "class CloseCode(enum.IntEnum):\n    NORMAL_CLOSURE = 1000\n    ABNORMAL_CLOSURE = 1006\n\n"
               "TIMEOUT = 1000\n", ["1000", "1006"]),
]  # fmt: skip

NOT_DEFINED = [
    ("csharp", "class Timeouts { const int Connect = 1000; const int Read = 3000; }\n"),
    ("java", "public class HttpStatusCodes {\n  public static final int NOT_FOUND = 404;\n}\n"),
    ("go", "package x\n\nconst (\n\tDelay time.Duration = 1000\n)\n"),
]


@pytest.mark.parametrize(("language", "source", "want"), DEFINED)
def test_members_of_close_code_types_are_defined(language: str, source: str, want: list[str]) -> None:
    occurrences = scan_strict(source, language).occurrences
    assert [o.text for o in occurrences] == want
    assert all(o.role == "define" and o.name for o in occurrences)


@pytest.mark.parametrize(("language", "source"), NOT_DEFINED)
def test_other_constants_are_not(language: str, source: str) -> None:
    assert scan_strict(source, language).occurrences == ()


CONSTRUCTED = """\
public final class WebSocketCloseStatus {
    public static final WebSocketCloseStatus NORMAL_CLOSURE =
        new WebSocketCloseStatus(1000, "Bye");
    public static final WebSocketCloseStatus ABNORMAL = new WebSocketCloseStatus(1006, "gone");
}
"""


def test_a_constructor_call_is_not_the_member_name() -> None:
    """``new WebSocketCloseStatus(1000, …)``: the constant is NORMAL_CLOSURE, not the type (whose
    name says nothing about 1000), so no WSC008."""
    from wscodes.core.rules import RuleConfig, analyse
    from wscodes.core.teamcodes import builtin_registry

    assert analyse(CONSTRUCTED, "java", builtin_registry(), RuleConfig()).findings == ()
    names = [o.name for o in scan_strict(CONSTRUCTED, "java").occurrences]
    assert names == ["NORMAL_CLOSURE", "ABNORMAL"]


def test_the_literal_a_sent_local_holds_is_a_code_too() -> None:
    """``status := 1005 … sendClose(status)``: hover on 1005 says what it is."""
    source = 'async def f(ws, message):\n    code = message.get("code", 1000)\n    await ws.close(code)\n'
    occurrences = scan_strict(source, "python").occurrences
    assert [(o.text, o.role, o.code) for o in occurrences] == [
        ("1000", "define", 1000),
        ("code", "send", 1000),
    ]
