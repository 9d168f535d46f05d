"""The documented Vim + ALE config, in Vim (Ex mode, no terminal): diagnostics, hover, quick fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.editors.editor_run import DRIVERS, EDITORS, EditorRun, require, run_editor, snippet_variant

SNIPPET = EDITORS / "vim" / "wscodes-ale.vim"


@pytest.fixture(scope="module")
def vim_run(tmp_path_factory: pytest.TempPathFactory) -> EditorRun:
    vim = require("vim", "vim (with +job) and vim-ale")
    workdir: Path = tmp_path_factory.mktemp("vim")
    argv = [vim, "--clean", "-N", "-es", "-S", str(DRIVERS / "ale.vim")]
    return run_editor(argv, SNIPPET, "closer.py", workdir)


def test_runs_without_error(vim_run: EditorRun) -> None:
    assert vim_run.result.get("error") is None, vim_run.output
    assert vim_run.returncode == 0
    assert vim_run.result["filetype"] == "python"


def test_diagnostic_for_sending_1006(vim_run: EditorRun) -> None:
    assert "WSC001" in vim_run.codes(), vim_run.result
    wsc001 = next(d for d in vim_run.result["diagnostics"] if d["code"] == "WSC001")
    assert wsc001["line"] == 2
    assert wsc001["linter"] == "wscodes"
    assert "1006" in wsc001["message"]


def test_hover_names_the_code(vim_run: EditorRun) -> None:
    assert "Abnormal Closure" in vim_run.result["hover"], vim_run.result


def test_quick_fix_removes_1006(vim_run: EditorRun) -> None:
    assert vim_run.result["offered"], vim_run.result
    after = vim_run.result["after"]
    assert "1006" not in after
    assert "ws.close(" in after


def test_settings_in_the_snippet_reach_the_server(tmp_path: Path) -> None:
    """'rules': {'WSC001': 'off'} in the linter definition silences WSC001, and only it."""
    vim = require("vim", "vim")
    variant = snippet_variant(
        SNIPPET,
        "'initialization_options': {'rules': {}, 'runtime': 'auto'}",
        "'initialization_options': {'rules': {'WSC001': 'off'}, 'runtime': 'auto'}",
        tmp_path,
    )
    variant.write_text(
        variant.read_text().replace(
            "'lsp_config': {'wscodes': {'rules': {}, 'runtime': 'auto'}}",
            "'lsp_config': {'wscodes': {'rules': {'WSC001': 'off'}, 'runtime': 'auto'}}",
        )
    )
    argv = [vim, "--clean", "-N", "-es", "-S", str(DRIVERS / "ale.vim")]
    run = run_editor(argv, variant, "closer.py", tmp_path, steps="diagnostics")
    assert run.result.get("error") is None, run.output
    assert "WSC002" in run.codes(), run.result
    assert "WSC001" not in run.codes()


def test_definition_and_references(tmp_path: Path) -> None:
    """:ALEGoToDefinition on `close(4001)` opens wscodes.toml at its entry; :ALEFindReferences
    -quickfix lists every use."""
    vim = require("vim", "vim (with +job) and vim-ale")
    argv = [vim, "--clean", "-N", "-es", "-S", str(DRIVERS / "ale.vim")]
    run = run_editor(argv, SNIPPET, "session.py", tmp_path, steps="navigation", extra=("wscodes.toml",))
    assert run.result.get("error") is None, run.output
    assert run.result["definition"] == {"file": "wscodes.toml", "line": 2}, run.result
    references = {(r["file"], r["line"]) for r in run.result["references"]}
    # ALE asks with includeDeclaration false: the uses, without the entry itself
    assert references == {("session.py", 2), ("session.py", 6)}, run.result
