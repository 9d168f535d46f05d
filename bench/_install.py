"""This checkout, installed the way users get it, for the benchmarks that start `wscode` anew.

A regular (non-editable) install compiles the bytecode and builds the registry's marshal copy at
install time; a development checkout installed with -e may compile every module on every run
(e.g. under PYTHONDONTWRITEBYTECODE), which would be measured as start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def install(venv: str, *, deps: bool) -> str:
    """Create ``venv`` if needed and (re)install this checkout into it; its bin directory.
    ``deps``: also the dependencies (once, when the venv is created)."""
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        print(f"creating {venv} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        if deps:
            subprocess.run([python, "-m", "pip", "install", "--quiet", ROOT], check=True)
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", ROOT],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return os.path.join(venv, "bin")
