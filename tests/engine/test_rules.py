"""Rules on small snippets: what fires, with which fix; what must stay quiet."""

from __future__ import annotations

import pytest

from wscodes.core.errors import ConfigError
from wscodes.core.rules import RULES, RuleConfig, Severity, analyse
from wscodes.core.teamcodes import builtin_registry


def rules_in(text: str, language: str, **settings: object) -> list[tuple[str, str]]:
    config = RuleConfig.from_settings(settings)
    analysis = analyse(text, language, builtin_registry(), config)
    return [(f.rule, text[f.start : f.end]) for f in analysis.findings]


def test_sending_1006_in_python_is_wsc001_with_fix_to_1000() -> None:
    text = "async def h(ws):\n    await ws.close(1006)\n"
    analysis = analyse(text, "python", builtin_registry(), RuleConfig())
    [finding] = analysis.findings
    assert finding.rule == "WSC001"
    assert finding.severity is Severity.ERROR
    assert text[finding.start : finding.end] == "1006"
    assert [f.replacement for f in finding.fixes] == ["1000"]
    assert finding.evidence.url.endswith("#section-7.4.1")


def test_sending_1006_after_an_error_is_fixed_to_1011() -> None:
    text = "try:\n    pass\nexcept Exception:\n    await ws.close(code=1006)\n"
    [finding] = analyse(text, "python", builtin_registry(), RuleConfig()).findings
    assert [f.replacement for f in finding.fixes] == ["1011"]


def test_library_constant_fix_keeps_the_library() -> None:
    text = "await ws.close(CloseCode.ABNORMAL_CLOSURE)\n"
    [finding] = analyse(text, "python", builtin_registry(), RuleConfig()).findings
    assert finding.rule == "WSC001"
    assert [f.replacement for f in finding.fixes] == ["CloseCode.NORMAL_CLOSURE"]


def test_comparing_against_1006_is_correct() -> None:
    assert rules_in("if (event.code === 1006) { reconnect(); }", "javascript") == []
    assert rules_in("if e.code == 1006:\n    retry()\n", "python") == []


def test_browser_close_1001_is_wsc006() -> None:
    text = "const ws = new WebSocket(url);\nws.close(1001);\n"
    assert rules_in(text, "javascript") == [("WSC006", "1001")]
    # in Node's ws library 1001 is fine
    node = "const WebSocket = require('ws');\nws.close(1001);\n"
    assert rules_in(node, "javascript") == []
    assert rules_in("ws.close(1001);\n", "javascript", runtime="browser") == [("WSC006", "1001")]


def test_long_reason_is_wsc007_on_the_reason() -> None:
    reason = "é" * 62  # 124 bytes
    text = f'ws.close(1000, "{reason}");\n'
    analysis = analyse(text, "javascript", builtin_registry(), RuleConfig())
    [finding] = analysis.findings
    assert finding.rule == "WSC007"
    assert text[finding.start : finding.end] == reason
    assert len(finding.fixes[0].replacement.encode()) <= 123


