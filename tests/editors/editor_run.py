"""Run a real editor headless on a copy of a fixture, with a documented config, and read back
the JSON its driver script wrote. Never hangs: every run has a hard timeout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
EDITORS = REPO / "editors"
DRIVERS = Path(__file__).resolve().parent / "drivers"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STEP_TIMEOUT_MS = 15_000
RUN_TIMEOUT_S = 90


@dataclass(frozen=True)
class EditorRun:
    result: dict[str, Any]
    returncode: int
    output: str

    def codes(self) -> list[str]:
        return [str(d.get("code")) for d in self.result.get("diagnostics", [])]


def server_bin_dir() -> Path:
    """The directory holding this environment's `wscode-lsp` (what a user's PATH would have)."""
    candidate = Path(sys.executable).parent / "wscode-lsp"
    if candidate.exists():
        return candidate.parent
    found = shutil.which("wscode-lsp")
    if found is None:
        raise AssertionError("wscode-lsp is not installed in this environment (pip install -e .)")
    return Path(found).parent


def require(executable: str, package: str) -> str:
    found = shutil.which(executable)
    if found is None:
        raise AssertionError(f"{executable} not found: install {package} (see .ci/apt-packages.txt)")
    return found


def snippet_variant(snippet: Path, old: str, new: str, workdir: Path) -> Path:
    """A copy of the documented snippet with one setting changed (as a user would edit it)."""
    text = snippet.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {snippet}"
    variant = workdir / f"variant-{snippet.name}"
    variant.write_text(text.replace(old, new), encoding="utf-8")
    return variant


def run_editor(
    argv: list[str],
    snippet: Path,
    fixture: str,
    workdir: Path,
    *,
    steps: str = "all",
    extra: tuple[str, ...] = (),
) -> EditorRun:
    """Start the editor in an empty HOME, with wscode-lsp on PATH, on a copy of the fixture (and
    of the ``extra`` fixtures beside it). steps="diagnostics" stops after reading the diagnostics
    (no hover, no quick fix); steps="navigation" goes to the definition of 4001 and lists its
    references instead."""
    project = workdir / "project"
    project.mkdir()
    target = project / fixture
    shutil.copyfile(FIXTURES / fixture, target)
    for name in extra:
        shutil.copyfile(FIXTURES / name, project / name)
    result_file = workdir / "result.json"
    home = workdir / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": f"{server_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}",
        "TERM": "dumb",
        "WSCODES_SNIPPET": str(snippet),
        "WSCODES_FILE": str(target),
        "WSCODES_RESULT": str(result_file),
        "WSCODES_STEP_TIMEOUT_MS": str(STEP_TIMEOUT_MS),
        "WSCODES_STEPS": steps,
    }
    env.pop("WSCODES_CONFIG", None)
    try:
        proc = subprocess.run(
            argv,
            check=False,
            cwd=project,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"{argv[0]} did not finish within {RUN_TIMEOUT_S}s: {exc.stderr!r}") from exc
    output = (proc.stdout or "") + (proc.stderr or "")
    if not result_file.exists():
        raise AssertionError(f"{argv[0]} wrote no result (exit {proc.returncode}):\n{output[-3000:]}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    return EditorRun(result=result, returncode=proc.returncode, output=output)
