"""WSC012/WSC013: validators of received close codes, evaluated (core/scan/validators.py).

The fixtures in tests/engine/validators/ are validators written for these tests in eight languages:
a line marked ``expect: WSCnnn`` holds exactly that finding, no other line holds one, and every
validator marked ``validator: correct`` is read (evaluated as a whole validator) and judged right.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wscodes.core.rules import RULES, RuleConfig, analyse
from wscodes.core.scan import language_for
from wscodes.core.scan.validators import Validator, validators
from wscodes.core.teamcodes import builtin_registry

HERE = Path(__file__).parent / "validators"
FILES = sorted(p for p in HERE.iterdir() if p.is_file())
_EXPECT = re.compile(r"expect: ((?:WSC\d{3}\s*)+)")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def expected(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = _EXPECT.search(line)
        if m:
            out[number] = sorted(m.group(1).split())
    return out


def found(text: str, language: str, *, windowed: bool = False) -> dict[int, list[str]]:
    analysis = analyse(text, language, builtin_registry(), RuleConfig(), windowed=windowed)
    out: dict[int, list[str]] = {}
    for finding in analysis.findings:
        out.setdefault(_line(text, finding.start), []).append(finding.rule)
    return {k: sorted(v) for k, v in out.items()}


def test_the_fixtures_cover_eight_languages() -> None:
    languages = {language_for(p.name) for p in FILES}
    assert {"javascript", "python", "go", "java", "rust", "ruby", "php", "c"} <= languages
    for path in FILES:  # each has a mistake and a correct validator
        text = path.read_text(encoding="utf-8")
        assert expected(text) and "validator: correct" in text, path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_findings_are_on_the_marked_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    assert found(text, language) == expected(text)
    assert found(text, language, windowed=True) == expected(text)  # as `wscode check` runs it
    crlf = "\r\n".join(text.split("\n"))
    assert found(crlf, language) == expected(text)
    emoji = "# 🚀 日本\n" if language in {"python", "ruby"} else "// 🚀 日本\n"
    assert found(emoji + text, language) == {k + 1: v for k, v in expected(text).items()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_correct_validators_are_read_and_judged_right(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    correct = [v for v in validators(text, language, correct=True) if not v.rejects and not v.accepts]
    marked = {
        n for n, line in enumerate(text.splitlines(), 1) if re.search(r"(?<!\")validator: correct", line)
    }
    spans = [(_line(text, v.start), _line(text, v.end)) for v in correct]
    assert all(any(a <= n <= b for a, b in spans) for n in marked), (marked, spans)
    assert all(any(a <= n <= b for n in marked) for a, b in spans), (marked, spans)


def test_the_message_names_the_codes_and_the_history() -> None:
    text = (HERE / "Validators.java").read_text(encoding="utf-8")
    findings = analyse(text, "java", builtin_registry(), RuleConfig()).findings
    reject = next(f for f in findings if f.rule == "WSC012")
    assert (
        "isValid rejects 1012 (Service Restart), 1013 (Try Again Later), 1014 (Bad Gateway)" in reject.message
    )
    assert "Autobahn TestSuite" in reject.message and reject.evidence.id == "iana"
    accept = next(f for f in findings if f.rule == "WSC013")
    assert "accepts 1016" in accept.message and "2999" in accept.message and "1015" not in accept.message


def test_rules_can_be_turned_off() -> None:
    text = (HERE / "validators.js").read_text(encoding="utf-8")
    config = RuleConfig.from_settings({"rules": {"WSC012": "off", "WSC013": "info"}})
    findings = analyse(text, "javascript", builtin_registry(), config).findings
    assert {f.rule for f in findings} == {"WSC013"} and all(f.severity.value == "info" for f in findings)
    assert (
        analyse("// wscode: ignore-file\n" + text, "javascript", builtin_registry(), RuleConfig()).findings
        == ()
    )


def test_a_suppression_comment_on_the_line_silences_it() -> None:
    text = (
        "def valid_code?(code)\n"
        "  [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].include?(code) ||\n"
        "    (3000..4999).cover?(code)\n"
        "end\n"
    )
    (finding,) = analyse(text, "ruby", builtin_registry(), RuleConfig()).findings
    assert finding.rule == "WSC012"
    silenced = text.replace("||\n", "|| # wscode: ignore[WSC012]\n")
    analysis = analyse(silenced, "ruby", builtin_registry(), RuleConfig())
    assert analysis.findings == () and [f.rule for f in analysis.suppressed] == ["WSC012"]


@pytest.mark.parametrize(
    ("source", "language"),
    [
        # partial checks: never judged alone
        ("function isValidCloseCode(code) { return code >= 3000 && code <= 4999; }", "javascript"),
        ("def valid_code(code):\n    return code in (1000, 1001, 1002)\n", "python"),
        # a name the evaluator cannot resolve decides some codes: no verdict
        ("def valid_code(code):\n    return code in OTHER_MODULE_CODES or 3000 <= code <= 4999\n", "python"),
        # two different names compared: not one received code
        (
            "function isValidCloseCode(code, max) { return code >= 1000 && code <= 1011 || max < 4999; }",
            "javascript",
        ),
        # a range check of what is sent (1000–4999): not a judgment of the reserved codes
        (
            "function validCloseCode(code) {\n"
            "  if (code < 1000 || code > 4999 || code === 2) throw new Error('invalid');\n}",
            "javascript",
        ),
        # a catch-all arm (`_ => Other`) is no verdict
        (
            "fn f(c: u16) -> K { match c { 1000 => K::A, 1001 => K::B, 1002 => K::C, 1003 => K::D, "
            "1011 => K::E, _ => K::Other(c) } }",
            "rust",
        ),
        # an if that only logs
        ("if (code < 1000 || code === 1004 || code > 1011) { console.log('unusual', code); }", "javascript"),
        # an if that sees only what an outer switch or an earlier if let through
        (
            "package p\n\nfunc readStatus(code uint16) int {\n\tswitch code {\n"
            "\tcase 1004, 1005, 1006, 1015:\n\t\treturn 1002\n\tdefault:\n"
            "\t\tif code < 1000 || code >= 5000 || (code >= 1016 && code < 3000) {\n"
            "\t\t\treturn 1002\n\t\t}\n\t}\n\treturn 0\n}\n",
            "go",
        ),
        (
            "function onClose(code) {\n"
            "  if (code === 1004 || code === 1005 || code === 1006 || code === 1015) throw new Error('no');\n"
            "  if (code < 1000 || code >= 5000 || (code >= 1016 && code < 3000)) throw new Error('bad');\n"
            "}\n",
            "javascript",
        ),
        # bad input: no crash, no finding
        ("function isValidCloseCode(code) { return code >= 1000 && code <= 1011 && (", "javascript"),
        ("def valid_code(code):\n    return code in (1000, 1001, 1002,\n", "python"),
        ("\x00\x01 1011 2999 \ud800", "go"),
    ],
)
def test_no_verdict_without_a_whole_validator(source: str, language: str) -> None:
    assert analyse(source, language, builtin_registry(), RuleConfig()).findings == ()


def test_validator_records_say_where_the_finding_goes() -> None:
    text = (HERE / "validators.rs").read_text(encoding="utf-8")
    (match,) = [v for v in validators(text, "rust") if v.name == "match"]
    assert isinstance(match, Validator)
    assert match.rejects == (1012, 1013, 1014) and match.accepts == ()
    assert text[match.reject_start : match.reject_end].startswith("_ => Kind::Bad(code)")


@pytest.mark.parametrize("rule_id", ["WSC012", "WSC013"])
def test_each_rules_example_is_found_and_its_fix_is_not(rule_id: str) -> None:
    rule = RULES[rule_id]
    language = rule.example_language
    assert [f.rule for f in analyse(rule.example, language, builtin_registry(), RuleConfig()).findings] == [
        rule_id
    ]
    assert analyse(rule.fixed, language, builtin_registry(), RuleConfig()).findings == ()


_FILLER = {
    "javascript": "function filler{n}(x) {{\n  return x + {n};\n}}\n\n",
    "python": "def filler{n}(x):\n    return x + {n}\n\n\n",
    "go": "func filler{n}(x int) int {{\n\treturn x + {n}\n}}\n\n",
    "rust": "fn filler{n}(x: u16) -> u16 {{\n    x + {n}\n}}\n\n",
    "c": "static int filler{n}(int x)\n{{\n\treturn x + {n};\n}}\n\n",
    "ruby": "def filler{n}(x)\n  x + {n}\nend\n\n",
}
# (a Java file is one class and a PHP file is parsed after its <?php: each stays one piece)
CHUNKED = [p for p in FILES if language_for(p.name) in _FILLER]


@pytest.mark.parametrize("path", CHUNKED, ids=lambda p: p.name)
def test_a_large_text_parsed_in_chunks_gives_the_same_findings(path: Path) -> None:
    """Past WHOLE_TEXT characters only the top-level chunks around the sites are parsed."""
    from wscodes.core.scan import validators as module

    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    filler = "".join(_FILLER[language].format(n=n) for n in range(1200))
    assert len(filler) > module.WHOLE_TEXT
    assert found(text + "\n" + filler, language) == expected(text)
    if language != "go":  # (a Go file starts with its package clause)
        shift = filler.count("\n")
        assert found(filler + text, language) == {k + shift: v for k, v in expected(text).items()}


def test_an_if_that_refuses_few_reserved_codes_is_not_a_validator() -> None:
    """A client's policy (give up on 1006 and 1011, and on nonsense codes) is no wire validator."""
    text = (
        "function shouldReconnect(code) {\n"
        "  if (code < 1000 || code === 1006 || code === 1011) {\n"
        "    return false;\n"
        "  }\n"
        "  return true;\n"
        "}\n"
    )
    assert analyse(text, "javascript", builtin_registry(), RuleConfig()).findings == ()
    validator = text.replace(
        "code === 1006 || code === 1011", "(code >= 1004 && code <= 1006) || (code > 1011 && code < 3000)"
    )
    assert [f.rule for f in analyse(validator, "javascript", builtin_registry(), RuleConfig()).findings] == [
        "WSC012"
    ]


def test_a_validator_in_a_table_of_numbers_is_still_judged() -> None:
    """A file of number rows (each a list of close-code-like numbers) is read without treating each
    row as a validator site; the real validator among them is still judged."""
    validator = (
        "function isValidCloseCode(code) {\n"
        "  return (code >= 1000 && code <= 1011 && code !== 1004 && code !== 1005 && code !== 1006)"
        " || (code >= 3000 && code <= 4999);\n"
        "}\n"
    )
    rows = "".join(f"  [{1000 + i % 16}, 1012, 1013, 1014, {4000 + i}],\n" for i in range(400))
    text = "const TABLE = [\n" + rows + "];\n" + validator
    got = found(text, "javascript")
    assert list(got.values()) == [["WSC012"]]
    assert max(got) > 400  # on the validator, after the table
