"""The documented Neovim (0.7+) config, in headless Neovim: diagnostics, hover, quick fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.editors.editor_run import DRIVERS, EDITORS, EditorRun, require, run_editor, snippet_variant

SNIPPET = EDITORS / "neovim" / "wscodes.lua"


@pytest.fixture(scope="module")
def nvim_run(tmp_path_factory: pytest.TempPathFactory) -> EditorRun:
    nvim = require("nvim", "neovim")
    workdir: Path = tmp_path_factory.mktemp("nvim")
    argv = [nvim, "--headless", "--clean", "-c", f"luafile {DRIVERS / 'nvim.lua'}"]
    return run_editor(argv, SNIPPET, "closer.py", workdir)


def test_runs_without_error(nvim_run: EditorRun) -> None:
    assert nvim_run.result.get("error") is None, nvim_run.output
    assert nvim_run.returncode == 0
    assert nvim_run.result["filetype"] == "python"


def test_diagnostic_for_sending_1006(nvim_run: EditorRun) -> None:
    assert "WSC001" in nvim_run.codes(), nvim_run.result
    wsc001 = next(d for d in nvim_run.result["diagnostics"] if d["code"] == "WSC001")
    assert wsc001["lnum"] == 1  # 0-based: the `await ws.close(1006)` line
    assert "1006" in wsc001["message"]


def test_hover_names_the_code(nvim_run: EditorRun) -> None:
    assert "Abnormal Closure" in nvim_run.result["hover"], nvim_run.result


def test_quick_fix_removes_1006(nvim_run: EditorRun) -> None:
    assert any(a["kind"] == "quickfix" for a in nvim_run.result["code_actions"]), nvim_run.result
    after = nvim_run.result["after"]
    assert "1006" not in after
    assert "ws.close(" in after


def test_settings_in_the_snippet_reach_the_server(tmp_path: Path) -> None:
    """rules = { WSC001 = 'off' } in the documented config silences WSC001, and only it."""
    nvim = require("nvim", "neovim")
    variant = snippet_variant(SNIPPET, "rules = vim.empty_dict()", "rules = { WSC001 = 'off' }", tmp_path)
    argv = [nvim, "--headless", "--clean", "-c", f"luafile {DRIVERS / 'nvim.lua'}"]
    run = run_editor(argv, variant, "closer.py", tmp_path, steps="diagnostics")
    assert run.result.get("error") is None, run.output
    assert "WSC002" in run.codes(), run.result
    assert "WSC001" not in run.codes()


def test_definition_and_references(tmp_path: Path) -> None:
    """From `close(4001)` to its entry in wscodes.toml, and to every use (the quickfix list)."""
    nvim = require("nvim", "neovim")
    argv = [nvim, "--headless", "--clean", "-c", f"luafile {DRIVERS / 'nvim.lua'}"]
    run = run_editor(argv, SNIPPET, "session.py", tmp_path, steps="navigation", extra=("wscodes.toml",))
    assert run.result.get("error") is None, run.output
    assert run.result["definition"] == {"file": "wscodes.toml", "line": 2}, run.result  # [codes.4001]
    references = {(r["file"], r["line"]) for r in run.result["references"]}
    assert references == {("wscodes.toml", 2), ("session.py", 2), ("session.py", 6)}, run.result
