"""Per-language fixtures: every line marked `expect: WSCnnn …` yields exactly those rules; no other
line yields anything (the unmarked lines are the negatives: timeouts, ports, comments, strings,
comparisons against a received code)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import LANGUAGES, language_for, scan_strict
from wscodes.core.scan.languages import EMBEDDED
from wscodes.core.teamcodes import builtin_registry

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and language_for(p.name))
_EXPECT = re.compile(r"expect: ((?:WSC\d{3}\s*)+)")


def expected(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        m = _EXPECT.search(line)
        if m:
            out[number] = sorted(m.group(1).split())
    return out


def found(text: str, language: str, *, windowed: bool = False) -> dict[int, list[str]]:
    config = RuleConfig()
    analysis = analyse(text, language, builtin_registry(), config, windowed=windowed)
    out: dict[int, list[str]] = {}
    for finding in analysis.findings:
        out.setdefault(text.count("\n", 0, finding.start) + 1, []).append(finding.rule)
    return {k: sorted(v) for k, v in out.items()}


def test_every_language_has_fixtures() -> None:
    covered = {language_for(p.name) for p in FILES}
    assert covered == set(LANGUAGES) | EMBEDDED


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_findings_match_expectations(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    assert found(text, language) == expected(text)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_windowed_scan_equals_full_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    full = scan_strict(text, language)
    windowed = scan_strict(text, language, windowed=True)
    assert windowed.occurrences == full.occurrences
    assert full.occurrences  # the fixture really exercises the scanner


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_survives_crlf_and_a_leading_emoji(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    shifted = "\r\n".join(text.split("\n"))
    assert found(shifted, language) == expected(text)
    prefixed = "\n" + text  # positions shift by one line and nothing else
    assert found(prefixed, language) == {k + 1: v for k, v in expected(text).items()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_member_windows_equal_full_parse(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every class split into members (as large classes are), nothing changes either."""
    import wscodes.core.scan.chunks

    monkeypatch.setattr(wscodes.core.scan.chunks, "SUB_CHUNK", 0)
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    assert scan_strict(text, language, windowed=True).occurrences == scan_strict(text, language).occurrences


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_wscode_check_finds_what_the_editor_finds(path: Path) -> None:
    """``wscode check`` parses only windows and skips comparisons: the same findings."""
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    assert found(text, language, windowed=True) == expected(text)