def test_config_turns_rules_off_and_changes_severity() -> None:
    text = "ws.close(1006)\n"
    assert rules_in(text, "python", rules={"WSC001": "off"}) == []
    config = RuleConfig.from_settings({"rules": {"WSC001": "warning"}})
    [finding] = analyse(text, "python", builtin_registry(), config).findings
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    "settings",
    [{"rules": {"WSC999": "off"}}, {"rules": {"WSC001": "loud"}}, {"runtime": "deno"}, {"rules": []}],
)
def test_bad_settings_raise_config_error(settings: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        RuleConfig.from_settings(settings, source="pyproject.toml")


def test_every_rule_has_evidence_and_summary() -> None:
    assert sorted(RULES) == [f"WSC{n:03d}" for n in range(1, 14)]
    for rule in RULES.values():
        assert rule.summary and rule.evidence.url.startswith("https://")


def test_starlettes_old_misnamed_constant_is_wsc008_where_it_is_used() -> None:
    text = "await websocket.close(code=status.WS_1004_NO_STATUS_RCVD)\n"
    assert rules_in(text, "python") == [
        ("WSC002", "status.WS_1004_NO_STATUS_RCVD"),
        ("WSC008", "status.WS_1004_NO_STATUS_RCVD"),
    ]


def test_a_numbered_name_that_disagrees_with_its_value_is_wsc008() -> None:
    assert rules_in("WS_1005_ABNORMAL_CLOSURE = 1006\n", "python") == [("WSC008", "1006")]
    assert rules_in("WS_1008_POLICY_VIOLATION = 1008\n", "python") == []


def test_private_codes_may_borrow_protocol_words() -> None:
    assert rules_in("POLICY_VIOLATION = 4008\nws.close(POLICY_VIOLATION)\n", "python") == []


def test_a_librarys_own_3xxx_codes_may_borrow_protocol_words() -> None:
    # a client library's own codes, sent where a browser would refuse 1002/1011
    text = "export enum CloseCode {\n  ProtocolError = 3001,\n  InternalError = 3002,\n}\n"
    assert rules_in(text, "typescript") == []
    assert rules_in("WS_1001_GOING_AWAY = 3001\n", "python") == [("WSC008", "3001")]


def test_a_name_claims_a_code_only_in_its_librarys_language() -> None:
    # python-websockets calls 1007 INVALID_DATA; a Ruby gem's INVALID_DATA = 1003 claims nothing
    ruby = "module WebSocket\n  class Error\n    INVALID_DATA = 1003\n    INVALID_PAYLOAD = 1007\n"
    ruby += "  end\nend\n"
    assert rules_in(ruby, "ruby") == []
    python = "import websockets\nINVALID_DATA = 1003\n"
    assert rules_in(python, "python") == [("WSC008", "1003")]
    # IANA's own names claim their code in every language
    assert rules_in("module WS\n  UNSUPPORTED_DATA = 1007\nend\n", "ruby") == [("WSC008", "1007")]


def test_team_file_enables_wsc010(tmp_path: object) -> None:
    from pathlib import Path

    from wscodes.core.teamcodes import ProjectRegistry, load_config

    folder = Path(str(tmp_path))
    (folder / "wscodes.toml").write_text('[codes.4001]\nname = "Session expired"\n', encoding="utf-8")
    registry = ProjectRegistry(load_config(str(folder / "wscodes.toml")))
    text = "ws.close(4001)\nws.close(4002)\n"
    findings = analyse(text, "python", registry, RuleConfig()).findings
    assert [(f.rule, f.severity, text[f.start : f.end]) for f in findings] == [
        ("WSC010", Severity.INFO, "4002")
    ]
    assert analyse(text, "python", builtin_registry(), RuleConfig()).findings == ()


def test_rules_do_not_import_tree_sitter_until_they_scan() -> None:
    import subprocess
    import sys

    code = "import sys, wscodes.core.rules, wscodes.check.cli; assert 'tree_sitter' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("text", "language", "rule", "replacements"),
    [
        # the fix follows what the reason says, not a number derived from the bad code
        ('await ws.close(999, "Server shutdown")\n', "python", "WSC003", ["1001"]),
        ("await ws.close(999)\n", "python", "WSC003", ["4999"]),  # no reason: the private 4000 + n
        ("ws.close(70000, 'restarting for a deploy');\n", "javascript", "WSC003", ["1012"]),
        ("ws.close(70000, 'bad input');\n", "javascript", "WSC003", []),  # nothing it names
        ('<?php\n$conn->close(2001, "too many connections, try later");\n', "php", "WSC004", ["1013"]),
        ("await ws.close(2001)\n", "python", "WSC004", []),
        ('await ws.close(1006, "token expired")\n', "python", "WSC001", ["1008"]),
        ('await ws.close(1005, "message too large")\n', "python", "WSC001", ["1009"]),
        ('ws.close(1004, "shutting down");\n', "javascript", "WSC002", ["1001"]),
        ("await ws.close(CloseCode.ABNORMAL_CLOSURE, 'server restart')\n", "python", "WSC001",
         ["CloseCode.SERVICE_RESTART"]),  # the same library's constant for it
        # browser code: close() only takes 1000 and 3000–4999, so no 1001 however the reason reads
        ("const s = new WebSocket(u);\ns.close(1001, 'navigating away');\n", "javascript", "WSC006",
         ["1000"]),
    ],
)  # fmt: skip
def test_fixes_follow_the_reason(text: str, language: str, rule: str, replacements: list[str]) -> None:
    [finding] = analyse(text, language, builtin_registry(), RuleConfig()).findings
    assert finding.rule == rule
    assert [f.replacement for f in finding.fixes] == replacements


def _measured_send(implementation: str, code: int) -> str:
    from wscodes.core.registry import measured_for

    [m] = [m for m in measured_for(code) if m.implementation == implementation and m.scenario == "send"]
    return m.text


@pytest.mark.parametrize(
    ("text", "language", "implementation", "code"),
    [
        ("import websockets\n\nasync def h(ws):\n    await ws.close(1005)\n", "python", "python-websockets",
         1005),
        ("const WebSocket = require('ws');\nfunction f(s) { s.close(2999); }\n", "javascript", "ws", 2999),
        ("import { WebSocket } from 'ws';\nexport const f = (socket: WebSocket) => socket.close(5000);\n",
         "typescript", "ws", 5000),
        # (an arrow function's body is a send, not the value of a constant definition)
    ],
)  # fmt: skip
def test_a_send_finding_says_what_the_imported_library_measurably_does(
    text: str, language: str, implementation: str, code: int
) -> None:
    [finding] = analyse(text, language, builtin_registry(), RuleConfig()).findings
    assert finding.message.endswith(f" Measured: {_measured_send(implementation, code)}.")
    assert "close() throws" in finding.message  # (both refuse these codes: interop.json)


def test_no_measured_note_without_the_import_or_when_the_library_sends_it() -> None:
    bare = "async def h(ws):\n    await ws.close(1005)\n"
    [finding] = analyse(bare, "python", builtin_registry(), RuleConfig()).findings
    assert "Measured" not in finding.message
    sent = "import aiohttp\n\nasync def h(ws):\n    await ws.close(code=1005)\n"  # aiohttp sends it as given
    [finding] = analyse(sent, "python", builtin_registry(), RuleConfig()).findings
    assert "Measured" not in finding.message
