"""`wscode check`'s cache (.wscode_cache, wscodes/check/cache.py) through a real subprocess: a
second run answers from it, and any change that can change a finding (the file's bytes, its
project file, the command line's rule options, the checking code) misses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wscodes.check import cli as check_cli
from wscodes.check import report
from wscodes.check.cache import Cache
from wscodes.core.rules import Severity

REPO = Path(__file__).resolve().parents[2]
SEND = "async def stop(ws):\n    await ws.close(1006)\n"
WSC001 = "Sending 1006"


def run(cwd: Path, *args: str, no_cache: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for name in ("WSCODES_CONFIG", "WSCODE_NO_CACHE", "WSCODE_CACHE_DIR"):
        env.pop(name, None)
    if no_cache:
        env["WSCODE_NO_CACHE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "wscodes", "check", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )  # fmt: skip


def entries(cache: Path) -> dict[str, object]:
    """The stored results by path (every results file of the folder)."""
    found: dict[str, object] = {}
    for pack in sorted(cache.glob("*.json")):
        found.update(json.loads(pack.read_text(encoding="utf-8")))
    return found


def tamper(cache: Path, old: str, new: str) -> int:
    """Rewrite the stored messages: a run that shows the new text read the cache."""
    changed = 0
    for pack in cache.glob("*.json"):
        text = pack.read_text(encoding="utf-8")
        changed += text.count(old)
        pack.write_text(text.replace(old, new), encoding="utf-8")
    return changed


def test_a_second_run_reads_the_cache_and_gives_the_same_output(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text(SEND, encoding="utf-8")
    (tmp_path / "src" / "b.py").write_text("TIMEOUT = 1000\n", encoding="utf-8")  # no needle: no entry
    first = run(tmp_path, "src")
    assert first.returncode == 1 and WSC001 in first.stdout
    cache = tmp_path / ".wscode_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert list(entries(cache)) == ["src/a.py"]
    second = run(tmp_path, "src")
    assert (second.stdout, second.stderr, second.returncode) == (first.stdout, first.stderr, 1)
    assert tamper(cache, WSC001, "Sending (from the cache) 1006") == 2  # its message and short message
    assert "Sending (from the cache) 1006" in run(tmp_path, "src").stdout
    assert WSC001 in run(tmp_path, "--no-cache", "src").stdout  # --no-cache does not read it
    assert WSC001 in run(tmp_path, "src", no_cache=True).stdout  # nor does $WSCODE_NO_CACHE


def test_a_changed_file_misses_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    source.write_text(SEND, encoding="utf-8")
    run(tmp_path, "a.py")
    tamper(tmp_path / ".wscode_cache", WSC001, "Sending (stale) 1006")
    source.write_text(SEND.replace("1006", "1005"), encoding="utf-8")  # same size, other finding
    now = run(tmp_path, "a.py")
    assert "Sending 1005" in now.stdout and "stale" not in now.stdout
    source.write_text(SEND.replace("1006", "1000"), encoding="utf-8")
    fixed = run(tmp_path, "a.py")
    assert (fixed.stdout, fixed.returncode) == ("", 0)


def test_a_changed_config_or_command_line_misses_the_cache(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND + "    await ws.close(3999)\n", encoding="utf-8")
    both = run(tmp_path, "a.py").stdout
    assert " WSC001 " in both and " WSC005 " in both
    (tmp_path / "wscodes.toml").write_text('rules = {WSC001 = "off"}\n', encoding="utf-8")
    assert " WSC001 " not in run(tmp_path, "a.py").stdout
    (tmp_path / "wscodes.toml").write_text('rules = {WSC005 = "off"}\n', encoding="utf-8")
    project = run(tmp_path, "a.py").stdout
    assert " WSC001 " in project and " WSC005 " not in project
    assert " WSC001 " not in run(tmp_path, "--ignore", "WSC001", "a.py").stdout
    assert " WSC001 " in run(tmp_path, "a.py").stdout
    (tmp_path / "wscodes.toml").write_text('[per-file-ignores]\n"a.py" = ["WSC001"]\n', encoding="utf-8")
    assert " WSC001 " not in run(tmp_path, "a.py").stdout
    # --report-unused-suppressions is part of the key too
    (tmp_path / "wscodes.toml").unlink()
    (tmp_path / "b.py").write_text("ws.close(1000)  # wscode: ignore[WSC001]\n", encoding="utf-8")
    assert " WSC100 " not in run(tmp_path, "b.py").stdout
    assert " WSC100 " in run(tmp_path, "--report-unused-suppressions", "b.py").stdout


def test_project_constants_resolve_the_same_from_the_cache(tmp_path: Path) -> None:
    """A file that sends a constant defined in another file: the names it leaves unresolved are
    cached with it, so the project pass still resolves them on a warm run."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "codes.py").write_text("LOST = 1006\nAWAY = 1001\n", encoding="utf-8")
    (app / "server.py").write_text(
        "from app.codes import AWAY, LOST\n\n\nasync def f(ws):\n    await ws.close(code=LOST)\n\n\n"
        "async def g(ws):\n    await ws.close(code=AWAY)\n",
        encoding="utf-8",
    )
    cold = run(tmp_path, "--format", "json", "--no-cache", "app")
    first = run(tmp_path, "--format", "json", "app")
    warm = run(tmp_path, "--format", "json", "app")
    findings = json.loads(cold.stdout)
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [("app/server.py", 5, "WSC001")]
    assert cold.stdout == first.stdout == warm.stdout
    stored = entries(tmp_path / ".wscode_cache")
    assert sorted(stored) == ["app/server.py"]  # with the names it sends
    assert "LOST" in json.dumps(stored)


