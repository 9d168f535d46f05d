"""`wscode check`'s options through a real subprocess: config keys, stdin, output formats,
statistics, plurals, --fix / --diff / --unsafe-fixes."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.check.test_check_cli import wscode_check

SEND = "ws.close(1006)\n"


def test_default_output_is_one_concise_line_per_finding(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND + "ws.close(3999)\n", encoding="utf-8")
    result = wscode_check("a.py", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "a.py:1:10: WSC001 [*] Sending 1006: 1006 (Abnormal Closure) means the connection dropped "
        "without a Close frame",
        "a.py:2:10: WSC005 Sending 3999: 3999 was never registered with IANA, and 3000–3999 is for "
        "libraries and frameworks that register their codes",
    ]
    assert result.stderr.endswith("1 file checked: 1 error, 1 warning (1 fixable with --fix)\n")
    full = wscode_check("--output-format", "full", "a.py", cwd=tmp_path).stdout
    assert "must never send it in a Close frame (RFC 6455 §7.4.1)" in full
    assert "docs/rules.md#wsc001" in full
    assert wscode_check("--format", "text", "a.py", cwd=tmp_path).stdout == full  # the old alias
    (tmp_path / "b.py").write_text("ws.close(1000)\n", encoding="utf-8")
    assert wscode_check("b.py", cwd=tmp_path).stderr.endswith("1 file checked: no findings\n")
    (tmp_path / "c.py").write_text(SEND * 2, encoding="utf-8")
    assert "2 files checked: 2 errors" in wscode_check("b.py", "c.py", cwd=tmp_path).stderr


def test_statistics_count_per_rule(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND * 3 + "ws.close(3999)\n", encoding="utf-8")
    result = wscode_check("--statistics", "a.py", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "    3\tWSC001\t[*] reserved-code-sent",
        "    1\tWSC005\t[ ] unregistered-3xxx-sent",
    ]
    assert result.returncode == 1
    as_json = json.loads(wscode_check("--statistics", "--output-format", "json", "a.py", cwd=tmp_path).stdout)
    assert as_json[0] == {"code": "WSC001", "name": "reserved-code-sent", "count": 3, "fixable": True}


def test_github_gitlab_and_junit_formats(tmp_path: Path) -> None:
    (tmp_path / "a b.py").write_text("x = 1\n" + SEND, encoding="utf-8")
    github = wscode_check("--output-format", "github", "a b.py", cwd=tmp_path).stdout
    assert github.startswith(
        "::error file=a b.py,line=2,col=10,endColumn=14,title=WSC001 reserved-code-sent::"
    )
    assert github.count("\n") == 1
    gitlab = json.loads(wscode_check("--output-format", "gitlab", "a b.py", cwd=tmp_path).stdout)
    assert gitlab[0]["check_name"] == "WSC001" and gitlab[0]["severity"] == "major"
    assert gitlab[0]["location"] == {"path": "a b.py", "lines": {"begin": 2, "end": 2}}
    assert len(gitlab[0]["fingerprint"]) == 64
    junit = ET.fromstring(wscode_check("--output-format", "junit", "a b.py", cwd=tmp_path).stdout)
    case = junit.find("./testsuite/testcase")
    assert case is not None and case.get("name") == "wscode.WSC001" and case.get("line") == "2"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "WSC001"
    (tmp_path / "clean.py").write_text("ws.close(1000)\n", encoding="utf-8")
    clean = ET.fromstring(wscode_check("--output-format", "junit", "clean.py", cwd=tmp_path).stdout)
    assert clean.get("failures") == "0" and clean.find("./testsuite/testcase") is not None


def test_sarif_results_link_to_the_rule_pages(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND, encoding="utf-8")
    sarif = json.loads(wscode_check("--output-format", "sarif", "a.py", cwd=tmp_path).stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"].endswith(f"docs/rules.md#{r['id'].lower()}") for r in rules)


def test_stdin_with_a_file_name(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text('runtime = "browser"\n', encoding="utf-8")

    def run(*args: str, text: str = "ws.close(1001);\n") -> subprocess.CompletedProcess[str]:
        import os
        import sys

        from tests.check.test_check_cli import REPO

        env = {**os.environ, "PYTHONPATH": str(REPO)}
        env.pop("WSCODES_CONFIG", None)
        return subprocess.run(
            [sys.executable, "-m", "wscodes", "check", *args], input=text, capture_output=True, text=True,
            cwd=tmp_path, env=env, timeout=60, check=False,
        )  # fmt: skip

    result = run("-", "--stdin-filename", "web/app.ts")
    assert result.returncode == 1
    assert result.stdout.startswith("web/app.ts:1:10: WSC006 [*] ")  # browser, from its wscodes.toml
    fixed = run("-", "--stdin-filename", "web/app.ts", "--fix")
    assert fixed.stdout == "ws.close(1000);\n" and fixed.returncode == 0
    assert run("-", "--stdin-filename", "notes.txt").returncode == 2
    assert "--stdin-filename" in run("-").stderr and run("-").returncode == 2
    assert run("-", "--stdin-filename", "a.py", text="ws.close(1000)\n").returncode == 0


def test_unknown_config_keys_and_rule_ids_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND, encoding="utf-8")
    cases = [
        ("wscodes.toml", 'excludes = ["x"]\n', "wscodes.toml: excludes: unknown key 'excludes' — did you mean `exclude`?"),  # noqa: E501
        ("pyproject.toml", '[tool.wscodes]\nper-file-ignore = {}\n',
         "pyproject.toml: tool.wscodes.per-file-ignore: unknown key 'per-file-ignore' — did you mean `per-file-ignores`?"),  # noqa: E501
        ("wscodes.toml", '[per-file-ignores]\n"tests/**" = ["WSC0003"]\n', "did you mean `WSC003`?"),
        ("wscodes.toml", 'ignore = ["WSC1"]\n', "wscodes.toml: ignore: unknown rule 'WSC1'"),
        ("wscodes.toml", 'exclude = "vendor"\n', "exclude: must be a list of glob patterns"),
    ]  # fmt: skip
    for name, content, message in cases:
        for old in ("wscodes.toml", "pyproject.toml"):
            (tmp_path / old).unlink(missing_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
        result = wscode_check(".", cwd=tmp_path)
        assert result.returncode == 2, content
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and message in lines[0] and str(tmp_path) in lines[0], (content, result.stderr)


def test_fix_diff_and_unsafe_fixes(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    original = "ws.close(1006)\nws.close(404)\nws.close(4002)  # fine\n"
    source.write_text(original, encoding="utf-8")
    diff = wscode_check("--diff", "a.py", cwd=tmp_path)
    assert diff.returncode == 1 and source.read_text(encoding="utf-8") == original  # nothing written
    assert diff.stdout.splitlines()[:2] == ["--- a/a.py", "+++ b/a.py"]
    assert "-ws.close(1006)\n+ws.close(1000)\n" in diff.stdout and "4404" not in diff.stdout
    unsafe_diff = wscode_check("--diff", "--unsafe-fixes", "a.py", cwd=tmp_path).stdout
    assert "+ws.close(4404)" in unsafe_diff
    fixed = wscode_check("--fix", "a.py", cwd=tmp_path)
    assert source.read_text(encoding="utf-8") == original.replace("1006", "1000")
    assert fixed.returncode == 1 and fixed.stdout.startswith("a.py:2:10: WSC003 ")  # the unsafe one remains
    assert "(1 fix applied)" in fixed.stderr
    again = wscode_check("--fix", "--unsafe-fixes", "a.py", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == ""
    assert source.read_text(encoding="utf-8") == "ws.close(1000)\nws.close(4404)\nws.close(4002)  # fine\n"


def test_fix_keeps_crlf_and_a_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "a.js"
    source.write_bytes(b"\xef\xbb\xbfconst s = '\xf0\x9f\x98\x80'; ws.close(1006);\r\nws.close(1004);\r\n")
    result = wscode_check("--fix", "--runtime", "node", "a.js", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (
        source.read_bytes()
        == b"\xef\xbb\xbfconst s = '\xf0\x9f\x98\x80'; ws.close(1000);\r\nws.close(1000);\r\n"
    )


@pytest.mark.parametrize("args", [["--fix", "--diff"], ["-", "x.py"], ["--stdin-filename", "a.py", "."]])
def test_option_combinations_that_make_no_sense_exit_2(args: list[str], tmp_path: Path) -> None:
    result = wscode_check(*args, cwd=tmp_path)
    assert (
        result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    )


def test_report_unused_suppressions(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "ws.close(1006)  # wscode: ignore[WSC001]\nws.close(1000)  # wscode: ignore[WSC001]\n",
        encoding="utf-8",
    )
    assert wscode_check("a.py", cwd=tmp_path).returncode == 0
    result = wscode_check("--report-unused-suppressions", "a.py", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "a.py:2:19: WSC100 Unused suppression of WSC001 (no WSC001 finding here)"
    ]
    assert result.returncode == 1


def test_a_named_file_in_a_gitignored_folder_is_checked_unless_force_exclude(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "gen.py").write_text(SEND, encoding="utf-8")
    assert wscode_check(".", cwd=tmp_path).stdout == ""
    assert wscode_check("build/gen.py", cwd=tmp_path).stdout.startswith("build/gen.py:1:10: WSC001")
    assert wscode_check("--force-exclude", "build/gen.py", cwd=tmp_path).stdout == ""
