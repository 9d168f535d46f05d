"""Run mypy over the packages as they install: wscodes, wscodes.core, wscodes.lsp, wscodes.slack.

The repository keeps the design card's folders (core/, lsp_server/, slackbot/) and setuptools maps
them under ``wscodes.`` (pyproject's [tool.setuptools.package-dir]). mypy can't follow that
mapping (an editable install reaches it through an import hook), so this script lays out a link
tree as installed — build/typecheck/wscodes/{core,lsp,slack} pointing at the real folders — runs
mypy on it (pyproject's [tool.mypy] sets mypy_path to it) and prints the real paths.

    python scripts/typecheck.py [mypy options]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "typecheck"


def link_tree() -> dict[str, str]:
    """(Re)build the link tree; returns {link path prefix: real path prefix} for the output."""
    mapping: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ]
    shutil.rmtree(TREE, ignore_errors=True)
    top = TREE / "wscodes"
    top.mkdir(parents=True)
    prefixes: dict[str, str] = {}
    for entry in sorted((ROOT / "wscodes").iterdir()):  # the top package's own modules
        if entry.name != "__pycache__":
            (top / entry.name).symlink_to(os.path.relpath(entry, top))
    for package, folder in mapping.items():
        if package == "wscodes":
            continue
        link = TREE.joinpath(*package.split("."))
        link.symlink_to(os.path.relpath(ROOT / folder, link.parent), target_is_directory=True)
        prefixes[link.relative_to(ROOT).as_posix() + "/"] = folder + "/"
    prefixes[top.relative_to(ROOT).as_posix() + "/"] = "wscodes/"
    return prefixes


def main() -> int:
    prefixes = link_tree()
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", *sys.argv[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    for stream, text in ((sys.stdout, proc.stdout), (sys.stderr, proc.stderr)):
        for line in text.splitlines(keepends=True):
            link = next((link for link in prefixes if line.startswith(link)), None)  # longest first
            stream.write(line if link is None else prefixes[link] + line[len(link) :])
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
