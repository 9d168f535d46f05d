"""docs/ci.md and .pre-commit-hooks.yaml: the commands they document, run as documented."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.editors.editor_run import FIXTURES, REPO, server_bin_dir

DOC = REPO / "docs" / "ci.md"
HOOKS = REPO / ".pre-commit-hooks.yaml"
# identify's tag for each language wscode check scans (pre-commit selects files by these tags)
LANGUAGE_TAGS = {"python", "javascript", "jsx", "ts", "tsx", "go", "rust", "java", "kotlin", "c#"}
LANGUAGE_TAGS |= {"swift", "php", "ruby", "elixir", "c", "c++", "objective-c", "dart", "scala", "lua"}


def workflow_runs() -> list[str]:
    """The `run:` steps of the GitHub Actions workflow in docs/ci.md, in order."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n# \.github/workflows/wscodes\.yml\n(.*?)```", text, re.DOTALL)
    assert block, "docs/ci.md lost its GitHub Actions workflow block"
    return re.findall(r"^\s*- run: (.+)$", block.group(1), re.MULTILINE)


def project(tmp_path: Path, *, bad_config: bool = False) -> Path:
    root = tmp_path / "repo"
    (root / "web").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "closer.py", root / "closer.py")
    (root / "web" / "clean.js").write_text("setTimeout(() => ws.close(1000), 1000);\n")
    if bad_config:
        (root / "wscodes.toml").write_text("rules = 5\n")
    return root


def run_step(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A step as GitHub runs it: bash -eo pipefail, with wscodes installed (here: this checkout's)."""
    env = {**os.environ, "PATH": f"{server_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_workflow_runs_the_documented_commands() -> None:
    runs = workflow_runs()
    assert runs.count("pip install wscodes") == 2
    assert "wscode check ." in runs
    assert any(r.startswith("wscode check --format sarif . > wscodes.sarif") for r in runs)
    assert "github/codeql-action/upload-sarif@" in DOC.read_text(encoding="utf-8")
    assert "sarif_file: wscodes.sarif" in DOC.read_text(encoding="utf-8")


def test_plain_check_job_fails_on_findings_and_passes_clean_code(tmp_path: Path) -> None:
    root = project(tmp_path)
    failing = run_step("wscode check .", root)
    assert failing.returncode == 1, failing.stderr
    assert "closer.py:2:20: WSC001" in failing.stdout
    (root / "closer.py").unlink()
    assert run_step("wscode check .", root).returncode == 0


def test_sarif_step_keeps_going_on_findings_and_writes_what_upload_sarif_reads(tmp_path: Path) -> None:
    root = project(tmp_path)
    (step,) = [r for r in workflow_runs() if "--format sarif" in r]
    proc = run_step(step, root)
    assert proc.returncode == 0, proc.stderr
    sarif = json.loads((root / "wscodes.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"WSC001", "WSC002"}
    result = next(r for r in run["results"] if r["ruleId"] == "WSC001")
    location = result["locations"][0]["physicalLocation"]
    # code scanning maps results to files by repository-relative URIs
    assert location["artifactLocation"]["uri"] == "closer.py"
    assert location["region"]["startLine"] == 2


def test_sarif_step_fails_when_wscode_cannot_check(tmp_path: Path) -> None:
    root = project(tmp_path, bad_config=True)
    (step,) = [r for r in workflow_runs() if "--format sarif" in r]
    proc = run_step(step, root)
    assert proc.returncode != 0  # the step fails (wscode exits 2, the `[ $? -eq 1 ]` guard fails)
    assert "wscodes.toml: rules: must be a table" in proc.stderr


def hook() -> dict[str, str]:
    text = HOOKS.read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(id|entry|language|types_or): (.+)$", text, re.MULTILINE))


def test_pre_commit_hook_definition() -> None:
    definition = hook()
    assert definition["id"] == "wscode-check"
    assert definition["language"] == "python"
    assert definition["entry"] == "wscode check --force-exclude"  # pre-commit names excluded files too
    tags = {t.strip() for t in definition["types_or"].strip("[]").split(",")}
    assert tags == LANGUAGE_TAGS
    assert "id: wscode-check" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(("files", "status"), [(["closer.py", "web/clean.js"], 1), (["web/clean.js"], 0)])
def test_pre_commit_entry_with_file_names(tmp_path: Path, files: list[str], status: int) -> None:
    """pre-commit runs `entry` with the staged file names appended."""
    root = project(tmp_path)
    proc = run_step(" ".join([hook()["entry"], *files]), root)
    assert proc.returncode == status, proc.stdout + proc.stderr
