"""Fixtures shared by every suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _no_check_cache() -> Iterator[None]:
    """`wscode check` keeps results in .wscode_cache in its working directory: tests run it without
    (each run analyses what it reads); tests/check/test_cache.py turns it on."""
    patch = pytest.MonkeyPatch()
    patch.setenv("WSCODE_NO_CACHE", "1")
    yield
    patch.undo()


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` would install, built once per run from the checkout (no network).

    Built from a copy of the sources: setuptools reuses an in-tree build/ directory, and one left
    by an older layout would put its stale packages into the wheel."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "wscodes"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "node_modules", "*.egg-info", ".*_cache", ".hypothesis",
            "test-artifacts", "wheels", "*.vsix",
        ),
    )  # fmt: skip
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("wscodes-*.whl")
    return wheel
