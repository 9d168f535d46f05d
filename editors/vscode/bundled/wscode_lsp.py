"""Start the language server the extension ships: on first start, install the bundled wheels
(bundled/wheels) into a private environment, offline; then run ``python -m wscodes.lsp`` there.

    <python 3.11+> wscode_lsp.py [wscode-lsp arguments]

$WSCODES_BUNDLE_ENV is the folder for the private environments (the extension passes its global
storage folder); each wscodes version and Python version gets its own. Nothing but the server's
protocol goes to stdout: pip's output goes to stderr (VS Code's "wscodes" output channel).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

WHEELS = Path(__file__).resolve().parent / "wheels"
MINIMUM = (3, 11)


def fail(message: str) -> None:
    print(f"wscodes: {message}", file=sys.stderr)
    sys.exit(1)


def bundled_version() -> str:
    for wheel in WHEELS.glob("wscodes-*.whl"):
        return wheel.name.split("-")[1]
    fail(f"no wscodes wheel in {WHEELS}: the extension's bundle is incomplete; reinstall it")
    raise AssertionError  # not reached


def env_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install(env: Path, version: str) -> None:
    """Create the environment next to its final place, then move it there (another window may
    be doing the same: the first one to finish wins)."""
    building = env.with_name(f"{env.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    venv.EnvBuilder(with_pip=False, clear=True).create(building)
    pip_wheel = next(WHEELS.glob("pip-*.whl"), None)
    if pip_wheel is None:
        fail(f"no pip wheel in {WHEELS}: the extension's bundle is incomplete; reinstall it")
    python = str(env_python(building))
    offline = ["--no-index", "--find-links", str(WHEELS), "--disable-pip-version-check", "--quiet"]
    steps = [
        ["install", *offline, "--requirement", str(WHEELS / "requirements.txt")],
        ["install", *offline, "--no-deps", f"wscodes=={version}"],
    ]
    print(f"wscodes: installing the bundled language server into {env} (once)", file=sys.stderr)
    for step in steps:
        done = subprocess.run(
            [python, str(pip_wheel / "pip"), *step], stdout=sys.stderr, stdin=subprocess.DEVNULL, check=False
        )
        if done.returncode != 0:
            shutil.rmtree(building, ignore_errors=True)
            fail(f"installing the bundled wheels failed (pip exit {done.returncode}); see the messages above")
    try:
        os.replace(building, env)
    except OSError:  # someone else finished first
        shutil.rmtree(building, ignore_errors=True)


def main() -> None:
    if sys.version_info < MINIMUM:
        fail(
            f"the language server needs Python {MINIMUM[0]}.{MINIMUM[1]} or later; {sys.executable} is "
            f"{sys.version.split()[0]}. Set wscodes.server.python, or select another interpreter."
        )
    version = bundled_version()
    root = Path(os.environ.get("WSCODES_BUNDLE_ENV") or Path.home() / ".cache" / "wscodes" / "vscode")
    env = root / f"wscodes-{version}-py{sys.version_info[0]}{sys.version_info[1]}"
    if not env_python(env).exists():
        root.mkdir(parents=True, exist_ok=True)
        install(env, version)
    # -I: neither the working directory (a checkout may hold a wscodes/ folder) nor $PYTHONPATH
    # may shadow what the private environment holds
    command = [str(env_python(env)), "-I", "-m", "wscodes.lsp", *sys.argv[1:]]
    if os.name == "nt":  # no exec on Windows: run it with our stdin/stdout and pass its exit code on
        sys.exit(subprocess.run(command, check=False).returncode)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
