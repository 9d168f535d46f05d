"""Suppression comments (core.suppressions) through the core's analyse(): every language's comment
syntax, only real comments, the line or the line before, file-level, unused ones, and the edit
behind the editor's "suppress on this line"."""

from __future__ import annotations

import pytest

from wscodes.core.rules import RULE_IDS, RuleConfig, analyse
from wscodes.core.suppressions import apply, directives, suppression_edit, unused
from wscodes.core.teamcodes import builtin_registry

# (language, a line that sends 1006, the comment opener/closer the language has)
SENDS = [
    ("python", "ws.close(1006)", [("# ", "")]),
    ("ruby", "ws.close(1006)", [("# ", "")]),
    ("elixir", "WebSockex.send_frame(conn, {:close, 1006, \"bye\"})", [("# ", "")]),
    ("javascript", "ws.close(1006);", [("// ", ""), ("/* ", " */")]),
    ("typescript", "ws.close(1006);", [("// ", ""), ("/* ", " */")]),
    ("tsx", "ws.close(1006);", [("// ", ""), ("/* ", " */")]),
    ("go", "conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(1006, \"\"))",
     [("// ", ""), ("/* ", " */")]),
    ("java", "session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(1006), \"x\"));",
     [("// ", ""), ("/* ", " */")]),
    ("csharp", "await ws.CloseAsync((WebSocketCloseStatus)1006, \"x\", ct);", [("// ", ""), ("/* ", " */")]),
    ("php", "$conn->close(1006);", [("// ", ""), ("# ", ""), ("/* ", " */")]),
]  # fmt: skip


def findings(text: str, language: str) -> list[str]:
    return [f.rule for f in analyse(text, language, builtin_registry(), RuleConfig()).findings]


def wrap(language: str, body: str) -> str:
    return f"<?php\n{body}\n" if language == "php" else body + "\n"


@pytest.mark.parametrize(("language", "send", "comments"), SENDS, ids=[s[0] for s in SENDS])
def test_every_language_comment_syntax_suppresses_on_the_line_and_the_line_before(
    language: str, send: str, comments: list[tuple[str, str]]
) -> None:
    bare = findings(wrap(language, send), language)
    assert bare, f"the fixture must give a finding in {language}"
    rule = bare[0]
    for opener, closer in comments:
        same_line = wrap(language, f"{send} {opener}wscode: ignore[{rule}]{closer}")
        assert findings(same_line, language) == bare[1:], (language, opener)
        line_before = wrap(language, f"{opener}wscode: ignore{closer}\n{send}")
        assert findings(line_before, language) == [], (language, opener)
        other_rule = wrap(language, f"{send} {opener}wscode: ignore[WSC007]{closer}")
        assert findings(other_rule, language) == bare
        whole_file = wrap(language, f"{opener}wscode: ignore-file[{rule}]{closer}\n\n\n{send}")
        assert rule not in findings(whole_file, language)


def test_only_real_comments_count() -> None:
    assert findings('s = "# wscode: ignore"; ws.close(1006)\n', "python") == ["WSC001"]
    assert findings('"""\nwscode: ignore\n"""\nws.close(1006)\n', "python") == ["WSC001"]
    bare = findings("ws.close(1006);\n", "javascript")
    assert bare and findings("const s = `// wscode: ignore`; ws.close(1006);\n", "javascript") == bare


def test_a_trailing_comment_does_not_cover_the_next_line() -> None:
    text = "ws.close(1004)  # wscode: ignore\nws.close(1006)\n"
    assert findings(text, "python") == ["WSC001"]


def test_html_comments_around_php_code() -> None:
    text = (
        "<html><!-- wscode: ignore-file[WSC001] --></html>\n<?php\n$conn->close(1006);\n$conn->close(1004);\n"
    )
    assert findings(text, "php") == ["WSC002"]
    text = "<html><p>wscode: ignore-file</p></html>\n<?php\n$conn->close(1006);\n"  # not a comment
    assert findings(text, "php") == ["WSC001"]


def test_used_and_unused_directives_are_reported() -> None:
    text = (
        "ws.close(1006)  # wscode: ignore[WSC001, WSC005]\n"
        "ws.close(1000)  # wscode: ignore\n"
        "ws.close(1004)  # wscode: ignore[WSC999]\n"
    )
    analysis = analyse(text, "python", builtin_registry(), RuleConfig())
    assert [f.rule for f in analysis.suppressed] == ["WSC001"]
    assert [f.rule for f in analysis.findings] == ["WSC002"]
    report = [(d.line, rule, message.split(" (")[0]) for d, rule, message in unused(
        analysis.directives, analysis.used, RULE_IDS
    )]  # fmt: skip
    assert report == [
        (0, "WSC005", "Unused suppression of WSC005"),
        (1, None, "Unused suppression"),
        (2, "WSC999", "Unknown rule WSC999 in `wscode: ignore[…]`"),
    ]


def test_apply_is_pure_and_keeps_order() -> None:
    text = "a\nb  # wscode: ignore\nc\n"
    found = directives(text, "python")
    items = ["x", "y", "z"]
    spans = [(0, 1, "WSC001"), (2, 3, "WSC002"), (len(text) - 2, len(text) - 1, "WSC003")]
    outcome = apply(items, spans, found, text)
    assert outcome.kept == ("x", "z") and outcome.suppressed == ("y",)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("python", "ws.close(1006)\n", "ws.close(1006)  # wscode: ignore[WSC001]\n"),
        (
            "javascript",
            "ws.close(1006);   \r\nx();\r\n",
            "ws.close(1006);  // wscode: ignore[WSC001]\r\nx();\r\n",
        ),
        (
            "python",
            "ws.close(1006)  # wscode: ignore[WSC005]\n",
            "ws.close(1006)  # wscode: ignore[WSC005, WSC001]\n",
        ),
        (
            "python",
            "x = f(1) + \\\n    ws.close(1006)\n",
            "x = f(1) + \\\n    ws.close(1006)  # wscode: ignore[WSC001]\n",
        ),
        (
            "ruby",
            "if x then \\\n  ws.close(1006) end\n",
            "if x then \\\n  ws.close(1006) end  # wscode: ignore[WSC001]\n",
        ),
    ],
)
def test_suppression_edit_makes_the_finding_go_away(language: str, text: str, expected: str) -> None:
    offset = text.index("1006")
    edit = suppression_edit(text, language, offset, "WSC001")
    edited = text[: edit.start] + edit.new_text + text[edit.end :]
    assert edited == expected
    assert "WSC001" not in findings(edited, language)


def test_suppression_edit_on_a_continued_line_goes_above() -> None:
    text = "x = ws.close(1006) \\\n    or 1\n"
    edit = suppression_edit(text, "python", text.index("1006"), "WSC001")
    edited = text[: edit.start] + edit.new_text + text[edit.end :]
    assert edited == "# wscode: ignore[WSC001]\nx = ws.close(1006) \\\n    or 1\n"
