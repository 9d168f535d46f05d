"""The installed layout: one top-level package (wscodes) and a pure core.

The folders are the design card's (core/, lsp_server/, slackbot/); pyproject maps them under
wscodes.* at install time. These tests hold the mapping, the wheel and core's purity in place.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
CORE_FORBIDDEN = {"argparse", "subprocess", "threading", "concurrent", "multiprocessing", "asyncio"}


def _folder(package: str) -> Path:
    """The source folder of an installed package name, by pyproject's package-dir mapping."""
    mapping: dict[str, str] = SETUPTOOLS["package-dir"]
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in mapping:
            return REPO / mapping[head] / Path(*parts[cut:])
    raise AssertionError(f"{package} is not under a mapped folder")


def test_every_package_folder_is_listed_and_every_listed_package_exists() -> None:
    listed = set(SETUPTOOLS["packages"])
    for package in listed:
        assert (_folder(package) / "__init__.py").is_file(), package
    found = set()
    for top, folder in SETUPTOOLS["package-dir"].items():
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((top, *rel)))
    assert found == listed, "add the new subpackage to [tool.setuptools] packages"


def _module_imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every import statement in a file."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.append((node.level, node.module or ""))
        elif isinstance(node, ast.Import):
            out.extend((0, alias.name) for alias in node.names)
    return out


@pytest.mark.parametrize("path", sorted((REPO / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_imports_itself_relatively_and_no_front_end_or_process_handling(path: Path) -> None:
    for level, module in _module_imports(path):
        if level:
            continue
        top = module.split(".")[0]
        assert top not in {
            "core",
            "lsp_server",
            "slackbot",
            "wscodes",
            "pygls",
            "lsprotocol",
            "slack_bolt",
        }, f"{path.name} imports {module}"
        assert top not in CORE_FORBIDDEN, f"{path.name} imports {module}: that belongs in a front end"


def test_front_ends_and_tests_never_import_the_bare_folders() -> None:
    """Under pytest the repository root is on sys.path: `import core` would load a second copy."""
    for folder in ("wscodes", "lsp_server", "slackbot", "tests", "bench", "scripts"):
        for path in (REPO / folder).rglob("*.py"):
            for level, module in _module_imports(path):
                if level == 0:
                    assert module.split(".")[0] not in {"core", "lsp_server", "slackbot"}, f"{path}: {module}"


def test_the_wheel_installs_one_top_level_package_beside_another_distributions_core(
    built_wheel: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(built_wheel) as z:
        tops = {name.split("/")[0] for name in z.namelist()}
        top_level = {n for n in z.namelist() if n.endswith("top_level.txt")}
        if top_level:
            assert z.read(top_level.pop()).decode().split() == ["wscodes"]
    assert {t for t in tops if not t.endswith(".dist-info")} == {"wscodes"}

    # Another distribution that ships a top-level `core` package, installed into the same place.
    other = tmp_path / "othercore"
    (other / "core").mkdir(parents=True)
    (other / "core" / "__init__.py").write_text("WHO = 'othercore'\n")
    (other / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "othercore"\nversion = "1.0"\n[tool.setuptools]\npackages = ["core"]\n'
    )
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target"]
    subprocess.run(
        [*pip, str(target), str(built_wheel), str(other)], check=True, capture_output=True, timeout=300
    )
    probe = (
        "import core, wscodes.core, wscodes.core.registry as r; "
        f"print(core.WHO, r.lookup(1006).name, wscodes.core.__file__.startswith({str(target)!r}))"
    )
    # -S: no site-packages, so the checkout's editable install can't answer for wscodes.
    out = subprocess.run(
        [sys.executable, "-S", "-c", probe],
        env={"PYTHONPATH": str(target)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["othercore", "Abnormal", "Closure", "True"]
