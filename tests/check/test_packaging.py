"""Packaging: the repository URL is written once ([project.urls]) and every doc agrees with it;
the Slack stack is an extra; `wscode-slack` without it says how to install it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PLACEHOLDER = "OWNER/" + "wscodes"  # (split, so this file doesn't hold it)


def tracked_text_files() -> list[Path]:
    listed = (
        subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    return [REPO / name for name in listed if name and (REPO / name).is_file()]


def test_no_placeholder_repository_url_is_left() -> None:
    offenders = []
    for path in tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if PLACEHOLDER in text:
            offenders.append(str(path.relative_to(REPO)))
    assert not offenders


def test_docs_show_the_repository_url_from_project_urls() -> None:
    repository = PYPROJECT["project"]["urls"]["Repository"]
    assert repository.startswith("https://github.com/")
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert f"repo: {repository}" in ci  # pre-commit
    assert f"uses: {repository.removeprefix('https://github.com/')}@" in ci  # the Action
    assert PYPROJECT["project"]["urls"]["Rules"] == f"{repository}/blob/main/docs/rules.md"
    for manifest in ("editors/zed/extension.toml",):
        text = (REPO / manifest).read_text(encoding="utf-8")
        assert repository in text, manifest


def test_the_action_runs_wscode_check_and_uploads_sarif() -> None:
    action = (REPO / "action.yml").read_text(encoding="utf-8")
    assert "wscode check" in action and "upload-sarif" in action and "pip install" in action
    assert "using: composite" in action


def test_slack_dependencies_are_an_extra() -> None:
    project = PYPROJECT["project"]
    base = " ".join(project["dependencies"]).lower()
    for name in ("slack-bolt", "aiohttp", "sqlalchemy", "aiosqlite", "psycopg"):
        assert name not in base, name
    slack = " ".join(project["optional-dependencies"]["slack"]).lower()
    assert "slack-bolt" in slack and "aiohttp" in slack
    assert "wscodes[slack]" in project["optional-dependencies"]["dev"]


def test_wscode_slack_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    # a folder on the path with a slack_bolt that is not a package: find_spec sees no module
    # (install-size measurements in the report use real venvs with and without the extra)
    (tmp_path / "sitecustomize.py").write_text(
        "import sys, importlib.machinery\n"
        "class Hide(importlib.machinery.PathFinder):\n"
        "    @classmethod\n"
        "    def find_spec(cls, name, path=None, target=None):\n"
        "        return None if name.split('.')[0] == 'slack_bolt' else super().find_spec(name, path, target)\n"  # noqa: E501
        "sys.meta_path[:] = [Hide if f is importlib.machinery.PathFinder else f for f in sys.meta_path]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}"}
    result = subprocess.run(
        [sys.executable, "-c", "from wscodes.cli import slack_entry; slack_entry()", "--help"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "wscode-slack: the Slack bot needs the slack extra (slack_bolt not installed): "
        "pip install 'wscodes[slack]'"
    ]
