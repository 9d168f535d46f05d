"""The documented Emacs + Eglot config, in batch Emacs: diagnostics, hover, quick fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.editors.editor_run import DRIVERS, EDITORS, EditorRun, require, run_editor, snippet_variant

SNIPPET = EDITORS / "emacs" / "wscodes-eglot.el"


@pytest.fixture(scope="module")
def emacs_run(tmp_path_factory: pytest.TempPathFactory) -> EditorRun:
    emacs = require("emacs", "emacs-nox (and elpa-eglot on Emacs < 29)")
    workdir: Path = tmp_path_factory.mktemp("emacs")
    argv = [emacs, "--batch", "-q", "-l", str(DRIVERS / "eglot.el")]
    return run_editor(argv, SNIPPET, "closer.py", workdir)


def test_runs_without_error(emacs_run: EditorRun) -> None:
    assert emacs_run.result.get("error") is None, emacs_run.output
    assert emacs_run.returncode == 0
    assert emacs_run.result["major_mode"] == "python-mode"
    assert emacs_run.result["managed"] is True


def test_diagnostic_for_sending_1006(emacs_run: EditorRun) -> None:
    assert "WSC001" in emacs_run.codes(), emacs_run.result
    wsc001 = next(d for d in emacs_run.result["diagnostics"] if d["code"] == "WSC001")
    assert wsc001["line"] == 2
    assert "1006" in wsc001["message"]


def test_hover_names_the_code(emacs_run: EditorRun) -> None:
    assert "Abnormal Closure" in emacs_run.result["hover"], emacs_run.result


def test_quick_fix_removes_1006(emacs_run: EditorRun) -> None:
    assert emacs_run.result["offered"], emacs_run.result
    after = emacs_run.result["after"]
    assert "1006" not in after
    assert "ws.close(" in after


def test_settings_in_the_snippet_reach_the_server(tmp_path: Path) -> None:
    """:rules (:WSC001 "off") in eglot-workspace-configuration silences WSC001, and only it."""
    emacs = require("emacs", "emacs-nox")
    variant = snippet_variant(
        SNIPPET,
        '(:wscodes (:runtime "auto"))',
        '(:wscodes (:runtime "auto" :rules (:WSC001 "off")))',
        tmp_path,
    )
    argv = [emacs, "--batch", "-q", "-l", str(DRIVERS / "eglot.el")]
    run = run_editor(argv, variant, "closer.py", tmp_path, steps="diagnostics")
    assert run.result.get("error") is None, run.output
    assert "WSC002" in run.codes(), run.result
    assert "WSC001" not in run.codes()


def test_definition_and_references(tmp_path: Path) -> None:
    """M-. on `close(4001)` finds its entry in wscodes.toml; M-? finds every use (through xref)."""
    emacs = require("emacs", "emacs-nox (and elpa-eglot on Emacs < 29)")
    argv = [emacs, "--batch", "-q", "-l", str(DRIVERS / "eglot.el")]
    run = run_editor(argv, SNIPPET, "session.py", tmp_path, steps="navigation", extra=("wscodes.toml",))
    assert run.result.get("error") is None, run.output
    assert run.result["definition"] == [{"file": "wscodes.toml", "line": 2}], run.result
    references = {(r["file"], r["line"]) for r in run.result["references"]}
    assert references == {("wscodes.toml", 2), ("session.py", 2), ("session.py", 6)}, run.result
