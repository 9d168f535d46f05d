"""The documented Neovim (0.7+) config, in headless Neovim: diagnostics, hover, quick fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.editors.editor_run import DRIVERS, EDITORS, EditorRun, require, run_editor

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