def test_an_unwritable_cache_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND, encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where the cache folder would be\n", encoding="utf-8")
    result = run(tmp_path, "--cache-dir", "blocker/cache", "a.py")
    assert result.returncode == 1 and WSC001 in result.stdout
    assert "Traceback" not in result.stderr


def test_cache_dir_option_and_environment(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(SEND, encoding="utf-8")
    run(tmp_path, "--cache-dir", "elsewhere", "a.py")
    assert entries(tmp_path / "elsewhere") and not (tmp_path / ".wscode_cache").exists()
    env_run = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "a.py"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO), "WSCODE_CACHE_DIR": str(tmp_path / "from-env"),
             "WSCODE_NO_CACHE": ""},
    )  # fmt: skip
    assert WSC001 in env_run.stdout and entries(tmp_path / "from-env")
    assert not (tmp_path / ".wscode_cache").exists()


def test_the_key_covers_path_language_settings_bytes_and_code(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path), {"rules": {}}, code=b"code 1")
    key = cache.key("a.py", "python", b"settings", b"data")
    again = Cache(str(tmp_path), {"rules": {}}, code=b"code 1")
    assert key == again.key("a.py", "python", b"settings", b"data")
    others = {
        cache.key("b.py", "python", b"settings", b"data"),
        cache.key("a.py", "cython", b"settings", b"data"),
        cache.key("a.py", "python", b"settings2", b"data"),
        cache.key("a.py", "python", b"settings", b"data2"),
        Cache(str(tmp_path), {"rules": {}}, code=b"code 2").key("a.py", "python", b"settings", b"data"),
        Cache(str(tmp_path), {"rules": {"select": ["WSC001"]}}, code=b"code 1").key(
            "a.py", "python", b"settings", b"data"
        ),
    }
    assert key not in others and len(others) == 6
    cache.put("a.py", key, ([], 2, ["LOST"], [["close", "Conn", "go"]]))
    cache.save()
    again.load()
    assert again.get("a.py", key) == ([], 2, ["LOST"], [["close", "Conn", "go"]])
    assert again.get("a.py", cache.key("a.py", "python", b"settings", b"data2")) is None
    assert again.get("b.py", key) is None
    Path(cache.file).write_text("{not json", encoding="utf-8")
    again.load()
    assert again.get("a.py", key) is None  # a damaged file is a miss


def test_concurrent_runs_keep_each_others_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run merges what it stored into the file as it finds it when it saves."""
    monkeypatch.chdir(tmp_path)
    for name in ("a.py", "b.py"):  # (results of files that no longer exist are pruned)
        (tmp_path / name).write_text("ws.close(1000)\n", encoding="utf-8")
    first, second = (Cache(str(tmp_path), {}, code=b"c") for _ in range(2))
    first.load()
    second.load()
    first.put("a.py", "k1", ([], 0, None, []))
    second.put("b.py", "k2", ([], 1, None, []))
    first.save()
    second.save()
    third = Cache(str(tmp_path), {}, code=b"c")
    third.load()
    assert third.get("a.py", "k1") is not None and third.get("b.py", "k2") is not None
    third.put("a.py", "k3", ([], 0, None, []))  # a path's new result replaces the old one
    third.save()
    assert sorted(json.loads(Path(third.file).read_text(encoding="utf-8"))) == ["a.py", "b.py"]


def test_results_of_deleted_files_are_pruned_when_the_cache_is_written(tmp_path: Path) -> None:
    """A run that writes the cache drops the results of files that no longer exist; a run that
    changes nothing writes nothing (so a warm run pays for no pruning)."""
    (tmp_path / "src").mkdir()
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / "src" / name).write_text(SEND, encoding="utf-8")
    run(tmp_path, "src")
    cache = tmp_path / ".wscode_cache"
    assert sorted(entries(cache)) == ["src/a.py", "src/b.py", "src/c.py"]
    (tmp_path / "src" / "b.py").unlink()
    packs = sorted(cache.glob("*.json"))
    written = [p.stat().st_mtime_ns for p in packs]
    warm = run(tmp_path, "src")
    assert warm.returncode == 1 and "src/b.py" not in warm.stdout
    assert [p.stat().st_mtime_ns for p in packs] == written  # nothing new: not written
    (tmp_path / "src" / "a.py").write_text(SEND.replace("1006", "1005"), encoding="utf-8")
    run(tmp_path, "src/a.py")  # a run over one file writes: b.py's result goes, c.py's stays
    assert sorted(entries(cache)) == ["src/a.py", "src/c.py"]
    (tmp_path / "src" / "c.py").unlink()
    (tmp_path / "src" / "d.py").write_text(SEND, encoding="utf-8")
    again = run(tmp_path, "--format", "json", "src")
    assert sorted(entries(cache)) == ["src/a.py", "src/d.py"]
    assert [f["path"] for f in json.loads(again.stdout)] == ["src/a.py", "src/d.py"]


def test_the_command_line_lists_agree_with_the_report_and_the_rules() -> None:
    """cli.py writes out the formats and severities so that it can start ripgrep before importing them."""
    assert tuple(report.FORMATS) == check_cli.OUTPUT_FORMATS
    assert tuple(s.value for s in Severity) == check_cli.SEVERITIES


def test_what_ripgrep_is_given_agrees_with_the_language_specs() -> None:
    """files.py writes out the needles and file names so that ripgrep starts before the specs are imported."""
    from wscodes.check import files
    from wscodes.core.scan.languages import _NAMES, LANGUAGES, needles

    wanted = tuple(sorted({n for language in LANGUAGES for n in needles(language)}))
    names = tuple(sorted(k for k in _NAMES if "." not in k and "," not in k))
    assert (wanted, names) == (files.RG_NEEDLES, files.RG_NAMES), f"RG_NEEDLES = {wanted}\nRG_NAMES = {names}"
