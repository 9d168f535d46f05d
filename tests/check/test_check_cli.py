"""`wscode check` through a real subprocess: output formats, exit codes, files it reads or skips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def wscode_check(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("WSCODES_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "wscodes", "check", *args],
        capture_output=True, text=True, cwd=cwd or REPO, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_examples_print_findings_in_path_line_col_rule_form() -> None:
    result = wscode_check("examples")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "examples/chat-client.js:28:16: WSC006 " in "\n".join(lines)
    assert any(line.startswith("examples/chat_server.py:29:36: WSC001 ") for line in lines)
    assert any(line.startswith("examples/relay.go:") and " WSC009 " in line for line in lines)
    assert "3 files checked" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_output(tmp_path: Path) -> None:
    result = wscode_check("--format", "json", "examples")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    by_rule = {f["rule"] for f in findings}
    assert {"WSC001", "WSC006", "WSC008", "WSC009"} <= by_rule
    wsc001 = next(f for f in findings if f["rule"] == "WSC001" and f["path"].endswith(".py"))
    assert (wsc001["line"], wsc001["column"], wsc001["end_column"]) == (29, 36, 40)
    assert wsc001["severity"] == "error" and wsc001["code"] == 1006
    assert wsc001["evidence"]["url"].startswith("https://www.rfc-editor.org/rfc/rfc6455")
    assert wsc001["fixes"][0]["replacement"] == "1011"


def test_sarif_output_is_valid_enough_for_code_scanning() -> None:
    result = wscode_check("--format", "sarif", "examples")
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "wscode"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == [f"WSC{n:03d}" for n in range(1, 14)]
    assert all(rule["help"]["text"] and rule["helpUri"].startswith("https://") for rule in driver["rules"])
    results = run["results"]
    assert results
    for res in results:
        assert res["ruleId"] in rule_ids
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"}
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert not res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
    fixed = [r for r in results if r.get("fixes")]
    assert fixed
    replacement = fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"].isdigit()


def test_exit_codes_and_thresholds(tmp_path: Path) -> None:
    clean = tmp_path / "clean.py"
    clean.write_text("await ws.close(1000)\nif e.code == 1006:\n    pass\n", encoding="utf-8")
    assert wscode_check(str(clean)).returncode == 0
    warn = tmp_path / "warn.py"
    warn.write_text("await ws.close(3001)\n", encoding="utf-8")  # WSC005 is a warning
    assert wscode_check(str(warn)).returncode == 1
    assert wscode_check("--severity", "error", str(warn)).returncode == 0
    assert wscode_check("--ignore", "WSC005", str(warn)).stdout == ""
    selected = wscode_check("--select", "WSC001", "examples")
    assert selected.stdout and all(" WSC001 " in line for line in selected.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["does/not/exist"], "no such file or directory"),
        (["--select", "WSC999", "examples"], "unknown rule"),
        (["--ignore", "nope", "examples"], "unknown rule"),
        (["--format", "xml", "examples"], "invalid choice"),
        (["--config", "missing.toml", "examples"], "no such file"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = wscode_check(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_config_exits_2(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text('rules = {WSC001 = "loud"}\n', encoding="utf-8")
    (tmp_path / "a.py").write_text("ws.close(1006)\n", encoding="utf-8")
    result = wscode_check(".", cwd=tmp_path)
    assert result.returncode == 2
    assert "WSC001" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "wscodes.toml").write_text("rules = [\n", encoding="utf-8")
    assert wscode_check(".", cwd=tmp_path).returncode == 2


def test_config_file_rules_runtime_and_team_codes(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("ws.close(1006)\nws.close(4001)\nws.close(4002)\n", encoding="utf-8")
    (tmp_path / "b.js").write_text("ws.close(1001);\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.wscodes]\nruntime = "browser"\nrules = {WSC001 = "off"}\n'
        '[tool.wscodes.codes.4001]\nname = "Session expired"\n',
        encoding="utf-8",
    )
    result = wscode_check("--format", "json", "--severity", "hint", ".", cwd=tmp_path)
    found = {(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)}
    assert found == {("a.py", 3, "WSC010"), ("b.js", 1, "WSC006")}
    assert result.returncode == 1


def test_gitignore_binary_and_huge_files(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "x.py").write_text("ws.close(1006)\n", encoding="utf-8")
    (tmp_path / "kept.py").write_text("ws.close(1006)\n", encoding="utf-8")
    (tmp_path / "blob.py").write_bytes(b"ws.close(1006)\n\x00\x01\x02")
    (tmp_path / "huge.js").write_text("ws.close(1006);\n" + "// padding\n" * 200_000, encoding="utf-8")
    result = wscode_check(".", cwd=tmp_path)
    assert result.stdout.splitlines() and all(
        line.startswith("kept.py:1:10: WSC001") for line in result.stdout.splitlines()
    )
    assert "skipped blob.py: binary file" in result.stderr
    assert "skipped huge.js: larger than 2 MB" in result.stderr
    # outside a git work tree, the walk still skips node_modules and virtualenvs
    plain = tmp_path / "plain"
    (plain / "node_modules" / "dep").mkdir(parents=True)
    (plain / "node_modules" / "dep" / "index.js").write_text("ws.close(1006);\n", encoding="utf-8")
    (plain / "env").mkdir()
    (plain / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (plain / "env" / "lib.py").write_text("ws.close(1006)\n", encoding="utf-8")
    (plain / "app.py").write_text("ws.close(1006)\n", encoding="utf-8")
    shutil.rmtree(tmp_path / ".git")
    result = wscode_check(".", cwd=plain)
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["app.py"]


def test_columns_count_code_points(tmp_path: Path) -> None:
    source = tmp_path / "emoji.js"
    source.write_text('const s = "😀名"; ws.close(1004);\r\nws.close(1005);\n', encoding="utf-8")
    result = wscode_check(str(source), "--format", "json")
    found = [(f["line"], f["column"], f["rule"]) for f in json.loads(result.stdout)]
    assert found == [(1, 26, "WSC002"), (2, 10, "WSC001")]


def test_files_larger_than_one_read_are_read_whole(tmp_path: Path) -> None:
    source = tmp_path / "long.js"
    source.write_text("// filler\n" * 60_000 + "ws.close(1006);\n", encoding="utf-8")  # ~600 KB
    result = wscode_check(str(source))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{source}:60001:10: WSC001 ")


def test_sarif_locations_outside_the_working_directory_are_file_uris(tmp_path: Path) -> None:
    source = tmp_path / "far away.py"
    source.write_text("ws.close(1006)\n", encoding="utf-8")
    sarif = json.loads(wscode_check("--format", "sarif", str(source)).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == source.as_uri()
    assert "uriBaseId" not in location


def test_a_byte_order_mark_does_not_shift_columns(tmp_path: Path) -> None:
    source = tmp_path / "bom.py"
    source.write_bytes(b"\xef\xbb\xbfws.close(1006)\n")
    assert wscode_check(str(source)).stdout.startswith(f"{source}:1:10: WSC001 ")
