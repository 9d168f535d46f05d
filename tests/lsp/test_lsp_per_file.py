"""Per-path project settings in the editor: the same findings as `wscode check` on the same file.

A real `wscode check --format json` run and a real LSP client over stdio look at the same files
under the same project files (``per-file-ignores`` in ``[tool.wscodes]`` and in a nested
``wscodes.toml``); each document's diagnostics must be exactly the command's findings for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from tests.lsp.lsp_helpers import open_doc, session, uri_for, wait_for_diagnostics

PYTHON = """\
import websockets


async def handler(ws):
    await ws.close(1006)
    await ws.close(999, "old")
    await ws.close(4001)
"""

JAVASCRIPT = """\
const ws = new WebSocket("wss://example.com/feed");
ws.close(1006);
ws.close(1001, "bye");
"""

ROOT_PYPROJECT = """\
[tool.wscodes]
runtime = "browser"

[tool.wscodes.per-file-ignores]
"tests/**" = ["WSC001"]
"legacy/*.js" = ["WSC006", "WSC002"]
"""

# A package of the monorepo with its own project file: its patterns are relative to it.
PACKAGE_TOML = """\
rules = {WSC010 = "warning"}

[per-file-ignores]
"gen/**" = ["WSC010", "WSC001"]
"""

FILES = {
    "src/app.py": PYTHON,
    "tests/test_app.py": PYTHON,
    "src/page.js": JAVASCRIPT,
    "legacy/page.js": JAVASCRIPT,
    "packages/b/main.py": PYTHON,
    "packages/b/gen/stub.py": PYTHON,
    "packages/b/tests/test_b.py": PYTHON,  # the root's "tests/**" is not b's pattern
}

Finding = tuple[str, int, int, int, int]  # rule, line, column, end line, end column (1-based)


def check_findings(root: Path) -> dict[str, set[Finding]]:
    env = {k: v for k, v in os.environ.items() if k != "WSCODES_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--format", "json", "--severity", "hint", "."],
        capture_output=True, text=True, cwd=root, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    out: dict[str, set[Finding]] = {name: set() for name in FILES}
    for f in json.loads(result.stdout):
        out[f["path"]].add((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]))
    return out


def as_findings(diagnostics: list[types.Diagnostic]) -> set[Finding]:
    # (ASCII text: UTF-16 columns are character columns)
    return {
        (
            str(d.code),
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.range.end.line + 1,
            d.range.end.character + 1,
        )
        for d in diagnostics
    }


async def test_per_file_ignores_give_the_editor_the_findings_wscode_check_reports(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(ROOT_PYPROJECT)
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "packages" / "b" / "wscodes.toml").write_text(PACKAGE_TOML)
    expected = check_findings(tmp_path)
    rules = {name: {f[0] for f in found} for name, found in expected.items()}
    # The patterns really bite (else the comparison below would prove nothing):
    assert "WSC001" in rules["src/app.py"] and "WSC001" not in rules["tests/test_app.py"]
    assert "WSC006" in rules["src/page.js"] and "WSC006" not in rules["legacy/page.js"]
    assert "WSC001" in rules["packages/b/tests/test_b.py"]
    assert "WSC010" in rules["packages/b/main.py"] and not rules["packages/b/gen/stub.py"] & {
        "WSC010",
        "WSC001",
    }
    async with session(tmp_path) as client:
        for name, text in FILES.items():
            uri = uri_for(tmp_path / name)
            open_doc(client, uri, text, "javascript" if name.endswith(".js") else "python")
            found = as_findings(await wait_for_diagnostics(client, uri))
            assert found == expected[name], name
