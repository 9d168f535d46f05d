"""Put the language server into the extension: wheels of wscodes and of what its server needs,
for one VS Code platform, in bundled/wheels (the extension installs them into a private
environment on first start, offline: see bundled/wscode_lsp.py).

    python3 bundle.py --target linux-x64          # the platform of `vsce package --target`
    python3 bundle.py --target win32-arm64 --dest /tmp/wheels   # elsewhere (default bundled/wheels)

A grammar wheel that PyPI has no build of for the target (tree-sitter-dart for win32-arm64, say)
is left out with a message: the server then skips that one language there, as it does wherever
its grammar doesn't import. Every other dependency must have a wheel, or the bundle fails.

tree-sitter's own wheel is built per CPython version (cp311, cp312, ...); the grammar wheels are
abi3 and the rest pure Python, so one wheelhouse serves every supported Python. Needs PyPI.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WHEELS = HERE / "bundled" / "wheels"
PYTHONS = ("3.11", "3.12", "3.13", "3.14")  # the CPython versions the bundle serves
BOT_ONLY = {"slack-bolt", "aiohttp"}  # dependencies of the Slack bot: the server needs none of them

# VS Code's platform names (`vsce package --target`) -> the wheel platform tags pip may pick.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux-x64": (
        "manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
        "manylinux_2_5_x86_64", "manylinux1_x86_64",
    ),
    "linux-arm64": ("manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"),
    "alpine-x64": ("musllinux_1_2_x86_64", "musllinux_1_1_x86_64"),
    "alpine-arm64": ("musllinux_1_2_aarch64", "musllinux_1_1_aarch64"),
    "darwin-x64": (
        "macosx_10_9_x86_64", "macosx_10_13_x86_64", "macosx_11_0_x86_64",
        "macosx_10_9_universal2", "macosx_11_0_universal2",
    ),
    "darwin-arm64": ("macosx_11_0_arm64", "macosx_12_0_arm64", "macosx_10_9_universal2", "macosx_11_0_universal2"),
    "win32-x64": ("win_amd64",),
    "win32-arm64": ("win_arm64",),
}


def server_requirements() -> list[str]:
    """The project's dependencies, less the Slack bot's."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    keep = []
    for requirement in project["dependencies"]:
        name = requirement.split(";")[0]
        for stop in "<>=!~[ ":
            name = name.split(stop)[0]
        if name.strip().lower() not in BOT_ONLY:
            keep.append(requirement)
    return keep


def pip(*args: str, check: bool = True) -> bool:
    return subprocess.run([sys.executable, "-m", "pip", *args], check=check).returncode == 0


def is_grammar(requirement: str) -> bool:
    """A tree-sitter grammar wheel (tree-sitter-python, …), not tree-sitter itself."""
    return requirement.lower().startswith("tree-sitter-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", required=True, choices=sorted(PLATFORMS))
    parser.add_argument("--dest", type=Path, default=WHEELS, help="wheel folder (default: bundled/wheels)")
    args = parser.parse_args(argv)
    dest: Path = args.dest.resolve()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    requirements = server_requirements()
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(REPO))
    platforms = [f"--platform={tag}" for tag in PLATFORMS[args.target]]
    grammars = [r for r in requirements if is_grammar(r)]
    left_out: list[str] = []
    for python in PYTHONS:
        where = ("--only-binary=:all:", "--implementation=cp", f"--python-version={python}", *platforms)
        others = [r for r in requirements if not is_grammar(r)]
        pip("download", "--quiet", *where, "--dest", str(dest), *others)
        for grammar in grammars:
            if grammar not in left_out and not pip(
                "download", "--quiet", "--no-deps", *where, "--dest", str(dest), grammar, check=False
            ):
                left_out.append(grammar)
                print(f"bundle.py: PyPI has no {grammar} wheel for {args.target}: its language is left out")
    kept = [r for r in requirements if r not in left_out]
    (dest / "requirements.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    pip("download", "--quiet", "--only-binary=:all:", "--no-deps", "--dest", str(dest), "pip")
    names = sorted(p.name for p in dest.glob("*.whl"))
    print(f"bundle.py: {len(names)} wheels for {args.target} in {dest}, {len(left_out)} grammar(s) left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
