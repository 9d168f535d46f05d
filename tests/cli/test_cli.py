"""The `wscode` command, run as users run it: the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WSCODE = str(Path(sys.executable).with_name("wscode"))
REQUIRED = {"code", "name", "meaning", "sender", "on_wire", "browser_close_allowed", "reference"}


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "WSCODES_CONFIG": "", "NO_COLOR": "", **(env or {})}
    return subprocess.run(
        [WSCODE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=cwd or Path("/"),
        env=full_env,
    )


def test_lookup_text() -> None:
    r = run("1006")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("1006 Abnormal Closure")
    assert "never in a Close frame" in r.stdout
    assert "InvalidAccessError" in r.stdout
    assert "https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1" in r.stdout
    assert "\033[" not in r.stdout  # no colour when not a terminal
    assert r.stderr == ""


def test_color_always() -> None:
    assert "\033[" in run("1000", "--color", "always").stdout


def test_json_object_for_a_number() -> None:
    r = run("1011", "--json")
    obj = json.loads(r.stdout)
    assert obj.keys() >= REQUIRED
    assert obj["code"] == 1011 and obj["sender"] == "either" and obj["on_wire"] is True
    assert obj["browser_close_allowed"] is False and obj["browser_close_error"] == "InvalidAccessError"
    assert obj["reference"]["url"].startswith("https://")


@pytest.mark.parametrize(
    "n", ["-1", "0", "999", "2000", "3001", "4001", "5000", "65536", "99999999999999999999"]
)
def test_json_for_any_integer(n: str) -> None:
    r = run(n, "--json")
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj.keys() >= REQUIRED and obj["code"] == int(n) and obj["range"]["id"]
    assert obj["sender"] in {"client", "server", "either", "none"}


def test_json_list_for_a_search_best_first() -> None:
    r = run("message", "too", "big", "--json")
    hits = json.loads(r.stdout)
    assert isinstance(hits, list) and hits[0]["code"] == 1009
    assert all(h.keys() >= REQUIRED for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text() -> None:
    r = run("timeout")
    assert r.returncode == 0
    assert r.stdout.startswith("3008 Timeout")
    assert "Also matching:" in r.stdout and "1006" in r.stdout


def test_pasted_log_line() -> None:
    r = run("sent 1011 (internal error) keepalive ping timeout; no close frame received")
    assert r.returncode == 0
    assert "What this says:" in r.stdout and "1011 Internal Error" in r.stdout and "1006 Abnormal" in r.stdout


def test_list_and_list_range() -> None:
    r = run("list")
    assert r.returncode == 0
    lines = [line for line in r.stdout.splitlines() if line[:4].isdigit()]
    assert [int(line.split()[0]) for line in lines] == [*range(1000, 1016), 3000, 3003, 3008]
    r = run("list", "3xxx", "--json")
    assert [h["code"] for h in json.loads(r.stdout)] == [3000, 3003, 3008]


def test_nothing_matched_exits_1() -> None:
    r = run("xyzzy")
    assert r.returncode == 1
    assert "No close code matches" in r.stdout
    r = run("xyzzy", "--json")
    assert r.returncode == 1 and json.loads(r.stdout) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 2),
        (("",), 2),
        (("   ",), 2),
        (("--bogus",), 2),
        (("list", "--bogus"), 2),
        (("1006", "--color", "x"), 2),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(args: tuple[str, ...], code: int) -> None:
    r = run(*args)
    assert r.returncode == code
    assert "Traceback" not in r.stderr
    assert "wscode" in r.stderr and "error" in r.stderr


@pytest.mark.parametrize(
    "text", ["💥🔥", "ʻōlelo", "１００６", "\u202e1006", "a" * 5000, "-" * 3, "1006" * 3000]
)
def test_odd_input_gets_a_clear_answer(text: str) -> None:
    r = run("--", text) if text.startswith("-") else run(text)
    assert r.returncode in (0, 1, 2)
    assert "Traceback" not in r.stderr
    assert r.stdout.strip() or r.stderr.strip()


def test_help_has_examples() -> None:
    r = run("--help")
    assert r.returncode == 0
    assert "examples:" in r.stdout and "wscode 1006" in r.stdout and "exit status" in r.stdout


def test_team_codes_from_project_file(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text('[codes.4001]\nname = "Session expired"\nsender = "server"\n')
    sub = tmp_path / "src"
    sub.mkdir()
    r = run("4001", cwd=sub)
    assert r.returncode == 0 and "4001 Session expired" in r.stdout and "your team's code" in r.stdout
    hits = json.loads(run("session", "expired", "--json", cwd=sub).stdout)
    assert hits[0]["code"] == 4001 and hits[0]["team"] is True and hits[0]["status"] == "team"


def test_bad_team_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "wscodes.toml").write_text('[codes.5001]\nname = "x"\n')
    r = run("1006", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1
    assert "wscodes.toml: codes.5001" in r.stderr and "4000–4999" in r.stderr
    assert "Traceback" not in r.stderr


def test_explicit_config_flag(tmp_path: Path) -> None:
    cfg = tmp_path / "team.toml"
    cfg.write_text('[codes.4444]\nname = "Quota exceeded"\n')
    r = run("4444", "--config", str(cfg))
    assert "Quota exceeded" in r.stdout
    r = run("4444", "--config", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and "no such file" in r.stderr


def test_lookup_does_not_import_heavy_front_ends() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from wscodes.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['1006']); main(['timeout']); main(['3xxx', '--json'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'tree_sitter', 'pygls', 'lsprotocol', 'slack_bolt', 'slack_sdk', 'argparse', 'dataclasses'})\n"
        "print(','.join(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert r.stdout.strip() == ""


def test_broken_pipe_is_quiet() -> None:
    p = subprocess.run(
        f"'{WSCODE}' list | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "WSCODES_CONFIG": ""},
    )
    assert "Traceback" not in p.stderr and p.stdout.strip()


def test_python_dash_m() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "wscodes", "1000"], capture_output=True, text=True, timeout=60, check=False
    )
    assert r.returncode == 0 and r.stdout.startswith("1000 Normal Closure")
